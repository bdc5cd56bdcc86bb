#include <catch2/catch.hpp>

#include "depcheck/matrix.hpp"
#include "matrix/fast_matrix.hpp"

using depcheck::FatalError;
using depcheck::matrix::Matrix;
using depcheck::matrix::detail::fast_load_matrix;
using depcheck::matrix::detail::load_matrix_with_tree;

namespace {

// Everything a loaded matrix holds, as text, so that two loads compare field by field.
std::string dump(const Matrix& m) {
  std::string out = "version=" + m.matrix_version + "\n";
  const auto constraints = [&](const char* what, const auto& list) {
    for (const auto& c : list)
      out += std::string(" ") + what + ":" + c.package + "|" + c.versions_text + "|" +
             c.versions.str() + "\n";
  };
  for (const auto& r : m.rules) {
    out += "rule " + r.id + " " + std::to_string(static_cast<int>(r.severity)) + " [" + r.symptom +
           "][" + r.summary + "][" + r.details + "][" + r.markers_text + "][" +
           (r.markers ? r.markers->str() : "-") + "][" + r.added + "][" + r.reviewed + "][" +
           r.origin + "]\n";
    constraints("when", r.when);
    constraints("fix", r.fixes);
    for (const auto& ref : r.references) out += " ref:" + ref + "\n";
    for (const auto* sets : {&r.bad_examples, &r.good_examples})
      for (const auto& set : *sets) {
        out += " example:";
        for (const auto& [name, version] : set) out += name + "=" + version + ";";
        out += "\n";
      }
  }
  for (const auto& [package, rules] : m.by_package) out += "index " + package + "\n";
  return out;
}

std::string tree_result(const std::string& text) {
  try {
    return dump(load_matrix_with_tree(text, "m.json"));
  } catch (const FatalError& e) {
    return "error: " + e.where.str() + ": " + e.what();
  }
}

std::string one_rule(const std::string& extra_fields) {
  return R"({"schema_version": 1, "matrix_version": "t", "rules": [{"id": "a-b", "severity": "warning", "summary": "s",
      "when": [{"package": "Alpha_Pkg", "versions": ">=1.2,<1.9"}, {"package": "beta"}])" +
         extra_fields + "}]}";
}

}  // namespace

// The fast path loads exactly what the nlohmann path loads.
TEST_CASE("matrix fast path: the bundled matrix loads as with the document tree",
          "[matrix][fast-matrix]") {
  const std::string text(depcheck::matrix::bundled_matrix_json());
  const auto fast = fast_load_matrix(text, "<bundled matrix>");
  REQUIRE(fast);
  CHECK(dump(*fast) == dump(load_matrix_with_tree(text, "<bundled matrix>")));
}

