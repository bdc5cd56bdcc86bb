#pragma once
// String helpers that know no depcheck types.
#include <string>
#include <string_view>
#include <vector>

namespace depcheck::util {

std::string_view trim(std::string_view text);
std::vector<std::string_view> split(std::string_view text, char separator);
bool starts_with_ci(std::string_view text, std::string_view prefix);
std::string to_lower(std::string_view text);
bool is_valid_utf8(std::string_view text);

// Makes untrusted text safe for a terminal or a CI log: control characters (C0, DEL, C1) and
// invalid UTF-8 bytes become visible escapes (\n, \t, \x1b, \u009b ...). Printable text, including
// valid non-ASCII UTF-8, is kept.
std::string escape_for_terminal(std::string_view text);

// Greedy word wrap at `width` columns, each line prefixed with `indent` and ended by '\n'.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent = {});

// Levenshtein distance, for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word` if it is close enough, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

// The 1-based line `line` of `text` (without its newline); "" if out of range.
std::string_view line_at(std::string_view text, int line);

}  // namespace depcheck::util
