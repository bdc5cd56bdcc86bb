#include <catch2/catch.hpp>

#include "depcheck/pep440/version.hpp"
#include "readers/poetry_constraint.hpp"

using depcheck::Dependency;
using depcheck::readers::parse_poetry_constraint;
using depcheck::readers::poetry_python_marker;

// poetry-core's test_constraints_keep_version_precision: ^ and ~ ranges keep the precision of
// the version written; ^ allows changes right of the first non-zero component.
TEST_CASE("poetry constraint: caret and tilde as poetry-core", "[readers][poetry][constraint]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"1", "==1"},
      {"1.2", "==1.2"},
      {"1.2.3", "==1.2.3"},
      {"!=1", "!=1"},
      {"!=1.2", "!=1.2"},
      {"!=1.2.3", "!=1.2.3"},
      {"^1", ">=1,<2"},
      {"^1.0", ">=1.0,<2.0"},
      {"^1.0.0", ">=1.0.0,<2.0.0"},
      {"^1.0.0-alpha.1", ">=1.0.0a1,<2.0.0"},
      {"^0", ">=0,<1"},
      {"^0.1", ">=0.1,<0.2"},
      {"^0.0.2", ">=0.0.2,<0.0.3"},
      {"^0.1.2", ">=0.1.2,<0.2.0"},
      {"^0-alpha.1", ">=0a1,<1"},
      {"^0.1-alpha.1", ">=0.1a1,<0.2"},
      {"^0.0.2-alpha.1", ">=0.0.2a1,<0.0.3"},
      {"^0.1.2-alpha.1", ">=0.1.2a1,<0.2.0"},
      {"~1", ">=1,<2"},
      {"~1.0", ">=1.0,<1.1"},
      {"~1.0.0", ">=1.0.0,<1.1.0"},
      // The task's examples.
      {"^0.2.3", ">=0.2.3,<0.3.0"},
      {"^0.0.3", ">=0.0.3,<0.0.4"},
      {"^0.0", ">=0.0,<0.1"},
      {"~1.2", ">=1.2,<1.3"},
      {"~1.2.3", ">=1.2.3,<1.3.0"},
      {"~v1", ">=1,<2"},
      {"^1.2.3.4", ">=1.2.3.4,<2.0.0.0"},
      {"^1.0.0a1.dev0", ">=1.0.0a1.dev0,<2.0.0"},
      {"~1.0.0a1", ">=1.0.0a1,<1.1.0"},
      {"^1.2.post1", ">=1.2.post1,<2.0"},
      {"^ 1.2", ">=1.2,<2.0"},
      {"^1!2.3", ">=1!2.3,<1!3.0"},
      {"^99999999999999999999.1", ">=99999999999999999999.1,<100000000000000000000.0"},
      {"^0.9.9", ">=0.9.9,<0.10.0"},
      // ~= : two components -> next major, else next minor (same as PEP 440 for 2 or 3).
      {"~=3.5", ">=3.5,<4.0"},
      {"~=3.5.3", ">=3.5.3,<3.6.0"},
      {"~=3.5.3rc1", ">=3.5.3rc1,<3.6.0"},
      {"~= 3.5", ">=3.5,<4.0"},
  }));
  CAPTURE(input);
  auto constraint = parse_poetry_constraint(input);
  REQUIRE(constraint.has_value());
  CHECK(constraint->str() == expected);
}

// parse_single_constraint: any, comparisons, wildcards (poetry-core test_parse_constraint*).
TEST_CASE("poetry constraint: comparisons and wildcards", "[readers][poetry][constraint]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"*", ""},
      {"*.*", ""},
      {"v*.*", ""},
      {"x", ""},
      {">1.0.0", ">1.0.0"},
      {"<1.2.3", "<1.2.3"},
      {"<=1.2.3", "<=1.2.3"},
      {">=1.2.3", ">=1.2.3"},
      {"=1.2.3", "==1.2.3"},
      {"==1.2.3", "==1.2.3"},
      {"1!2.3.4", "==1!2.3.4"},
      {"1.2.3b5", "==1.2.3b5"},
      {">dev", ">0.0.dev0"},
      {">= 3.8", ">=3.8"},
      // poetry-core returns the version itself for "<>" (no != branch): exactly that version.
      {"<>1.0", "==1.0"},
      {"v2.*", "==2.*"},
      {"2.*.*", "==2.*"},
      {"20.*", "==20.*"},
      {"2.0.*", "==2.0.*"},
      {"==3.8.*", "==3.8.*"},
      {"!=3.8.*", "!=3.8.*"},
      {"0.*", "==0.*"},
      {">=1.0.*", ">=1.0"},
      // Wildcards on pre/post/dev releases: ranges PEP 440 cannot write with ".*".
      {"2.0.post1.*", ">=2.0.post1.dev0,<2.0.post2.dev0"},
      {"2.0a1.*", ">=2.0a1.dev0,<2.0a2.dev0"},
      {"2.0dev0.*", ">=2.0.dev0,<2.0.dev1"},
  }));
  CAPTURE(input);
  auto constraint = parse_poetry_constraint(input);
  REQUIRE(constraint.has_value());
  CHECK(constraint->str() == expected);
}

