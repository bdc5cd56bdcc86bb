#include <catch2/catch.hpp>

#include "depcheck/readers/reader.hpp"
#include "readers/toml_support.hpp"

using depcheck::FatalError;
using depcheck::readers::parse_toml;

namespace {

std::string fatal_of(std::string_view text) {
  try {
    (void)parse_toml(text, "f.toml");
  } catch (const FatalError& error) {
    return error.where.str() + ": " + error.what();
  }
  return "";
}

}  // namespace

// Bad input never crashes: toml++ 3.3 asserts on a table header whose key starts with another
// character; such input must be an ordinary syntax error in every build.
TEST_CASE("toml: input that toml++ would assert on", "[readers][toml]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"[}",
       "f.toml:1:2: invalid TOML: Error while parsing key: expected bare key starting "
       "character or string delimiter, saw '}'"},
      {"a = 1\n[[ !x]]\n",
       "f.toml:2:4: invalid TOML: Error while parsing key: expected bare "
       "key starting character or string delimiter, saw '!'"},
      {"[\nx]",
       "f.toml:1:2: invalid TOML: Error while parsing key: expected bare key starting "
       "character or string delimiter, saw '\\n'"},
      {"s = [\n  1,\n  # c\n  }\n]",
       "f.toml:4:3: invalid TOML: Error while parsing value: could "
       "not determine value type"},
      {"s = {a = [}]}",
       "f.toml:1:11: invalid TOML: Error while parsing value: could not "
       "determine value type"},
      {"\xEF\xBB\xBF[#]",
       "f.toml:1:5: invalid TOML: Error while parsing key: expected bare key "
       "starting character or string delimiter, saw '#'"},
  }));
  CAPTURE(text);
  CHECK(fatal_of(text) == expected);
  for (const char* format : {"poetry.lock", "uv.lock", "pdm.lock", "pylock.toml"}) {
    depcheck::Input input;
    depcheck::Diagnostics diags;
    CHECK_THROWS_AS(depcheck::readers::find_reader(format)->read(text, "f.toml", input, diags),
                    FatalError);
  }
}

// Brackets in strings, comments and array values are not table headers.
TEST_CASE("toml: no false alarms on valid files", "[readers][toml]") {
  const std::string text =
      "a = \"\"\"\n[}\n\"\"\"\n"
      "b = '[}'  # [}\n"
      "c = [\n  [1, 2],\n  [ \"}\" ],\n  { k = [] },\n  # }\n]\n"
      "d = '''\n[!]'''\n"
      "e = \"\\\"[}\"\n"
      "[x]\n"
      "[[ \"y\" ]]\n"
      "  [ 'z' ]\n";
  CHECK(fatal_of(text) == "");
  const auto root = parse_toml(text, "f.toml");
  CHECK(root.contains("x"));
  CHECK(root.contains("y"));
}

TEST_CASE("toml: syntax errors carry the parser's location", "[readers][toml]") {
  CHECK(fatal_of("a = 1\nb = \n") ==
        "f.toml:2:5: invalid TOML: Error while parsing key-value pair: expected value, saw '\\n'");
}
