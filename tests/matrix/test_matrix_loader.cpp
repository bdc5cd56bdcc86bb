#include <catch2/catch.hpp>

#include "depcheck/matrix.hpp"

using depcheck::FatalError;
using depcheck::matrix::load_matrix;

namespace {

// A one-rule matrix with `rule_body` spliced in as the rule's fields.
std::string matrix_with(const std::string& rule_body) {
  return R"({"schema_version": 1, "matrix_version": "t", "rules": [{)" + rule_body + "}]}";
}

const std::string k_valid_rule =
    R"("id": "alpha-beta", "severity": "error", "summary": "s",
       "when": [{"package": "Alpha_Pkg", "versions": ">=1.2,<1.9"}, {"package": "beta", "versions": ">=3"}],
       "fixes": [{"package": "alpha-pkg", "versions": ">=1.9"}],
       "references": ["https://example.org/issue/1"],
       "examples": {"bad": [{"alpha-pkg": "1.4.0", "beta": "3.0.1"}], "good": [{"alpha-pkg": "1.9", "beta": "3"}]})";

std::string load_error(const std::string& text) {
  try {
    load_matrix(text, "m.json");
  } catch (const FatalError& e) {
    return e.where.str() + ": " + e.what();
  }
  return "(loaded)";
}

}  // namespace

TEST_CASE("matrix: a valid rule loads, names normalized, indexed by every package", "[matrix]") {
  const auto m = load_matrix(matrix_with(k_valid_rule), "m.json");
  REQUIRE(m.rules.size() == 1);
  const auto& rule = m.rules[0];
  CHECK(rule.id == "alpha-beta");
  CHECK(rule.when[0].package == "alpha-pkg");
  CHECK(rule.when[0].versions_text == ">=1.2,<1.9");
  CHECK(rule.bad_examples.at(0).at("alpha-pkg") == "1.4.0");
  CHECK(m.matrix_version == "t");
  CHECK(m.by_package.at("alpha-pkg") == std::vector<std::size_t>{0});
  CHECK(m.by_package.at("beta") == std::vector<std::size_t>{0});
}

TEST_CASE("matrix: what does not load is exit 2 naming the rule", "[matrix][errors]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"{",
       "m.json:1:2: invalid JSON: syntax error while parsing object key - unexpected end of input; "
       "expected string literal"},
      {"[]", "m.json: a matrix must be a JSON object with \"schema_version\" and \"rules\""},
      {R"({"schema_version": 2, "rules": []})",
       "m.json: unsupported schema_version 2 (this depcheck reads schema_version 1)"},
      {R"({"schema_version": 1})", "m.json: missing \"rules\" array"},
      {R"({"schema_version": 1, "rules": [], "extra": 1})",
       "m.json: unknown top-level field 'extra'"},
      {matrix_with(R"("id": "x", "severity": "error", "summary": "s")"),
       "m.json: rule 'x': missing field 'when'"},
      {matrix_with(R"("severity": "error", "summary": "s", "when": [])"),
       "m.json: rule 'rules[0]': missing field 'id'"},
      {matrix_with(R"("id": "x", "severity": "fatal", "summary": "s", "when": [{"package": "a"}])"),
       "m.json: rule 'x': invalid severity 'fatal' (expected error, warning or info)"},
      {matrix_with(R"("id": "x", "severity": "error", "summary": "s", "when": [])"),
       "m.json: rule 'x': 'when' needs at least one condition"},
      {matrix_with(
           R"("id": "x", "severity": "error", "summary": "s", "when": [{"package": "a", "versions": ">=1..2"}])"),
       "m.json: rule 'x': invalid specifier '>=1..2' in 'when[0].versions'"},
      {matrix_with(
           R"("id": "x", "severity": "error", "summary": "s", "when": [{"package": "a", "versions": 3}])"),
       "m.json: rule 'x': unexpected type number (expected string) in 'when[0].versions'"},
      {matrix_with(
           R"("id": "x", "severity": "error", "summary": "s", "when": [{"package": "a"}], "sumary": "")"),
       "m.json: rule 'x': unknown field 'sumary' (did you mean 'summary'?)"},
      {matrix_with(
           R"("id": "X Y", "severity": "error", "summary": "s", "when": [{"package": "a"}])"),
       "m.json: rule 'X Y': invalid id 'X Y' (use lowercase letters, digits, '-', '.', '_')"},
      {matrix_with(
           R"("id": "x", "severity": "error", "summary": "s", "when": [{"package": "a"}], "examples": {"bad": [{"a": "1..0"}]})"),
       "m.json: rule 'x': invalid version '1..0' in 'examples.bad[0].a'"},
      {R"({"schema_version": 1, "rules": [{"id": "x", "severity": "error", "summary": "s", "when": [{"package": "a"}]},
                                          {"id": "x", "severity": "error", "summary": "s", "when": [{"package": "b"}]}]})",
       "m.json: rule 'x': duplicate id"},
  }));
  CAPTURE(text);
  CHECK(load_error(text) == expected);
}

TEST_CASE("matrix: merging a second matrix with a taken id fails", "[matrix][errors]") {
  auto first = load_matrix(matrix_with(k_valid_rule), "a.json");
  auto second = load_matrix(matrix_with(k_valid_rule), "b.json");
  try {
    first.merge(std::move(second));
    FAIL("merge accepted a duplicate id");
  } catch (const FatalError& e) {
    CHECK(std::string(e.what()) == "rule 'alpha-beta': duplicate id (also in a.json)");
    CHECK(e.where.path == "b.json");
  }
}
