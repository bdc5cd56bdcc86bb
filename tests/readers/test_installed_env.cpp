// The installed-environment reader (--env DIR): virtualenv roots on Linux, macOS and Windows,
// site-packages folders, *.dist-info/METADATA and the egg-info forms.
#include <catch2/catch.hpp>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "depcheck/readers/reader.hpp"
#include "support.hpp"

using depcheck::Diagnostics;
using depcheck::FatalError;
using depcheck::Input;
using depcheck::readers::read_installed_env;
using depcheck::test::fixture_path;

namespace {

const std::string k_dir = fixture_path("installed_env") + "/";

std::string relative(const std::string& path) {
  return path.starts_with(k_dir) ? path.substr(k_dir.size()) : path;
}

// name, version, file relative to the environment, line of the Version header
struct Entry {
  std::string name;
  std::string version;
  std::string file;
  int line = 0;
  bool operator==(const Entry&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Entry& e) {
  return out << "{" << e.name << " '" << e.version << "' " << e.file << ":" << e.line << "}";
}

struct Result {
  Input input;
  Diagnostics diags;
};

Result read(const std::string& env) {
  Result result;
  read_installed_env(k_dir + env, result.input, result.diags);
  return result;
}

std::vector<Entry> entries(const std::vector<depcheck::Package>& packages, const std::string& env) {
  std::vector<Entry> result;
  for (const auto& p : packages) {
    auto file = relative(p.where.path);
    if (file.starts_with(env + "/")) file = file.substr(env.size() + 1);
    result.push_back({p.name, p.version_text, file, p.where.line});
  }
  return result;
}

std::vector<std::string> messages(const Diagnostics& diags) {
  std::vector<std::string> rendered;
  for (const auto& d : diags) {
    auto where = d.where;
    where.path = relative(where.path);
    rendered.push_back(where.str() + ": " + std::string(to_string(d.severity)) + ": " + d.message);
  }
  return rendered;
}

const std::string k_sp = "lib/python3.12/site-packages/";

}  // namespace

// SPEC "Inputs": --env DIR is a virtualenv root or a site-packages folder. Packages come out
// sorted by path, each at the Version line of its metadata file.
TEST_CASE("installed env: layouts and metadata forms", "[readers][installed-env]") {
  auto [env, expected] = GENERATE_COPY(table<std::string, std::vector<Entry>>({
      {"venv-linux",
       {
           {"jinja2", "3.1.2", k_sp + "Jinja2-3.1.2.dist-info/METADATA", 3},
           {"click", "8.1.7", k_sp + "click-8.1.7.dist-info/METADATA", 3},  // CRLF headers
           {"eggy", "3.0", k_sp + "eggy-3.0-py3.12.egg/EGG-INFO/PKG-INFO", 3},
           {"legacy-pkg", "1.0", k_sp + "legacy_pkg-1.0-py3.12.egg-info", 3},  // distutils file
           {"mypkg", "0.1.dev0", k_sp + "mypkg-0.1.dev0.dist-info/METADATA", 3},
           {"oldstyle", "2.0", k_sp + "oldstyle-2.0-py3.12.egg-info/PKG-INFO", 3},
           {"requests", "2.31.0", k_sp + "requests-2.31.0.dist-info/METADATA", 3},
           {"six", "1.16.0", k_sp + "six-1.16.0-py3.12.egg-info/PKG-INFO", 3},
       }},
      {"venv-windows",
       {{"colorama", "0.4.6", "Lib/site-packages/colorama-0.4.6.dist-info/METADATA", 3}}},
      {"venv-lib64",
       {{"cffi", "1.15.1", "lib/pypy3.10/site-packages/cffi-1.15.1.dist-info/METADATA", 3},
        {"attrs", "23.1.0", "lib64/python3.11/site-packages/attrs-23.1.0.dist-info/METADATA", 3}}},
      // a site-packages folder given directly
      {"site-packages", {{"idna", "3.4", "idna-3.4.dist-info/METADATA", 3}}},
      {"venv-linux/lib/python3.12/site-packages",
       {{"jinja2", "3.1.2", "Jinja2-3.1.2.dist-info/METADATA", 3},
        {"click", "8.1.7", "click-8.1.7.dist-info/METADATA", 3},
        {"eggy", "3.0", "eggy-3.0-py3.12.egg/EGG-INFO/PKG-INFO", 3},
        {"legacy-pkg", "1.0", "legacy_pkg-1.0-py3.12.egg-info", 3},
        {"mypkg", "0.1.dev0", "mypkg-0.1.dev0.dist-info/METADATA", 3},
        {"oldstyle", "2.0", "oldstyle-2.0-py3.12.egg-info/PKG-INFO", 3},
        {"requests", "2.31.0", "requests-2.31.0.dist-info/METADATA", 3},
        {"six", "1.16.0", "six-1.16.0-py3.12.egg-info/PKG-INFO", 3}}},
      {"empty-venv", {}},
  }));
  CAPTURE(env);
  const auto result = read(env);
  CHECK(messages(result.diags).empty());
  CHECK(entries(result.input.packages, env) == expected);
  CHECK(result.input.unversioned.empty());
  CHECK(result.input.format == "environment");
}

// Core metadata: Requires-Dist (several), Requires-Python, continuation lines; the body after
// the first blank line is not read.
// The environment's own Python is its target (pyvenv.cfg, else the lib/pythonX.Y folder).
TEST_CASE("installed env: its own python", "[readers][installed-env]") {
  auto [env, python] = GENERATE_COPY(table<std::string, std::string>({
      {"venv-linux", "3.12.1"},
      {"venv-lib64", "3.11"},
      {"venv-linux/lib/python3.12/site-packages", "3.12"},
      {"venv-windows", ""},
      {"site-packages", ""},
  }));
  CAPTURE(env);
  CHECK(read(env).input.python == python);
}

TEST_CASE("installed env: declared dependencies", "[readers][installed-env]") {
  const auto result = read("venv-linux");
  REQUIRE(result.input.packages.size() == 8);
  const auto find = [&](const std::string& name) -> const depcheck::Package& {
    for (const auto& p : result.input.packages)
      if (p.name == name) return p;
    FAIL("no package " << name);
    throw;
  };
  // {name, specifier, marker, group, optional, line}
  using Row = std::tuple<std::string, std::string, std::string, std::string, bool, int>;
  const auto rows = [](const depcheck::Package& p) {
    std::vector<Row> result;
    for (const auto& d : p.dependencies)
      result.emplace_back(d.name, d.specifier_text, d.marker_text, d.group, d.optional,
                          d.where.line);
    return result;
  };
  const auto& requests = find("requests");
  CHECK(requests.requires_python == ">=3.7");
  CHECK(requests.display_name == "requests");
  CHECK(rows(requests) == std::vector<Row>{
                              {"charset-normalizer", "<4,>=2", "", "", false, 9},
                              {"idna", "<4,>=2.5", "", "", false, 10},
                              {"urllib3", "<3,>=1.21.1", "", "", false, 11},
                              {"certifi", ">=2017.4.17", "", "", false, 12},
                              {"pysocks", "!=1.5.7,>=1.5.6", "extra == 'socks'", "socks", true, 14},
                              {"chardet", "<6,>=3.0.2", "extra == 'use_chardet_on_py3'",
                               "use-chardet-on-py3", true, 16},
                          });
  REQUIRE(requests.dependencies[4].marker.has_value());
  CHECK(requests.dependencies[4].marker->str() == "extra == \"socks\"");
  // a Requires-Dist folded onto a continuation line; Description's continuation skipped
  const auto& jinja2 = find("jinja2");
  CHECK(jinja2.display_name == "Jinja2");
  CHECK(rows(jinja2) ==
        std::vector<Row>{{"markupsafe", ">=2.0", "", "", false, 9},
                         {"babel", ">=2.7", "extra == \"i18n\"", "i18n", true, 11}});
  // egg-info: requires.txt sections [:marker], [extra], [extra:marker]
  const auto& oldstyle = find("oldstyle");
  CHECK(rows(oldstyle) ==
        std::vector<Row>{
            {"attrs", ">=20", "", "", false, 1},
            {"importlib-metadata", "", "python_version < \"3.8\"", "", false, 4},
            {"pytest", ">=7", "extra == \"test\"", "test", true, 7},
            {"colorama", "", "sys_platform == \"win32\" and extra == \"test\"", "test", true, 10}});
  CHECK(relative(oldstyle.dependencies[0].where.path) ==
        "venv-linux/" + k_sp + "oldstyle-2.0-py3.12.egg-info/requires.txt");
  CHECK(find("six").requires_python == ">=2.7, !=3.0.*");
}

// PEP 610 direct_url.json says how a distribution was installed.
TEST_CASE("installed env: install source", "[readers][installed-env]") {
  auto [name, source] = GENERATE(table<std::string, std::string>({
      {"requests", "registry"},
      {"mypkg", "editable"},
      {"click", "git"},
  }));
  const auto result = read("venv-linux");
  bool found = false;
  for (const auto& p : result.input.packages) {
    if (p.name != name) continue;
    found = true;
    CHECK(p.source == source);
  }
  CHECK(found);
}

// One name installed twice: an error naming both paths (the packages stay listed).
TEST_CASE("installed env: duplicate distributions", "[readers][installed-env]") {
  const auto result = read("duplicates");
  const std::string sp = "duplicates/" + k_sp;
  CHECK(messages(result.diags) ==
        std::vector<std::string>{
            sp +
            "typing_extensions-4.7.1.dist-info/METADATA:3: error: 'typing-extensions' is "
            "installed twice: '" +
            k_dir + sp + "Typing.Extensions-4.8.0.dist-info/METADATA' (4.8.0) and '" + k_dir + sp +
            "typing_extensions-4.7.1.dist-info/METADATA' (4.7.1)"});
  CHECK(entries(result.input.packages, "duplicates") ==
        std::vector<Entry>{
            {"typing-extensions", "4.8.0", k_sp + "Typing.Extensions-4.8.0.dist-info/METADATA", 3},
            {"typing-extensions", "4.7.1", k_sp + "typing_extensions-4.7.1.dist-info/METADATA", 3},
            {"zipp", "3.16.2", k_sp + "zipp-3.16.2.dist-info/METADATA", 3}});
}

// Debian's dist-packages holds some packages as both a .dist-info and an .egg-info of the same
// version: one install, read once, no duplicate.
TEST_CASE("installed env: one install recorded twice in one folder", "[readers][installed-env]") {
  const auto result = read("dist-packages-twice/dist-packages");
  CHECK(result.diags.empty());
  REQUIRE(result.input.packages.size() == 1);
  CHECK(result.input.packages.front().name == "cryptography");
}

// One bad distribution is one error; the others are still read.
TEST_CASE("installed env: bad metadata", "[readers][installed-env]") {
  const auto result = read("bad-metadata/site-packages");
  const std::string sp = "bad-metadata/site-packages/";
  CHECK(messages(result.diags) ==
        std::vector<std::string>{
            sp + "bad_requires-1.0.dist-info/METADATA:5:22: error: invalid Requires-Dist: invalid "
                 "requirement 'broken>=': expected end or semicolon (after name and no valid "
                 "version specifier) at column 7",
            sp + "bad_version-1.0.dist-info/METADATA:3:10: error: invalid version '1..0'",
            sp + "no_metadata-1.0.dist-info: error: no METADATA in '" + k_dir + sp +
                "no_metadata-1.0.dist-info'",
            sp + "no_name-1.0.dist-info/METADATA: error: no Name in '" + k_dir + sp +
                "no_name-1.0.dist-info/METADATA'",
            sp + "no_version-1.0.dist-info/METADATA: error: no Version for 'no_version' in '" +
                k_dir + sp + "no_version-1.0.dist-info/METADATA'",
        });
  CHECK(entries(result.input.packages, "bad-metadata/site-packages") ==
        std::vector<Entry>{{"bad-requires", "1.0", "bad_requires-1.0.dist-info/METADATA", 3},
                           {"good", "2.0", "good-2.0.dist-info/METADATA", 3}});
  // a version that does not parse: listed without one, so the name is not lost
  REQUIRE(result.input.unversioned.size() == 1);
  CHECK(result.input.unversioned[0].name == "bad-version");
  CHECK(result.diags[1].source_line == "Version: 1..0");
}

TEST_CASE("installed env: not an environment", "[readers][installed-env]") {
  // "{}" stands for the full path given
  auto [env, expected] = GENERATE(table<std::string, std::string>({
      {"not-an-env",
       "'{}' is neither a virtual environment nor a site-packages folder (found no "
       "lib/pythonX.Y/site-packages, Lib/site-packages or *.dist-info)"},
      {"missing", "cannot read '{}': No such file or directory"},
      {"venv-linux/pyvenv.cfg", "cannot read '{}': Not a directory"},
  }));
  CAPTURE(env);
  Input input;
  Diagnostics diags;
  try {
    read_installed_env(k_dir + env, input, diags);
    FAIL("expected a FatalError");
  } catch (const FatalError& e) {
    CHECK(relative(e.where.str()) == env);
    CHECK(e.what() == expected.replace(expected.find("{}"), 2, k_dir + env));
  }
}
