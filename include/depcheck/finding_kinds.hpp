#pragma once
// The kinds of finding depcheck can report, in one table: SARIF's rule descriptions, `depcheck
// explain KIND`, `--ignore KIND` and the fix planner read it. A matrix rule's finding is an
// "incompatibility"; the others come from the inputs' own metadata and have rule id == kind.
#include <string_view>
#include <vector>

namespace depcheck::engine {

// How a finding of a kind is fixed.
enum class FixStyle : unsigned char {
  rule_fixes,        // the rule's own `fixes`, each made safe for the input
  into_requirement,  // move the required package into the range its dependent declares
  relock,            // re-resolve the lock (the project's constraints changed)
  none,              // nothing depcheck can write as a command (e.g. remove a duplicate)
};

// Which check emits it.
enum class CheckStage : unsigned char { matrix, requirements };

struct FindingKind {
  std::string_view id;        // "missing-requirement": the finding's kind and, but for
                              // "incompatibility", its rule id
  std::string_view title;     // one line: SARIF shortDescription
  std::string_view help;      // what it means and what to do: explain, SARIF fullDescription
  std::string_view help_uri;  // the standard it rests on ("" = the rule's own references)
  FixStyle fix = FixStyle::none;
  CheckStage check = CheckStage::requirements;
};

// Every kind, in the order of SPEC.md.
const std::vector<FindingKind>& finding_kinds();
// The kind with this id, or nullptr.
const FindingKind* find_finding_kind(std::string_view id);

}  // namespace depcheck::engine
