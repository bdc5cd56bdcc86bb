// PEP 508 markers. Expected values are what packaging 23.0 gives for the same input.
#include <catch2/catch.hpp>

#include "depcheck/pep508/marker.hpp"

using namespace depcheck::pep508;

namespace {

std::string marker_str(const std::string& text) {
  const auto marker = parse_marker(text);
  return marker ? marker->str() : "error: " + marker.error();
}

// "true", "false" or "error: <message>".
std::string evaluate(const std::string& text, const std::string& python,
                     const std::string& platform, const std::string& extra) {
  const auto marker = parse_marker(text);
  if (!marker) return "parse error: " + marker.error();
  const auto result = marker->try_evaluate(environment_for(python, platform), extra);
  if (!result) return "error: " + result.error();
  return *result ? "true" : "false";
}

}  // namespace

TEST_CASE("marker: str() prints packaging's normalized form", "[pep508][marker]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      // Single or double quotes in, double quotes out; one space around operators.
      {"python_version>='3.8'", R"(python_version >= "3.8")"},
      {"  os_name  ==  \"a\"  ", R"(os_name == "a")"},
      {"os_name\tnot\tin \"ab\"", R"(os_name not in "ab")"},
      {"\"3.8\" <= python_version", R"("3.8" <= python_version)"},
      // Legacy dotted names and python_implementation become the PEP 508 names.
      {"os.name == 'nt' and sys.platform==\"win32\"",
       R"(os_name == "nt" and sys_platform == "win32")"},
      {"platform.version == '1' or platform.machine == 'x'",
       R"(platform_version == "1" or platform_machine == "x")"},
      {"platform.python_implementation == 'x'", R"(platform_python_implementation == "x")"},
      {"python_implementation == 'CPython'", R"(platform_python_implementation == "CPython")"},
      // Precedence is kept by the parentheses that are printed...
      {"(os_name == 'a' or os_name == 'b') and os_name == 'c'",
       R"((os_name == "a" or os_name == "b") and os_name == "c")"},
      {"os_name == 'a' and (os_name == 'b' or (os_name == 'c' and os_name == 'd'))",
       R"(os_name == "a" and (os_name == "b" or (os_name == "c" and os_name == "d")))"},
      {"os_name=='a'or(os_name=='b')", R"(os_name == "a" or os_name == "b")"},
      // ...but a group of one is printed without them, even when that changes the meaning
      // on re-parsing (packaging 23.0's _format_marker does the same).
      {"(os_name == 'a')", R"(os_name == "a")"},
      {"((os_name == 'a'))", R"(os_name == "a")"},
      {"((os_name == 'a' or os_name == 'b')) and os_name == 'c'",
       R"(os_name == "a" or os_name == "b" and os_name == "c")"},
      // PEP 685: only the first comparison, when it is an `extra` one, is normalized.
      {"extra == 'Foo_Bar.baz'", R"(extra == "foo-bar-baz")"},
      {"'Foo_Bar' == extra", R"("foo-bar" == extra)"},
      {"os_name == 'a' and extra == 'Foo_Bar'", R"(os_name == "a" and extra == "Foo_Bar")"},
      {"(extra == 'Foo_Bar')", R"(extra == "Foo_Bar")"},
      {"extra == os_name", R"(extra == "os-name")"},  // the variable becomes a string
      {"extra == 'De\xe2\x84\xaaian_X'", R"(extra == "dekian-x")"},  // Unicode lowercase
      // String literals are Python literals: escapes are decoded, unknown ones kept.
      {R"(os_name == "a\tb\x41\101\u00e9")", "os_name == \"a\tbAA\xc3\xa9\""},
      {R"(os_name == "a\d")", R"(os_name == "a\d")"},
      {"os_name == \"a\\\nb\"", R"(os_name == "ab")"},          // line continuation
      {"os_name == 'say \"hi\"'", R"(os_name == "say "hi"")"},  // printed unescaped
      // Text after a complete expression is ignored by packaging 23.0's Marker().
      {"os_name == 'a' garbage", R"(os_name == "a")"},
      {"os_name == 'a' andx os_name == 'b'", R"(os_name == "a")"},
      {"os_name == 'a'\n", R"(os_name == "a")"},
      // Whether "and" ends on a word boundary follows Python's Unicode \w: U+212A KELVIN SIGN
      // and U+00E9 are letters (so "and" is not a word here and the rest is ignored).
      {"os_name == 'a' and\xe2\x84\xaa", R"(os_name == "a")"},
      {"os_name == 'a' and\xc3\xa9", R"(os_name == "a")"},
      // Every operator.
      {"os_name==='a' or os_name~='a' or os_name!='a' or os_name<'a' or os_name>'a'",
       R"(os_name === "a" or os_name ~= "a" or os_name != "a" or os_name < "a" or os_name > "a")"},
  }));
  CAPTURE(input);
  CHECK(marker_str(input) == expected);
}

