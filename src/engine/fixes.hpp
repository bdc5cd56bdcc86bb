#pragma once
// Fix recommendations that are safe to apply as printed. Each option's range is intersected with
// every constraint the input declares on that package (dependents' requirements, the project's
// own constraints) and checked against every other rule: a range that would trigger another
// rule is narrowed away from it, or marked inconsistent with the reason. Options come out
// consistent first, then by the smallest move from the locked version.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "depcheck/engine.hpp"
#include "engine/tools.hpp"
#include "environment/package_index.hpp"

namespace depcheck::engine {

using environment::PackageIndex;
using environment::Requirement;

// The range algebra of pep440 (simplify, intersect, is_empty), remembered per distinct
// specifier list. Fix planning asks the same questions over and over: every dependent of a
// package tends to declare the same range, rules share fix ranges, and the plan re-checks the
// options' own ranges; one simplify() costs tens of microseconds. The answers depend only on
// the specifiers' text (operator, version as written, wildcard), which is the key. Not
// thread-safe: one planner, one thread.
class RangeMemo {
 public:
  const pep440::SpecifierSet& simplify(const pep440::SpecifierSet& set);
  // simplify(a + b), as pep440::intersect.
  const pep440::SpecifierSet& intersect(const pep440::SpecifierSet& a,
                                        const pep440::SpecifierSet& b);
  bool is_empty(const pep440::SpecifierSet& set);
  // !is_empty(intersect(a, b)), without simplifying: simplify() keeps the allowed versions, and
  // turns a set into "<0" exactly when its over-approximation is empty, which is what is_empty()
  // reads; so the concatenation answers the same. Most fix candidates are empty.
  bool intersects(const pep440::SpecifierSet& a, const pep440::SpecifierSet& b);

 private:
  // References into these maps stay valid as they grow (node-based containers).
  std::unordered_map<std::string, pep440::SpecifierSet> m_simplified;
  std::unordered_map<std::string, bool> m_empty;
};

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
  // Where the project declares `package` (an installed environment: anything is pip-installed).
  Placement placement_of(const std::string& package) const;
  FixOption compute_option(const std::string& package, const pep440::SpecifierSet& range) const;

  const Input& m_input;
  const matrix::Matrix& m_matrix;
  const PackageIndex& m_index;
  const pep508::Environment& m_env;
  const Options& m_options;
  std::string m_installer;
  // Caches, filled by the const queries above (see RangeMemo).
  mutable RangeMemo m_ranges;
  // make_option() per (package, range): findings with the same fix, and the plan's changes.
  mutable std::unordered_map<std::string, FixOption> m_made;
};

}  // namespace depcheck::engine
