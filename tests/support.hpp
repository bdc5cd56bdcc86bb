#pragma once
// Helpers shared by the tests: fixture paths, running the depcheck binary, the optional
// python3-packaging oracle.
#include <string>

namespace depcheck::test {

// <source>/tests/fixtures/<relative>
std::string fixture_path(const std::string& relative);
std::string read_fixture(const std::string& relative);
// The shared corpus folder, or "" when it is absent (tests then skip).
std::string shared_dir();

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs the built depcheck with `args` (a shell-quoted string) and optional stdin text.
RunResult run_depcheck(const std::string& args, const std::string& stdin_text = "");

// Debian's python3 with python3-packaging, or "" when absent.
std::string packaging_python();
// Runs `python` on `script` with `input` on stdin; returns stdout.
std::string run_python(const std::string& python, const std::string& script, const std::string& input);

// Quotes for the shell.
std::string shell_quote(const std::string& text);

}  // namespace depcheck::test