TEST_CASE("marker: syntax errors name what was expected and where", "[pep508][marker]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"", "invalid marker '': expected a marker variable or quoted string at column 1"},
      {"os_name == \"a\" and",
       "invalid marker 'os_name == \"a\" and': expected a marker variable or quoted string at "
       "column 19"},
      {"python_version >>= \"3\"",
       "invalid marker 'python_version >>= \"3\"': expected a marker variable or quoted string "
       "at column 17"},
      {"python_version >= 3",
       "invalid marker 'python_version >= 3': expected a marker variable or quoted string at "
       "column 19"},
      {"(os_name == \"a\"",
       "invalid marker '(os_name == \"a\"': expected closing ')' at column 16"},
      {"os_name not_in \"a\"",
       "invalid marker 'os_name not_in \"a\"': expected marker operator, one of <=, <, !=, ==, "
       ">=, >, ~=, ===, in, not in at column 9"},
      {"os_name not\"a\"",
       "invalid marker 'os_name not\"a\"': expected whitespace after 'not' at column 12"},
      {"os_name not  x \"a\"",
       "invalid marker 'os_name not  x \"a\"': expected 'in' after 'not' at column 14"},
      // platform_release has no dotted spelling; names are case-sensitive.
      {"platform.release == \"5\"",
       "invalid marker 'platform.release == \"5\"': expected a marker variable or quoted string "
       "at column 1"},
      {"Python_version == \"3\"",
       "invalid marker 'Python_version == \"3\"': expected a marker variable or quoted string at "
       "column 1"},
      {"os_name == \"unterminated",
       "invalid marker 'os_name == \"unterminated': expected a marker variable or quoted string "
       "at column 12"},
      {R"(os_name == "a\x4")",
       R"(invalid marker 'os_name == "a\\x4"': invalid string literal: truncated \xXX escape at column 18)"},
      {"os_name == 'a' and\xc3\x97 os_name == 'b'",  // U+00D7 is not a letter: "and" is a word
       "invalid marker 'os_name == 'a' and\xc3\x97 os_name == 'b'': expected a marker variable "
       "or quoted string at column 19"},
      {"os_name == \"a\nb\"",
       "invalid marker 'os_name == \"a\\nb\"': invalid string literal: unterminated string "
       "literal at column 17"},
  }));
  CAPTURE(input);
  CHECK(marker_str(input) == "error: " + expected);
}

TEST_CASE("marker: the error detail is packaging's message and span", "[pep508][marker]") {
  SyntaxErrorDetail detail;
  CHECK_FALSE(parse_marker("(os_name == \"a\"", &detail));
  CHECK(detail.message == "Expected closing RIGHT_PARENTHESIS");
  CHECK(detail.start == 0);
  CHECK(detail.end == 15);
}

TEST_CASE("marker: parse_marker_strict wants the whole text", "[pep508][marker]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"os_name == 'a'", R"(os_name == "a")"},
      {"os_name == 'a'  ", R"(os_name == "a")"},
      {"os_name == 'a'\n", R"(os_name == "a")"},
      {"os_name == 'a' garbage",
       "error: invalid marker 'os_name == 'a' garbage': expected end of marker expression at "
       "column 16"},
      {"os_name == 'a') ",
       "error: invalid marker 'os_name == 'a') ': expected end of marker expression at column "
       "15"},
  }));
  CAPTURE(input);
  const auto marker = parse_marker_strict(input);
  CHECK((marker ? marker->str() : "error: " + marker.error()) == expected);
}

