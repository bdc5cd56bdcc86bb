#pragma once
// `depcheck why PACKAGE`: the dependency paths that bring a package into each lock, as text or
// as a Mermaid graph (engine/dependency_paths.hpp finds them).
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/inventory.hpp"

namespace depcheck::cli {

// The `why` output for all inputs (pyproject.toml inputs, which lock nothing, are skipped),
// with only the edges active in each input's target (`python`/`platform` as --python and
// --platform; "" = assumed per input, as the check does).
// A package in none of them is a FatalError with "did you mean" over the locked names.
std::string render_why(const std::vector<const Input*>& inputs, std::string_view package,
                       bool markdown, const std::string& python = "",
                       const std::string& platform = "");

}  // namespace depcheck::cli
