#pragma once
// PEP 508 dependency specifications, as packaging 23.0 parses them
// (cf. packaging.requirements.Requirement).
//   parse_requirement("Foo_Bar[x]>=1.0; python_version<'3.11'")
//     -> name "Foo_Bar", extras {"x"}, specifiers ">=1.0", marker python_version < "3.11"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/pep440/specifier.hpp"
#include "depcheck/pep508/marker.hpp"
#include "depcheck/util/expected.hpp"

namespace depcheck::pep508 {

struct Requirement {
  std::string name;                 // as written
  std::vector<std::string> extras;  // as written, sorted, without duplicates (packaging's set)
  pep440::SpecifierSet specifiers;
  std::string url;  // "name @ url"
  std::optional<Marker> marker;
  // As packaging's str(Requirement): name, sorted extras, the specifiers without duplicates
  // and sorted as strings, "@ url", "; marker".
  //   "Foo_Bar [b,a] (>=1.0 ,<2); os_name=='nt'" -> "Foo_Bar[a,b]<2,>=1.0; os_name == \"nt\""
  std::string str() const;
};

// requirement = WS? name WS? extras? WS? (specifiers | '@' WS? url (WS marker_part?)?)
//               (';' marker)? WS? END
// Accepts exactly what packaging 23.0's Requirement() accepts, URL checks included. Error:
// "invalid requirement 'foo >=1.0 bar': expected end or semicolon (after version specifier) at
// column 12"; `detail` (optional) receives packaging's message and span for syntax errors.
Expected<Requirement> parse_requirement(std::string_view text, SyntaxErrorDetail* detail = nullptr);

// PEP 503, as packaging's canonicalize_name: each run of '-', '_', '.' becomes one '-', then
// lowercase (ASCII letters only). "Foo_Bar.baz" -> "foo-bar-baz", "-x-" -> "-x-".
std::string normalize_name(std::string_view name);

}  // namespace depcheck::pep508