TEST_CASE("marker: evaluation as packaging does it", "[pep508][marker]") {
  auto [input, python, platform, extra, expected] =
      GENERATE(table<std::string, std::string, std::string, std::string, std::string>({
          // Version operators compare PEP 440 versions when the right side is a specifier.
          {"python_version >= '3.8'", "3.12", "linux", "", "true"},
          {"python_version < '3.10'", "3.9", "linux", "", "true"},
          {"python_version < '3.10'", "3.10", "linux", "", "false"},  // not as strings
          {"python_version > '3.9'", "3.10", "linux", "", "true"},
          {"python_version == '3.1'", "3.10", "linux", "", "false"},
          {"python_version == '3.*'", "3.12", "linux", "", "true"},
          {"python_version != '3.12.*'", "3.12", "linux", "", "false"},
          {"python_version ~= '3.8'", "3.12", "linux", "", "true"},
          {"python_version ~= '3.8.0'", "3.8", "linux", "", "true"},
          {"python_full_version >= '3.12.0rc1'", "3.12", "linux", "", "true"},
          // <V excludes pre-releases of V (PEP 440), also for the running python.
          {"python_full_version < '3.13'", "3.13.0rc1", "linux", "", "false"},
          {"python_version > '3.12.0.post1'", "3.12", "linux", "", "false"},
          {"python_full_version < '3.12.1.dev0'", "3.12.1", "linux", "", "false"},
          {"implementation_version >= '3.12.1'", "3.12.1", "linux", "", "true"},
          // === compares the normalized version with the text.
          {"python_full_version === '3.12.0'", "3.12", "linux", "", "true"},
          {"python_version === '3.12.0'", "3.12", "linux", "", "false"},
          // The specifier is op + right side, so its whitespace and an '=' count.
          {"python_version == ' 3.12 '", "3.12", "linux", "", "true"},
          {"python_version == '=3.12'", "3.12", "linux", "", "true"},  // ===3.12
          {"python_version < '=3.12'", "3.12", "linux", "", "true"},   // <=3.12
          // Either side may be the variable.
          {"'3.10' >= python_version", "3.9", "linux", "", "true"},
          {"'3.12' in python_full_version", "3.12", "linux", "", "true"},
          // Otherwise: strings.
          {"sys_platform == 'win32'", "3.12", "win32", "", "true"},
          {"sys_platform == 'linux' and platform_machine == 'x86_64'", "3.12", "linux", "", "true"},
          {"os_name == 'nt' or platform_system == 'Darwin'", "3.12", "darwin", "", "true"},
          {"platform_system != 'Windows'", "3.12", "win32", "", "false"},
          {"'win' in sys_platform", "3.12", "win32", "", "true"},
          {"'linux' not in sys_platform", "3.12", "darwin", "", "true"},
          {"os_name < 'p'", "3.12", "darwin", "", "false"},  // "posix" < "p" as strings
          {"platform_machine > 'AMD'", "3.12", "win32", "", "true"},
          {"implementation_name == 'cpython' and platform_python_implementation == 'CPython'",
           "3.12", "linux", "", "true"},
          // Precedence: and binds tighter than or.
          {"python_version < '3.9' or python_version >= '3.11' and sys_platform == 'win32'", "3.12",
           "linux", "", "false"},
          {"(python_version < '3.9' or python_version >= '3.11') and sys_platform == 'linux'",
           "3.12", "linux", "", "true"},
          // Where packaging raises, evaluation fails (and evaluate() is false).
          {"os_name == '1.0'", "3.12", "linux", "", "error: invalid version 'posix'"},
          {"os_name === 'posix'", "3.12", "linux", "", "error: invalid version 'posix'"},
          {"platform_release >= '5'", "3.12", "linux", "", "error: invalid version ''"},
          {"os_name ~= 'posix'", "3.12", "linux", "",
           "error: undefined comparison '~=' on 'posix' and 'posix'"},
          {"python_version ~= '3'", "3.12", "linux", "",
           "error: undefined comparison '~=' on '3.12' and '3'"},
          // No short-circuit: the raising comparison after a true `or` still raises.
          {"os_name == 'posix' or os_name ~= 'x'", "3.12", "linux", "",
           "error: undefined comparison '~=' on 'posix' and 'x'"},
          // With a string on the left, packaging looks up the right side's text.
          {"'posix' == 'os_name'", "3.12", "linux", "", "true"},
          {"'a' == 'b'", "3.12", "linux", "", "error: undefined environment name 'b'"},
          {"os_name == sys_platform", "3.12", "linux", "", "false"},  // "posix" == "sys_platform"
          // extra: PEP 685 normalization on both sides.
          {"extra == 'test'", "3.12", "linux", "test", "true"},
          {"extra == 'test'", "3.12", "linux", "", "false"},
          {"extra != 'test'", "3.12", "linux", "", "true"},
          {"extra == 'Foo_Bar'", "3.12", "linux", "foo-bar", "true"},
          {"os_name == 'posix' and extra == 'Foo.Bar'", "3.12", "linux", "FOO_bar", "true"},
          {"os_name == extra", "3.12", "linux", "os-name", "true"},
          {"(extra == 'doc' or extra == 'test') and python_version < '3.9'", "3.8", "linux", "test",
           "true"},
          {"extra == '1.0'", "3.12", "linux", "", "error: invalid version ''"},
          {"extra == '1.0'", "3.12", "linux", "1.post0", "true"},  // ==1-0 is ==1.post0
      }));
  CAPTURE(input, python, platform, extra);
  CHECK(evaluate(input, python, platform, extra) == expected);
}

