#pragma once
// `depcheck why PACKAGE`: the dependency paths that bring a package into each lock, as text or
// as a Mermaid graph (engine/dependency_paths.hpp finds them).
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/inventory.hpp"

namespace depcheck::cli {

// The `why` output for all inputs (pyproject.toml inputs, which lock nothing, are skipped).
// A package in none of them is a FatalError with "did you mean" over the locked names.
std::string render_why(const std::vector<const Input*>& inputs, std::string_view package,
                       bool markdown);

}  // namespace depcheck::cli
