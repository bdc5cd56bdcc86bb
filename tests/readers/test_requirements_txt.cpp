// The requirements.txt / pip freeze reader, checked against what pip's own parser
// (pip/_internal/req/req_file.py) makes of the same fixtures.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "depcheck/readers/reader.hpp"
#include "support.hpp"

using depcheck::Diagnostics;
using depcheck::FatalError;
using depcheck::Input;
using depcheck::readers::read_requirements;
using depcheck::test::fixture_path;
using depcheck::test::read_fixture;

namespace {

namespace fs = std::filesystem;

const std::string k_dir = fixture_path("requirements_txt") + "/";

// A path relative to the fixture folder.
std::string relative(const std::string& path) {
  return path.starts_with(k_dir) ? path.substr(k_dir.size()) : path;
}

// One entry: name, version (or specifier / link), fixture file and line.
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

Entry pkg(std::string name, std::string version, int line, std::string file = "") {
  return {std::move(name), std::move(version), std::move(file), line};
}

struct Result {
  Input input;
  Diagnostics diags;
};

Result read(const std::string& fixture) {
  Result result;
  read_requirements(read_fixture("requirements_txt/" + fixture), k_dir + fixture, result.input,
                    result.diags);
  return result;
}

Result read_text(const std::string& text, const std::string& path = "requirements.txt") {
  Result result;
  read_requirements(text, path, result.input, result.diags);
  return result;
}

// Entries with their file, or without it when `file` is the fixture itself.
std::vector<Entry> packages(const Result& r, const std::string& fixture = "") {
  std::vector<Entry> entries;
  for (const auto& p : r.input.packages) {
    const auto file = relative(p.where.path);
    entries.push_back({p.name, p.version_text, file == fixture ? "" : file, p.where.line});
  }
  return entries;
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

}  // namespace

// SPEC "Inputs": requirements files and pip freeze output. Exact pins (== and ===) are
// packages, with the version as written after the operator and the line of the requirement.
TEST_CASE("requirements: pinned packages", "[readers][requirements]") {
  auto [fixture, expected] = GENERATE(table<std::string, std::vector<Entry>>({
      {"empty.txt", {}},
      {"one-package.txt", {pkg("requests", "2.31.0", 1)}},
      // names PEP 503-normalized; extras and markers do not hide the pin; === kept as written
      {"pins.txt",
       {pkg("requests", "2.31.0", 2), pkg("foo-bar-baz", "1.0.0", 3), pkg("celery", "5.2.7", 4),
        pkg("numpy", "1.24.4", 5), pkg("numpy", "1.26.4", 6), pkg("legacy", "2.0-1", 7),
        pkg("weird", "not-a-version", 8), pkg("django", "4.2.1+local", 9)}},
      // a '#' starts a comment at the line start or after whitespace only (pip's COMMENT_RE)
      {"comments.txt",
       {pkg("requests", "2.31.0", 3), pkg("idna", "3.4", 4), pkg("urllib3", "2.0.7", 5),
        pkg("wheel", "0.41.2", 10)}},
      // '\' joins lines; the joined line has the first line's number; a comment line ends it
      {"continuation.txt",
       {pkg("flask", "3.0.0", 1), pkg("click", "8.1.7", 5), pkg("itsdangerous", "2.1.2", 9),
        pkg("jinja2", "3.1.2", 11), pkg("markupsafe", "2.1.3", 13), pkg("blinker", "1.7.0", 15)}},
      {"crlf.txt", {pkg("alpha", "1.0", 1), pkg("beta", "2.0", 2), pkg("gamma", "3.0", 5)}},
      // a byte-order mark picks the encoding (PowerShell writes UTF-16)
      {"utf16.txt", {pkg("requests", "2.31.0", 1), pkg("idna", "3.4", 2)}},
      {"utf8-bom.txt", {pkg("requests", "2.31.0", 1)}},
      // global and per-requirement options are accepted and ignored
      {"options.txt",
       {pkg("six", "1.16.0", 15), pkg("tomli", "2.0.1", 16), pkg("attrs", "23.1.0", 17)}},
  }));
  CAPTURE(fixture);
  const auto result = read(fixture);
  CHECK(messages(result.diags).empty());
  CHECK(packages(result, fixture) == expected);
  CHECK(result.input.unpinned.empty());
  CHECK(result.input.constraints.empty());
}

TEST_CASE("requirements: package details", "[readers][requirements]") {
  const auto result = read("pins.txt");
  REQUIRE(result.input.packages.size() == 8);
  const auto& foo = result.input.packages[1];
  CHECK(foo.display_name == "Foo_Bar.baz");
  CHECK(foo.source == "registry");
  REQUIRE(foo.version.has_value());
  CHECK(foo.version->str() == "1.0.0");
  CHECK(result.input.packages[3].marker_text == "python_version < \"3.9\"");
  CHECK(result.input.packages[4].marker_text == "python_version >= \"3.9\"");
  // === pins a string: kept, parsed only when it is a PEP 440 version
  REQUIRE(result.input.packages[5].version.has_value());
  CHECK(result.input.packages[5].version->str() == "2.0.post1");
  CHECK_FALSE(result.input.packages[6].version.has_value());
  CHECK(result.input.format == "requirements.txt");
}

// Lines that do not pin one version are listed, never dropped.
TEST_CASE("requirements: unpinned requirements", "[readers][requirements]") {
  const auto result = read("unpinned.txt");
  CHECK(messages(result.diags).empty());
  CHECK(result.input.packages.empty());
  std::vector<Entry> unpinned;
  for (const auto& d : result.input.unpinned)
    unpinned.push_back({d.name, d.specifier_text, relative(d.where.path), d.where.line});
  CHECK(unpinned ==
        std::vector<Entry>{
            pkg("requests", ">=2", 1, "unpinned.txt"), pkg("flask", "", 2, "unpinned.txt"),
            pkg("django", ">=4.2,<5", 3, "unpinned.txt"),
            pkg("numpy", "==1.*", 4, "unpinned.txt"),  // a wildcard is a range
            pkg("pytest", "~=7.4", 5, "unpinned.txt"), pkg("coverage", "!=7.0", 6, "unpinned.txt"),
            pkg("black", "==23.1,>=22", 7, "unpinned.txt"),  // not one specifier
        });
}

// Editable, VCS, URL and path lines install something without a version to check.
TEST_CASE("requirements: unversioned entries", "[readers][requirements]") {
  const auto result = read("unversioned.txt");
  CHECK(messages(result.diags).empty());
  CHECK(result.input.packages.empty());
  CHECK(result.input.unpinned.empty());
  // {name (from "#egg=" or "name @"), source, display name, line}
  std::vector<Entry> entries;
  for (const auto& p : result.input.unversioned)
    entries.push_back({p.name + "|" + p.source, p.display_name, p.marker_text, p.where.line});
  CHECK(entries ==
        std::vector<Entry>{
            {"|editable", ".", "", 1},
            {"click|editable", "git+https://github.com/pallets/click.git@8.1.7#egg=click", "", 2},
            {"|editable", "./local/pkg", "", 3},
            {"requests|git", "git+https://github.com/psf/requests.git@v2.31.0#egg=requests", "", 4},
            {"|url", "https://example.org/packages/attrs-23.1.0.tar.gz", "", 5},
            {"|path", "./vendor/pkg-1.0-py3-none-any.whl", "", 6},
            {"|path", "../sibling", "", 7},
            {"httpx|url", "httpx", "", 8},
            {"idna|git", "idna", "python_version >= \"3.8\"", 9},
            {"|path", "file:///opt/wheels/six-1.16.0-py2.py3-none-any.whl", "", 10},
        });
}

// -r and -c: relative to the including file; pins from -c files are constraints, but a -r
// inside a -c file reads requirements again (pip's nested_constraint).
TEST_CASE("requirements: -r and -c includes", "[readers][requirements]") {
  const auto result = read("main.txt");
  CHECK(messages(result.diags).empty());
  CHECK(packages(result, "main.txt") ==
        std::vector<Entry>{
            pkg("itsdangerous", "2.1.2", 1, "common.txt"),
            pkg("click", "8.1.7", 3, "sub/base.txt"),
            pkg("markupsafe", "2.1.3", 1, "constraint-requirements.txt"),
            pkg("flask", "3.0.0", 3),
        });
  std::vector<Entry> constraints;
  for (const auto& d : result.input.constraints)
    constraints.push_back({d.name, d.specifier_text, relative(d.where.path), d.where.line});
  CHECK(constraints == std::vector<Entry>{pkg("werkzeug", "==3.0.1", 1, "constraints.txt"),
                                          pkg("jinja2", "<4", 2, "constraints.txt")});
  CHECK(result.input.unpinned.empty());
}

// One bad line is one error at path:line:col; the rest is still read.
TEST_CASE("requirements: bad lines and includes", "[readers][requirements]") {
  auto [fixture, expected_messages, expected_packages] =
      GENERATE(table<std::string, std::vector<std::string>, std::vector<Entry>>({
          {"bad-lines.txt",
           {
               "bad-lines.txt:2:5: error: invalid requirement 'asdf==': expected end or semicolon "
               "(after name and no valid version specifier) at column 5",
               "bad-lines.txt:3:1: error: invalid requirement '==1.0': expected package name at "
               "the start of dependency specifier at column 1",
               "bad-lines.txt:4:6: error: invalid requirement 'flask=2.0': expected end or "
               "semicolon (after name and no valid version specifier) at column 6 (= is not a "
               "valid operator; did you mean ==?)",
               "bad-lines.txt:5:9: error: no such option '--unknown-option'",
               "bad-lines.txt:6:17: error: hash algorithm 'md5' is not allowed in --hash (use "
               "sha256, sha384 or sha512)",
               "bad-lines.txt:7:17: error: invalid --hash value 'nocolon' (expected a hash name "
               "and a value, like --hash=sha256:abcde...)",
               "bad-lines.txt:8:10: error: option '--pre' does not take a value",
               "bad-lines.txt:9:15: error: cannot split options: no closing quotation",
               "bad-lines.txt:10:1: error: option '-r' requires a value",
               "bad-lines.txt:11:19: error: invalid requirement "
               "'certifi==2023.7.22#not-a-comment': expected end or semicolon (after version "
               "specifier) at column 19",
           },
           {pkg("good", "1.0", 1), pkg("last", "3.0", 12)}},
          {"missing-include.txt",
           {"missing-include.txt:2:4: error: cannot read '" + k_dir +
            "does-not-exist.txt': No such file or directory"},
           {pkg("before", "1.0", 1), pkg("after", "1.0", 3)}},
          {"self-include.txt",
           {"self-include.txt:1:4: error: include cycle: " + k_dir + "self-include.txt -> " +
            k_dir + "self-include.txt"},
           {pkg("x", "1.0", 2)}},
          {"cycle-a.txt",
           {"cycle-b.txt:1:4: error: include cycle: " + k_dir + "cycle-a.txt -> " + k_dir +
            "cycle-b.txt -> " + k_dir + "cycle-a.txt"},
           {pkg("a", "1.0", 1), pkg("b", "1.0", 2, "cycle-b.txt")}},
          // another format given as requirements: every line is an error, nothing is guessed
          {"not-requirements.txt",
           {"not-requirements.txt:1:1: error: invalid requirement '[[package]]': expected "
            "package name at the start of dependency specifier at column 1",
            "not-requirements.txt:2:6: error: invalid requirement 'name = \"requests\"': "
            "expected end or semicolon (after name and no valid version specifier) at column 6 "
            "(= is not a valid operator; did you mean ==?)"},
           {}},
      }));
  CAPTURE(fixture);
  const auto result = read(fixture);
  CHECK(messages(result.diags) == expected_messages);
  CHECK(packages(result, fixture) == expected_packages);
}

TEST_CASE("requirements: diagnostics carry the source line", "[readers][requirements]") {
  const auto result = read("bad-lines.txt");
  REQUIRE_FALSE(result.diags.empty());
  CHECK(result.diags[0].source_line == "asdf==");
}

// pip's expand_env_variables: ${NAME} with upper-case letters, digits and '_', when set.
TEST_CASE("requirements: environment variables", "[readers][requirements]") {
  ::setenv("DEPCHECK_TEST_VERSION", "4.5", 1);
  ::unsetenv("DEPCHECK_TEST_UNSET_VARIABLE");
  const auto result = read("env-var.txt");
  ::unsetenv("DEPCHECK_TEST_VERSION");
  CHECK(packages(result, "env-var.txt") == std::vector<Entry>{pkg("pinned", "4.5", 1)});
  CHECK(messages(result.diags) ==
        std::vector<std::string>{
            "env-var.txt:2:6: error: invalid requirement "
            "'unset==${DEPCHECK_TEST_UNSET_VARIABLE}': expected end or semicolon (after name and "
            "no valid version specifier) at column 6",
            "env-var.txt:3:6: error: invalid requirement 'lower==${not_a_variable}': expected "
            "end or semicolon (after name and no valid version specifier) at column 6",
        });
}

TEST_CASE("requirements: binary content is not a requirements file", "[readers][requirements]") {
  Input input;
  Diagnostics diags;
  try {
    read_requirements(read_fixture("requirements_txt/binary.txt"), "binary.txt", input, diags);
    FAIL("expected a FatalError");
  } catch (const FatalError& e) {
    CHECK(e.where.str() + ": " + e.what() ==
          "binary.txt:1:4: not a requirements file: binary content (a NUL byte)");
  }
}

// The line-level rules of pip's preprocess(), one text each.
TEST_CASE("requirements: joining, comments and options", "[readers][requirements]") {
  auto [text, expected] = GENERATE(table<std::string, std::vector<Entry>>({
      {"a==1\nb==2\n", {pkg("a", "1", 1), pkg("b", "2", 2)}},
      {"a==1", {pkg("a", "1", 1)}},  // no final newline
      {"a==1\r\nb==2\rc==3\n", {pkg("a", "1", 1), pkg("b", "2", 2), pkg("c", "3", 3)}},
      {"a==\\\n1\n", {pkg("a", "1", 1)}},  // '\' joins mid-requirement
      {"a==1 \\\n  # c\nb==2\n", {pkg("a", "1", 1), pkg("b", "2", 3)}},  // a comment ends it
      {"# x \\\nb==2\n", {pkg("b", "2", 2)}},       // a comment line does not continue
      {"a==1 # x \\\nb==2\n", {pkg("a", "1", 1)}},  // ...but a trailing comment does
      {"a==1 \\ \nb==2\n", {pkg("b", "2", 2)}},     // '\' then a space: no continuation, bad line
      {"a==1\\\n", {pkg("a", "1", 1)}},             // '\' on the last line
      {"\tA==1\t# tab\n", {pkg("a", "1", 1)}},
      {"a==1 --hash sha256:00 --hash=sha512:11\n", {pkg("a", "1", 1)}},
      {"a==1 --extra-index=https://x\n", {pkg("a", "1", 1)}},  // an abbreviated long option
      {"a==1 -- ignored words\n", {pkg("a", "1", 1)}},         // '--' ends the options
      {"--pre\n-i https://x\n--no-binary=:all:\n", {}},
      {"a==1 --global-option=\"--x y\" --install-option='-q'\n", {pkg("a", "1", 1)}},
      {"a==1;python_version<'3'\n", {pkg("a", "1", 1)}},
      {"a[x,y]==1 ; extra == 'x'\n", {pkg("a", "1", 1)}},
      {"-ffile:///wheels\na==1\n", {pkg("a", "1", 2)}},  // short option with its value joined
  }));
  CAPTURE(text);
  const auto result = read_text(text);
  const auto bad = text.find("\\ \n") != std::string::npos;
  CHECK(messages(result.diags).size() == (bad ? 1u : 0u));
  CHECK(packages(result, "requirements.txt") == expected);
}

TEST_CASE("requirements: ambiguous options name their candidates", "[readers][requirements]") {
  const auto result = read_text("a==1 --no x\nb==1 --hsh=sha256:0\n");
  CHECK(messages(result.diags) ==
        std::vector<std::string>{
            "requirements.txt:1:6: error: ambiguous option '--no' (--no-binary, --no-index?)",
            "requirements.txt:2:6: error: no such option '--hsh' (did you mean '--hash'?)",
        });
  CHECK(result.input.packages.empty());
}

// SPEC "PATH": "-" is standard input; its includes are relative to the current folder.
TEST_CASE("requirements: standard input", "[readers][requirements]") {
  const auto previous = fs::current_path();
  fs::current_path(k_dir);
  Result result;
  try {
    result = read_text("-r common.txt\nflask==3.0.0\n", "-");
  } catch (...) {
    fs::current_path(previous);
    throw;
  }
  fs::current_path(previous);
  CHECK(messages(result.diags).empty());
  CHECK(packages(result, "-") == std::vector<Entry>{pkg("itsdangerous", "2.1.2", 1, "common.txt"),
                                                    pkg("flask", "3.0.0", 2)});
}

// Includes nest at most 32 deep (a chain of distinct files, so no cycle).
TEST_CASE("requirements: include depth is limited", "[readers][requirements]") {
  const auto dir = fs::temp_directory_path() / ("depcheck-req-depth-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (int i = 0; i < 40; ++i)
    std::ofstream(dir / ("r" + std::to_string(i) + ".txt"))
        << "-r r" << i + 1 << ".txt\np" << i << "==1.0\n";
  const auto path = (dir / "r0.txt").string();
  Result result;
  read_requirements("-r r1.txt\np0==1.0\n", path, result.input, result.diags);
  fs::remove_all(dir);
  REQUIRE(result.diags.size() == 1);
  CHECK(result.diags[0].where.str() == (dir / "r32.txt").string() + ":1:4");
  CHECK(result.diags[0].message ==
        "includes nested deeper than 32 levels at '" + (dir / "r33.txt").string() + "'");
  CHECK(result.input.packages.size() == 33);  // p0 .. p32
}

// A diamond at every level would be read 2^N times: the number of includes is bounded.
TEST_CASE("requirements: include count is limited", "[readers][requirements]") {
  const auto dir =
      fs::temp_directory_path() / ("depcheck-req-diamond-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (int i = 0; i <= 25; ++i) {  // 2^25 reads without a bound, and no depth problem
    std::ofstream file(dir / ("d" + std::to_string(i) + ".txt"));
    if (i < 25) file << "-r d" << i + 1 << ".txt\n-r d" << i + 1 << ".txt\n";
    file << "p" << i << "==1.0\n";
  }
  Result result;
  read_requirements("-r d1.txt\n-r d1.txt\n", (dir / "d0.txt").string(), result.input,
                    result.diags);
  fs::remove_all(dir);
  REQUIRE(result.diags.size() == 1);
  CHECK(result.diags[0].message.starts_with("more than 1000 includes: '"));
  CHECK(result.diags[0].message.ends_with("' and later includes not read"));
}
