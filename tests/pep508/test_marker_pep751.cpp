// PEP 751 (pylock.toml) markers: the set-valued variables `extras` and `dependency_groups`.
// Expected values are what packaging 25.0 gives for the same input, with
// Marker.evaluate(environment, context="lock_file") for lock-file markers.
#include <catch2/catch.hpp>

#include "depcheck/pep508/marker.hpp"

using namespace depcheck::pep508;

namespace {

using Names = std::vector<std::string>;

std::string lock_file_str(const std::string& text) {
  const auto marker = parse_marker(text, MarkerContext::lock_file);
  return marker ? marker->str() : "error: " + marker.error();
}

// "true", "false" or "error: <message>" for a lock-file marker on CPython `python` on
// `platform`, with `extras` and `groups` installed.
std::string evaluate(const std::string& text, const Names& extras, const Names& groups,
                     const std::string& python = "3.12", const std::string& platform = "linux",
                     const std::string& extra = "") {
  const auto marker = parse_marker(text, MarkerContext::lock_file);
  if (!marker) return "parse error: " + marker.error();
  auto env = environment_for(python, platform);
  env.sets["extras"] = extras;
  env.sets["dependency_groups"] = groups;
  const auto result = marker->try_evaluate(env, extra);
  if (!result) return "error: " + result.error();
  return *result ? "true" : "false";
}

}  // namespace

TEST_CASE("pep751 marker: str() prints packaging 25's form", "[pep508][marker][pep751]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      // Both variables, with in / not in and any quotes or spacing.
      {"'dev' in dependency_groups", R"("dev" in dependency_groups)"},
      {"\"security\" in extras", R"("security" in extras)"},
      {"\"x\" not in extras", R"("x" not in extras)"},
      {"'a'  in\textras", R"("a" in extras)"},
      {"'a'in extras", R"("a" in extras)"},
      {"\"dev\"not in dependency_groups", R"("dev" not in dependency_groups)"},
      // Markers as lockers write them: parentheses around single comparisons vanish.
      {"('dev' in dependency_groups) and (python_version >= '3.10')",
       R"("dev" in dependency_groups and python_version >= "3.10")"},
      {"os_name == \"nt\" and \"default\" in dependency_groups",
       R"(os_name == "nt" and "default" in dependency_groups)"},
      {"'a' in extras and ('b' in extras or 'c' in dependency_groups)",
       R"("a" in extras and ("b" in extras or "c" in dependency_groups))"},
      {"((('a' in extras)))", R"("a" in extras)"},
      {"os.name == 'nt' and 'a' in extras", R"(os_name == "nt" and "a" in extras)"},
      // Names are printed as written: only `extra` is normalized at parse time (PEP 685), and
      // only in the first comparison.
      {"\"Dev_Tools\" in dependency_groups", R"("Dev_Tools" in dependency_groups)"},
      {"'a' in extras or extra == 'Foo_Bar'", R"("a" in extras or extra == "Foo_Bar")"},
      {"extra == 'Foo_Bar' and 'a' in extras", R"(extra == "foo-bar" and "a" in extras)"},
      // The set variables are variables wherever a variable may stand, as in packaging.
      {"extras == 'x'", R"(extras == "x")"},
      {"dependency_groups in 'x'", R"(dependency_groups in "x")"},
      // A trailing newline is the end (Python's `$`).
      {"'dev' in dependency_groups\n", R"("dev" in dependency_groups)"},
  }));
  CAPTURE(input);
  CHECK(lock_file_str(input) == expected);
  // What str() prints parses back to itself.
  CHECK(lock_file_str(lock_file_str(input)) == expected);
}

