#pragma once
// Finding and reading the inputs named on the command line.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.hpp"
#include "depcheck/diagnostic.hpp"
#include "depcheck/inventory.hpp"
#include "depcheck/readers/reader.hpp"

namespace depcheck::cli {

using readers::k_environment_format;

struct InputFile {
  std::string path;
  std::string format;  // reader id
};

// Expands PATHs: a file stays (format from --input-format or its name, else its content), a
// directory yields the inputs it holds, "-" is standard input. Throws FatalError for a path that
// does not exist or a directory without inputs.
std::vector<InputFile> find_inputs(const Options& options);
// The same, putting each path's problem in `errors` and going on with the others.
std::vector<InputFile> find_inputs(const Options& options, Diagnostics& errors);

// Reads one input. Whole-file problems land in `errors` (the input is then empty, and the run
// ends with exit 2); single bad entries too; warnings in `warnings`.
std::unique_ptr<Input> read_input(const InputFile& file, Diagnostics& errors,
                                  Diagnostics& warnings);

// Gives each lock what the pyproject.toml beside it says, as far as the lock's own tool reads it
// (FormatTraits::reads): the declared constraints (Input::declared), so that a lock that no
// longer satisfies them is reported, the tool's overrides and constraints, the project's name
// and Python. A pyproject that is not among the inputs is read for this alone.
void attach_project_constraints(std::vector<std::unique_ptr<Input>>& inputs, Diagnostics& errors,
                                Diagnostics& warnings);

}  // namespace depcheck::cli
