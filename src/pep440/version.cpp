// PLACEHOLDER: being implemented.
#include "depcheck/pep440/version.hpp"
namespace depcheck::pep440 {
Number::Number(std::string_view digits) : m_digits(digits) {}
Number::Number(unsigned long long value) : m_digits(std::to_string(value)) {}
std::strong_ordering Number::operator<=>(const Number& o) const {
  if (m_digits.size() != o.m_digits.size()) return m_digits.size() <=> o.m_digits.size();
  return m_digits.compare(o.m_digits) <=> 0;
}
std::string Version::str() const { return ""; }
std::string Version::public_str() const { return ""; }
std::string Version::base_str() const { return ""; }
Version Version::without_local() const { return *this; }
std::strong_ordering Version::operator<=>(const Version&) const { return std::strong_ordering::equal; }
Expected<Version> parse_version(std::string_view text) { return unexpected("invalid version '" + std::string(text) + "'"); }
}  // namespace depcheck::pep440
