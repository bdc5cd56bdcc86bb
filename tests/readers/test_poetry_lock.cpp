#include <catch2/catch.hpp>

#include "readers/lock_test_support.hpp"

using depcheck::Dependency;
using depcheck::Package;
using depcheck::readers::read_poetry_lock;
using depcheck::test::messages;
using depcheck::test::pkg;
using depcheck::test::Pkg;
using depcheck::test::pkgs;
using depcheck::test::read_lock;

namespace {

depcheck::test::ReadResult read(const std::string& file) {
  return read_lock(read_poetry_lock, "poetry_lock", file);
}

const Dependency& dependency(const Package& package, const std::string& name, std::size_t nth = 0) {
  for (const auto& d : package.dependencies)
    if (d.name == name && nth-- == 0) return d;
  FAIL_CHECK("no dependency " << name);
  static const Dependency none;
  return none;
}

}  // namespace

// Every [[package]] with its version as written and the line of its header (SPEC "inputs").
TEST_CASE("poetry.lock: packages, versions and lines", "[readers][poetry]") {
  auto [file, expected] = GENERATE(table<std::string, std::vector<Pkg>>({
      {"empty.lock", {}},
      {"one-package.lock", {pkg("emoji", "2.14.0", 3)}},
      // A fork: one name locked at two versions, each kept.
      {"dependency-forms.lock",
       {pkg("anyio", "4.13.0", 1), pkg("numpy", "1.26.4", 27), pkg("numpy", "2.1.0", 37)}},
      {"sources.lock",
       {pkg("litellm", "1.77.7.dev9", 1), pkg("openhands-ai", "0.59.0", 16),
        pkg("pydis-core", "8.2.1", 30), pkg("wheel-file", "0.1.0", 43),
        pkg("chia-rs", "0.2.10", 56)}},
      // Pre-1.0: no lock-version, category/marker keys, [metadata.hashes].
      {"legacy-hashes.lock", {pkg("appdirs", "1.4.3", 1), pkg("typing", "3.6.6", 10)}},
      {"future-version.lock", {pkg("six", "1.16.0", 1)}},
  }));
  CAPTURE(file);
  const auto result = read(file);
  CHECK(result.fatal == "");
  CHECK(pkgs(result.input.packages) == expected);
  CHECK(result.input.unversioned.empty());
  CHECK(result.input.format == "poetry.lock");
}

TEST_CASE("poetry.lock: display name and metadata", "[readers][poetry]") {
  const auto result = read("one-package.lock");
  REQUIRE(result.input.packages.size() == 1);
  const auto& emoji = result.input.packages[0];
  CHECK(emoji.display_name == "Emoji");
  REQUIRE(emoji.version.has_value());
  CHECK(emoji.version->str() == "2.14.0");
  CHECK(emoji.requires_python == ">=3.7");
  CHECK(emoji.groups == std::vector<std::string>{"main"});
  CHECK(emoji.source == "registry");
  CHECK(result.input.lock_version == "2.1");
  // python-versions in poetry syntax becomes PEP 440.
  CHECK(result.input.requires_python == ">=3.9,<4.0");
  CHECK(result.diags.empty());
}

