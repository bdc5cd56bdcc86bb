#pragma once
// One check, from options to report: find and read the inputs, give each the project beside it,
// choose each input's target environment, run the engine on each, and build the report. The
// command line, the real-world suite, the per-format tests and the fuzzers all call this, so
// they see what a user sees.
#include <memory>
#include <optional>
#include <vector>

#include "cli/options.hpp"
#include "depcheck/diagnostic.hpp"
#include "depcheck/inventory.hpp"
#include "depcheck/matrix.hpp"
#include "depcheck/report.hpp"

namespace depcheck::cli {

// The report points into the matrix and the inputs: they live together.
struct CheckRun {
  matrix::Matrix matrix;
  std::vector<std::unique_ptr<Input>> inputs;
  report::Report report;
};

// Problems go into the report (so --format json still writes one document); `config_error` is a
// settings file that could not be read, reported the same way.
std::unique_ptr<CheckRun> run_check(const Options& options,
                                    const std::optional<Diagnostic>& config_error = std::nullopt);

// The engine's part for inputs already read: targets, checks, plans, findings in report order.
// `report.inputs` must be set.
void check_inputs(report::Report& report, const matrix::Matrix& matrix, const Options& options);

}  // namespace depcheck::cli
