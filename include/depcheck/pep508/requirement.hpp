#pragma once
// PEP 508 dependency specifications (cf. packaging.requirements.Requirement).
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
  std::string name;  // as written
  std::vector<std::string> extras;
  pep440::SpecifierSet specifiers;
  std::string url;  // "name @ url"
  std::optional<Marker> marker;
  std::string str() const;
};

// requirement = name extras? (versionspec | '@' url)? (';' marker)?
// Error: "invalid requirement 'foo>=': ..."
Expected<Requirement> parse_requirement(std::string_view text);

// PEP 503: runs of '-', '_', '.' become '-', lowercased. "Foo_Bar.baz" -> "foo-bar-baz"
std::string normalize_name(std::string_view name);

}  // namespace depcheck::pep508