// Dependencies: string form, table form, a list of tables for several constraints, `python`
// restrictions, extras, optional dependencies and their extra.
TEST_CASE("poetry.lock: dependency forms", "[readers][poetry]") {
  const auto result = read("dependency-forms.lock");
  CHECK(messages(result.diags) == std::vector<std::string>{});
  const auto& anyio = result.input.packages.at(0);
  REQUIRE(anyio.dependencies.size() == 10);

  const auto& exceptiongroup = dependency(anyio, "exceptiongroup");
  CHECK(exceptiongroup.specifier_text == ">=1.0.2");
  CHECK(exceptiongroup.marker_text == "python_version < \"3.11\"");
  CHECK(exceptiongroup.marker.has_value());
  CHECK(exceptiongroup.where.line == 11);

  CHECK(dependency(anyio, "idna").specifier_text == ">=2.8");
  CHECK(dependency(anyio, "idna").specifiers.str() == ">=2.8");
  CHECK(dependency(anyio, "idna").marker_text == "");
  // Names are normalized; ^ becomes a PEP 440 range.
  CHECK(dependency(anyio, "typing-extensions").specifier_text == ">=4.5,<5.0");

  const auto& trio = dependency(anyio, "trio");
  CHECK(trio.optional);
  CHECK(trio.group == "trio");

  CHECK(dependency(anyio, "numpy", 0).specifier_text == ">=1.26.2");
  CHECK(dependency(anyio, "numpy", 0).marker_text == "python_version < \"3.13\"");
  CHECK(dependency(anyio, "numpy", 1).specifier_text == ">=2.1.0");
  CHECK(dependency(anyio, "numpy", 1).marker_text == "python_version >= \"3.13\"");
  CHECK(dependency(anyio, "numpy", 1).where.line == 17);

  CHECK(dependency(anyio, "sniffio").specifier_text == "");
  CHECK(dependency(anyio, "sniffio").specifiers.is_any());

  const auto& attrs = dependency(anyio, "attrs");
  CHECK(attrs.specifier_text == ">=1.2,<1.3");
  CHECK(attrs.extras == std::vector<std::string>{"tests"});
  CHECK_FALSE(attrs.optional);

  // "||" gives alternatives; a space is an AND.
  const auto& pytz = dependency(anyio, "pytz");
  CHECK(pytz.specifier_text == ">=2020.1,<2025 || ==2026.*");
  REQUIRE(pytz.any_of.size() == 2);
  CHECK(pytz.any_of[0].str() == ">=2020.1,<2025");
  CHECK(pytz.any_of[1].str() == "==2026.*");

  // `python = "..."` becomes a marker, as poetry-core's create_nested_marker writes it.
  CHECK(dependency(anyio, "six").marker_text ==
        "(python_version >= \"2.7\" and python_version < \"2.8\") or (python_version >= \"3.4\")");

  // Package markers: a string, or one per group (any of them; groups in key order).
  CHECK(result.input.packages.at(1).marker_text ==
        "(sys_platform == \"linux\") or (python_version < \"3.13\")");
  CHECK(result.input.packages.at(2).marker_text == "python_version >= \"3.13\"");
}

TEST_CASE("poetry.lock: sources", "[readers][poetry]") {
  const auto result = read("sources.lock");
  std::vector<std::string> sources;
  for (const auto& p : result.input.packages) sources.push_back(p.source);
  CHECK(sources == std::vector<std::string>{"git", "editable", "url", "path", "registry"});
  CHECK(result.input.requires_python == ">=3.12,<4.0");
  CHECK(result.input.packages.at(2).requires_python == "==3.10.*");
}

TEST_CASE("poetry.lock: pre-1.0 files", "[readers][poetry]") {
  const auto result = read("legacy-hashes.lock");
  CHECK(result.diags.empty());
  CHECK(result.input.lock_version == "");
  CHECK(result.input.requires_python == ">=2.7,<2.8 || >=3.4,<4.0");
  const auto& appdirs = result.input.packages.at(0);
  CHECK(appdirs.groups == std::vector<std::string>{"dev"});
  CHECK(appdirs.marker_text == "python_version >= \"3.6\" and python_version < \"4.0\"");
  // [package.dependencies.configparser] is a table like the inline form.
  const auto& configparser = dependency(result.input.packages.at(1), "configparser");
  CHECK(configparser.specifier_text == ">=3.5");
  CHECK(configparser.marker_text == "python_version >= \"2.7\" and python_version < \"2.8\"");
  CHECK(configparser.where.line == 18);
}

