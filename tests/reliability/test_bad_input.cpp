// SPEC "Exit codes" and "Bad input": bad input never crashes, never hangs, and never yields a
// half-written JSON document; an input that cannot be read or parsed ends with exit 2 and a
// message naming file:line:col where the input has lines; warnings (an unknown future lock
// version) do not change the exit code. Each row runs the built depcheck twice: as text, and with
// --format json, whose standard output must be one JSON document holding the same message.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "depcheck/util/text.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;
using depcheck::test::fixture_path;
using depcheck::test::run_depcheck;
using depcheck::test::RunResult;
using depcheck::test::shell_quote;
using depcheck::test::TempDir;

std::string bad_input(const std::string& name) {
  return shell_quote(fixture_path("bad_input/" + name));
}

// A sanitizer report or a signal is a crash, whatever the exit code says.
void check_no_crash(const RunResult& result) {
  CHECK(result.exit_code >= 0);
  CHECK(result.exit_code <= 2);
  CHECK(result.err.find("Sanitizer") == std::string::npos);
  CHECK(result.err.find("runtime error:") == std::string::npos);
  CHECK(result.err.find("terminate called") == std::string::npos);
}

// "path[:line[:column]]: message" for each entry of the JSON report's `key` array.
std::vector<std::string> json_messages(const nlohmann::json& report, const char* key) {
  std::vector<std::string> messages;
  if (!report.contains(key)) return messages;
  for (const auto& entry : report.at(key)) {
    std::string text = entry.value("path", std::string());
    if (entry.contains("line")) text += ":" + std::to_string(entry.at("line").get<int>());
    if (entry.contains("column")) text += ":" + std::to_string(entry.at("column").get<int>());
    messages.push_back(text + ": " + entry.value("message", std::string()));
  }
  return messages;
}

bool any_contains(const std::vector<std::string>& texts, const std::string& needle) {
  for (const auto& text : texts)
    if (text.find(needle) != std::string::npos) return true;
  return false;
}

enum class Kind { error, warning, none };

// Runs `args` as text and as JSON. `where` ("file:line:col", or "file" when the input has no
// lines) and `message` must appear together,
// "<where>: <message>" among the JSON errors; in every format "depcheck: error: <where>: <message>"
// on stderr (warnings for Kind::warning). With `packages` >= 0,
// the JSON report lists that many packages for the (single) input.
void check_run(const std::string& args, int expected_exit, Kind kind, const std::string& where,
               const std::string& message, const std::string& stdin_text = "", int packages = -1) {
  CAPTURE(args);
  const auto text = run_depcheck(args + " --color never", stdin_text);
  CAPTURE(text.out, text.err);
  check_no_crash(text);
  CHECK(text.exit_code == expected_exit);
  const std::string label = kind == Kind::error ? "error" : "warning";
  // On stderr, one line, in every format: the run's reason is never only inside a report.
  const auto has_line = [&](const std::string& err) {
    // `where` may be the end of the path as given.
    for (const auto line : depcheck::util::split(err, '\n'))
      if (line.starts_with("depcheck: " + label + ": ") &&
          line.find(where + ": " + message) != std::string_view::npos)
        return true;
    return false;
  };
  if (kind != Kind::none) {
    CHECK(has_line(text.err));
    CHECK(text.out.find(message) == std::string::npos);
    for (const char* format : {"sarif", "github", "markdown", "gitlab"}) {
      const auto other = run_depcheck(args + " --format " + format, stdin_text);
      CAPTURE(format, other.err);
      CHECK(other.exit_code == expected_exit);
      CHECK(has_line(other.err));
    }
  }

  const auto json = run_depcheck(args + " --format json", stdin_text);
  CAPTURE(json.out, json.err);
  check_no_crash(json);
  CHECK(json.exit_code == expected_exit);
  nlohmann::json report;
  REQUIRE_NOTHROW(report = nlohmann::json::parse(json.out));  // exactly one document
  REQUIRE(report.is_object());
  CHECK(report.value("schema_version", 0) == 1);
  if (kind != Kind::none) {
    const auto messages = json_messages(report, kind == Kind::error ? "errors" : "warnings");
    CAPTURE(messages);
    CHECK(any_contains(messages, where + ": " + message));
    CHECK(has_line(json.err));
  }
  if (packages >= 0) {
    REQUIRE(report.at("inputs").size() == 1);
    CHECK(report.at("inputs").at(0).at("packages").size() == static_cast<std::size_t>(packages));
  }
}

// Runs depcheck under `timeout`, for inputs that once made it loop: a hang fails the test
// instead of stopping the suite.
[[maybe_unused]] RunResult run_with_timeout(const std::string& args, int seconds) {
  TempDir dir;
  const std::string command = "timeout -s KILL " + std::to_string(seconds) + " " +
                              shell_quote(DEPCHECK_BINARY) + " " + args + " </dev/null >" +
                              shell_quote(dir / "out") + " 2>" + shell_quote(dir / "err");
  const int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream out(dir / "out"), err(dir / "err");
  result.out.assign(std::istreambuf_iterator<char>(out), {});
  result.err.assign(std::istreambuf_iterator<char>(err), {});
  return result;
}

}  // namespace

