// Every consistent recommendation, applied as printed, makes its finding go away and brings
// nothing new: for each bundled rule's bad examples, and for the bundled example project.
#include <catch2/catch.hpp>

#include <set>

#include "depcheck/engine.hpp"
#include "depcheck/matrix.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"
#include "depcheck/util/files.hpp"
#include "support.hpp"

using namespace depcheck;

namespace {

Package pkg(const std::string& name, const std::string& version, int line) {
  Package p;
  p.name = pep508::normalize_name(name);
  p.version_text = version;
  p.version = *pep440::parse_version(version);
  p.where = Location{"poetry.lock", line};
  return p;
}

// Real versions of `package` named anywhere in the matrix's examples: the candidates a fix
// may move to (the test does not invent versions).
std::vector<std::string> known_versions(const matrix::Matrix& m, const std::string& package) {
  std::set<std::string> versions;
  for (const auto& rule : m.rules)
    for (const auto* sets : {&rule.bad_examples, &rule.good_examples})
      for (const auto& set : *sets)
        if (const auto it = set.find(package); it != set.end()) versions.insert(it->second);
  return {versions.begin(), versions.end()};
}

std::set<std::string> rule_ids(const std::vector<engine::Finding>& findings) {
  std::set<std::string> ids;
  for (const auto& f : findings)
    if (f.kind == "incompatibility") ids.insert(f.rule);
  return ids;
}

// Applies `option` to `input` with the first known version inside its range; false if none.
bool apply(const matrix::Matrix& m, const engine::FixOption& option, Input& input) {
  const auto range = pep440::parse_specifier_set(option.versions);
  REQUIRE(range);
  for (const auto& text : known_versions(m, option.package)) {
    const auto version = pep440::parse_version(text);
    if (!range->contains(*version)) continue;
    for (auto& p : input.packages) {
      if (p.name != option.package) continue;
      p.version_text = text;
      p.version = *version;
    }
    return true;
  }
  return false;
}

}  // namespace

TEST_CASE("fixes applied: every bundled rule's consistent fixes remove it and add nothing",
          "[engine][fixes][bundled]") {
  const auto m = matrix::bundled_matrix();
  int applied = 0;
  for (const auto& rule : m.rules) {
    for (const auto& bad : rule.bad_examples) {
      Input input;
      input.path = input.format = "poetry.lock";
      int line = 1;
      for (const auto& [name, version] : bad) input.packages.push_back(pkg(name, version, line++));
      // A python and platform on which the rule's markers hold.
      std::string python = "3.11", platform = "linux";
      for (const char* os : {"win32", "darwin", "linux"})
        for (const char* candidate : {"3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14"})
          if (!rule.markers || rule.markers->evaluate(pep508::environment_for(candidate, os))) {
            python = candidate;
            platform = os;
          }
      const engine::Target target(python, platform);
      CAPTURE(rule.id, python, platform);
      const auto before = engine::check_input(input, m, target, {});
      const auto ids_before = rule_ids(before.findings);
      REQUIRE(ids_before.count(rule.id));
      for (const auto& f : before.findings) {
        if (f.rule != rule.id) continue;
        for (const auto& option : f.fixes) {
          if (!option.consistent) continue;
          CAPTURE(rule.id, option.package, option.versions);
          Input fixed = input;
          if (!apply(m, option, fixed)) continue;  // no known release inside the range
          const auto ids_after = rule_ids(engine::check_input(fixed, m, target, {}).findings);
          CHECK_FALSE(ids_after.count(rule.id));
          for (const auto& id : ids_after) {
            CAPTURE(id);
            CHECK(ids_before.count(id));
          }
          ++applied;
        }
      }
    }
  }
  CHECK(applied > 100);
}

TEST_CASE("fixes applied: the plan for the bundled example resolves every finding",
          "[engine][fixes]") {
  const std::string dir = std::string(DEPCHECK_SOURCE_DIR) + "/data/examples/uvicorn-websockets";
  Input input;
  input.path = dir + "/poetry.lock";
  input.format = "poetry.lock";
  Diagnostics diags;
  readers::read_poetry_lock(util::read_file(input.path), input.path, input, diags);
  REQUIRE(diags.empty());
  const auto m = matrix::bundled_matrix();
  const engine::Target target("3.10", "linux");
  const auto before = engine::check_input(input, m, target, {});
  REQUIRE(rule_ids(before.findings) ==
          std::set<std::string>{"uvicorn-websockets-13-1-connectionclosed-code-deprecation",
                                "uvicorn-websockets-13-ws-handler-path-deprecation",
                                "uvicorn-websockets-14-legacy-import-deprecation"});
  REQUIRE(before.plan.resolves_all);
  REQUIRE(before.plan.changes.size() == 1);
  Input fixed = input;
  REQUIRE(apply(m, before.plan.changes[0], fixed));
  CHECK(engine::check_input(fixed, m, target, {}).findings.empty());
}
