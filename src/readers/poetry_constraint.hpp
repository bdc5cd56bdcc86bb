#pragma once
// Poetry's version constraints -> PEP 440, with poetry-core's semantics (parse_constraint):
//   "*"            -> any version          "1.2.*", "==1.2.*"   -> ==1.2.*
//   "^1.2.3"       -> >=1.2.3,<2.0.0       "^0.2.3" -> >=0.2.3,<0.3.0   "^0.0.3" -> >=0.0.3,<0.0.4
//   "~1.2"         -> >=1.2,<1.3           "~1"     -> >=1,<2           "~=1.2"  -> >=1.2,<2.0
//   ">=1.0 <2.0", ">=1.0,<2.0"             -> >=1.0,<2.0   (space or comma: AND)
//   ">=1.0,<2.0 || ^3.1"                   -> two alternatives (OR)
//   "1.2.3", "=1.2.3"                      -> ==1.2.3
// Used for poetry.lock dependencies and python-versions, and for [tool.poetry] in pyproject.toml.
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/inventory.hpp"
#include "depcheck/pep440/specifier.hpp"
#include "depcheck/util/expected.hpp"

namespace depcheck::readers {

struct PoetryConstraint {
  // One entry per "||" alternative: the PEP 440 text and its parsed set. "*" gives one
  // alternative with an empty text (any version).
  struct Alternative {
    std::string text;  // ">=0.2.3,<0.3.0"
    pep440::SpecifierSet specifiers;
  };
  std::vector<Alternative> alternatives;

  bool is_any() const;
  // The alternatives' texts joined with " || " ("" for any version).
  std::string str() const;
  // Sets dependency.specifier_text, and .specifiers (one alternative) or .any_of (several).
  void apply_to(Dependency& dependency) const;
};

// Error: "invalid version constraint '^1..0'".
Expected<PoetryConstraint> parse_poetry_constraint(std::string_view text);

// A `python = "..."` restriction as a PEP 508 marker, as poetry-core's create_nested_marker
// writes it; "" when it allows every python.
//   "^3.7"  -> python_version >= "3.7" and python_version < "4.0"
//   "<3"    -> python_version < "3"
//   ">=2.7,<2.8 || >=3.4" -> (python_version >= "2.7" and python_version < "2.8") or
//                            (python_version >= "3.4")
Expected<std::string> poetry_python_marker(std::string_view text);

}  // namespace depcheck::readers
