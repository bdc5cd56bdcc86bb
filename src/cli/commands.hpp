#pragma once
// Subcommands: rules, explain, lint-matrix, why; and the matrix loading they share with check.
#include "cli/options.hpp"
#include "depcheck/matrix.hpp"

namespace depcheck::cli {

// The bundled matrix (unless --no-default-matrix) plus every --matrix file.
matrix::Matrix load_matrices(const Options& options);

int list_rules(const Options& options);
int explain_rule(const Options& options);
int lint_matrix(const Options& options);
int why(const Options& options);

}  // namespace depcheck::cli
