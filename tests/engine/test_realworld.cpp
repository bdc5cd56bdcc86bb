// The real-world suite: locks and requirements of public projects (tests/realworld, MANIFEST.json
// names repository, commit and path), checked as `depcheck --recursive` and as one `depcheck
// PATH` per input. tests/realworld/expected.json holds every finding, each reviewed with its
// evidence; the runs must report exactly those, and the same for an input on its own as in the
// whole scan.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "cli/check_run.hpp"
#include "depcheck/readers/reader.hpp"
#include "depcheck/util/files.hpp"

using namespace depcheck;

namespace {

const std::string k_root = std::string(DEPCHECK_SOURCE_DIR) + "/tests/realworld/";

std::string relative(const std::string& path) {
  return path.starts_with(k_root) ? path.substr(k_root.size()) : path;
}

// "input | rule | severity | name version + name version"
std::string describe(const engine::Finding& f) {
  std::string text =
      relative(f.input) + " | " + f.rule + " | " + std::string(to_string(f.severity)) + " |";
  for (std::size_t i = 0; i < f.packages.size(); ++i)
    text += (i ? " + " : " ") + f.packages[i].name + " " + f.packages[i].version;
  return text;
}

std::multiset<std::string> findings_of(const report::Report& report) {
  std::multiset<std::string> found;
  for (const auto& f : report.findings) found.insert(describe(f));
  return found;
}

}  // namespace

TEST_CASE("real world: every finding on the suite is a reviewed one", "[realworld]") {
  const auto expected_json = nlohmann::json::parse(util::read_file(k_root + "expected.json"));
  std::multiset<std::string> expected;
  for (const auto& f : expected_json["findings"]) {
    std::string text = f["input"].get<std::string>() + " | " + f["rule"].get<std::string>() +
                       " | " + f["severity"].get<std::string>() + " |";
    bool first = true;
    for (const auto& p : f["packages"]) {
      text += (first ? " " : " + ") + p.get<std::string>();
      first = false;
    }
    REQUIRE_FALSE(f["verdict"].get<std::string>().empty());
    expected.insert(text);
  }
  std::set<std::string> expected_errors;
  for (const auto& e : expected_json["input_errors"])
    expected_errors.insert(e["path"].get<std::string>() + ":" +
                           std::to_string(e["line"].get<int>()));

  cli::Options options;
  options.paths = {k_root};
  options.recursive = true;
  options.jobs = 2;
  const auto scan = cli::run_check(options);
  CHECK(scan->report.inputs.size() >= 100);
  CHECK(findings_of(scan->report) == expected);
  std::set<std::string> errors;
  for (const auto& d : scan->report.errors)
    errors.insert(relative(d.where.path) + ":" + std::to_string(d.where.line));
  CHECK(errors == expected_errors);

  // Each input on its own reports what the scan reported for it.
  std::map<std::string, std::multiset<std::string>> by_input;
  for (const auto& f : scan->report.findings) by_input[relative(f.input)].insert(describe(f));
  std::size_t locks = 0;
  for (const Input* input : scan->report.inputs) {
    if (!readers::traits_of(input->format).locks) continue;
    ++locks;
    cli::Options one;
    one.paths = {input->path};
    one.input_format = input->format;
    const auto alone = cli::run_check(one);
    CAPTURE(input->path);
    CHECK(findings_of(alone->report) == by_input[relative(input->path)]);
    REQUIRE(alone->report.targets.size() >= 1);
    CHECK(alone->report.targets.front().python ==
          scan->report
              .target_of(static_cast<std::size_t>(
                  std::find(scan->report.inputs.begin(), scan->report.inputs.end(), input) -
                  scan->report.inputs.begin()))
              .python);
  }
  CHECK(locks >= 60);
}