TEST_CASE("pep751 marker: syntax errors", "[pep508][marker][pep751]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      // Exact, case-sensitive words on word boundaries.
      {"extrasx == 'a'",
       "invalid marker 'extrasx == 'a'': expected a marker variable or quoted string at column 1"},
      {"extras_x == 'a'",
       "invalid marker 'extras_x == 'a'': expected a marker variable or quoted string at column "
       "1"},
      {"Extras == 'a'",
       "invalid marker 'Extras == 'a'': expected a marker variable or quoted string at column 1"},
      {"dependency_group == 'a'",
       "invalid marker 'dependency_group == 'a'': expected a marker variable or quoted string at "
       "column 1"},
      {"dependency_groups.x == 'a'",
       "invalid marker 'dependency_groups.x == 'a'': expected marker operator, one of <=, <, !=, "
       "==, >=, >, ~=, ===, in, not in at column 18"},
      {"extras",
       "invalid marker 'extras': expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, "
       "in, not in at column 7"},
      // Like packaging >= 23.1, the whole text must be one expression.
      {"'dev' in dependency_groups garbage",
       "invalid marker ''dev' in dependency_groups garbage': expected end of marker expression "
       "at column 28"},
      {"python_version >= '3.8' )",
       "invalid marker 'python_version >= '3.8' )': expected end of marker expression at column "
       "25"},
      // packaging 25's wording for an unclosed parenthesis.
      {"('dev' in dependency_groups",
       "invalid marker '('dev' in dependency_groups': expected matching ')' for '(', after "
       "marker expression at column 28"},
  }));
  CAPTURE(input);
  CHECK(lock_file_str(input) == "error: " + expected);
}

TEST_CASE("pep751 marker: the error detail is packaging 25's message and span",
          "[pep508][marker][pep751]") {
  SyntaxErrorDetail detail;
  CHECK_FALSE(parse_marker("('dev' in dependency_groups", MarkerContext::lock_file, &detail));
  CHECK(detail.message ==
        "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression");
  CHECK(detail.start == 0);
  CHECK(detail.end == 27);
}

TEST_CASE("pep751 marker: outside lock files the set variables do not parse",
          "[pep508][marker][pep751]") {
  // PEP 508 markers (and packaging 23.0) know no `extras` or `dependency_groups`.
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"'dev' in dependency_groups",
       "invalid marker ''dev' in dependency_groups': expected a marker variable or quoted "
       "string at column 10"},
      {"extras == 'x'",
       "invalid marker 'extras == 'x'': expected a marker variable or quoted string at column 1"},
  }));
  CAPTURE(input);
  const auto metadata = parse_marker(input, MarkerContext::metadata);
  REQUIRE_FALSE(metadata);
  CHECK(metadata.error() == expected);
  CHECK(parse_marker(input).error() == expected);
  CHECK(parse_marker_strict(input).error() == expected);
  CHECK(parse_marker(input, MarkerContext::lock_file));
}

TEST_CASE("pep751 marker: the context is kept with the marker", "[pep508][marker][pep751]") {
  CHECK(parse_marker("os_name == 'nt'")->context == MarkerContext::metadata);
  CHECK(parse_marker("os_name == 'nt'", MarkerContext::metadata)->context ==
        MarkerContext::metadata);
  CHECK(parse_marker("os_name == 'nt'", MarkerContext::lock_file)->context ==
        MarkerContext::lock_file);
  CHECK(Marker().context == MarkerContext::metadata);
  // Copies keep it.
  const auto original = *parse_marker("'a' in extras", MarkerContext::lock_file);
  const Marker copy = original;
  CHECK(copy.context == MarkerContext::lock_file);
  CHECK(copy.try_evaluate(Environment{}).value() == false);  // the empty set, not an error
}

