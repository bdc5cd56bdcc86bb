#include "pep440/python_text.hpp"

namespace depcheck::pep440::detail {

namespace {

unsigned char byte_at(std::string_view text, std::size_t at) {
  return at < text.size() ? static_cast<unsigned char>(text[at]) : 0;
}

// The UTF-8 encodings of the non-ASCII code points Python counts as whitespace.
constexpr std::string_view k_unicode_spaces[] = {
    "\xc2\x85",     "\xc2\xa0",     "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x81",
    "\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85", "\xe2\x80\x86",
    "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89", "\xe2\x80\x8a", "\xe2\x80\xa8",
    "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80",
};

bool is_ascii_space(unsigned char c) {
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20);
}

}  // namespace

std::size_t space_length_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0;
  const auto first = byte_at(text, at);
  if (first < 0x80) return is_ascii_space(first) ? 1 : 0;
  const auto rest = text.substr(at);
  for (auto space : k_unicode_spaces)
    if (rest.substr(0, space.size()) == space) return space.size();
  return 0;
}

std::size_t space_length_before_end(std::string_view text) {
  if (text.empty()) return 0;
  const auto last = static_cast<unsigned char>(text.back());
  if (last < 0x80) return is_ascii_space(last) ? 1 : 0;
  for (auto space : k_unicode_spaces)
    if (text.size() >= space.size() && text.substr(text.size() - space.size()) == space)
      return space.size();
  return 0;
}

std::string_view strip(std::string_view text) {
  while (auto n = space_length_at(text, 0)) text.remove_prefix(n);
  while (auto n = space_length_before_end(text)) text.remove_suffix(n);
  return text;
}

bool contains_space(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (space_length_at(text, i)) return true;
  return false;
}

std::size_t local_char_length_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0;
  const char c = text[at];
  if (is_digit(c) || is_ascii_alpha(c)) return 1;
  const auto rest = text.substr(at);
  for (std::string_view folded : {"\xc4\xb0", "\xc4\xb1", "\xc5\xbf", "\xe2\x84\xaa"})
    if (rest.substr(0, folded.size()) == folded) return folded.size();
  return 0;
}

// Exact for comparing with a normalized version string: that string holds only ASCII, U+0131,
// U+017F and U+0307, and no code point other than the ones mapped here lowercases into that set.
std::string python_lower(std::string_view text) {
  std::string lower;
  lower.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto rest = text.substr(i);
    if (rest.substr(0, 2) == "\xc4\xb0") {  // U+0130 LATIN CAPITAL LETTER I WITH DOT ABOVE
      lower += "i\xcc\x87";
      i += 1;
    } else if (rest.substr(0, 3) == "\xe2\x84\xaa") {  // U+212A KELVIN SIGN
      lower += 'k';
      i += 2;
    } else {
      lower += ascii_lower(text[i]);
    }
  }
  return lower;
}

}  // namespace depcheck::pep440::detail
