// depcheck lint-matrix: version-set containment and the lint checks.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "cli/lint.hpp"
#include "depcheck/matrix.hpp"

using namespace depcheck;

namespace {

pep440::SpecifierSet set(const std::string& text) {
  auto parsed = pep440::parse_specifier_set(text);
  REQUIRE(parsed);
  return *parsed;
}

// Versions around every bound the specifier sets below use: pre-, post-, dev- and local
// releases of each, so that an unsound containment claim shows up as a counterexample.
const std::vector<std::string> k_probe_versions = {
    "0.1",       "0.9",         "1.0.dev0",    "1.0a1",     "1.0rc1",      "1.0",       "1.0+local",
    "1.0.post1", "1.0.post1+x", "1.0.0.1",     "1.1.dev0",  "1.1",         "1.1.5",     "1.2.dev0",
    "1.2a1",     "1.2",         "1.2+ubuntu1", "1.2.0",     "1.2.1",       "1.2.post2", "1.4",
    "1.4.2",     "1.4.9",       "1.5.dev0",    "1.5rc1",    "1.5",         "1.5.post1", "1.9",
    "2.0.dev0",  "2.0a1",       "2.0",         "2.0+local", "2.0.post0",   "2.0.1",     "2.1",
    "3.0",       "10.0",        "1!0.5",       "1!1.0",     "1!2.0.post1",
};

const std::vector<std::string> k_sets = {
    "",           ">=1.0",       ">1.0",        "<=1.0",       "<1.0",        "==1.0",
    "!=1.0",      ">=1.2,<1.5",  ">=1,<2",      ">1.0,<2.0",   "<2",          "<2.0rc1",
    "<=2.0",      ">=2",         ">=2.0.post0", "==1.2.*",     "!=1.2.*",     "==1.*",
    "~=1.4.2",    "~=1.4",       "~=1.0",       ">=1.0,!=1.2", "==1.0+local", "<1!1",
    ">1!0.1",     ">1.0.post1",  ">=1.5,<1.2",  "==0.*",       "~=0.9",       "===1.0",
    ">=1.0,<1.0", "<=1.0,>=1.0",
};

}  // namespace

TEST_CASE("lint: version-set containment", "[cli][lint]") {
  auto [inner, outer, expected] = GENERATE(table<std::string, std::string, bool>({
      // Nested intervals
      {">=1.2,<1.5", ">=1,<2", true},
      {">=1,<2", ">=1.2,<1.5", false},
      {">=1.2", ">=1.0", true},
      {">=1.0", ">=1.2", false},
      {"<1.9", "<2", true},
      {"<2", "<2", true},  // the same specifier
      {"<=1.9", "<2", true},
      {"<=2.0", "<2", false},  // 2.0 is in one, not the other
      {"<2.0", "<=2.0", true},
      {"==1.4", ">=1,<2", true},
      {"==1.4", "==1.4.0", true},  // the same version written twice
      {">=1,<2", "", true},        // any version
      {"", ">=1", false},
      // PEP 440 exclusions of < and >
      {"<2.0rc1", "<2", false},  // 2.0a1 is in the first; <2 excludes 2.0's pre-releases
      {">1.0", ">=1.0", true},
      {">=1.0", ">1.0", false},
      {">=1.1", ">1.0", true},
      {">=1.0.post1", ">1.0", false},  // >1.0 excludes 1.0's post-releases
      {">1.0.post1", ">1.0", false},   // 1.0.post2 is in the first only
      // Wildcards and ~=
      {"==1.2.*", ">=1.2.dev0,<1.3.dev0", true},
      {">=1.2.5,<1.2.9", "==1.2.*", true},
      {">=1.2,<1.4", "==1.*", true},
      {">=1.2,<2.1", "==1.*", false},
      {"~=1.4.2", "==1.4.*", true},
      {"~=1.4.2", ">=1.4,<1.5", true},
      {"~=1.4", ">=1.4,<2", true},
      {"~=1.4", ">=1.4,<1.9", false},
      {"==0.*", "<1", false},  // packaging's prefix match on "0" also takes other epochs
      // != and exclusions
      {">=1.5,<2", "!=1.2", true},
      {">=1,<2", "!=1.2", false},
      {">=1.5,<2", "!=1.2.*", true},
      {"==1.2.3", "!=1.2.*", false},
      {">=1.0,!=1.2", ">=1.0,!=1.2", true},
      // Empty sets lie within anything
      {">=1.5,<1.2", "==3.0", true},
      {">=1.0,<1.0", "==3.0", true},
      // === allows at most one version
      {"===1.0", ">=0", true},  // === allows at most 1.0 itself
      {"===1.0", "===1.0", true},
  }));
  CAPTURE(inner, outer);
  CHECK(cli::versions_contained(set(inner), set(outer)) == expected);
}