// parse_constraint: "," and " " are AND (not after an operator), "||" and "|" are OR, and
// trailing commas are allowed.
TEST_CASE("poetry constraint: AND and OR", "[readers][poetry][constraint]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {">=1.0 <2.0", ">=1.0,<2.0"},
      {">=1.0,<2.0", ">=1.0,<2.0"},
      {">= 1.0, < 2.0", ">=1.0,<2.0"},
      {">=2.7, !=3.0.*, != 3.4.*", ">=2.7,!=3.0.*,!=3.4.*"},
      {">3.7,", ">3.7"},
      {">3.7 , ", ">3.7"},
      {">3.7,<3.8,", ">3.7,<3.8"},
      {">3.7,||<3.6,", ">3.7 || <3.6"},
      {">3.7 , || <3.6 , ", ">3.7 || <3.6"},
      {">3.7, <3.8, || <3.6, >3.5", ">3.7,<3.8 || <3.6,>3.5"},
      {"~2.7 || ^3.4", ">=2.7,<2.8 || >=3.4,<4.0"},
      {"^1.2 | ^2.0", ">=1.2,<2.0 || >=2.0,<3.0"},
      {"^3.12,<3.14", ">=3.12,<4.0,<3.14"},
      {"* || >=1.0", ""},
  }));
  CAPTURE(input);
  auto constraint = parse_poetry_constraint(input);
  REQUIRE(constraint.has_value());
  CHECK(constraint->str() == expected);
}

TEST_CASE("poetry constraint: invalid constraints", "[readers][poetry][constraint]") {
  auto input = GENERATE(as<std::string>{}, "^1..0", "1.0 - 2.0", "foo", "", ">=1.0,<<2",
                        "!=2.0a1.*", "===1.0", "^", "1.x");
  CAPTURE(input);
  auto constraint = parse_poetry_constraint(input);
  REQUIRE_FALSE(constraint.has_value());
  CHECK(constraint.error() == "invalid version constraint '" + input + "'");
}

TEST_CASE("poetry constraint: one set or alternatives on a Dependency",
          "[readers][poetry][constraint]") {
  Dependency single;
  parse_poetry_constraint("^1.2")->apply_to(single);
  CHECK(single.specifier_text == ">=1.2,<2.0");
  CHECK(single.any_of.empty());
  CHECK(single.allows(*depcheck::pep440::parse_version("1.9")));
  CHECK_FALSE(single.allows(*depcheck::pep440::parse_version("2.0")));

  Dependency either;
  parse_poetry_constraint("~1.2 || ^3")->apply_to(either);
  CHECK(either.specifier_text == ">=1.2,<1.3 || >=3,<4");
  CHECK(either.any_of.size() == 2);
  CHECK(either.allows(*depcheck::pep440::parse_version("3.5")));
  CHECK(either.allows(*depcheck::pep440::parse_version("1.2.9")));
  CHECK_FALSE(either.allows(*depcheck::pep440::parse_version("2.0")));

  Dependency any;
  parse_poetry_constraint("*")->apply_to(any);
  CHECK(any.specifier_text == "");
  CHECK(any.specifiers.is_any());
  CHECK(any.any_of.empty());
}

// create_nested_marker: python_version for X.Y, python_full_version for X.Y.Z, and
// "> X.Y" / "<= X.Y" on python_full_version with X.Y.0.
TEST_CASE("poetry constraint: python restrictions as markers", "[readers][poetry][constraint]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"*", ""},
      {"^3.7", "python_version >= \"3.7\" and python_version < \"4.0\""},
      {"<3", "python_version < \"3\""},
      {">=3.6.1", "python_full_version >= \"3.6.1\""},
      {">3.6", "python_full_version > \"3.6.0\""},
      {"<=3.6", "python_full_version <= \"3.6.0\""},
      {"==3.8", "python_version == \"3.8\""},
      {"3.7.*", "python_version >= \"3.7\" and python_version < \"3.8\""},
      {"!=3.7.*", "(python_version < \"3.7\") or (python_version >= \"3.8\")"},
      {">=2.7,!=3.0.*",
       "python_version >= \"2.7\" and ((python_version < \"3.0\") or "
       "(python_version >= \"3.1\"))"},
      {">=2.7,<2.8 || >=3.4",
       "(python_version >= \"2.7\" and python_version < \"2.8\") or (python_version >= \"3.4\")"},
      {"~2.7 || ^3.4",
       "(python_version >= \"2.7\" and python_version < \"2.8\") or "
       "(python_version >= \"3.4\" and python_version < \"4.0\")"},
  }));
  CAPTURE(input);
  auto marker = poetry_python_marker(input);
  REQUIRE(marker.has_value());
  CHECK(*marker == expected);
}
