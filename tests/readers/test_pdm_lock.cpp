#include <catch2/catch.hpp>

#include "readers/lock_test_support.hpp"

using depcheck::readers::read_pdm_lock;
using depcheck::test::messages;
using depcheck::test::pkg;
using depcheck::test::Pkg;
using depcheck::test::pkgs;
using depcheck::test::read_lock;

namespace {

depcheck::test::ReadResult read(const std::string& file) {
  return read_lock(read_pdm_lock, "pdm_lock", file);
}

}  // namespace

// Every [[package]]; an entry locking a package with extras repeats its name and version.
TEST_CASE("pdm.lock: packages, versions and lines", "[readers][pdm]") {
  auto [file, expected, unversioned] =
      GENERATE(table<std::string, std::vector<Pkg>, std::vector<Pkg>>({
          {"empty.lock", {}, {}},
          {"one-package.lock", {pkg("certifi", "2024.8.30", 13)}, {}},
          {"features.lock",
           {pkg("anyio", "4.13.0", 13), pkg("coverage", "7.13.4", 25),
            pkg("coverage", "7.13.4", 33), pkg("litestar-sphinx-theme", "0.2.0", 45)},
           {pkg("local-thing", "", 54)}},
          {"old-version.lock", {pkg("arpeggio", "1.10.2", 1)}, {}},
      }));
  CAPTURE(file);
  const auto result = read(file);
  CHECK(result.fatal == "");
  CHECK(pkgs(result.input.packages) == expected);
  CHECK(pkgs(result.input.unversioned) == unversioned);
  CHECK(result.input.format == "pdm.lock");
}

TEST_CASE("pdm.lock: metadata of one package", "[readers][pdm]") {
  const auto result = read("one-package.lock");
  CHECK(result.diags.empty());
  CHECK(result.input.lock_version == "4.5.0");
  CHECK(result.input.requires_python == ">=3.10");
  const auto& certifi = result.input.packages.at(0);
  CHECK(certifi.display_name == "Certifi");
  CHECK(certifi.requires_python == ">=3.6");
  CHECK(certifi.groups == std::vector<std::string>{"default"});
  CHECK(certifi.source == "registry");
  REQUIRE(certifi.version.has_value());
  CHECK(certifi.version->str() == "2024.8.30");
}

// Dependencies are PEP 508 strings; sources, markers, groups; several targets' pythons.
TEST_CASE("pdm.lock: dependencies, sources, markers", "[readers][pdm]") {
  const auto result = read("features.lock");
  CHECK(messages(result.diags) == std::vector<std::string>{});
  CHECK(result.input.requires_python == ">=3.10 || ~=3.8");
  const auto& anyio = result.input.packages.at(0);
  CHECK(anyio.groups == std::vector<std::string>{"default", "test"});
  REQUIRE(anyio.dependencies.size() == 3);
  CHECK(anyio.dependencies[0].name == "exceptiongroup");
  CHECK(anyio.dependencies[0].specifier_text == ">=1.0.2");
  CHECK(anyio.dependencies[0].marker_text == "python_version < \"3.11\"");
  CHECK(anyio.dependencies[0].marker.has_value());
  CHECK(anyio.dependencies[0].where.line == 20);
  CHECK(anyio.dependencies[1].name == "idna");
  CHECK(anyio.dependencies[1].marker_text == "");
  CHECK(anyio.dependencies[2].name == "typing-extensions");
  CHECK(anyio.dependencies[2].specifiers.contains(std::string_view("4.9")));
  CHECK_FALSE(anyio.dependencies[2].specifiers.contains(std::string_view("5.0")));
  CHECK(anyio.dependencies[2].extras == std::vector<std::string>{"x"});
  CHECK(result.input.packages.at(1).marker_text == "python_version >= \"3.10\"");
  CHECK(result.input.packages.at(3).source == "git");
  CHECK(result.input.unversioned.at(0).source == "editable");
}

TEST_CASE("pdm.lock: bad entries", "[readers][pdm]") {
  const auto result = read("bad-entries.lock");
  CHECK(result.fatal == "");
  CHECK(pkgs(result.input.packages) == std::vector<Pkg>{pkg("good", "1.0", 6),
                                                        pkg("bad-version", "1..0", 10),
                                                        pkg("bad-dependency", "2.0", 14)});
  CHECK(pkgs(result.input.unversioned) == std::vector<Pkg>{pkg("no-version", "", 22)});
  CHECK(messages(result.diags) ==
        std::vector<std::string>{
            "bad-entries.lock:12:11: error: invalid version '1..0'",
            "bad-entries.lock:18:5: error: invalid requirement 'requests>=': expected end or "
            "semicolon (after name and no valid version specifier) at column 9 in "
            "'package[2].dependencies[0]'",
            "bad-entries.lock:19:5: error: unexpected type integer (expected string) in "
            "'package[2].dependencies[1]'",
            "bad-entries.lock:22:1: error: missing 'version' in 'package[3]'",
            "bad-entries.lock:26:8: error: unexpected type array (expected string) in "
            "'package[4].name'",
        });
}

TEST_CASE("pdm.lock: a lock_version other than 4.x is a warning", "[readers][pdm]") {
  const auto result = read("old-version.lock");
  CHECK(messages(result.diags) ==
        std::vector<std::string>{"old-version.lock:7:16: warning: unknown lock_version '3.1' "
                                 "(known: 4.x): read on a best-effort basis"});
}

TEST_CASE("pdm.lock: files that are not pdm.lock", "[readers][pdm]") {
  auto [file, expected] = GENERATE(table<std::string, std::string>({
      {"not-toml.txt",
       "not-toml.txt:1:6: error: invalid TOML: Error while parsing key-value pair: expected '=', "
       "saw 'i'"},
      {"not-pdm-lock.toml",
       "not-pdm-lock.toml: error: not a pdm.lock: no [[package]] entries and no [metadata] table"},
      {"wrong-type.lock",
       "wrong-type.lock:1:12: error: unexpected type string (expected table) in 'metadata'"},
  }));
  CAPTURE(file);
  CHECK(read(file).fatal == expected);
}

TEST_CASE("pdm.lock: an empty file has no packages", "[readers][pdm]") {
  const auto result = read("empty.lock");
  CHECK(result.fatal == "");
  CHECK(messages(result.diags) ==
        std::vector<std::string>{"empty.lock: warning: no packages: the file is empty"});
}