// One bad entry is an error at its line; the other packages are still read. A version that
// does not parse is still listed, without a parsed version.
TEST_CASE("poetry.lock: bad entries", "[readers][poetry]") {
  const auto result = read("bad-entries.lock");
  CHECK(result.fatal == "");
  CHECK(pkgs(result.input.packages) ==
        std::vector<Pkg>{pkg("good-one", "1.0.0", 1), pkg("bad-version", "0.24.0.post1x", 6),
                         pkg("bad-constraint", "1.0", 20), pkg("good-two", "2.0.0", 32)});
  CHECK_FALSE(result.input.packages[1].version.has_value());
  CHECK(pkgs(result.input.unversioned) == std::vector<Pkg>{pkg("no-version", "", 28)});
  CHECK(messages(result.diags) ==
        std::vector<std::string>{
            "bad-entries.lock:8:11: error: invalid version '0.24.0.post1x'",
            "bad-entries.lock:11:1: error: missing 'name' in 'package[2]'",
            "bad-entries.lock:17:11: error: unexpected type integer (expected string) in "
            "'package[3].version'",
            "bad-entries.lock:26:12: error: invalid version constraint '>=2..0' in "
            "'package[4].dependencies.requests'",
            "bad-entries.lock:28:1: error: missing 'version' in 'package[5]'",
        });
  CHECK(result.diags[0].source_line == "version = \"0.24.0.post1x\"");
}

TEST_CASE("poetry.lock: unknown future lock-version is a warning", "[readers][poetry]") {
  const auto result = read("future-version.lock");
  CHECK(messages(result.diags) ==
        std::vector<std::string>{"future-version.lock:7:16: warning: unknown lock-version '3.0' "
                                 "(known: 1.1, 2.0, 2.1): read on a best-effort basis"});
  CHECK(result.input.lock_version == "3.0");
}

// Whole-file problems stop the read with the parser's location or the key path.
TEST_CASE("poetry.lock: files that are not poetry.lock", "[readers][poetry]") {
  auto [file, expected] = GENERATE(table<std::string, std::string>({
      {"not-toml.txt",
       "not-toml.txt:1:6: error: invalid TOML: Error while parsing key-value pair: expected '=', "
       "saw 'i'"},
      {"not-poetry-lock.toml",
       "not-poetry-lock.toml: error: not a poetry.lock: no [[package]] entries and no [metadata] "
       "table"},
      {"wrong-type.lock",
       "wrong-type.lock:1:11: error: unexpected type integer (expected array) in 'package'"},
      {"wrong-metadata.lock",
       "wrong-metadata.lock:6:16: error: unexpected type integer (expected string) in "
       "'metadata.lock-version'"},
  }));
  CAPTURE(file);
  CHECK(read(file).fatal == expected);
}

TEST_CASE("poetry.lock: an empty file has no packages", "[readers][poetry]") {
  const auto result = read("empty.lock");
  CHECK(result.fatal == "");
  CHECK(messages(result.diags) ==
        std::vector<std::string>{"empty.lock: warning: no packages: the file is empty"});
}

TEST_CASE("poetry.lock: a marker table covers only the groups it names", "[readers][poetry]") {
  // Poetry 2.x: cffi is needed unconditionally by `main`, and only on Windows by `test`.
  const std::string text =
      "[[package]]\nname = \"cffi\"\nversion = \"1.17.1\"\npython-versions = \">=3.8\"\n"
      "groups = [\"main\", \"test\"]\nmarkers = {test = \"sys_platform == \\\"win32\\\"\"}\nfiles "
      "= []\n\n"
      "[[package]]\nname = \"pywin32\"\nversion = \"308\"\npython-versions = \"*\"\n"
      "groups = [\"main\"]\nmarkers = {main = \"sys_platform == \\\"win32\\\"\"}\nfiles = []\n\n"
      "[metadata]\nlock-version = \"2.1\"\npython-versions = \">=3.9\"\ncontent-hash = \"x\"\n";
  depcheck::Input input;
  depcheck::Diagnostics diags;
  depcheck::readers::read_poetry_lock(text, "poetry.lock", input, diags);
  REQUIRE(diags.empty());
  REQUIRE(input.packages.size() == 2);
  CHECK(input.packages[0].marker_text.empty());
  CHECK(input.packages[1].marker_text == "sys_platform == \"win32\"");
}
