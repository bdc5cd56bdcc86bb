#include <catch2/catch.hpp>

#include "depcheck/util/text.hpp"

using namespace depcheck::util;

TEST_CASE("escape_for_terminal: control characters never reach a terminal raw",
          "[util][security]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"plain", "plain"},
      {"a\nb", "a\\nb"},                // a newline would forge a second line
      {"\x1b[31mred", "\\x1b[31mred"},  // ANSI escape
      {"x\ry", "x\\ry"},
      {"back\\slash", "back\\\\slash"},
      {"caf\xc3\xa9", "caf\xc3\xa9"},       // valid UTF-8 is kept
      {"bad\xff", "bad\\xff"},              // invalid UTF-8 byte
      {"c1\xc2\x9b", "c1\\u009b"},          // C1 CSI
      {"bidi\xe2\x80\xae", "bidi\\u202e"},  // right-to-left override
      {std::string("nul\0x", 5), "nul\\x00x"},
  }));
  CAPTURE(input);
  CHECK(escape_for_terminal(input) == expected);
}

TEST_CASE("did_you_mean: close names only", "[util]") {
  CHECK(did_you_mean("sarfi", {"text", "json", "sarif", "github", "markdown"}) == "sarif");
  CHECK(did_you_mean("xml", {"text", "json", "sarif"}) == "");
}

TEST_CASE("line_at: 1-based, without line ends", "[util]") {
  const std::string text = "one\r\ntwo\nthree";
  CHECK(line_at(text, 1) == "one");
  CHECK(line_at(text, 2) == "two");
  CHECK(line_at(text, 3) == "three");
  CHECK(line_at(text, 4) == "");
  CHECK(line_at(text, 0) == "");
}
