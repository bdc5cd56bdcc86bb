#pragma once
// `depcheck lint-matrix FILE`: checks a matrix that loads for the mistakes the loader cannot
// see: a rule without references, examples that contradict their own rule, fixes that no good
// example proves, rules shadowed by others, ids that clash with the bundled matrix, bad dates.
// Rule A is shadowed by rule B when a finding of A can tell nothing that one of B does not: B
// has the same packages, every version set of A lies within B's, B's markers are absent or A's,
// B is at least as severe, has A's symptom, and each fix range of A lies within one of B's (B's
// fixes silence A too, so A would only be news with a wider fix). Nested
// ranges alone are not a problem: they often describe different breakages.
//   rules.json:14: error: rule 'alpha-beta-3': examples.bad[0] {alpha 1.4.0, beta 2.0} does not
//   fire
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/diagnostic.hpp"
#include "depcheck/matrix.hpp"
#include "depcheck/pep440/specifier.hpp"

namespace depcheck::cli {

struct LintProblem {
  Severity severity = Severity::error;  // error: exit 1; warning: reported only
  std::string rule;                     // rule id
  int line = 0;                         // line of the rule's "id" in the file, 0 = unknown
  std::string message;                  // without the rule id
};

// Lints `matrix`, loaded from `json_text`. Rule ids that also name a rule of `bundled` are
// warnings (pass nullptr to skip that check). Problems come in file order, rule by rule.
std::vector<LintProblem> lint_rules(const matrix::Matrix& matrix, std::string_view json_text,
                                    const matrix::Matrix* bundled);

// Whether every version in `inner` is in `outer`, proven conservatively: false when unsure.
// Decided with pep440's range algebra (to_range): exact wherever that is (see range.hpp);
// ===V allows at most V.
//   versions_contained(">=1.2,<1.5", ">=1,<2") -> true;  versions_contained(">1.0", ">=1.0") ->
//   true versions_contained(">=1.0", ">1.0") -> false
bool versions_contained(const pep440::SpecifierSet& inner, const pep440::SpecifierSet& outer);

// Whether no version can lie in `set` (proven; false when unsure).  ">=2,<1" -> true
bool versions_empty(const pep440::SpecifierSet& set);

}  // namespace depcheck::cli
