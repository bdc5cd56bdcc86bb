#pragma once
// Fix recommendations that are safe to apply as printed. Each option's range is intersected with
// every constraint the input declares on that package (dependents' requirements, the project's
// own constraints) and checked against every other rule: a range that would trigger another
// rule is narrowed away from it, or marked inconsistent with the reason. Options come out
// consistent first, then by the smallest move from the locked version.
#include <string>
#include <vector>

#include "depcheck/engine.hpp"
#include "engine/package_index.hpp"

namespace depcheck::engine {

// The tool that owns an input format: "poetry", "uv", "pdm", "pipenv" or "pip".
std::string installer_for(const std::string& format);

// One command that applies `package` + `versions` (e.g. "websockets", "<14") for that tool.
// `direct` says whether the project itself declares the package; for a transitive one the
// tool's own constraint mechanism is used where it has one.
std::string fix_command(const std::string& installer, const std::string& package,
                        const std::string& versions, bool direct);

// The command that re-locks after the project's constraints changed.
std::string relock_command(const std::string& installer);

class FixPlanner {
 public:
  FixPlanner(const Input& input, const matrix::Matrix& matrix, const PackageIndex& index,
             const pep508::Environment& env, const Options& options);

  std::vector<FixOption> options_for(const Finding& finding) const;
  // One set of changes resolving every finding that has a consistent option, greedily: a
  // finding reuses a package already changed where it can (fewest packages changed).
  Plan plan(const std::vector<Finding>& findings) const;

  // `range` for `package`, intersected and checked as described above.
  FixOption make_option(const std::string& package, const pep440::SpecifierSet& range) const;

 private:
  bool is_direct(const std::string& package) const;

  const Input& m_input;
  const matrix::Matrix& m_matrix;
  const PackageIndex& m_index;
  const pep508::Environment& m_env;
  const Options& m_options;
  std::string m_installer;
};

}  // namespace depcheck::engine