TEST_CASE("lint: versions_empty", "[cli][lint]") {
  auto [text, expected] = GENERATE(table<std::string, bool>({
      {">=1.5,<1.2", true},
      {">=1.0,<1.0", true},
      {">1.0,<1.0", true},
      {">1.0,<=1.0", true},    // >1.0 excludes 1.0+local and 1.0.post*
      {"<=1.0,>=1.0", false},  // 1.0 itself
      {"==1.0,!=1.0", true},
      {">=1.0,<1.0.post0", false},
      {"", false},
  }));
  CAPTURE(text);
  CHECK(cli::versions_empty(set(text)) == expected);
}

// Soundness: a claim of containment must hold for every probe version (our own PEP 440
// containment is checked against packaging in tests/pep440).
TEST_CASE("lint: containment claims hold on every probe version", "[cli][lint]") {
  std::size_t claims = 0;
  for (const auto& inner : k_sets) {
    for (const auto& outer : k_sets) {
      const auto a = set(inner), b = set(outer);
      if (cli::versions_empty(a)) {
        for (const auto& v : k_probe_versions) {
          CAPTURE(inner, v);
          CHECK_FALSE(a.contains(std::string_view(v)));
        }
      }
      if (!cli::versions_contained(a, b)) continue;
      ++claims;
      for (const auto& v : k_probe_versions) {
        if (!a.contains(std::string_view(v))) continue;
        CAPTURE(inner, outer, v);
        CHECK(b.contains(std::string_view(v)));
      }
    }
  }
  CHECK(claims > k_sets.size());  // more than the trivial claims of each set within itself
}

namespace {

const char* const k_bad_matrix = R"json({
  "schema_version": 1,
  "matrix_version": "test-1",
  "rules": [
    {
      "id": "alpha-beta",
      "severity": "error",
      "summary": "alpha before 1.9 breaks with beta 3",
      "when": [{"package": "alpha", "versions": ">=1.2,<1.9"}, {"package": "beta", "versions": ">=3"}],
      "fixes": [{"package": "alpha", "versions": ">=1.9"}, {"package": "beta", "versions": "<3"}],
      "references": ["https://example.org/alpha/1"],
      "added": "2026-01-15",
      "examples": {"bad": [{"alpha": "1.4", "beta": "3.0"}, {"alpha": "1.9", "beta": "3.0"}],
                   "good": [{"alpha": "1.9", "beta": "3.0"}, {"alpha": "1.4", "beta": "3.1"}]}
    },
    {
      "id": "alpha-beta-narrow",
      "severity": "warning",
      "summary": "a part of alpha-beta",
      "when": [{"package": "beta", "versions": ">=3.1"}, {"package": "alpha", "versions": "==1.4.*"}],
      "fixes": [{"package": "alpha", "versions": ">=2"}],
      "references": ["example.org/no-scheme"],
      "added": "2026-1-15",
      "reviewed": "2025-12-01",
      "examples": {"bad": [{"alpha": "1.4.1", "beta": "3.1"}], "good": [{"alpha": "2.0", "beta": "3.1"}]}
    },
    {
      "id": "gamma-broken",
      "severity": "error",
      "summary": "gamma 2.0.0 is broken",
      "when": [{"package": "gamma", "versions": "==2.0.0"}],
      "fixes": [{"package": "gamma", "versions": "!=2.0.0"}],
      "examples": {"good": [{"gamma": "1.0"}]}
    },
    {
      "id": "delta-never",
      "severity": "info",
      "summary": "cannot fire",
      "when": [{"package": "delta", "versions": ">=2,<1"}],
      "references": ["https://example.org/delta"],
      "added": "2026-01-15",
      "examples": {"bad": [{"delta": "1.5"}]}
    },
    {
      "id": "gamma-broken-again",
      "severity": "error",
      "summary": "gamma 2.0.0 is broken (copied)",
      "when": [{"package": "gamma", "versions": "==2.0.0"}],
      "fixes": [{"package": "gamma", "versions": "!=2.0.0"}],
      "references": ["https://example.org/gamma"],
      "added": "2026-01-15",
      "reviewed": "2026-02-01",
      "examples": {"bad": [{"gamma": "2.0.0"}], "good": [{"gamma": "2.0.1"}]}
    }
  ]
})json";

}  // namespace

