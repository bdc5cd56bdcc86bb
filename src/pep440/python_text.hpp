#pragma once
// Private to pep440: the few pieces of Python string semantics that packaging's regular
// expressions and str methods rely on, so that parsing matches packaging byte for byte.
#include <cstddef>
#include <string>
#include <string_view>

namespace depcheck::pep440::detail {

// Length in bytes of the whitespace code point that starts at `text[at]`, or 0. Whitespace is
// Python's str.isspace() (= `\s` in a str pattern): ASCII \t\n\v\f\r, \x1c-\x1f and space, and
// U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 in UTF-8.
std::size_t space_length_at(std::string_view text, std::size_t at);
// Length in bytes of the whitespace code point that ends `text`, or 0.
std::size_t space_length_before_end(std::string_view text);
// Python's str.strip() with no argument.
std::string_view strip(std::string_view text);
bool contains_space(std::string_view text);

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Length of the code point at `text[at]` that `[a-z0-9]` matches under re.IGNORECASE, or 0:
// ASCII letters and digits, and U+0130, U+0131, U+017F, U+212A (Python's case folding maps
// them onto i, i, s and k).
std::size_t local_char_length_at(std::string_view text, std::size_t at);

// str.lower() for the code points that can occur in a version: ASCII, U+0130 -> "i\u0307",
// U+212A -> "k"; every other byte is kept (see python_text.cpp for why that is exact here).
std::string python_lower(std::string_view text);

}  // namespace depcheck::pep440::detail
