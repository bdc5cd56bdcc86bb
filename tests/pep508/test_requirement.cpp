// PEP 508 requirements. Expected values are what packaging 23.0 gives for the same input.
#include <catch2/catch.hpp>

#include "depcheck/pep508/requirement.hpp"

using namespace depcheck::pep508;

namespace {

// name | extras | specifiers | url | marker, or "error: <message>".
std::string parts(const std::string& text) {
  const auto requirement = parse_requirement(text);
  if (!requirement) return "error: " + requirement.error();
  std::string extras;
  for (const auto& extra : requirement->extras) extras += (extras.empty() ? "" : ",") + extra;
  return requirement->name + " | " + extras + " | " + requirement->specifiers.str() + " | " +
         requirement->url + " | " + (requirement->marker ? requirement->marker->str() : "-");
}

std::string requirement_str(const std::string& text) {
  const auto requirement = parse_requirement(text);
  return requirement ? requirement->str() : "error: " + requirement.error();
}

}  // namespace

TEST_CASE("requirement: parts", "[pep508][requirement]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"requests", "requests |  |  |  | -"},
      {"  name  ", "name |  |  |  | -"},
      {"a.b-c_d", "a.b-c_d |  |  |  | -"},  // the name as written
      {"Foo_Bar[x]>=1.0; python_version<'3.11'",
       "Foo_Bar | x | >=1.0 |  | python_version < \"3.11\""},
      // Extras: whitespace allowed inside the brackets; kept as a sorted set.
      {"name[ b , a , b ]", "name | a,b |  |  | -"},
      {"name[]", "name |  |  |  | -"},
      // Specifiers with or without parentheses; whitespace after the operator.
      {"name (==1.0)", "name |  | ==1.0 |  | -"},
      {"name ( >=1.0 , <2 )", "name |  | >=1.0,<2 |  | -"},
      {"name>= 1.0", "name |  | >=1.0 |  | -"},
      {"name>=1,", "name |  | >=1 |  | -"},  // a trailing comma is allowed
      {"name===", "name |  | === |  | -"},   // === with an empty version
      // URLs.
      {"name @ https://example.com/name-1.0.whl",
       "name |  |  | https://example.com/name-1.0.whl | -"},
      {"name [extra] @ git+https://github.com/o/r.git@v1#egg=name",
       "name | extra |  | git+https://github.com/o/r.git@v1#egg=name | -"},
      {"name@https://x.org/a.whl ; python_version < \"3.9\"",
       "name |  |  | https://x.org/a.whl | python_version < \"3.9\""},
      {"name @ https://x.org/a;b", "name |  |  | https://x.org/a;b | -"},  // ';' is in the URL
      {"name @ file:///tmp/x.whl", "name |  |  | file:///tmp/x.whl | -"},
      {"name @ http://[::1]/x", "name |  |  | http://[::1]/x | -"},
      // Markers; the first `extra` comparison is normalized.
      {"name;os_name=='a'", "name |  |  |  | os_name == \"a\""},
      {"name ; extra == 'Foo_Bar'", "name |  |  |  | extra == \"foo-bar\""},
  }));
  CAPTURE(input);
  CHECK(parts(input) == expected);
}

TEST_CASE("requirement: str() as packaging prints it", "[pep508][requirement]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"Foo_Bar [b,a] (>=1.0 ,<2); os_name=='nt'", "Foo_Bar[a,b]<2,>=1.0; os_name == \"nt\""},
      // Specifiers: equal ones (same operator and version) once, sorted as strings.
      {"name>=1.0,>=1,<2", "name<2,>=1.0"},
      {"name>=1,>=1.0", "name>=1"},
      {"name~=1.0,~=1.0.0", "name~=1.0,~=1.0.0"},  // ~= keeps its trailing zeros
      {"name==1.0.*,!=1.0.1", "name!=1.0.1,==1.0.*"},
      {"name==v1.0", "name==v1.0"},  // the version as written
      {"name @ https://x.org/a.whl", "name@ https://x.org/a.whl"},
      // Without whitespace after it, the URL runs on over the ';' (packaging does the same).
      {"name@https://x.org/a.whl;os_name=='a'", "name@ https://x.org/a.whl;os_name=='a'"},
      {"name @ https://x.org/a.whl ; os_name=='a'", "name@ https://x.org/a.whl ; os_name == \"a\""},
      {"name<=1.0 ; python_version>'3' or os_name ==\"a\"",
       "name<=1.0; python_version > \"3\" or os_name == \"a\""},
  }));
  CAPTURE(input);
  CHECK(requirement_str(input) == expected);
}

