#pragma once
// The engine's passes over one PackageIndex; engine.cpp runs them in turn.
#include <string>
#include <vector>

#include "depcheck/engine.hpp"
#include "environment/package_index.hpp"

namespace depcheck::engine {

using environment::PackageIndex;
using environment::Requirement;

std::vector<Finding> check_matrix(const Input& input, const matrix::Matrix& matrix,
                                  const PackageIndex& index, const Target& target,
                                  const pep508::Environment& env, const Options& options);
std::vector<Finding> check_requirements(const Input& input, const PackageIndex& index,
                                        const Target& target, const Options& options);

// "name[extra]>=1; marker", for messages.
std::string describe(const Dependency& dependency);

}  // namespace depcheck::engine
