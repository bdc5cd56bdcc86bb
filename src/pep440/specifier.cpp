// PLACEHOLDER: being implemented.
#include "depcheck/pep440/specifier.hpp"
namespace depcheck::pep440 {
std::string_view to_string(Operator) { return ""; }
bool Specifier::contains(const Version&) const { return false; }
bool Specifier::contains(std::string_view) const { return false; }
std::string Specifier::str() const { return ""; }
Expected<Specifier> parse_specifier(std::string_view t) { return unexpected("invalid specifier '" + std::string(t) + "'"); }
bool SpecifierSet::contains(const Version&) const { return false; }
bool SpecifierSet::contains(std::string_view) const { return false; }
std::string SpecifierSet::str() const { return ""; }
Expected<SpecifierSet> parse_specifier_set(std::string_view) { return SpecifierSet{}; }
}  // namespace depcheck::pep440
