// SPEC "Bad input": limits. Inputs built to exhaust the stack, the clock or memory (deep nesting,
// long lines, include chains and fan-outs, huge matrices, huge files) end with a clear message
// and exit 2, or are read normally; they never crash or hang, and --format json still writes one
// JSON document. The inputs are generated in a temporary folder and deleted afterwards.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "depcheck/util/files.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;
using depcheck::test::RunResult;
using depcheck::test::shell_quote;
using depcheck::test::TempDir;

std::string repeat(std::string_view text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

// Runs depcheck with a time limit (a hang fails the test instead of stopping the suite).
RunResult run(const std::string& args, int seconds = 120) {
  TempDir dir;
  const std::string command = "timeout -s KILL " + std::to_string(seconds) + " " +
                              shell_quote(DEPCHECK_BINARY) + " " + args +
                              " --color never </dev/null >" + shell_quote(dir / "out") + " 2>" +
                              shell_quote(dir / "err");
  const int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream out(dir / "out", std::ios::binary), err(dir / "err", std::ios::binary);
  result.out.assign(std::istreambuf_iterator<char>(out), {});
  result.err.assign(std::istreambuf_iterator<char>(err), {});
  return result;
}

// Exit code as expected, no crash, and `message` in the text output and in the JSON errors.
void check_refused(const std::string& args, int expected_exit, const std::string& message) {
  CAPTURE(args.substr(0, 300));
  const auto text = run(args);
  CAPTURE(text.out.substr(0, 2000), text.err.substr(0, 2000));
  CHECK(text.exit_code == expected_exit);
  CHECK(text.err.find("Sanitizer") == std::string::npos);
  CHECK(text.err.find("runtime error:") == std::string::npos);
  CHECK((text.out + text.err).find(message) != std::string::npos);

  const auto json = run(args + " --format json");
  CAPTURE(json.out.substr(0, 2000), json.err.substr(0, 2000));
  CHECK(json.exit_code == expected_exit);
  nlohmann::json report;
  REQUIRE_NOTHROW(report = nlohmann::json::parse(json.out));
  REQUIRE(report.is_object());
  if (expected_exit == 2) {
    REQUIRE(report.contains("errors"));
    bool found = false;
    for (const auto& error : report.at("errors"))
      found = found || error.value("message", std::string()).find(message) != std::string::npos;
    CHECK(found);
  }
}

constexpr std::size_t k_deep = 100000;

}  // namespace

// --- Nesting depth: recursive parsers must not overflow the stack.
TEST_CASE("limits: deeply nested TOML values", "[reliability][limits]") {
  // toml++ stops at 256 nested arrays or inline tables.
  TempDir dir;
  auto [what, text] = GENERATE(table<std::string, std::string>({
      {"arrays", "x = " + repeat("[", k_deep) + repeat("]", k_deep) + "\n"},
      {"inline tables", "x = " + repeat("{a = ", k_deep) + "1" + repeat("}", k_deep) + "\n"},
  }));
  CAPTURE(what);
  const auto path = dir.write("poetry.lock", text);
  check_refused(shell_quote(path), 2, "exceeded maximum nested value depth of 256");
}

// toml++ 3.3.0 has no limit on how deep dotted keys and table headers nest, and recurses once
// per level: the readers refuse keys deeper than 256 levels before toml::parse.
TEST_CASE("limits: deeply nested TOML keys", "[reliability][limits]") {
  TempDir dir;
  auto [what, text] = GENERATE(table<std::string, std::string>({
      {"dotted keys", repeat("a.", k_deep) + "a = 1\n"},
      {"table headers", "[" + repeat("a.", k_deep) + "a]\n"},
  }));
  CAPTURE(what);
  const auto path = dir.write("poetry.lock", text);
  check_refused(shell_quote(path), 2, "invalid TOML: keys nested deeper than 256 levels");
}

TEST_CASE("limits: deeply nested JSON", "[reliability][limits]") {
  TempDir dir;
  SECTION("Pipfile.lock: read as a stream, the nesting costs no stack") {
    const auto path =
        dir.write("Pipfile.lock", "{\"default\": {\"idna\": {\"version\": \"==3.7\", \"hashes\": " +
                                      repeat("[", k_deep) + repeat("]", k_deep) + "}}}\n");
    const auto result = run(shell_quote(path) + " --format json");
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("Sanitizer") == std::string::npos);
    CHECK(nlohmann::json::accept(result.out));
  }
  SECTION("matrix") {
    const auto matrix =
        dir.write("matrix.json", "{\"schema_version\": 1, \"rules\": " + repeat("[", k_deep) +
                                     repeat("]", k_deep) + "}\n");
    const auto lock = dir.write("requirements.txt", "idna==3.7\n");
    check_refused("--no-default-matrix --matrix " + shell_quote(matrix) + " " + shell_quote(lock),
                  2, "rule 'rules[0]': unexpected type array (expected object)");
  }
}

// The marker parser recurses once per parenthesis, so it stops at 100 levels (packaging stops at
// Python's recursion limit).
TEST_CASE("limits: deeply nested markers", "[reliability][limits]") {
  TempDir dir;
  const std::string marker = repeat("(", k_deep) + "os_name == 'posix'" + repeat(")", k_deep);
  SECTION("requirements.txt") {
    const auto path = dir.write("requirements.txt", "idna==3.7 ; " + marker + "\n");
    check_refused(shell_quote(path), 2, "Markers nested deeper than 100 parentheses");
  }
  SECTION("uv.lock") {
    const auto path = dir.write("uv.lock",
                                "version = 1\nrequires-python = \">=3.9\"\n\n[[package]]\n"
                                "name = \"idna\"\nversion = \"3.7\"\nsource = { registry = "
                                "\"https://pypi.org/simple\" }\nresolution-markers = [\"" +
                                    marker + "\"]\n");
    check_refused(shell_quote(path), 2, "Markers nested deeper than 100 parentheses");
  }
}

