// Fuzzes the matrix loader (SPEC "Compatibility matrix": anything that does not load is a
// FatalError, exit 2). A matrix that loads is merged with the bundled one (a duplicate id is a
// FatalError too) and every rule is evaluated on its own examples.
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "depcheck/engine.hpp"
#include "depcheck/matrix.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace depcheck;
  using fuzz::fail;
  const auto text = fuzz::as_text(data, size);
  static const auto env = pep508::environment_for("3.12", "linux");
  matrix::Matrix loaded;
  try {
    loaded = matrix::load_matrix(text, "matrix.json");
  } catch (const FatalError& e) {
    if (std::string_view(e.what()).empty()) fail("a FatalError without a message", text);
    return 0;
  } catch (const std::exception& e) {
    fail(std::string("non-FatalError exception: ") + e.what(), text);
  }
  for (const auto& rule : loaded.rules) {
    if (rule.id.empty()) fail("a rule without an id", text);
    if (rule.when.empty()) fail("a rule without conditions", text);
    if (loaded.find(rule.id) != &rule) fail("find() does not find a rule by its id", text);
    for (const auto* examples : {&rule.bad_examples, &rule.good_examples}) {
      for (const auto& example : *examples) {
        std::vector<std::pair<std::string, std::string>> versions(example.begin(), example.end());
        (void)engine::rule_fires(rule, versions, &env);
        (void)engine::rule_fires(rule, versions, nullptr);
      }
    }
  }
  try {
    static const auto bundled = matrix::bundled_matrix();
    auto merged = bundled;
    merged.merge(std::move(loaded));
  } catch (const FatalError&) {
  } catch (const std::exception& e) {
    fail(std::string("merge threw a non-FatalError exception: ") + e.what(), text);
  }
  return 0;
}
