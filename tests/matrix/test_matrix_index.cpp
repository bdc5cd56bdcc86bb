// Matrix::find and Matrix::merge go through the rule id index (by_id): merging n rules costs n
// lookups, not n searches of the rules merged so far.
#include <catch2/catch.hpp>
#include <string>

#include "depcheck/matrix.hpp"

using depcheck::FatalError;
using depcheck::matrix::load_matrix;
using depcheck::matrix::Matrix;

namespace {

// A matrix of `count` rules with ids prefix-0, prefix-1, ...
std::string matrix_of(const std::string& prefix, int count) {
  std::string rules;
  for (int i = 0; i < count; ++i) {
    if (i > 0) rules += ",";
    rules += R"({"id": ")" + prefix + "-" + std::to_string(i) +
             R"(", "severity": "error", "summary": "s", "when": [{"package": "p)" +
             std::to_string(i % 7) + R"(", "versions": ">=1"}], "references": ["https://e.org"]})";
  }
  return R"({"schema_version": 1, "matrix_version": ")" + prefix + R"(", "rules": [)" + rules +
         "]}";
}

}  // namespace

TEST_CASE("matrix index: find by id after loading and merging", "[matrix][index]") {
  Matrix merged;
  merged.merge(load_matrix(matrix_of("a", 3000), "a.json"));
  merged.merge(load_matrix(matrix_of("b", 3000), "b.json"));
  REQUIRE(merged.rules.size() == 6000);
  CHECK(merged.matrix_version == "a");
  CHECK(merged.by_id.size() == 6000);
  for (const auto* id : {"a-0", "a-2999", "b-0", "b-1234", "b-2999"}) {
    CAPTURE(id);
    const auto* rule = merged.find(id);
    REQUIRE(rule != nullptr);
    CHECK(rule->id == id);
  }
  CHECK(merged.find("b-3000") == nullptr);
  CHECK(merged.find("") == nullptr);
  // by_package still lists every rule of a package, in order.
  CHECK(merged.by_package.at("p0").size() == 2 * ((3000 + 6) / 7));
}

TEST_CASE("matrix index: a duplicate id across merges names the first one's matrix",
          "[matrix][index][errors]") {
  Matrix merged;
  merged.merge(load_matrix(matrix_of("a", 100), "a.json"));
  try {
    merged.merge(load_matrix(matrix_of("a", 1), "again.json"));
    FAIL("merge accepted a duplicate id");
  } catch (const FatalError& e) {
    CHECK(std::string(e.what()) == "rule 'a-0': duplicate id (also in a.json)");
  }
}

// Rules changed by hand since the last reindex() are still found.
TEST_CASE("matrix index: find falls back when the index is stale", "[matrix][index]") {
  auto matrix = load_matrix(matrix_of("a", 10), "a.json");
  matrix.rules[3].id = "renamed";
  matrix.rules.push_back(matrix.rules[0]);
  matrix.rules.back().id = "added";
  REQUIRE(matrix.find("renamed") != nullptr);
  CHECK(matrix.find("renamed")->id == "renamed");
  REQUIRE(matrix.find("added") != nullptr);
  CHECK(matrix.find("added") == &matrix.rules.back());
  CHECK(matrix.find("a-3") == nullptr);
  matrix.reindex();
  CHECK(matrix.by_id.at("added") == 10);
}
