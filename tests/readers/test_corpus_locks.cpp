// The shared corpus's lock files (poetry.lock, uv.lock, pdm.lock, Pipfile.lock, pylock.toml)
// against the reference lists in corpus/expected/<file>.json: the same multiset of
// (normalized name, version as written), the same unversioned names, and a failure exactly
// where the reference could not parse the file.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "depcheck/readers/reader.hpp"
#include "depcheck/util/files.hpp"
#include "support.hpp"

using depcheck::Diagnostics;
using depcheck::FatalError;
using depcheck::Input;
using depcheck::Severity;
using nlohmann::json;

namespace {

using Pair = std::pair<std::string, std::string>;  // (name, version)

bool is_lock_format(const std::string& format) {
  return format == "poetry.lock" || format == "uv.lock" || format == "pdm.lock" ||
         format == "Pipfile.lock" || format == "pylock.toml";
}

// Files on which our readers report an error although the reference lists their packages:
// each is invalid on purpose, in a way the reference does not check.
const std::map<std::string, std::string>& k_errors_expected() {
  static const std::map<std::string, std::string> files = {
      // [[packages]] without a name (PEP 751 requires one): reported, the entry skipped.
      {"edge/pip-audit/test_assets_pylock.package-missing-name.toml", "missing 'name'"},
  };
  return files;
}

}  // namespace

TEST_CASE("corpus: lock readers list what the reference lists", "[readers][corpus]") {
  const auto shared = depcheck::test::shared_dir();
  if (shared.empty()) {
    WARN("shared corpus not found: skipped");
    return;
  }
  const std::string corpus = shared + "/corpus";
  const auto manifest = json::parse(depcheck::util::read_file(corpus + "/MANIFEST.json"));

  int files = 0;
  int matching = 0;
  for (const auto& entry : manifest) {
    const auto format = entry["format"].get<std::string>();
    if (!is_lock_format(format)) continue;
    ++files;
    const auto file = entry["file"].get<std::string>();
    CAPTURE(file, format);
    const auto expected =
        json::parse(depcheck::util::read_file(corpus + "/expected/" + file + ".json"));
    const auto* reader = depcheck::readers::find_reader(format);
    REQUIRE(reader != nullptr);

    const auto text = depcheck::util::read_file(corpus + "/" + file);
    Input input;
    Diagnostics diags;
    std::string fatal;
    try {
      reader->read(text, file, input, diags);
    } catch (const FatalError& error) {
      fatal = error.where.str() + ": " + error.what();
    }
    std::vector<std::string> errors;
    for (const auto& diag : diags)
      if (diag.severity == Severity::error)
        errors.push_back(diag.where.str() + ": " + diag.message);

    if (expected.contains("error")) {
      CAPTURE(expected["error"].get<std::string>());
      CHECK((!fatal.empty() || !errors.empty()));
      if (!fatal.empty() || !errors.empty()) ++matching;
      continue;
    }
    CHECK(fatal == "");
    const bool errors_expected = k_errors_expected().count(file) > 0;
    if (!errors_expected) CHECK(errors == std::vector<std::string>{});

    std::vector<Pair> expected_packages;
    for (const auto& package : expected["packages"])
      expected_packages.emplace_back(package["name"].get<std::string>(),
                                     package["version"].get<std::string>());
    std::vector<Pair> packages;
    for (const auto& package : input.packages)
      packages.emplace_back(package.name, package.version_text);
    std::sort(expected_packages.begin(), expected_packages.end());
    std::sort(packages.begin(), packages.end());
    CHECK(packages == expected_packages);

    // The reference lists an entry without a name as unversioned with name null; we report it.
    std::vector<std::string> expected_unversioned;
    for (const auto& package : expected["unversioned"])
      if (package["name"].is_string())
        expected_unversioned.push_back(package["name"].get<std::string>());
    std::vector<std::string> unversioned;
    for (const auto& package : input.unversioned) unversioned.push_back(package.name);
    std::sort(expected_unversioned.begin(), expected_unversioned.end());
    std::sort(unversioned.begin(), unversioned.end());
    CHECK(unversioned == expected_unversioned);

    if (fatal.empty() && packages == expected_packages && unversioned == expected_unversioned &&
        (errors_expected ? !errors.empty() : errors.empty()))
      ++matching;
  }
  CHECK(files > 0);
  CHECK(matching == files);
  WARN(std::to_string(matching) + "/" + std::to_string(files) + " lock files match the reference");
}