TEST_CASE("lint: every kind of problem, in file order", "[cli][lint]") {
  const auto matrix = matrix::load_matrix(k_bad_matrix, "bad.json");
  // A bundled matrix that has an id of this one.
  auto bundled = matrix::load_matrix(R"({"schema_version": 1, "rules": [
    {"id": "gamma-broken-again", "severity": "info", "summary": "s", "when": [{"package": "z"}]}]})",
                                     "<bundled>");
  std::vector<std::string> lines;
  for (const auto& p : cli::lint_rules(matrix, k_bad_matrix, &bundled))
    if (p.message.rfind("no messages", 0) != 0)  // its own test below
      lines.push_back(std::to_string(p.line) + ": " + std::string(to_string(p.severity)) + ": " +
                      p.rule + ": " + p.message);
  CHECK(
      lines ==
      std::vector<std::string>{
          "6: error: alpha-beta: examples.bad[1] {alpha 1.9, beta 3.0} does not fire the rule",
          "6: error: alpha-beta: examples.good[1] {alpha 1.4, beta 3.1} fires the rule",
          "6: error: alpha-beta: fixes[1] (beta <3) is not proven by any good example (add one "
          "with "
          "beta in that range and the other packages as in a bad example)",
          "17: warning: alpha-beta-narrow: reference 'example.org/no-scheme' is not an http(s) URL",
          "17: error: alpha-beta-narrow: invalid date '2026-1-15' in 'added' (expected YYYY-MM-DD)",
          "17: error: alpha-beta-narrow: is shadowed by 'alpha-beta': it fires on every version "
          "set this "
          "rule does, as severe, with the same symptom, and a fix for each of this rule's (merge "
          "the two)",
          "28: error: gamma-broken: no references (give at least one upstream issue, pull request "
          "or "
          "changelog)",
          "28: warning: gamma-broken: no 'added' date (when the rule was last checked against "
          "upstream)",
          "28: warning: gamma-broken: no examples.bad: nothing shows when the rule fires",
          "36: error: delta-never: when[0].versions '>=2,<1' matches no version: the rule can "
          "never fire",
          "36: error: delta-never: examples.bad[0] {delta 1.5} does not fire the rule",
          "45: warning: gamma-broken-again: the bundled matrix has a rule with this id: both "
          "cannot be "
          "loaded together (rename it, or use --no-default-matrix)",
          "45: error: gamma-broken-again: duplicates 'gamma-broken': the same packages and "
          "versions, "
          "severity, symptom and fixes (merge the two)",
      });
}

