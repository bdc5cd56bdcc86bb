#include <catch2/catch.hpp>

#include "depcheck/pep440/range.hpp"
#include "engine/fixes.hpp"

using depcheck::engine::RangeMemo;
using depcheck::pep440::parse_specifier_set;

// The fix planner's memo answers as the pep440 algebra does, asked once or again; intersects()
// is !is_empty(intersect()) without simplifying, also for specifiers the algebra bounds only
// (>V with V a pre-release, ===, <V.postN with a large N).
TEST_CASE("range memo: the same answers as the pep440 algebra", "[engine][fixes][range-memo]") {
  auto [a_text, b_text] = GENERATE(table<std::string, std::string>({
      {">=31", ">=5.0,<6.0"},
      {">=31", ">=30.0,<31.0"},
      {">=31", ">=30.0"},
      {"<2", ">=1.0,!=1.5.*"},
      {"==1.*", ">=1.2"},
      {">1.0a1", "<=1.0a1"},
      {">1.0a1", "<1.0"},
      {"===1.0", ">=1"},
      {"===foo", ">=1"},
      {"<1.0.post100", ">=1.0,<1.0.post1"},
      {"~=1.4.5", "<1.4.5"},
      {"", "<0"},
      {">=2,<1", ""},
  }));
  CAPTURE(a_text, b_text);
  const auto a = *parse_specifier_set(a_text), b = *parse_specifier_set(b_text);
  const auto expected = depcheck::pep440::intersect(a, b);
  RangeMemo memo;
  for (int round = 0; round < 2; ++round) {  // computed, then remembered
    CHECK(memo.intersect(a, b).str() == expected.str());
    CHECK(memo.intersects(a, b) == !depcheck::pep440::is_empty(expected));
    CHECK(memo.simplify(a).str() == depcheck::pep440::simplify(a).str());
    CHECK(memo.is_empty(b) == depcheck::pep440::is_empty(b));
  }
  // The key tells the two orders apart.
  CHECK(memo.intersect(b, a).str() == depcheck::pep440::intersect(b, a).str());
}
