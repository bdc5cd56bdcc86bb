#pragma once
// PEP 508 environment markers, as packaging 23.0 parses, prints and evaluates them
// (cf. packaging.markers.Marker).
//   parse_marker("python_version >= \"3.8\" and sys_platform == 'linux'")->evaluate(env)
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/util/expected.hpp"

namespace depcheck::pep508 {

// Values of the marker variables (python_version, sys_platform, ...). `extra` is set per
// evaluation. Built for a target with environment_for().
struct Environment {
  std::map<std::string, std::string, std::less<>> values;
};

// A target python "3.12" or "3.12.1" and platform "linux" | "darwin" | "win32" -> the marker
// values a CPython on that platform reports: os_name posix/nt, sys_platform, platform_system
// Linux/Darwin/Windows, platform_machine x86_64/arm64/AMD64, implementation_name cpython,
// platform_python_implementation CPython, python_version "3.12", python_full_version and
// implementation_version "3.12.0" (".0" appended when only X.Y is given). platform_release and
// platform_version are unknown for a target and set to "". Another platform name becomes
// sys_platform as given, with os_name, platform_system and platform_machine "".
Environment environment_for(std::string_view python, std::string_view platform);

// Where parsing stopped, as packaging's ParserSyntaxError reports it: `message` ("Expected
// marker operator, one of ...") and the span [start, end) as 0-based byte offsets into the text;
// packaging's caret points at `end`.
struct SyntaxErrorDetail {
  std::string message;
  std::size_t start = 0;
  std::size_t end = 0;
};

struct MarkerNode;  // the parsed expression tree (private)

class Marker {
 public:
  Marker();
  ~Marker();
  Marker(const Marker&);
  Marker& operator=(const Marker&);
  Marker(Marker&&) noexcept;
  Marker& operator=(Marker&&) noexcept;

  // PEP 508 evaluation as packaging 23.0 does it. Each comparison first tries
  // Specifier(op + rhs): when that parses, the left side is compared as a PEP 440 version
  // (pre-releases included); otherwise `in` / `not in` are substring tests and the other
  // operators compare strings. `extra` is compared PEP 685-normalized. `extra` is the extra
  // being evaluated ("" = none; an `extra` entry in env.values is used when this is "").
  // Where packaging raises (a version operator on a non-version, `~=` or `===` on strings, an
  // unknown environment name), the whole marker is false: see try_evaluate().
  //   parse_marker("python_version >= '3.8'")->evaluate(environment_for("3.12", "linux")) -> true
  bool evaluate(const Environment& env, std::string_view extra = "") const;
  // The same, with packaging's exception as the error: "invalid version 'posix'" for
  // os_name == "1.0", "undefined comparison '~=' on 'posix' and 'x'", "undefined environment
  // name 'b'" for "a" == "b". Like packaging, every comparison is evaluated (no short-circuit),
  // so one that raises makes the whole marker raise.
  Expected<bool> try_evaluate(const Environment& env, std::string_view extra = "") const;
  // The normalized form, exactly as packaging's str(Marker): python_version >= "3.8" and
  // extra == "x". A default-constructed Marker prints "".
  std::string str() const;
  // Whether evaluation reads the variable ("extra", "python_version"; legacy spellings such as
  // "os.name" are accepted). This is the environment key packaging looks up for each
  // comparison: the left side when it is a variable, else the right side.
  bool mentions(std::string_view variable) const;

  std::shared_ptr<const MarkerNode> root;
};

// Parses as packaging 23.0's Marker(text) does, quirks included: text after a complete
// expression is ignored ("os_name == 'a' garbage" -> os_name == "a"); string literals are
// Python literals, escapes included. Error: "invalid marker 'python_version >>= \"3\"':
// expected a marker variable or quoted string at column 18"; `detail` (optional) receives
// packaging's message and span.
Expected<Marker> parse_marker(std::string_view text, SyntaxErrorDetail* detail = nullptr);
// Like parse_marker(), but the whole text must be one marker expression (as packaging >= 23.1
// requires): for markers we write ourselves, where trailing text is a typo. Error: "invalid
// marker 'os_name == \"a\" garbage': expected end of marker expression at column 16".
Expected<Marker> parse_marker_strict(std::string_view text, SyntaxErrorDetail* detail = nullptr);

// The candidate python versions ("3.8", "3.9", ... or "3.12.1") for which `marker` is true when
// `base` has that python (python_version, python_full_version and implementation_version set
// from the candidate as environment_for() does; other values unchanged), in candidate order.
//   python_versions_where(*parse_marker("python_version < '3.10'"), env, {"3.8", "3.9", "3.10"})
//     -> {"3.8", "3.9"}
std::vector<std::string> python_versions_where(const Marker& marker, const Environment& base,
                                               const std::vector<std::string>& candidates,
                                               std::string_view extra = "");

}  // namespace depcheck::pep508