TEST_CASE("pep751 marker: evaluation as packaging 25 does it for lock files",
          "[pep508][marker][pep751]") {
  auto [input, extras, groups, python, platform, expected] =
      GENERATE(table<std::string, Names, Names, std::string, std::string, std::string>({
          // in / not in: whether the set holds the name.
          {"\"security\" in extras", {"security"}, {}, "3.12", "linux", "true"},
          {"\"security\" in extras", {}, {}, "3.12", "linux", "false"},
          {"\"x\" not in extras", {}, {}, "3.12", "linux", "true"},
          {"\"x\" not in extras", {"x"}, {}, "3.12", "linux", "false"},
          {"'dev' in dependency_groups", {}, {"dev", "docs"}, "3.12", "linux", "true"},
          {"'dev' in dependency_groups", {"dev"}, {}, "3.12", "linux", "false"},  // other set
          {"'de' in dependency_groups", {}, {"dev"}, "3.12", "linux", "false"},   // no substrings
          // Both sides compare PEP 503-normalized (packaging's _normalize).
          {"\"security\" in extras", {"Security"}, {}, "3.12", "linux", "true"},
          {"\"security-X\" in extras", {"SECURITY_x"}, {}, "3.12", "linux", "true"},
          {"\"a.b\" in extras", {"A__B"}, {}, "3.12", "linux", "true"},
          {"'K' in extras", {"\xe2\x84\xaa"}, {}, "3.12", "linux", "true"},  // U+212A -> k
          // With the other variables.
          {"('dev' in dependency_groups) and (python_version >= '3.10')",
           {},
           {"dev"},
           "3.12",
           "linux",
           "true"},
          {"('dev' in dependency_groups) and (python_version >= '3.10')",
           {},
           {"dev"},
           "3.9",
           "linux",
           "false"},
          {"('dev' in dependency_groups) and (python_version >= '3.10')",
           {},
           {},
           "3.12",
           "linux",
           "false"},
          {"os_name == \"nt\" and \"default\" in dependency_groups",
           {},
           {"default"},
           "3.12",
           "win32",
           "true"},
          {"os_name == \"nt\" and \"default\" in dependency_groups",
           {},
           {"default"},
           "3.12",
           "linux",
           "false"},
          {"\"dev\" in dependency_groups and python_version < \"3.9\"",
           {},
           {"dev"},
           "3.8",
           "linux",
           "true"},
          {"'a' in extras or 'b' in dependency_groups", {}, {"b"}, "3.12", "linux", "true"},
          // A name never equals a set: == is false and != true, even for a version.
          {"\"dev\" == dependency_groups", {}, {"dev"}, "3.12", "linux", "false"},
          {"\"dev\" != dependency_groups", {}, {"dev"}, "3.12", "linux", "true"},
          {"\"1.0\" == extras", {"1.0"}, {}, "3.12", "linux", "false"},
          // Python's TypeError for ordering a str and a set; UndefinedComparison for ~= / ===.
          {"\"dev\" < dependency_groups",
           {},
           {"dev"},
           "3.12",
           "linux",
           "error: undefined comparison '<' on 'dev' and the set 'dependency_groups'"},
          {"\"dev\" >= dependency_groups",
           {},
           {"dev"},
           "3.12",
           "linux",
           "error: undefined comparison '>=' on 'dev' and the set 'dependency_groups'"},
          {"\"1.0\" >= extras",
           {"1.0"},
           {},
           "3.12",
           "linux",
           "error: undefined comparison '>=' on '1-0' and the set 'extras'"},
          {"\"dev\" ~= dependency_groups",
           {},
           {"dev"},
           "3.12",
           "linux",
           "error: undefined comparison '~=' on 'dev' and the set 'dependency_groups'"},
          {"\"dev\" === dependency_groups",
           {},
           {"dev"},
           "3.12",
           "linux",
           "error: undefined comparison '===' on 'dev' and the set 'dependency_groups'"},
          // A set on the left: packaging asserts that the left side is a string.
          {"dependency_groups == \"dev\"",
           {},
           {"dev"},
           "3.12",
           "linux",
           "error: undefined comparison '==' with the set 'dependency_groups' on the left"},
          {"extras in \"abc\"",
           {},
           {},
           "3.12",
           "linux",
           "error: undefined comparison 'in' with the set 'extras' on the left"},
          // No short-circuit: a raising comparison after a true `or` still raises.
          {"\"dev\" in dependency_groups or os_name ~= \"x\"",
           {},
           {"dev"},
           "3.12",
           "linux",
           "error: undefined comparison '~=' on 'posix' and 'x'"},
          // With a string on the left packaging looks up the right side's text.
          {"\"a\" in \"extras\"", {"a"}, {}, "3.12", "linux", "true"},
          // `extra` belongs to metadata: a lock file defines none (packaging's KeyError).
          {"extra == \"x\"", {}, {}, "3.12", "linux", "error: undefined environment name 'extra'"},
          {"'a' in extras or extra == 'x'",
           {"a"},
           {},
           "3.12",
           "linux",
           "error: undefined environment name 'extra'"},
      }));
  CAPTURE(input, extras, groups, python, platform);
  CHECK(evaluate(input, extras, groups, python, platform) == expected);
}

