#include <catch2/catch.hpp>

#include "readers/lock_test_support.hpp"

using depcheck::readers::read_pylock;
using depcheck::test::messages;
using depcheck::test::pkg;
using depcheck::test::Pkg;
using depcheck::test::pkgs;
using depcheck::test::read_lock;

namespace {

depcheck::test::ReadResult read(const std::string& file) {
  return read_lock(read_pylock, "pylock", file);
}

}  // namespace

// Every [[packages]] entry (or inline table of `packages = [...]`); no version -> unversioned.
TEST_CASE("pylock.toml: packages, versions and lines", "[readers][pylock]") {
  auto [file, expected, unversioned] =
      GENERATE(table<std::string, std::vector<Pkg>, std::vector<Pkg>>({
          {"empty.toml", {}, {}},
          {"one-package.toml", {pkg("attrs", "25.1.0", 6)}, {}},
          {"sources.toml",
           {pkg("click", "8.2.1", 5), pkg("mleroc", "0.1.0", 13)},
           {pkg("net-inf-eval", "", 18), pkg("singlemodule", "", 22), pkg("prerelease", "", 26)}},
          {"inline.toml", {pkg("simplewheel", "2.0", 4)}, {pkg("singlemodule", "", 5)}},
          {"future-version.toml", {pkg("six", "1.16.0", 4)}, {}},
          {"missing-lock-version.toml", {pkg("simple", "2.0", 3)}, {}},
      }));
  CAPTURE(file);
  const auto result = read(file);
  CHECK(result.fatal == "");
  CHECK(pkgs(result.input.packages) == expected);
  CHECK(pkgs(result.input.unversioned) == unversioned);
  CHECK(result.input.format == "pylock.toml");
}

TEST_CASE("pylock.toml: metadata of one package", "[readers][pylock]") {
  const auto result = read("one-package.toml");
  CHECK(result.diags.empty());
  CHECK(result.input.lock_version == "1.0");
  CHECK(result.input.requires_python == "==3.12.*");
  const auto& attrs = result.input.packages.at(0);
  CHECK(attrs.display_name == "Attrs");
  CHECK(attrs.requires_python == ">=3.8");
  CHECK(attrs.source == "registry");
  REQUIRE(attrs.version.has_value());
  CHECK(attrs.version->str() == "25.1.0");
}

TEST_CASE("pylock.toml: sources, markers and dependencies", "[readers][pylock]") {
  const auto result = read("sources.toml");
  // PEP 751's `dependency_groups` and `extras` marker variables are accepted.
  CHECK(messages(result.diags) == std::vector<std::string>{});
  const auto& click = result.input.packages.at(0);
  CHECK(click.marker_text == "sys_platform == 'linux' and 'dev' in dependency_groups");
  REQUIRE(click.dependencies.size() == 1);
  CHECK(click.dependencies[0].name == "colorama");
  CHECK(click.dependencies[0].specifiers.is_any());
  std::vector<std::string> sources;
  for (const auto& p : result.input.packages) sources.push_back(p.source);
  for (const auto& p : result.input.unversioned) sources.push_back(p.source);
  CHECK(sources == std::vector<std::string>{"registry", "git", "editable", "directory", "url"});
}

TEST_CASE("pylock.toml: bad entries", "[readers][pylock]") {
  const auto result = read("bad-entries.toml");
  CHECK(result.fatal == "");
  CHECK(pkgs(result.input.packages) ==
        std::vector<Pkg>{pkg("good", "1.0", 4), pkg("bad-version", "1..0", 8),
                         pkg("bad-marker", "1.0", 19), pkg("also-good", "2.0", 24)});
  CHECK(messages(result.diags) ==
        std::vector<std::string>{
            "bad-entries.toml:10:11: error: invalid version '1..0'",
            "bad-entries.toml:12:1: error: missing 'name' in 'packages[2]'",
            "bad-entries.toml:17:11: error: unexpected type integer (expected string) in "
            "'packages[3].version'",
            "bad-entries.toml:22:10: error: invalid marker 'python_version >>= '3'': expected a "
            "marker variable or quoted string at column 17",
        });
}

TEST_CASE("pylock.toml: version warnings", "[readers][pylock]") {
  CHECK(messages(read("future-version.toml").diags) ==
        std::vector<std::string>{"future-version.toml:1:16: warning: unknown lock-version '2.0' "
                                 "(known: 1.0): read on a best-effort basis"});
  CHECK(messages(read("missing-lock-version.toml").diags) ==
        std::vector<std::string>{"missing-lock-version.toml: warning: missing 'lock-version' (PEP "
                                 "751 requires it): read as 1.0"});
}

TEST_CASE("pylock.toml: files that are not pylock.toml", "[readers][pylock]") {
  auto [file, expected] = GENERATE(table<std::string, std::string>({
      {"not-toml.txt",
       "not-toml.txt:1:6: error: invalid TOML: Error while parsing key-value pair: expected '=', "
       "saw 'i'"},
      {"not-pylock.toml",
       "not-pylock.toml: error: not a pylock.toml: no 'lock-version' key and no [[packages]] "
       "entries"},
      {"wrong-type.toml",
       "wrong-type.toml:3:12: error: unexpected type table (expected array) in 'packages'"},
  }));
  CAPTURE(file);
  CHECK(read(file).fatal == expected);
}

TEST_CASE("pylock.toml: an empty file has no packages", "[readers][pylock]") {
  const auto result = read("empty.toml");
  CHECK(result.fatal == "");
  CHECK(messages(result.diags) ==
        std::vector<std::string>{"empty.toml: warning: no packages: the file is empty"});
}
