#pragma once
// Fix options for a finding, with the command in the syntax of the tool that owns the input.
#include <string>
#include <vector>

#include "depcheck/engine.hpp"

namespace depcheck::engine {

// The tool that owns an input format: "poetry", "uv", "pdm", "pipenv" or "pip".
std::string installer_for(const std::string& format);

// One command that applies `requirement` (e.g. "websockets<14") for that tool. `direct` says
// whether the project itself declares the package (else a constraint mechanism is preferred).
std::string fix_command(const std::string& installer, const std::string& package,
                        const std::string& versions, bool direct);

std::vector<FixOption> fix_options(const matrix::Rule& rule, const Input& input);

}  // namespace depcheck::engine
