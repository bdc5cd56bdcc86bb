#pragma once
// PEP 508 environment markers, as packaging 23.0 parses, prints and evaluates them, and PEP 751
// lock-file markers (`extras`, `dependency_groups`) as packaging 25.0 does
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

// Where a marker comes from, which decides the variables it may use (cf. packaging 25's
// Marker.evaluate(context=...)).
//   metadata:  PEP 508, as packaging 23.0 parses and evaluates it (core metadata, requirement
//              strings, every lock format but pylock.toml); `extra` is "" unless given.
//   lock_file: PEP 751 (pylock.toml packages.marker), as packaging 25.0 has it: also the
//              set-valued variables `extras` and `dependency_groups` (empty sets unless given),
//              and no `extra` unless given. The whole text must be one expression.
enum class MarkerContext { metadata, lock_file };

// Values of the marker variables (python_version, sys_platform, ...). `extra` is set per
// evaluation. Built for a target with environment_for().
struct Environment {
  std::map<std::string, std::string, std::less<>> values;
  // The set-valued variables of lock-file markers, "extras" and "dependency_groups" -> the
  // names the user installs (any spelling: both sides are compared normalized). A lock-file
  // marker reads a missing entry as the empty set; PEP 751 has installers default
  // dependency_groups to the lock file's default-groups.
  //   env.sets["dependency_groups"] = {"dev"};
  std::map<std::string, std::vector<std::string>, std::less<>> sets;
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
  // A lock-file marker (see MarkerContext) evaluates as packaging 25.0's
  // evaluate(context="lock_file"): `"name" in extras` / `not in` test whether the set holds the
  // name, both sides PEP 503-normalized; `"name" == extras` is false and `!=` true (a string
  // never equals a set); every other use of a set raises: `<`, `<=`, `>`, `>=`, `~=`, `===`,
  // and a set on the left (`extras == "x"`). `extra` is undefined (raises) unless `extra` or
  // env.values["extra"] gives it.
  //   parse_marker("'dev' in dependency_groups", MarkerContext::lock_file)->evaluate(env)
  //     -> whether env.sets["dependency_groups"] holds "dev" (or "Dev", "DEV", ...)
  bool evaluate(const Environment& env, std::string_view extra = "") const;
  // The same, with packaging's exception as the error: "invalid version 'posix'" for
  // os_name == "1.0", "undefined comparison '~=' on 'posix' and 'x'", "undefined environment
  // name 'b'" for "a" == "b". Like packaging, every comparison is evaluated (no short-circuit),
  // so one that raises makes the whole marker raise.
  Expected<bool> try_evaluate(const Environment& env, std::string_view extra = "") const;
  // The normalized form, exactly as packaging's str(Marker): python_version >= "3.8" and
  // extra == "x". A default-constructed Marker prints "".
  std::string str() const;
  // Whether evaluation reads the variable ("extra", "python_version", "dependency_groups";
  // legacy spellings such as "os.name" are accepted). This is the environment key packaging
  // looks up for each comparison: the left side when it is a variable, else the right side.
  //   parse_marker("'dev' in dependency_groups", MarkerContext::lock_file)
  //       ->mentions("dependency_groups") -> true
  bool mentions(std::string_view variable) const;
  // The string literals compared with `variable` anywhere in the marker, in order of appearance
  // (PEP 685-normalized for "extra"): the extras a marker can select.
  //   parse_marker("extra == 'Docs' or extra == 'test'")->values_of("extra") -> {"docs", "test"}
  std::vector<std::string> values_of(std::string_view variable) const;
  // Whether the marker holds on `env` with no extra or with one of the extras it names: whether
  // any install of the package's extras can make it true. `python_version < "3.8" and extra ==
  // "x"` is false on 3.12 whatever the extra.
  bool holds_with_some_extra(const Environment& env) const;

  std::shared_ptr<const MarkerNode> root;
  // How it was parsed, and so how it evaluates.
  MarkerContext context = MarkerContext::metadata;
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
// Parses for `context`. MarkerContext::metadata is parse_marker(text, detail).
// MarkerContext::lock_file parses as packaging 25.0's Marker(text): `extras` and
// `dependency_groups` are variables wherever a variable may stand, the whole text must be one
// expression, and an unclosed '(' reads "expected matching ')' for '(', after marker
// expression". str() prints as packaging 25.0 does: "dev" in dependency_groups.
//   parse_marker("'dev' in dependency_groups", MarkerContext::lock_file)->str()
//     -> "dev" in dependency_groups
Expected<Marker> parse_marker(std::string_view text, MarkerContext context,
                              SyntaxErrorDetail* detail = nullptr);

// The candidate python versions ("3.8", "3.9", ... or "3.12.1") for which `marker` is true when
// `base` has that python (python_version, python_full_version and implementation_version set
// from the candidate as environment_for() does; other values unchanged), in candidate order.
//   python_versions_where(*parse_marker("python_version < '3.10'"), env, {"3.8", "3.9", "3.10"})
//     -> {"3.8", "3.9"}
std::vector<std::string> python_versions_where(const Marker& marker, const Environment& base,
                                               const std::vector<std::string>& candidates,
                                               std::string_view extra = "");

// The extra a requirement's marker text selects ('extra == "test"' -> "test"), PEP
// 685-normalized; "" when it names none, or several. A scan of the text, for naming the extra
// an optional requirement belongs to (evaluation goes through Marker).
std::string extra_named(std::string_view marker_text);

}  // namespace depcheck::pep508
