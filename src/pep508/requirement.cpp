// PLACEHOLDER: being implemented.
#include "depcheck/pep508/requirement.hpp"
namespace depcheck::pep508 {
std::string Requirement::str() const { return name; }
Expected<Requirement> parse_requirement(std::string_view t) { return unexpected("invalid requirement '" + std::string(t) + "'"); }
std::string normalize_name(std::string_view name) {
  std::string out;
  bool sep = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') { sep = true; continue; }
    if (sep && !out.empty()) out += '-';
    sep = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}
}  // namespace depcheck::pep508