TEST_CASE("marker: evaluate() is false where packaging raises", "[pep508][marker]") {
  const auto env = environment_for("3.12", "linux");
  CHECK_FALSE(parse_marker("os_name == 'posix' or os_name ~= 'x'")->evaluate(env));
  CHECK(parse_marker("os_name == 'posix' or os_name == 'x'")->evaluate(env));
  CHECK(Marker().evaluate(env));  // no marker: always applies
  // An environment without the variable: packaging's KeyError.
  CHECK_FALSE(parse_marker("os_name == 'posix'")->evaluate(Environment{}));
  // `extra` from the environment when none is passed.
  Environment with_extra = env;
  with_extra.values["extra"] = "Test";
  CHECK(parse_marker("extra == 'test'")->evaluate(with_extra));
  CHECK_FALSE(parse_marker("extra == 'test'")->evaluate(with_extra, "doc"));
}

TEST_CASE("marker: environment_for gives CPython's values", "[pep508][marker]") {
  using Values = std::map<std::string, std::string, std::less<>>;
  auto [python, platform, expected] = GENERATE(table<std::string, std::string, Values>({
      {"3.12",
       "linux",
       {{"implementation_name", "cpython"},
        {"implementation_version", "3.12.0"},
        {"os_name", "posix"},
        {"platform_machine", "x86_64"},
        {"platform_python_implementation", "CPython"},
        {"platform_release", ""},
        {"platform_system", "Linux"},
        {"platform_version", ""},
        {"python_full_version", "3.12.0"},
        {"python_version", "3.12"},
        {"sys_platform", "linux"}}},
      {"3.9.18",
       "darwin",
       {{"implementation_name", "cpython"},
        {"implementation_version", "3.9.18"},
        {"os_name", "posix"},
        {"platform_machine", "arm64"},
        {"platform_python_implementation", "CPython"},
        {"platform_release", ""},
        {"platform_system", "Darwin"},
        {"platform_version", ""},
        {"python_full_version", "3.9.18"},
        {"python_version", "3.9"},
        {"sys_platform", "darwin"}}},
      {"3.13.0rc1",
       "win32",
       {{"implementation_name", "cpython"},
        {"implementation_version", "3.13.0rc1"},
        {"os_name", "nt"},
        {"platform_machine", "AMD64"},
        {"platform_python_implementation", "CPython"},
        {"platform_release", ""},
        {"platform_system", "Windows"},
        {"platform_version", ""},
        {"python_full_version", "3.13.0rc1"},
        {"python_version", "3.13"},
        {"sys_platform", "win32"}}},
  }));
  CAPTURE(python, platform);
  CHECK(environment_for(python, platform).values == expected);
}

TEST_CASE("marker: mentions() names the variables evaluation reads", "[pep508][marker]") {
  auto [input, variable, expected] = GENERATE(table<std::string, std::string, bool>({
      {"python_version >= '3.8'", "python_version", true},
      {"python_version >= '3.8'", "python_full_version", false},
      {"os_name == 'a' and (extra == 'x' or sys_platform == 'y')", "extra", true},
      {"os_name == 'a' and (extra == 'x' or sys_platform == 'y')", "sys_platform", true},
      {"os.name == 'a'", "os_name", true},
      {"os_name == 'a'", "os.name", true},
      {"python_implementation == 'a'", "platform_python_implementation", true},
      {"'3.8' <= python_version", "python_version", true},
      {"'posix' == 'os_name'", "os_name", true},           // packaging looks os_name up
      {"os_name == sys_platform", "sys_platform", false},  // compared as the string
      {"extra == os_name", "os_name", false},              // normalized into a string
  }));
  CAPTURE(input, variable);
  CHECK(parse_marker(input)->mentions(variable) == expected);
}

TEST_CASE("marker: python_versions_where", "[pep508][marker]") {
  using Versions = std::vector<std::string>;
  const Versions all = {"3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14"};
  auto [input, platform, expected] = GENERATE_COPY(table<std::string, std::string, Versions>({
      {"python_version < '3.10'", "linux", {"3.8", "3.9"}},
      {"python_version >= '3.12' and sys_platform == 'win32'", "win32", {"3.12", "3.13", "3.14"}},
      {"python_version >= '3.12' and sys_platform == 'win32'", "linux", {}},
      {"python_full_version >= '3.11.0'", "linux", {"3.11", "3.12", "3.13", "3.14"}},
      {"python_version == '3.9' or python_version == '3.13'", "darwin", {"3.9", "3.13"}},
      {"os_name == 'posix'", "darwin", all},
      {"os_name ~= 'x'", "linux", {}},
  }));
  CAPTURE(input, platform);
  CHECK(python_versions_where(*parse_marker(input), environment_for("3.12", platform), all) ==
        expected);
}
