#pragma once
// The environment stage, between the readers and the engine: for each input, the environment
// its tool installs into (the target Python and platform) and what is really installed there
// (forks, markers, extras, the project's own roots). See src/environment/.
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/inventory.hpp"

namespace depcheck::environment {

// The environment markers are evaluated for.
struct Target {
  Target() = default;
  Target(std::string python_, std::string platform_, std::string assumed_ = "")
      : python(std::move(python_)), platform(std::move(platform_)), assumed(std::move(assumed_)) {}

  std::string python;    // "3.12" or "3.12.1"
  std::string platform;  // "linux" | "darwin" | "win32"
  std::string assumed;   // why: "" (given on the command line), or e.g. "lowest python allowed by
                         // pyproject.toml ('>=3.9')"
  // When the python is assumed from a declared range: the lowest allowed release of every CPython
  // minor in it ("3.8.1", "3.9", ...), lowest first (`python` is the first). The input is checked
  // on each; a finding that holds on some of them only says so.
  std::vector<std::string> pythons;
  bool declared = true;  // false when nothing declared a python and a default was taken
};

// The CPython minor releases ("3.6" ... "3.14") a python constraint allows: those of which some
// release satisfies it (">=3.8.1" allows 3.8). PEP 440 sets, and PDM's "a || b" alternatives.
// Empty when the text does not parse or allows none.
std::vector<std::string> python_minors_allowed(std::string_view constraint);

// Why `text` cannot be a target Python ("" when it can): X.Y or X.Y.Z of a real line, 2.7 or
// 3.0 to 3.16 (the line in development).
//   python_target_problem("3.12.1") -> "";  python_target_problem("3.99") -> "no Python 3.99 ..."
std::string python_target_problem(std::string_view text);

// The target of one input: --python/--platform when given; else, for an installed environment,
// its own interpreter; else the lowest Python that the pyproject beside the input
// (Input::project_requires_python), or else the input itself, allows; on linux. `assumed` says
// which.
Target assume_target(const std::string& python, const std::string& platform, const Input& input);

}  // namespace depcheck::environment
