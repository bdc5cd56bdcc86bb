// Inputs the fuzz targets (tests/fuzz) found crashing, hanging or breaking an invariant, kept as
// regression cases in tests/fixtures/bad_input/fuzz/<reader>/ ("poetry.lock", "uv.lock", ...: the
// folder names the --input-format). SPEC "Bad input": each one is read by the built depcheck
// without a crash or a sanitizer report, within a time limit, exits 0, 1 or 2, and --format json
// writes one JSON document. The first two reach toml++'s unreachable branch for non-ASCII bare
// text (see src/CMakeLists.txt); the sanitizer build runs them too.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

namespace fs = std::filesystem;
using depcheck::test::fixture_path;
using depcheck::test::shell_quote;

struct Case {
  std::string format;  // the folder name: a reader id
  std::string path;
};

std::vector<Case> regression_cases(const std::string& folder_name) {
  std::vector<Case> cases;
  const fs::path root = fixture_path("bad_input/" + folder_name);
  if (!fs::is_directory(root)) return cases;
  for (const auto& folder : fs::directory_iterator(root)) {
    if (!folder.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(folder.path()))
      if (file.is_regular_file())
        cases.push_back({folder.path().filename().string(), file.path().string()});
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.path < b.path; });
  return cases;
}

struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

Outcome run_json(const Case& c) {
  const auto out =
      fs::temp_directory_path() / ("depcheck-fuzz-regression-" + std::to_string(::getpid()));
  const std::string command =
      "timeout -s KILL 60 " + shell_quote(DEPCHECK_BINARY) + " --input-format " +
      shell_quote(c.format) + " " + shell_quote(c.path) + " --format json </dev/null >" +
      shell_quote(out.string() + ".out") + " 2>" + shell_quote(out.string() + ".err");
  const int status = std::system(command.c_str());
  Outcome outcome;
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream o(out.string() + ".out", std::ios::binary),
      e(out.string() + ".err", std::ios::binary);
  outcome.out.assign(std::istreambuf_iterator<char>(o), {});
  outcome.err.assign(std::istreambuf_iterator<char>(e), {});
  fs::remove(out.string() + ".out");
  fs::remove(out.string() + ".err");
  return outcome;
}

void check_cases(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.format, c.path);
    const auto outcome = run_json(c);
    CAPTURE(outcome.err.substr(0, 3000));
    CHECK(outcome.exit_code >= 0);
    CHECK(outcome.exit_code <= 2);
    CHECK(outcome.err.find("Sanitizer") == std::string::npos);
    CHECK(outcome.err.find("runtime error:") == std::string::npos);
    CHECK(nlohmann::json::accept(outcome.out));
  }
}

}  // namespace

// --- SPEC "Bad input": never crash, never hang, always one JSON document.
TEST_CASE("fuzz regressions: every kept input is read without a crash", "[reliability][fuzz]") {
  const auto cases = regression_cases("fuzz");
  REQUIRE(!cases.empty());
  check_cases(cases);
}