// --- SPEC "Exit codes": one bad file of each kind (tests/fixtures/bad_input/). `packages` is how
// many packages the JSON report still lists for the input (-1: not checked): one bad entry does
// not hide the others.
TEST_CASE("bad input: files from tests/fixtures/bad_input", "[reliability][bad-input]") {
  auto [file, format, exit_code, kind, where, message, packages] =
      GENERATE(table<std::string, std::string, int, Kind, std::string, std::string, int>({
          // An empty lock has no packages: a warning, nothing to check.
          {"empty.poetry.lock", "poetry.lock", 0, Kind::warning, "empty.poetry.lock",
           "no packages: the file is empty", 0},
          // Truncated TOML and JSON: a syntax error where the text stops.
          {"truncated.uv.lock", "uv.lock", 2, Kind::error, "truncated.uv.lock:8:14",
           "invalid TOML: Error while parsing string: encountered end-of-file", 0},
          {"truncated.Pipfile.lock", "Pipfile.lock", 2, Kind::error, "truncated.Pipfile.lock:5:26",
           "invalid JSON: syntax error while parsing object key", 0},
          // Invalid UTF-8: TOML refuses it at the byte; a requirements line names it, escaped.
          {"invalid-utf8.poetry.lock", "poetry.lock", 2, Kind::error,
           "invalid-utf8.poetry.lock:4:19", "invalid TOML: Encountered invalid utf-8 sequence", 0},
          {"invalid-utf8.requirements.txt", "requirements.txt", 2, Kind::error,
           "invalid-utf8.requirements.txt:2:4", "invalid requirement 'caf", 2},
          // A UTF-8 byte-order mark is not part of the first key or requirement.
          {"bom.uv.lock", "uv.lock", 0, Kind::none, "", "", 1},
          {"bom.requirements.txt", "requirements.txt", 0, Kind::none, "", "", 2},
          // CRLF line ends: lines and columns are those an editor shows.
          {"crlf.poetry.lock", "poetry.lock", 2, Kind::error, "crlf.poetry.lock:11:11",
           "invalid version '1..3'", 2},
          {"crlf.Pipfile.lock", "Pipfile.lock", 2, Kind::error, "crlf.Pipfile.lock:12:24",
           "invalid version '1..3'", 2},
          // Wrong types and missing fields: one bad entry, named by its key path.
          {"wrong-types.pylock.toml", "pylock.toml", 2, Kind::error, "wrong-types.pylock.toml:6:11",
           "unexpected type integer (expected string) in 'packages[0].version'", 1},
          {"wrong-types.Pipfile.lock", "Pipfile.lock", 2, Kind::error,
           "wrong-types.Pipfile.lock:4:18",
           "unexpected type number (expected string) in 'default.idna.version'", 1},
          {"missing-name.uv.lock", "uv.lock", 2, Kind::error, "missing-name.uv.lock:4:1",
           "missing 'name' in 'package[0]'", 1},
          {"empty-name.Pipfile.lock", "Pipfile.lock", 2, Kind::error, "empty-name.Pipfile.lock:4:5",
           "empty package name in 'default'", 1},
          {"missing-version.pdm.lock", "pdm.lock", 2, Kind::error, "missing-version.pdm.lock:7:1",
           "missing 'version' in 'package[0]'", 1},
          // Not this format at all: the whole file is refused.
          {"not-object.Pipfile.lock", "Pipfile.lock", 2, Kind::error, "not-object.Pipfile.lock:1:1",
           "not a Pipfile.lock: the top level is an array, not an object", 0},
          // Unknown future lock versions are read best-effort: a warning, not a failure.
          {"future.poetry.lock", "poetry.lock", 0, Kind::warning, "future.poetry.lock:10:16",
           "unknown lock-version '9.0' (known: 1.1, 2.0, 2.1)", 1},
          {"future.uv.lock", "uv.lock", 0, Kind::warning, "future.uv.lock:1:11",
           "unknown version 9 (known: 1)", 1},
          {"future.pylock.toml", "pylock.toml", 0, Kind::warning, "future.pylock.toml:1:16",
           "unknown lock-version '9.0' (known: 1.0)", 1},
          // An include cycle is reported at the include that closes it; both files are read.
          {"include-cycle-a.txt", "requirements.txt", 2, Kind::error, "include-cycle-b.txt:1:4",
           "include cycle: ", 2},
      }));
  CAPTURE(file);
  check_run("--input-format " + format + " " + bad_input(file), exit_code, kind, where, message, "",
            packages);
}

TEST_CASE("bad input: a matrix value of the wrong type is a load error",
          "[reliability][bad-input]") {
  TempDir dir;
  const auto lock = dir.write("requirements.txt", "idna==3.7\n");
  check_run("--no-default-matrix --matrix " + bad_input("wrong-type.matrix.json") + " " +
                shell_quote(lock),
            2, Kind::error, "wrong-type.matrix.json",
            "rule 'wrong-type': unexpected type number (expected string) in 'when[0].versions'");
}

