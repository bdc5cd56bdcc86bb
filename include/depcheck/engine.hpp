#pragma once
// The rule engine: Inputs + Matrix + Target -> Findings. Cost grows with packages + declared
// dependencies + matching rules, never packages x rules (rules are looked up by package).
#include <optional>
#include <string>
#include <vector>

#include "depcheck/diagnostic.hpp"
#include "depcheck/environment.hpp"
#include "depcheck/finding_kinds.hpp"
#include "depcheck/inventory.hpp"
#include "depcheck/matrix.hpp"
#include "depcheck/pep508/marker.hpp"

namespace depcheck::engine {

using environment::Target;

struct FindingPackage {
  std::string name;
  std::string version;
  Location where;
};

struct FixOption {
  std::string package;
  std::string versions;  // the recommended range (intersected with declared constraints)
  bool consistent = true;
  std::string reason;          // why not consistent
  std::string command;         // in the syntax of the tool that owns the input
  std::string note;            // e.g. which declared constraint the command replaces
  pep440::SpecifierSet range;  // `versions`, parsed (any version for a re-lock step)
};

// One set of constraint changes for a whole input that resolves every finding that has a fix,
// where one exists.
struct Plan {
  std::string input;
  bool resolves_all = true;
  std::vector<FixOption> changes;
  std::vector<std::string> unresolved;  // rule ids of findings the plan does not resolve
};

struct Finding {
  std::string rule;  // rule id, or the kind for checks from the inputs' own metadata
  std::string kind;  // a FindingKind id (finding_kinds.hpp)
  Severity severity = Severity::error;
  std::string symptom;
  std::string summary;
  std::string details;
  std::string input;  // Input::path
  std::vector<FindingPackage> packages;
  std::vector<std::string> references;
  std::vector<FixOption> fixes;
  std::string condition;  // a marker condition under which it applies, "" = always
  // Where the target is a range of Pythons: those of them on which it holds (all = always).
  std::vector<std::string> pythons;
  // The requirement an unsatisfied- or missing-requirement finding is about: its fix moves
  // into it. Not reported as such (the summary quotes it).
  std::optional<Dependency> requirement;
};

struct Options {
  std::vector<std::string> ignore;  // rule ids, or finding kinds
  std::string installer;            // "" = the tool that owns the input
};

struct Result {
  std::vector<Finding> findings;  // in report order, each with its fix options
  Plan plan;
};

// Everything for one input: matrix rules, metadata checks, fix options and the combined plan.
Result check_input(const Input& input, const matrix::Matrix& matrix, const Target& target,
                   const Options& options);

// Every matrix rule whose `when` conditions all hold for packages of `input` (and whose markers
// hold for `target`), in a stable order.
std::vector<Finding> check_matrix(const Input& input, const matrix::Matrix& matrix,
                                  const Target& target, const Options& options);

// Checks from the input's own metadata (SPEC finding kinds): unsatisfied-requirement,
// missing-requirement, python-incompatible, stale-lock (against Input::declared), and
// duplicate-distribution (installed environments). `options.ignore` may name a kind.
std::vector<Finding> check_requirements(const Input& input, const Target& target,
                                        const Options& options);

// Both of the above, in report order.
std::vector<Finding> check(const Input& input, const matrix::Matrix& matrix, const Target& target,
                           const Options& options);

// Whether `rule` fires on a set of versions (name -> version); used for examples and lint.
bool rule_fires(const matrix::Rule& rule,
                const std::vector<std::pair<std::string, std::string>>& versions,
                const pep508::Environment* env);

// Sorts findings into the report order: severity, rule, input, first package line.
void sort_findings(std::vector<Finding>& findings);

}  // namespace depcheck::engine