TEST_CASE("pep751 marker: defaults and explicit values", "[pep508][marker][pep751]") {
  const auto env = environment_for("3.12", "linux");
  const auto lock_file = [](const char* text) {
    return *parse_marker(text, MarkerContext::lock_file);
  };
  // Without entries in env.sets, both sets are empty (packaging's lock_file defaults).
  CHECK_FALSE(lock_file("'dev' in dependency_groups").evaluate(env));
  CHECK(lock_file("'dev' not in dependency_groups").evaluate(env));
  CHECK(lock_file("'x' not in extras").try_evaluate(env).value() == true);
  // `extra` when the caller gives it, as an argument or in env.values.
  CHECK(evaluate("extra == \"x\"", {}, {}, "3.12", "linux", "X") == "true");
  Environment with_extra = env;
  with_extra.values["extra"] = "x";
  CHECK(lock_file("extra == 'x'").evaluate(with_extra));
  // packaging's quirk: `extra in extras` compares the extra with the text "extras".
  CHECK(evaluate("extra in extras", {}, {}, "3.12", "linux", "ext") == "true");
  // A set given as a string in env.values: compared as a (normalized) string.
  Environment as_string = env;
  as_string.values["dependency_groups"] = "Dev";
  CHECK(lock_file("'dev' == dependency_groups").evaluate(as_string));
}

TEST_CASE("pep751 marker: metadata markers know no sets unless given", "[pep508][marker][pep751]") {
  // Both strings: packaging looks up "extras", which metadata evaluation does not define.
  const auto marker = *parse_marker("'a' in 'extras'");
  const auto env = environment_for("3.12", "linux");
  REQUIRE_FALSE(marker.try_evaluate(env));
  CHECK(marker.try_evaluate(env).error() == "undefined environment name 'extras'");
  // A set the caller gives is used, as packaging 25 uses the environment it is given.
  Environment with_set = env;
  with_set.sets["extras"] = {"A"};
  CHECK(marker.try_evaluate(with_set).value() == true);
  // Sets under other names are not marker values.
  Environment other = env;
  other.sets["os_name"] = {"posix"};
  CHECK(parse_marker("os_name == 'posix'")->evaluate(other));
}

TEST_CASE("pep751 marker: mentions() tells which sets a marker reads", "[pep508][marker][pep751]") {
  auto [input, variable, expected] = GENERATE(table<std::string, std::string, bool>({
      {"'dev' in dependency_groups", "dependency_groups", true},
      {"'dev' in dependency_groups", "extras", false},
      {"'dev' in dependency_groups", "extra", false},
      {"\"security\" in extras", "extras", true},
      {"\"security\" in extras", "extra", false},
      {"\"x\" not in extras", "extras", true},
      {"('dev' in dependency_groups) and (python_version >= '3.10')", "dependency_groups", true},
      {"('dev' in dependency_groups) and (python_version >= '3.10')", "python_version", true},
      {"os_name == \"nt\" and \"default\" in dependency_groups", "dependency_groups", true},
      {"os_name == \"nt\" and \"default\" in dependency_groups", "os_name", true},
      {"os_name == 'nt' or ('a' in extras and 'b' in extras)", "extras", true},
      {"python_version >= '3.8'", "extras", false},
      {"python_version >= '3.8'", "dependency_groups", false},
      {"'a' in 'extras'", "extras", true},  // packaging looks extras up
      {"extra == 'x'", "extras", false},
  }));
  CAPTURE(input, variable);
  CHECK(parse_marker(input, MarkerContext::lock_file)->mentions(variable) == expected);
}

TEST_CASE("pep751 marker: PEP 508 markers read the same in lock files",
          "[pep508][marker][pep751]") {
  // Comparisons on the other variables keep packaging 23.0's evaluation.
  auto [input, python, platform, expected] =
      GENERATE(table<std::string, std::string, std::string, bool>({
          {"python_version >= '3.8'", "3.12", "linux", true},
          {"python_version < '3.10'", "3.10", "linux", false},
          {"sys_platform == 'win32' and platform_machine == 'AMD64'", "3.12", "win32", true},
          {"'linux' not in sys_platform", "3.12", "darwin", true},
          {"python_full_version < '3.13'", "3.13.0rc1", "linux", false},
      }));
  CAPTURE(input, python, platform);
  const auto env = environment_for(python, platform);
  CHECK(parse_marker(input, MarkerContext::lock_file)->evaluate(env) == expected);
  CHECK(parse_marker(input)->evaluate(env) == expected);
  CHECK(parse_marker(input, MarkerContext::lock_file)->str() == parse_marker(input)->str());
  CHECK(python_versions_where(*parse_marker(input, MarkerContext::lock_file), env, {python}) ==
        python_versions_where(*parse_marker(input), env, {python}));
}
