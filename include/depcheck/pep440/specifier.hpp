#pragma once
// PEP 440 version specifiers and specifier sets (cf. packaging.specifiers).
//   parse_specifier_set(">=1.0,<2")->contains(*parse_version("1.5rc1")) == true
// Containment is packaging's SpecifierSet.contains(v, prereleases=True): a locked
// pre-release is what is installed, so it is never filtered out.
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/pep440/version.hpp"
#include "depcheck/util/expected.hpp"

namespace depcheck::pep440 {

enum class Operator {
  compatible,
  equal,
  not_equal,
  less_equal,
  greater_equal,
  less,
  greater,
  arbitrary
};

std::string_view to_string(Operator op);  // "~=", "==", ...

struct Specifier {
  Operator op = Operator::greater_equal;
  std::string version_text;  // as written, without the operator and without a trailing ".*"
  Version version;           // parsed version_text; unused for ===
  bool wildcard = false;     // "==1.2.*" / "!=1.2.*"

  bool contains(const Version& candidate) const;
  // Parses `candidate` first. One that does not parse is in no specifier but "===", which then
  // compares the text case-insensitively ("===foo" contains "FOO"); packaging raises instead.
  bool contains(std::string_view candidate) const;
  // As packaging prints it: the operator and the version as written, whitespace dropped
  // (">= v1.0" -> ">=v1.0", "== 1.2.*" -> "==1.2.*"). ~= and === depend on that text.
  std::string str() const;
};

// One specifier. Error: "invalid specifier '=>1.0'".
Expected<Specifier> parse_specifier(std::string_view text);

class SpecifierSet {
 public:
  std::vector<Specifier> specifiers;  // all must hold; empty = any version

  bool contains(const Version& candidate) const;
  // As Specifier::contains(std::string_view) for each; the empty set contains anything.
  bool contains(std::string_view candidate) const;
  bool is_any() const { return specifiers.empty(); }
  // Comma-joined, in the order given (packaging sorts and de-duplicates; same versions allowed).
  std::string str() const;
};

// Comma-separated specifiers, whitespace allowed around each, empty items skipped
// (">=1,,<2" is ">=1,<2"); "" = any version. Error, quoting the whole text:
// "invalid specifier '>=1.0,<<2'".
Expected<SpecifierSet> parse_specifier_set(std::string_view text);

}  // namespace depcheck::pep440
