// Every bundled rule is checked against its own examples and the SPEC's requirements.
#include <catch2/catch.hpp>

#include <set>

#include "depcheck/engine.hpp"
#include "depcheck/matrix.hpp"

using namespace depcheck;

namespace {

std::vector<std::pair<std::string, std::string>> as_versions(const matrix::ExampleSet& set) {
  return {set.begin(), set.end()};
}

}  // namespace

TEST_CASE("bundled matrix: loads, and every rule is complete", "[matrix][bundled]") {
  const auto m = matrix::bundled_matrix();
  CHECK_FALSE(m.matrix_version.empty());
  std::set<std::string> ids;
  for (const auto& rule : m.rules) {
    CAPTURE(rule.id);
    CHECK(ids.insert(rule.id).second);
    CHECK_FALSE(rule.references.empty());
    for (const auto& ref : rule.references) CHECK(ref.rfind("https://", 0) == 0);
    CHECK_FALSE(rule.details.empty());
    CHECK_FALSE(rule.fixes.empty());
    CHECK_FALSE(rule.added.empty());
    CHECK_FALSE(rule.bad_examples.empty());
    CHECK_FALSE(rule.good_examples.empty());
    // What `depcheck diagnose` recognises it by: specific text, not a bare exception name.
    CHECK_FALSE(rule.messages.empty());
    for (const auto& message : rule.messages) CHECK(message.size() >= 12);
  }
}

TEST_CASE("bundled matrix: every rule fires on its bad examples and not on its good ones",
          "[matrix][bundled]") {
  const auto m = matrix::bundled_matrix();
  for (const auto& rule : m.rules) {
    CAPTURE(rule.id);
    // Examples carry package versions only; markers are checked by the engine tests.
    for (const auto& bad : rule.bad_examples)
      CHECK(engine::rule_fires(rule, as_versions(bad), nullptr));
    for (const auto& good : rule.good_examples)
      CHECK_FALSE(engine::rule_fires(rule, as_versions(good), nullptr));
  }
}

TEST_CASE("bundled matrix: each fix, applied to a bad example, silences the rule",
          "[matrix][bundled]") {
  const auto m = matrix::bundled_matrix();
  for (const auto& rule : m.rules) {
    for (const auto& fix : rule.fixes) {
      CAPTURE(rule.id, fix.package, fix.versions_text);
      // Some good example must be a bad one moved inside this fix's range.
      bool proven = false;
      for (const auto& good : rule.good_examples) {
        const auto it = good.find(fix.package);
        if (it == good.end()) continue;
        const auto version = pep440::parse_version(it->second);
        if (version && fix.versions.contains(*version)) proven = true;
      }
      CHECK(proven);
    }
  }
}