TEST_CASE("requirement: errors say what was expected and where", "[pep508][requirement]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"",
       "invalid requirement '': expected package name at the start of dependency specifier "
       "at column 1"},
      {">=1.0",
       "invalid requirement '>=1.0': expected package name at the start of dependency "
       "specifier at column 1"},
      {"-name",
       "invalid requirement '-name': expected package name at the start of dependency "
       "specifier at column 1"},
      {"name>=1.0 garbage",
       "invalid requirement 'name>=1.0 garbage': expected end or semicolon "
       "(after version specifier) at column 11"},
      {"name>=",
       "invalid requirement 'name>=': expected end or semicolon (after name and no "
       "valid version specifier) at column 5"},
      {"name-",
       "invalid requirement 'name-': expected end or semicolon (after name and no valid "
       "version specifier) at column 5"},
      {"name~=1",
       "invalid requirement 'name~=1': expected end or semicolon (after name and no "
       "valid version specifier) at column 5"},  // ~= needs two release numbers
      {"name>=1.0+local",
       "invalid requirement 'name>=1.0+local': expected end or semicolon "
       "(after version specifier) at column 10"},
      {"name[a b]",
       "invalid requirement 'name[a b]': expected comma between extra names at "
       "column 8"},
      {"name[a,]", "invalid requirement 'name[a,]': expected extra name after comma at column 8"},
      {"name[a", "invalid requirement 'name[a': expected closing ']' at column 7"},
      {"name (>=1.0", "invalid requirement 'name (>=1.0': expected closing ')' at column 12"},
      {"name @ ", "invalid requirement 'name @ ': expected URL after @ at column 8"},
      {"name @ https://x.org/a.whl garbage",
       "invalid requirement 'name @ https://x.org/a.whl garbage': expected end or semicolon "
       "(after URL and whitespace) at column 28"},
      {"name>=1.0; os_name == \"a\" garbage",
       "invalid requirement 'name>=1.0; os_name == \"a\" garbage': expected end of dependency "
       "specifier at column 27"},
      {"name>=1.0;",
       "invalid requirement 'name>=1.0;': expected a marker variable or quoted "
       "string at column 11"},
      // URL checks (urllib.parse, as packaging uses it).
      {"name @ foo",
       "invalid requirement 'name @ foo': invalid URL 'foo' (a URL needs a scheme and a host)"},
      {"name @ file:/tmp/x",
       "invalid requirement 'name @ file:/tmp/x': invalid URL "
       "'file:/tmp/x'"},  // does not survive urlunparse
      {"name @ http://[::1/x", "invalid requirement 'name @ http://[::1/x': invalid IPv6 URL"},
      {"name @ http://[1.2.3.4]/x",
       "invalid requirement 'name @ http://[1.2.3.4]/x': invalid IPv6 URL"},
  }));
  CAPTURE(input);
  CHECK(requirement_str(input) == "error: " + expected);
}

TEST_CASE("requirement: the error detail is packaging's message and span",
          "[pep508][requirement]") {
  SyntaxErrorDetail detail;
  CHECK_FALSE(parse_requirement("name>=1.0 garbage", &detail));
  CHECK(detail.message == "Expected end or semicolon (after version specifier)");
  CHECK(detail.start == 4);
  CHECK(detail.end == 10);
}

TEST_CASE("requirement: a bad specifier inside a valid token is an error",
          "[pep508][requirement]") {
  // "===a,b" is one token, which SpecifierSet splits at the comma.
  const auto requirement = parse_requirement("name===a,b");
  REQUIRE_FALSE(requirement);
  CHECK(requirement.error().rfind("invalid requirement 'name===a,b': ", 0) == 0);
}

TEST_CASE("requirement: normalize_name is packaging's canonicalize_name", "[pep508][name]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      // PEP 503: runs of '-', '_', '.' become one '-'; lowercase.
      {"Foo_Bar.baz", "foo-bar-baz"},
      {"foo", "foo"},
      {"FOO", "foo"},
      {"foo--bar", "foo-bar"},
      {"foo._-bar", "foo-bar"},
      {"zope.interface", "zope-interface"},
      // Leading and trailing separators are kept (as one '-').
      {"-foo", "-foo"},
      {"foo_", "foo-"},
      {"__", "-"},
      {"", ""},
      // Lowercase is Python's str.lower(), beyond ASCII too.
      {"\xc3\x89t\xc3\xa9", "\xc3\xa9t\xc3\xa9"},  // Été -> été
      {"\xc4\xb0", "i\xcc\x87"},                   // U+0130 -> i + U+0307
      {"\xe2\x84\xaa", "k"},                       // KELVIN SIGN -> k
      {"Stra\u00dfe", "stra\u00dfe"},              // ß stays
      // Bytes that are not UTF-8 (and an encoded lone surrogate) are kept.
      {"A\xff\xed\xb2\x80\x42", "a\xff\xed\xb2\x80\x62"},  // ...B -> ...b
  }));
  CAPTURE(input);
  CHECK(normalize_name(input) == expected);
}