TEST_CASE("lint: shadowing needs the same packages, severity, symptom and fixes", "[cli][lint]") {
  const auto make = [](const std::string& narrow_severity, const std::string& narrow_fix,
                       const std::string& wide_markers) {
    return std::string(R"({"schema_version": 1, "rules": [
      {"id": "wide", "severity": "error", "symptom": "import-error", "summary": "s",)") +
           (wide_markers.empty() ? "" : "\"markers\": \"" + wide_markers + "\",") +
           R"("when": [{"package": "a", "versions": "<2"}, {"package": "b", "versions": ">=3"}],
       "fixes": [{"package": "a", "versions": ">=2"}], "references": ["https://e.org"], "added": "2026-01-01", "messages": ["cannot import name 'x' from 'a'"],
       "examples": {"bad": [{"a": "1.0", "b": "3"}], "good": [{"a": "2.0", "b": "3"}]}},
      {"id": "narrow", "severity": ")" +
           narrow_severity + R"(", "symptom": "import-error", "summary": "s",
       "when": [{"package": "b", "versions": ">=3.5"}, {"package": "a", "versions": ">=1,<1.5"}],
       "fixes": [{"package": "a", "versions": ")" +
           narrow_fix +
           R"("}], "references": ["https://e.org"], "added": "2026-01-01", "messages": ["cannot import name 'x' from 'a'"],
       "examples": {"bad": [{"a": "1.0", "b": "3.5"}], "good": [{"a": "2.1", "b": "3.5"}]}}]})";
  };
  auto [severity, fix, markers, shadowed] =
      GENERATE(table<std::string, std::string, std::string, bool>({
          {"error", ">=2", "", true},
          {"warning", ">=2", "", true},                        // less severe: adds nothing
          {"error", ">=2.1", "", true},                        // a narrower fix adds nothing
          {"error", ">=1.5", "", false},                       // a wider fix (1.5 to 2) is news
          {"error", ">=2", "python_version < '3.12'", false},  // the wide rule fires less often
      }));
  CAPTURE(severity, fix, markers);
  const auto text = make(severity, fix, markers);
  const auto matrix = matrix::load_matrix(text, "m.json");
  std::vector<std::string> messages;
  for (const auto& p : cli::lint_rules(matrix, text, nullptr))
    messages.push_back(p.rule + ": " + p.message);
  if (shadowed) {
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].rfind("narrow: is shadowed by 'wide'", 0) == 0);
  } else {
    CHECK(messages.empty());
  }
}

TEST_CASE("lint: an error rule inside a warning's range is not shadowed", "[cli][lint]") {
  const std::string text = R"({"schema_version": 1, "rules": [
    {"id": "wide-warning", "severity": "warning", "summary": "s",
     "when": [{"package": "a", "versions": "<2"}], "fixes": [{"package": "a", "versions": ">=2"}],
     "references": ["https://e.org"], "added": "2026-01-01", "messages": ["cannot import name 'x' from 'a'"],
     "examples": {"bad": [{"a": "1.0"}], "good": [{"a": "2.0"}]}},
    {"id": "narrow-error", "severity": "error", "summary": "s",
     "when": [{"package": "a", "versions": "<1"}], "fixes": [{"package": "a", "versions": ">=2"}],
     "references": ["https://e.org"], "added": "2026-01-01", "messages": ["cannot import name 'x' from 'a'"],
     "examples": {"bad": [{"a": "0.5"}], "good": [{"a": "2.0"}]}}]})";
  CHECK(cli::lint_rules(matrix::load_matrix(text, "m.json"), text, nullptr).empty());
}

TEST_CASE("lint: the bundled matrix has no problems", "[cli][lint][bundled]") {
  const auto matrix = matrix::bundled_matrix();
  for (const auto& p : cli::lint_rules(matrix, matrix::bundled_matrix_json(), nullptr)) {
    CAPTURE(p.rule, p.message);
    CHECK(p.severity != Severity::error);
  }
}

TEST_CASE("lint: a rule without messages is a warning (diagnose cannot find it)", "[cli][lint]") {
  const std::string text = R"({"schema_version": 1, "rules": [
    {"id": "silent", "severity": "error", "summary": "s",
     "when": [{"package": "a", "versions": "<2"}], "fixes": [{"package": "a", "versions": ">=2"}],
     "references": ["https://e.org"], "added": "2026-01-01",
     "examples": {"bad": [{"a": "1.0"}], "good": [{"a": "2.0"}]}}]})";
  const auto problems = cli::lint_rules(matrix::load_matrix(text, "m.json"), text, nullptr);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].severity == Severity::warning);
  CHECK(problems[0].message.rfind("no messages", 0) == 0);
}

TEST_CASE("lint: the example of a team's own rule in data/CONTRIBUTING.md is clean",
          "[cli][lint]") {
  std::ifstream in(std::string(DEPCHECK_SOURCE_DIR) + "/data/CONTRIBUTING.md");
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  const auto start = doc.find("```json\n");
  REQUIRE(start != std::string::npos);
  const auto end = doc.find("\n```", start + 8);
  REQUIRE(end != std::string::npos);
  const std::string text = doc.substr(start + 8, end - start - 8);
  const auto matrix = matrix::load_matrix(text, "our-rules.json");
  CHECK(matrix.rules.size() == 1);
  const auto bundled = matrix::bundled_matrix();
  CHECK(cli::lint_rules(matrix, text, &bundled).empty());
}
