#include <catch2/catch.hpp>

#include "readers/lock_test_support.hpp"

using depcheck::Dependency;
using depcheck::readers::read_uv_lock;
using depcheck::test::messages;
using depcheck::test::pkg;
using depcheck::test::Pkg;
using depcheck::test::pkgs;
using depcheck::test::read_lock;

namespace {

depcheck::test::ReadResult read(const std::string& file) {
  return read_lock(read_uv_lock, "uv_lock", file);
}

std::vector<std::string> summary(const std::vector<Dependency>& dependencies) {
  std::vector<std::string> result;
  for (const auto& d : dependencies) {
    std::string line = d.name;
    if (!d.specifier_text.empty()) line += " " + d.specifier_text;
    for (const auto& extra : d.extras) line += " [" + extra + "]";
    if (!d.group.empty()) line += " group=" + d.group;
    if (d.optional) line += " optional";
    if (!d.marker_text.empty()) line += " ; " + d.marker_text;
    result.push_back(line);
  }
  return result;
}

}  // namespace

// Every [[package]] with a version; forks (one name at several versions) are all kept;
// roots without a version are unversioned.
TEST_CASE("uv.lock: packages, versions and lines", "[readers][uv]") {
  auto [file, expected, unversioned] =
      GENERATE(table<std::string, std::vector<Pkg>, std::vector<Pkg>>({
          {"empty.lock", {}, {}},
          {"one-package.lock", {pkg("click", "8.2.1", 5)}, {}},
          {"workspace.lock",
           {pkg("app", "0.1.0", 16), pkg("numpy", "2.2.6", 51), pkg("numpy", "2.3.0", 59),
            pkg("ruff", "0.8.1", 68), pkg("psycopg-c", "3.3.0", 73), pkg("local-tool", "1.0", 78),
            pkg("shared", "0.2.0", 83)},
           {pkg("lib", "", 47)}},
          {"script.lock", {pkg("httpx", "0.28.1", 11), pkg("tqdm", "4.67.1", 16)}, {}},
          // uv 0.2's pre-stable files call the array [[distribution]].
          {"distribution.lock", {pkg("anyio", "4.4.0", 4), pkg("idna", "3.7", 12)}, {}},
          {"future-version.lock", {pkg("six", "1.16.0", 4)}, {}},
      }));
  CAPTURE(file);
  const auto result = read(file);
  CHECK(result.fatal == "");
  CHECK(pkgs(result.input.packages) == expected);
  CHECK(pkgs(result.input.unversioned) == unversioned);
  CHECK(result.input.format == "uv.lock");
}

TEST_CASE("uv.lock: metadata of one package", "[readers][uv]") {
  const auto result = read("one-package.lock");
  CHECK(result.diags.empty());
  CHECK(result.input.lock_version == "1");
  CHECK(result.input.requires_python == ">=3.10");
  const auto& click = result.input.packages.at(0);
  CHECK(click.display_name == "Click");
  CHECK(click.source == "registry");
  REQUIRE(click.version.has_value());
  CHECK(click.version->str() == "8.2.1");
}

TEST_CASE("uv.lock: sources and fork markers", "[readers][uv]") {
  const auto result = read("workspace.lock");
  CHECK(messages(result.diags) == std::vector<std::string>{});
  std::vector<std::string> sources;
  for (const auto& p : result.input.packages) sources.push_back(p.source);
  CHECK(sources == std::vector<std::string>{"editable", "registry", "registry", "git", "url",
                                            "path", "directory"});
  CHECK(result.input.unversioned.at(0).source == "virtual");
  CHECK(result.input.packages.at(1).marker_text == "python_full_version < '3.11'");
  CHECK(result.input.packages.at(2).marker_text ==
        "(python_full_version >= '3.11' and sys_platform == 'linux') or "
        "(python_full_version >= '3.11' and sys_platform == 'darwin')");
}

