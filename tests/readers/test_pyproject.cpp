// The pyproject.toml reader: the project's own declared constraints (PEP 621, PEP 735 and
// Poetry's [tool.poetry] tables).
#include <catch2/catch.hpp>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "depcheck/readers/reader.hpp"
#include "support.hpp"

using depcheck::Diagnostics;
using depcheck::FatalError;
using depcheck::Input;
using depcheck::readers::read_pyproject;
using depcheck::test::read_fixture;

namespace {

// name, specifier text, marker text, group, optional, line
struct Row {
  std::string name;
  std::string specifier;
  std::string marker;
  std::string group;
  bool optional = false;
  int line = 0;
  bool operator==(const Row&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Row& r) {
  return out << "{" << r.name << " '" << r.specifier << "' [" << r.marker << "] group '" << r.group
             << "'" << (r.optional ? " optional" : "") << " line " << r.line << "}";
}

struct Result {
  Input input;
  Diagnostics diags;
};

Result read(const std::string& fixture) {
  Result result;
  read_pyproject(read_fixture("pyproject/" + fixture), fixture, result.input, result.diags);
  return result;
}

std::vector<Row> rows(const Input& input) {
  std::vector<Row> result;
  for (const auto& d : input.declared)
    result.push_back({d.name, d.specifier_text, d.marker_text, d.group, d.optional, d.where.line});
  return result;
}

std::vector<std::string> messages(const Diagnostics& diags) {
  std::vector<std::string> rendered;
  for (const auto& d : diags)
    rendered.push_back(d.where.str() + ": " + std::string(to_string(d.severity)) + ": " +
                       d.message);
  return rendered;
}

}  // namespace

// SPEC "Inputs": pyproject.toml gives the project's declared constraints, in file order.
TEST_CASE("pyproject: declared dependencies", "[readers][pyproject]") {
  auto [fixture, expected, requires_python] =
      GENERATE(table<std::string, std::vector<Row>, std::string>({
          {"empty.toml", {}, ""},
          {"one-package.toml", {{"requests", ">=2.31", "", "", false, 4}}, ""},
          // PEP 621: dependencies, optional-dependencies (group = the extra, normalized)
          {"pep621.toml",
           {
               {"httpx", ">=0.25,<1", "", "", false, 10},
               {"typing-extensions", "", "python_version < \"3.11\"", "", false, 11},
               {"rich", "~=13.0", "", "", false, 12},
               {"mylib", "", "", "", false, 13},
               {"pytest", ">=7", "", "test", true, 17},
               {"pytest-cov", "", "", "test", true, 17},
               {"sphinx", ">=7", "", "docs-extra", true, 19},
           },
           ">=3.9"},
          // PEP 735: each requirement once, under the group that lists it
          {"dependency-groups.toml",
           {
               {"pytest", ">=8", "", "test", false, 7},
               {"coverage", "", "", "test", false, 7},
               {"ruff", "==0.4.4", "", "lint", false, 8},
               {"ipython", "", "", "dev", false, 12},
           },
           ""},
          // Poetry: ^ ~ * || translated to PEP 440; python/platform become markers
          {"poetry.toml",
           {
               {"requests", ">=2.31,<3.0", "", "", false, 8},
               {"click", ">=8.1,<8.2", "", "", false, 9},
               {"anything", "", "", "", false, 10},
               {"exact", "==1.2.3", "", "", false, 11},
               {"either", ">=1.0,<1.5 || >=2.1,<3.0", "", "", false, 12},
               {"uvicorn", ">=0.24,<0.25", "", "", false, 13},
               {"numpy", ">=1.24,<2.0", "python_version < \"3.12\"", "", false, 15},
               {"numpy", ">=1.26,<2.0", "python_version >= \"3.12\"", "", false, 16},
               {"pywin32", ">=306", "sys_platform == 'win32'", "", false, 18},
               {"colorama", ">=0.4,<0.5", "sys_platform == \"win32\"", "", true, 19},
               {"mylib", "", "", "", false, 20},
               {"local", "", "", "", false, 21},
               {"pytest", ">=7.4,<8.0", "", "test", false, 24},
               {"sphinx", ">=7", "", "docs", false, 30},
               {"black", ">=23.1,<24.0", "", "dev", false, 33},
           },
           ">=3.9,<4.0"},
          // [project] requires-python wins over Poetry's python
          {"poetry-and-pep621.toml",
           {{"requests", ">=2", "", "", false, 4}, {"requests", ">=2.31,<3.0", "", "", false, 8}},
           ">=3.10"},
      }));
  CAPTURE(fixture);
  const auto result = read(fixture);
  CHECK(messages(result.diags).empty());
  CHECK(rows(result.input) == expected);
  CHECK(result.input.requires_python == requires_python);
  CHECK(result.input.packages.empty());
  CHECK(result.input.format == "pyproject.toml");
}

TEST_CASE("pyproject: dependency details", "[readers][pyproject]") {
  SECTION("PEP 621") {
    const auto result = read("pep621.toml");
    REQUIRE(result.input.declared.size() == 7);
    const auto& declared = result.input.declared;
    CHECK(declared[0].where.str() == "pep621.toml:10:3");
    REQUIRE(declared[1].marker.has_value());
    CHECK(declared[1].marker->str() == "python_version < \"3.11\"");
    CHECK(declared[2].extras == std::vector<std::string>{"jupyter"});
    CHECK(declared[3].url == "git+https://github.com/example/mylib.git@v1.0");
    CHECK(declared[0].allows(*depcheck::pep440::parse_version("0.27.0")));
    CHECK_FALSE(declared[0].allows(*depcheck::pep440::parse_version("1.0")));
  }
  SECTION("Poetry") {
    const auto result = read("poetry.toml");
    REQUIRE(result.input.declared.size() == 15);
    const auto& declared = result.input.declared;
    // "||": the version must lie in one of the alternatives
    CHECK(declared[4].any_of.size() == 2);
    CHECK(declared[4].allows(*depcheck::pep440::parse_version("1.4")));
    CHECK_FALSE(declared[4].allows(*depcheck::pep440::parse_version("1.7")));
    CHECK(declared[4].allows(*depcheck::pep440::parse_version("2.5")));
    CHECK(declared[5].extras == std::vector<std::string>{"standard"});
    REQUIRE(declared[6].marker.has_value());
    CHECK(declared[6].marker->str() == "python_version < \"3.12\"");
    CHECK(declared[10].url == "git+https://github.com/example/mylib.git@v1.0");
    CHECK(declared[11].url == "../local");
  }
}

// One bad entry is one error at its line:col; the other entries are still read.
TEST_CASE("pyproject: bad entries", "[readers][pyproject]") {
  auto [fixture, expected_messages, expected_names] =
      GENERATE(table<std::string, std::vector<std::string>, std::vector<std::string>>({
          {"bad-entries.toml",
           {
               "bad-entries.toml:5:7: error: invalid requirement 'bad>=': expected end or "
               "semicolon (after name and no valid version specifier) at column 4 in "
               "'project.dependencies[1]'",
               "bad-entries.toml:6:3: error: unexpected type integer (expected string) in "
               "'project.dependencies[2]'",
               "bad-entries.toml:10:9: error: unexpected type string (expected array) in "
               "'project.optional-dependencies.extra'",
               "bad-entries.toml:13:10: error: invalid version constraint '^^3' in "
               "'tool.poetry.dependencies.python'",
               "bad-entries.toml:15:10: error: invalid version constraint '^1..0' in "
               "'tool.poetry.dependencies.broken'",
               "bad-entries.toml:16:9: error: unexpected type integer (expected string, table or "
               "array) in 'tool.poetry.dependencies.typed'",
               "bad-entries.toml:17:11: error: no version, git, url, path or file in "
               "'tool.poetry.dependencies.nothing'",
               "bad-entries.toml:18:13: error: invalid marker 'os_name ==': expected a marker "
               "variable or quoted string at column 11 in 'tool.poetry.dependencies.badmarker'",
           },
           {"good", "fine"}},
          // PEP 735: include-group cycles and unknown groups
          {"dependency-groups-cycle.toml",
           {
               "dependency-groups-cycle.toml:3:23: error: dependency group include cycle: a -> b "
               "-> a",
               "dependency-groups-cycle.toml:4:23: error: dependency group include cycle: c -> c",
               "dependency-groups-cycle.toml:5:23: error: unknown dependency group 'missing' in "
               "'dependency-groups.d[0].include-group'",
           },
           {"one", "two"}},
      }));
  CAPTURE(fixture);
  const auto result = read(fixture);
  CHECK(messages(result.diags) == expected_messages);
  std::vector<std::string> names;
  for (const auto& d : result.input.declared) names.push_back(d.name);
  CHECK(names == expected_names);
}

TEST_CASE("pyproject: diagnostics carry the source line", "[readers][pyproject]") {
  const auto result = read("bad-entries.toml");
  REQUIRE_FALSE(result.diags.empty());
  CHECK(result.diags[0].source_line == "  \"bad>=\",");
}

// Not TOML, or not a pyproject at all: fatal, with the location.
TEST_CASE("pyproject: whole-file errors", "[readers][pyproject]") {
  auto [fixture, expected] = GENERATE(table<std::string, std::string>({
      {"not-toml.toml",
       "not-toml.toml:1:9: invalid TOML: Error while parsing table header: expected ']', saw "
       "'\\n'"},
      {"wrong-type.toml",
       "wrong-type.toml:1:11: unexpected type string (expected table) in 'project'"},
  }));
  CAPTURE(fixture);
  Input input;
  Diagnostics diags;
  try {
    read_pyproject(read_fixture("pyproject/" + fixture), fixture, input, diags);
    FAIL("expected a FatalError");
  } catch (const FatalError& e) {
    CHECK(e.where.str() + ": " + e.what() == expected);
  }
}

TEST_CASE("pyproject: duplicate dependency groups", "[readers][pyproject]") {
  Input input;
  Diagnostics diags;
  read_pyproject("[dependency-groups]\ntest = [\"a\"]\nTest = [\"b\"]\n", "pyproject.toml", input,
                 diags);
  // toml++ iterates keys sorted: "Test" comes first and the lower-case one is the duplicate
  CHECK(messages(diags) ==
        std::vector<std::string>{"pyproject.toml:2:8: error: dependency group 'test' is defined "
                                 "twice (as 'Test' too)"});
  REQUIRE(input.declared.size() == 1);
  CHECK(input.declared[0].name == "b");
}