// [dependency-groups] include chains are walked with an explicit stack: 100000 groups, each
// including the next, are read.
TEST_CASE("limits: a long chain of dependency-group includes", "[reliability][limits]") {
  TempDir dir;
  std::string text = "[project]\nname = \"x\"\nversion = \"1.0\"\n\n[dependency-groups]\n";
  for (std::size_t i = 0; i < k_deep; ++i)
    text += "g" + std::to_string(i) + " = [{include-group = \"g" + std::to_string(i + 1) + "\"}]\n";
  text += "g" + std::to_string(k_deep) + " = [\"idna==3.7\"]\n";
  const auto path = dir.write("pyproject.toml", text);
  const auto result = run(shell_quote(path) + " --format json");
  CAPTURE(result.err.substr(0, 2000));
  CHECK((result.exit_code == 0 || result.exit_code == 2));
  CHECK(result.err.find("Sanitizer") == std::string::npos);
  CHECK(nlohmann::json::accept(result.out));
}

// --- Line length: a requirements line over 1 MiB is refused (that line only); a 4 MB line in a
// TOML lock is read. Either way the text report shows a window of the line, not all of it.
TEST_CASE("limits: long lines", "[reliability][limits]") {
  TempDir dir;
  const std::string name = "a" + repeat("b", 4 << 20);
  SECTION("requirements.txt") {
    const auto path = dir.write("requirements.txt", "idna==3.7\n" + name + "==1.0\n");
    check_refused(shell_quote(path), 2, "line longer than 1 MiB (4194310 bytes");
    const auto result = run(shell_quote(path) + " --format json");
    const auto report = nlohmann::json::parse(result.out);
    CHECK(report.at("inputs").at(0).at("packages").size() == 1);  // the rest is read
    const auto text = run(shell_quote(path));
    CHECK(text.out.size() + text.err.size() < 4000);
  }
  SECTION("poetry.lock") {
    const auto path =
        dir.write("poetry.lock", "[[package]]\nname = \"" + name + "\"\nversion = \"1..0\"\n");
    const auto result = run(shell_quote(path) + " --format json");
    CHECK(result.exit_code == 2);  // the bad version, reported
    CHECK(nlohmann::json::accept(result.out));
    const auto text = run(shell_quote(path));
    CHECK(text.exit_code == 2);
    CHECK(text.out.size() + text.err.size() < 4000);
  }
}

// --- -r includes: depth, cycles (test_bad_input.cpp) and fan-out.
TEST_CASE("limits: requirements includes", "[reliability][limits]") {
  TempDir dir;
  SECTION("a chain deeper than the include limit") {
    for (int i = 0; i < 40; ++i)
      dir.write("r" + std::to_string(i) + ".txt", "-r r" + std::to_string(i + 1) + ".txt\n");
    dir.write("r40.txt", "idna==3.7\n");
    check_refused("--input-format requirements.txt " + shell_quote(dir / "r0.txt"), 2,
                  "includes nested deeper than");
  }
  SECTION("a fan-out that would read 2^30 files") {
    // Each file includes the next one twice: not a cycle, but exponential work without a
    // limit on the number of includes.
    for (int i = 0; i < 30; ++i) {
      const auto next = "f" + std::to_string(i + 1) + ".txt";
      dir.write("f" + std::to_string(i) + ".txt", "-r " + next + "\n-r " + next + "\n");
    }
    dir.write("f30.txt", "idna==3.7\n");
    check_refused("--input-format requirements.txt " + shell_quote(dir / "f0.txt"), 2,
                  "more than 1000 includes");
  }
}

// --- Matrix size.
TEST_CASE("limits: a matrix with too many rules", "[reliability][limits]") {
  TempDir dir;
  std::string rules = "{}";
  rules.reserve(3 * 100001);
  for (int i = 1; i < 100001; ++i) rules += ",{}";
  const auto matrix =
      dir.write("matrix.json", "{\"schema_version\": 1, \"rules\": [" + rules + "]}\n");
  const auto lock = dir.write("requirements.txt", "idna==3.7\n");
  check_refused("--no-default-matrix --matrix " + shell_quote(matrix) + " " + shell_quote(lock), 2,
                "too many rules");
}

// --- Input size: a file over the limit is refused before it is parsed. The file is sparse, so
// making it is instant.
TEST_CASE("limits: an input over the size limit", "[reliability][limits]") {
  TempDir dir;
  const auto path = dir / "poetry.lock";
  { std::ofstream(path, std::ios::binary) << "# large\n"; }
  fs::resize_file(path, depcheck::util::k_default_max_input_bytes + 1);
  check_refused(shell_quote(path), 2, "larger than the input limit");
}

TEST_CASE("limits: --max-input-size sets the limit", "[reliability][limits]") {
  TempDir dir;
  const auto path = dir.write("requirements.txt", "idna==3.7\n" + std::string(2000, '#') + "\n");
  check_refused(shell_quote(path) + " --max-input-size 1KB", 2,
                "is larger than the input limit of 1024 bytes");
  const auto within = run(shell_quote(path) + " --max-input-size 1MB");
  CHECK(within.exit_code == 0);
  const auto bad = run(shell_quote(path) + " --max-input-size lots");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--max-input-size") != std::string::npos);
}