// dependencies (edges: no specifier), optional-dependencies (group = the extra, optional),
// dev-dependencies (group); a workspace member's requires-dist and requires-dev and the
// manifest's dependency groups are the project's declared constraints.
TEST_CASE("uv.lock: dependencies and declared requirements", "[readers][uv]") {
  const auto result = read("workspace.lock");
  const auto& app = result.input.packages.at(0);
  CHECK(summary(app.dependencies) == std::vector<std::string>{
                                         "numpy ; python_full_version < '3.11'",
                                         "numpy ; python_full_version >= '3.11'",
                                         "uvicorn [standard]",
                                         "uvloop group=speed optional ; sys_platform != 'win32'",
                                         "pytest group=test",
                                     });
  CHECK(app.dependencies.at(0).marker.has_value());
  CHECK(app.dependencies.at(0).where.line == 21);
  CHECK(summary(result.input.declared) ==
        std::vector<std::string>{
            "ruff >=0.15 group=dev",
            "numpy >=2.2",
            "uvicorn >=0.30 [standard]",
            "uvloop >=0.19 group=speed optional ; extra == 'speed'",
            "pytest ==8.3.0 group=test",
        });
  CHECK(result.input.declared.at(1).specifiers.str() == ">=2.2");
  CHECK(summary(result.input.constraints) == std::vector<std::string>{"virtualenv ==20.39.1"});
}

TEST_CASE("uv.lock: a script's requirements are declared", "[readers][uv]") {
  const auto result = read("script.lock");
  CHECK(summary(result.input.declared) == std::vector<std::string>{"httpx", "tqdm >=4"});
  CHECK(result.input.requires_python == ">=3.12");
}

TEST_CASE("uv.lock: bad entries", "[readers][uv]") {
  const auto result = read("bad-entries.lock");
  CHECK(result.fatal == "");
  CHECK(pkgs(result.input.packages) ==
        std::vector<Pkg>{pkg("good", "1.0.0", 4), pkg("bad-version", "1..0", 9),
                         pkg("bad-marker", "1.0", 22), pkg("also-good", "2.0", 30)});
  CHECK(pkgs(result.input.unversioned) == std::vector<Pkg>{pkg("no-version", "", 18)});
  CHECK(messages(result.diags) ==
        std::vector<std::string>{
            "bad-entries.lock:11:11: error: invalid version '1..0'",
            "bad-entries.lock:14:1: error: missing 'name' in 'package[2]'",
            "bad-entries.lock:18:1: error: missing 'version' in 'package[3]'",
            "bad-entries.lock:27:28: error: invalid marker 'python_version >>= '3'': expected a "
            "marker variable or quoted string at column 17",
        });
}

TEST_CASE("uv.lock: unknown future version is a warning", "[readers][uv]") {
  const auto result = read("future-version.lock");
  CHECK(messages(result.diags) ==
        std::vector<std::string>{"future-version.lock:1:11: warning: unknown version 2 (known: 1): "
                                 "read on a best-effort basis"});
}

TEST_CASE("uv.lock: files that are not uv.lock", "[readers][uv]") {
  auto [file, expected] = GENERATE(table<std::string, std::string>({
      {"not-toml.txt",
       "not-toml.txt:1:6: error: invalid TOML: Error while parsing key-value pair: expected '=', "
       "saw 'i'"},
      {"not-uv-lock.toml",
       "not-uv-lock.toml: error: not a uv.lock: no 'version' key and no [[package]] entries"},
      {"wrong-type.lock",
       "wrong-type.lock:1:11: error: unexpected type string (expected integer) in 'version'"},
  }));
  CAPTURE(file);
  CHECK(read(file).fatal == expected);
}

TEST_CASE("uv.lock: an empty file has no packages", "[readers][uv]") {
  const auto result = read("empty.lock");
  CHECK(result.fatal == "");
  CHECK(messages(result.diags) ==
        std::vector<std::string>{"empty.lock: warning: no packages: the file is empty"});
}