TEST_CASE("matrix fast path: what it takes loads as with the tree; the rest goes there",
          "[matrix][fast-matrix]") {
  const auto text = GENERATE(
      one_rule(""),
      one_rule(
          R"(, "fixes": [{"package": "beta", "versions": "<3", "comment": {"x": [1, 2.5, -0, true, false, null]}}])"),
      one_rule(
          R"(, "markers": "python_version >= \"3.8\"", "details": "tab\tquote\" slash\/ \\ \b\f\r\n")"),
      one_rule(R"(, "references": ["https://e.org/\u00e9"], "summary2": 1)"),  // given up below
      one_rule(R"(, "details": "caf\u00e9 na\u00efve")"),
      one_rule(R"(, "details": "café – 𝄞 ✓", "added": "2026-01-01", "reviewed": "2026-02-02")"),
      one_rule(
          R"(, "examples": {"bad": [{"alpha-pkg": "1.4", "BETA": "3"}], "good": []}, "comment": "c")"),
      std::string(R"( {"$schema": "x", "comment": [], "rules": [], "schema_version": 1} )"),
      std::string("{\"schema_version\":1,\"rules\":[]}\n\r\t "));
  CAPTURE(text);
  const auto fast = fast_load_matrix(text, "m.json");
  // Where the fast path takes a document, it loads what the tree loads.
  if (fast) CHECK(dump(*fast) == tree_result(text));
  // Through load_matrix() the result is the tree's, error or not.
  std::string through;
  try {
    through = dump(depcheck::matrix::load_matrix(text, "m.json"));
  } catch (const FatalError& e) {
    through = "error: " + e.where.str() + ": " + e.what();
  }
  CHECK(through == tree_result(text));
}

TEST_CASE("matrix fast path: plain documents are taken, not given up", "[matrix][fast-matrix]") {
  CHECK(fast_load_matrix(one_rule(""), "m.json"));
  CHECK(fast_load_matrix(one_rule(R"(, "details": "café ✓ 𝄞")"), "m.json"));
  CHECK(fast_load_matrix(R"({"schema_version": 1, "rules": [], "comment": {"a": [1, 2.5]}})", "m"));
}

// Anything unusual or wrong goes to the tree, which words the error.
TEST_CASE("matrix fast path: gives up on what it does not take", "[matrix][fast-matrix]") {
  const auto text = GENERATE(
      std::string("\xEF\xBB\xBF{\"schema_version\": 1, \"rules\": []}"),  // byte-order mark
      std::string(R"({"schema_version": 1.0, "rules": []})"),
      std::string(R"({"schema_version": 1e0, "rules": []})"),
      std::string(R"({"schema_version": 2, "rules": []})"),
      std::string(R"({"schema_version": 1, "rules": [], "comment": 1e999})"),
      std::string(R"({"schema_version": 1, "rules": [], "rules": []})"),  // duplicate key
      std::string(R"({"schema_version": 1, "rules": []} x)"),
      std::string(R"({"schema_version": 1, "rules": [],})"),
      std::string(R"({"schema_version": 1})"),
      std::string("{\"schema_version\": 1, \"rules\": [], \"comment\": \"a\x01\"}"),
      std::string("{\"schema_version\": 1, \"rules\": [], \"comment\": \"\xC0\xAF\"}"),
      std::string("{\"schema_version\": 1, \"rules\": [], \"comment\": \"\xED\xA0\x80\"}"),
      std::string(R"({"schema_version": 1, "rules": [], "comment": "\ud800"})"),
      std::string(R"({"schema_version": 1, "rules": [], "comment": [01]})"),
      std::string(R"({"schema_version": 1, "rules": [], "extra": 1})"),
      one_rule(R"(, "summary": "again")"),
      one_rule(R"(, "fixes": [{"package": "beta", "versions": "=>3"}])"),
      one_rule(R"(, "fixes": [{"package": ""}])"),
      one_rule(R"(, "fixes": [{"package": "beta", "version": "<3"}])"),
      one_rule(R"(, "markers": "os_name == 'a' garbage")"),
      one_rule(R"(, "examples": {"bad": [{"beta": "1..0"}]})"),
      one_rule(R"(, "examples": {"bad": [{"Beta": "1", "beta": "2"}]})"),
      one_rule(R"(, "examples": {"ugly": []})"), one_rule(R"(, "references": [1])"),
      one_rule(R"(, "severity2": "x")"),
      std::string(
          R"({"schema_version": 1, "rules": [{"id": "A", "severity": "error", "summary": "s", "when": [{"package": "a"}]}]})"),
      std::string(
          R"({"schema_version": 1, "rules": [{"id": "a", "severity": "fatal", "summary": "s", "when": [{"package": "a"}]}]})"),
      std::string(
          R"({"schema_version": 1, "rules": [{"id": "a", "severity": "error", "summary": "s", "when": []}]})"),
      std::string(
          R"({"schema_version": 1, "rules": [{"id": "a", "severity": "error", "summary": "s", "when": [{"package": "a"}, {"package": "A"}]}]})"),
      std::string(
          R"({"schema_version": 1, "rules": [{"id": "a", "severity": "error", "summary": "s", "when": [{"package": "a"}]}, {"id": "a", "severity": "error", "summary": "s", "when": [{"package": "b"}]}]})"),
      std::string(
          R"({"schema_version": 1, "rules": [{"id": "a", "severity": "error", "when": [{"package": "a"}]}]})"),
      std::string(""));
  CAPTURE(text);
  CHECK_FALSE(fast_load_matrix(text, "m.json"));
}
