#include <catch2/catch.hpp>

#include "readers/lock_test_support.hpp"

using depcheck::readers::read_pipfile_lock;
using depcheck::test::messages;
using depcheck::test::pkg;
using depcheck::test::Pkg;
using depcheck::test::pkgs;
using depcheck::test::read_lock;

namespace {

depcheck::test::ReadResult read(const std::string& file) {
  return read_lock(read_pipfile_lock, "pipfile_lock", file);
}

}  // namespace

// "default" then "develop", in file order; versions without the leading "=="; the line of each
// package's key. A package at the same version in both sections is listed once.
TEST_CASE("Pipfile.lock: packages, versions and lines", "[readers][pipfile]") {
  auto [file, expected, unversioned] =
      GENERATE(table<std::string, std::vector<Pkg>, std::vector<Pkg>>({
          {"one-package.json", {pkg("markupsafe", "2.1.1", 19)}, {}},
          {"sections.json",
           {pkg("colorama", "0.4.6", 9), pkg("requests", "2.31.0", 19), pkg("pytest", "8.0.0", 34)},
           {pkg("discord-py", "", 14), pkg("pipenv", "", 25), pkg("wheel-thing", "", 37)}},
          // Minified: everything on line 1; different versions in the two sections are both kept.
          {"minified.json", {pkg("six", "1.16.0", 1), pkg("six", "1.17.0", 1)}, {}},
      }));
  CAPTURE(file);
  const auto result = read(file);
  CHECK(result.fatal == "");
  CHECK(pkgs(result.input.packages) == expected);
  CHECK(pkgs(result.input.unversioned) == unversioned);
  CHECK(result.input.format == "Pipfile.lock");
}

TEST_CASE("Pipfile.lock: one package", "[readers][pipfile]") {
  const auto result = read("one-package.json");
  CHECK(result.diags.empty());
  const auto& markupsafe = result.input.packages.at(0);
  CHECK(markupsafe.display_name == "Markupsafe");
  CHECK(markupsafe.where.column == 9);
  CHECK(markupsafe.marker_text == "python_version >= '3.7'");
  CHECK(markupsafe.groups == std::vector<std::string>{"default"});
  REQUIRE(markupsafe.version.has_value());
  CHECK(markupsafe.version->str() == "2.1.1");
  // _meta.requires.python_version "3.8" means that minor series.
  CHECK(result.input.requires_python == "==3.8.*");
}

TEST_CASE("Pipfile.lock: sections, sources and markers", "[readers][pipfile]") {
  const auto result = read("sections.json");
  CHECK(result.input.requires_python == "==3.11.4");
  const auto& packages = result.input.packages;
  // pipenv's per-variable keys become a marker when "markers" is absent.
  CHECK(packages.at(0).marker_text == "sys_platform == 'win32'");
  CHECK(packages.at(1).groups == std::vector<std::string>{"default", "develop"});
  CHECK(packages.at(2).groups == std::vector<std::string>{"develop"});
  std::vector<std::string> sources;
  for (const auto& p : result.input.unversioned) sources.push_back(p.source);
  CHECK(sources == std::vector<std::string>{"editable", "editable", "url"});
  CHECK(result.input.unversioned.at(1).marker_text == "python_version >= '3.10'");
  // Other categories are skipped, and said so.
  CHECK(messages(result.diags) ==
        std::vector<std::string>{"sections.json:41:5: warning: skipped section 'typing-dev' (2 "
                                 "packages): only 'default' and 'develop' are read"});
}

TEST_CASE("Pipfile.lock: bad entries", "[readers][pipfile]") {
  const auto result = read("bad-entries.json");
  CHECK(result.fatal == "");
  CHECK(pkgs(result.input.packages) ==
        std::vector<Pkg>{pkg("good", "1.0", 4), pkg("bad-version", "1..0", 5),
                         pkg("bad-marker", "1.0", 9), pkg("also-good", "2.0", 10)});
  CHECK(pkgs(result.input.unversioned) == std::vector<Pkg>{pkg("no-version", "", 8)});
  CHECK(messages(result.diags) ==
        std::vector<std::string>{
            "bad-entries.json:5:36: error: invalid version '1..0'",
            "bad-entries.json:6:28: error: unexpected type number (expected string) in "
            "'default.number-version.version'",
            "bad-entries.json:7:9: error: unexpected type string (expected object) in "
            "'default.not-an-object'",
            "bad-entries.json:8:9: error: missing 'version' in 'default.no-version'",
            "bad-entries.json:9:9: error: invalid marker 'python_version >>= '3'': expected a "
            "marker variable or quoted string at column 17",
        });
}

TEST_CASE("Pipfile.lock: files that are not Pipfile.lock", "[readers][pipfile]") {
  auto [file, expected] = GENERATE(table<std::string, std::string>({
      {"empty.json",
       "empty.json:1:1: error: invalid JSON: syntax error while parsing value - unexpected end of "
       "input; expected '[', '{', or a literal"},
      {"not-json.txt",
       "not-json.txt:1:2: error: invalid JSON: syntax error while parsing value - invalid "
       "literal; last read: 'th'"},
      {"top-array.json",
       "top-array.json:1:1: error: not a Pipfile.lock: the top level is an array, not an object"},
      {"not-pipfile-lock.json",
       "not-pipfile-lock.json: error: not a Pipfile.lock: no '_meta', 'default' or 'develop' key"},
      {"wrong-section.json",
       "wrong-section.json:1:15: error: unexpected type array (expected object) in 'default'"},
  }));
  CAPTURE(file);
  CHECK(read(file).fatal == expected);
}
