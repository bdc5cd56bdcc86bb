#pragma once
// Private to pep440: the string operations packaging performs for ~= and ==X.*, shared by
// specifier.cpp (containment) and range.cpp (the same sets as intervals).
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/pep440/version.hpp"

namespace depcheck::pep440::detail {

// packaging.utils.canonicalize_version (on a Version, and on a string that may not be one).
std::string canonical(const Version& version, bool strip_trailing_zero);
std::string canonical(std::string_view text, bool strip_trailing_zero);
// "~=V": the text P of the "==P.*" half, cut from V's text as packaging does.
std::string compatible_prefix(std::string_view spec_text);
// "==P.*" (P without ".*") on `candidate`, as packaging's string comparison decides it.
bool equal_prefix(const Version& candidate, std::string_view prefix);
// Same epoch and release, trailing zeros ignored.
bool same_base(const Version& a, const Version& b);

}  // namespace depcheck::pep440::detail