TEST_CASE("bad input: a matrix number beyond a double is a load error",
          "[reliability][bad-input]") {
  TempDir dir;
  const auto lock = dir.write("requirements.txt", "idna==3.7\n");
  const auto matrix =
      dir.write("matrix.json", "{\"schema_version\": 1, \"rules\": [], \"comment\": 1e999}\n");
  check_run("--no-default-matrix --matrix " + shell_quote(matrix) + " " + shell_quote(lock), 2,
            Kind::error, matrix, "invalid JSON: number overflow parsing '1e999'");
}

// --- Garbage: the file name picks the reader, whatever the bytes are.
TEST_CASE("bad input: binary garbage", "[reliability][bad-input]") {
  std::string garbage;
  for (unsigned i = 0, x = 12345; i < 4096; ++i) {
    x = x * 1103515245u + 12345u;
    garbage += static_cast<char>(x >> 16);
  }
  auto [where, message] = GENERATE(table<std::string, std::string>({
      {"poetry.lock:1:1", "invalid TOML: Encountered invalid utf-8 sequence"},
      {"uv.lock:1:1", "invalid TOML: Encountered invalid utf-8 sequence"},
      {"pdm.lock:1:1", "invalid TOML: Encountered invalid utf-8 sequence"},
      {"pylock.toml:1:1", "invalid TOML: Encountered invalid utf-8 sequence"},
      {"Pipfile.lock:1:1", "invalid JSON: syntax error while parsing value - invalid literal"},
      {"requirements.txt:3:138", "not a requirements file: binary content (a NUL byte)"},
  }));
  const auto name = where.substr(0, where.find(':'));
  CAPTURE(name);
  TempDir dir;
  const auto path = dir.write(name, garbage);
  check_run(shell_quote(path), 2, Kind::error, where, message);
  // The same bytes on standard input are sniffed (as requirements) and refused the same way.
  if (name == "requirements.txt")
    check_run("-", 2, Kind::error, "<stdin>" + where.substr(name.size()), message, garbage);
}

// --- Paths that are not readable inputs.
TEST_CASE("bad input: paths", "[reliability][bad-input]") {
  TempDir dir;
  SECTION("a missing file") {
    check_run(shell_quote(dir / "no-such.lock") + " --input-format poetry.lock", 2, Kind::error,
              "no-such.lock",
              "cannot read '" + (dir / "no-such.lock") + "': No such file or directory");
  }
  SECTION("a directory without inputs") {
    dir.write("README.md", "nothing to read\n");
    check_run(shell_quote(dir.path().string()), 2, Kind::error, dir.path().string(),
              "no lock, requirements or pyproject file in");
  }
  SECTION("an unreadable file") {
    if (::geteuid() == 0) {
      WARN("skipped: running as root, chmod 000 does not stop root from reading");
      return;
    }
    const auto path = dir.write("poetry.lock", "");
    fs::permissions(path, fs::perms::none);
    check_run(shell_quote(path), 2, Kind::error, "poetry.lock",
              "cannot read '" + path + "': Permission denied");
  }
  SECTION("a symlink loop named like a lock") {
    fs::create_symlink(dir / "poetry.lock", dir / "poetry.lock");
    // (The message says "No such file or directory" where the OS says "Too many levels of
    // symbolic links": only the start is checked.)
    check_run(shell_quote(dir / "poetry.lock"), 2, Kind::error, "poetry.lock", "cannot read '");
  }
  SECTION("a directory whose only lock is a symlink loop") {
    fs::create_symlink(dir / "uv.lock", dir / "uv.lock");
    // The broken entry is skipped, whatever else the folder lists.
    check_run(shell_quote(dir.path().string()), 2, Kind::error, dir.path().string(),
              "no lock, requirements or pyproject file in");
  }
  SECTION("a lock that is a directory") {
    fs::create_directories(dir.path() / "sub" / "poetry.lock");
    check_run(shell_quote(dir / "sub/poetry.lock") + " --input-format poetry.lock", 2, Kind::error,
              "poetry.lock", "no lock, requirements or pyproject file in");
  }
}

// A pyproject.toml is also read for [tool.depcheck] settings: one that is not TOML (or holds a
// bad setting) is reported once, in the report, and the inputs are still checked.
TEST_CASE("bad input: a broken pyproject.toml still gives one JSON document",
          "[reliability][bad-input]") {
  TempDir dir;
  dir.write("requirements.txt", "idna==3.7\n");
  auto [content, where, message] = GENERATE(table<std::string, std::string, std::string>({
      {"x = \n", "pyproject.toml:1:5", "invalid TOML"},
      {"\xff\xfe garbage\n", "pyproject.toml:1:1",
       "invalid TOML: Encountered invalid utf-8 sequence"},
      {"[tool.depcheck]\nfail-on = 3\n", "pyproject.toml:2:11",
       "unexpected type integer (expected string) in 'tool.depcheck.fail-on'"},
  }));
  CAPTURE(content);
  dir.write("pyproject.toml", content);
  check_run(shell_quote(dir.path().string()), 2, Kind::error, where, message);
}
