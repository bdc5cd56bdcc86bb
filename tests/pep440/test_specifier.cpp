#include <catch2/catch.hpp>

#include <cstdint>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "depcheck/pep440/specifier.hpp"

using depcheck::pep440::Operator;
using depcheck::pep440::parse_specifier;
using depcheck::pep440::parse_specifier_set;
using depcheck::pep440::parse_version;

namespace {

std::set<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::set<std::string> out;
  for (std::string w; in >> w;) out.insert(w);
  return out;
}

// Candidates for the containment tables; each row lists the ones the specifier contains
// (packaging's SpecifierSet(spec).contains(v, prereleases=True)).
const std::vector<std::string> k_candidates = {
    "1.0.dev0",      "1.0a1",     "1.0rc1",    "1.0",
    "1.0.0",         "1.0+abc",   "1.0+xyz",   "1.0.post1",
    "1.0.post1+abc", "1.0.post2", "1.0.1",     "1.1",
    "1.4.4",         "1.4.5a3",   "1.4.5a4",   "1.4.5",
    "1.4.6",         "1.5",       "1.4.5rc1",  "1.4.5rc1.post1",
    "1.4.5rc2",      "2.0.dev0",  "2.0a1",     "2.0rc1",
    "2.0",           "2.0+abc",   "2.0.post1", "2.0.post1.dev0",
    "2.1",           "2.2",       "2.2.post3", "2.2.post4",
    "2.2.0.dev1",    "2.3",       "2.9",       "3.0",
    "1.9.9",         "0.9",       "0.0.1",     "1!1.0",
    "1!1.0.0",       "1!1.0.5",   "1!2.0",     "v1.0"};

void check_row(const std::string& spec, const std::string& contained) {
  const auto expected = words(contained);
  auto set = parse_specifier_set(spec);
  REQUIRE(set);
  for (const auto& candidate : k_candidates) {
    CAPTURE(spec, candidate);
    CHECK(set->contains(candidate) == (expected.count(candidate) == 1));
    CHECK(set->contains(*parse_version(candidate)) == (expected.count(candidate) == 1));
  }
}

}  // namespace

// PEP 440 "Compatible release": ~=V is >=V,==P.* with P = V minus its last release number.
// packaging cuts P from the text, so "c1" and "RC1" after a '.' are not seen as suffixes.
TEST_CASE("specifier: ~= compatible release", "[pep440][specifier]") {
  auto [spec, contained] = GENERATE(table<std::string, std::string>({
      {"~=2.2", "2.2 2.2.post3 2.2.post4 2.3 2.9"},
      {"~=1.4.5", "1.4.5 1.4.6"},
      {"~=1.4.5a4", "1.4.5a4 1.4.5 1.4.6 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2"},
      {"~=1.4.5c1", "1.4.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2"},    // prefix 1.4.5 (quirk)
      {"~=1.4.5.RC1", "1.4.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2"},  // prefix 1.4.5 (quirk)
      {"~=1!1.0.0", "1!1.0.5"},  // 1!1.0 fails the "1!1.0.*" string comparison (quirk)
      {"~=2.2.post3", "2.2.post3 2.2.post4 2.3 2.9"},
      {"~=2.2.0.dev1", "2.2 2.2.post3 2.2.post4 2.2.0.dev1"},
  }));
  check_row(spec, contained);
}

// PEP 440 "Version matching": == ignores the candidate's local label unless the specifier
// has one; ==X.* is a prefix match on the public version, pre/post/dev included.
TEST_CASE("specifier: == and != version matching", "[pep440][specifier]") {
  auto [spec, contained] = GENERATE(table<std::string, std::string>({
      {"==1.0", "1.0 1.0.0 1.0+abc 1.0+xyz v1.0"},
      {"==1.0.0", "1.0 1.0.0 1.0+abc 1.0+xyz v1.0"},
      {"==1.0+abc", "1.0+abc"},
      {"==1.0+ABC", "1.0+abc"},
      {"==1.*",
       "1.0.dev0 1.0a1 1.0rc1 1.0 1.0.0 1.0+abc 1.0+xyz 1.0.post1 1.0.post1+abc 1.0.post2 1.0.1 "
       "1.1 1.4.4 1.4.5a3 1.4.5a4 1.4.5 1.4.6 1.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2 1.9.9 v1.0"},
      {"==1.0.*",
       "1.0.dev0 1.0a1 1.0rc1 1.0 1.0.0 1.0+abc 1.0+xyz 1.0.post1 1.0.post1+abc 1.0.post2 1.0.1 "
       "v1.0"},
      // with an epoch, packaging's string comparison pads nothing (quirks, reproduced)
      {"==1!1.0.*", "1!1.0.5"},
      {"==1!1.*", "1!1.0 1!1.0.0 1!1.0.5"},
      {"==0.*", "0.9 0.0.1 1!1.0 1!1.0.0 1!1.0.5 1!2.0"},
      {"!=1.0+abc",
       "1.0.dev0 1.0a1 1.0rc1 1.0 1.0.0 1.0+xyz 1.0.post1 1.0.post1+abc 1.0.post2 1.0.1 1.1 "
       "1.4.4 1.4.5a3 1.4.5a4 1.4.5 1.4.6 1.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2 2.0.dev0 2.0a1 "
       "2.0rc1 2.0 2.0+abc 2.0.post1 2.0.post1.dev0 2.1 2.2 2.2.post3 2.2.post4 2.2.0.dev1 2.3 "
       "2.9 3.0 1.9.9 0.9 0.0.1 1!1.0 1!1.0.0 1!1.0.5 1!2.0 v1.0"},
      {"!=1.*",
       "2.0.dev0 2.0a1 2.0rc1 2.0 2.0+abc 2.0.post1 2.0.post1.dev0 2.1 2.2 2.2.post3 2.2.post4 "
       "2.2.0.dev1 2.3 2.9 3.0 0.9 0.0.1 1!1.0 1!1.0.0 1!1.0.5 1!2.0"},
      {"!=1.0",
       "1.0.dev0 1.0a1 1.0rc1 1.0.post1 1.0.post1+abc 1.0.post2 1.0.1 1.1 1.4.4 1.4.5a3 1.4.5a4 "
       "1.4.5 1.4.6 1.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2 2.0.dev0 2.0a1 2.0rc1 2.0 2.0+abc "
       "2.0.post1 2.0.post1.dev0 2.1 2.2 2.2.post3 2.2.post4 2.2.0.dev1 2.3 2.9 3.0 1.9.9 0.9 "
       "0.0.1 1!1.0 1!1.0.0 1!1.0.5 1!2.0"},
  }));
  check_row(spec, contained);
}

// PEP 440 "Exclusive ordered comparison": <V excludes pre-releases of V unless V is one;
// >V excludes post-releases of V unless V is one, and local versions of V's release.
TEST_CASE("specifier: ordered comparisons", "[pep440][specifier]") {
  auto [spec, contained] = GENERATE(table<std::string, std::string>({
      {"<2.0",
       "1.0.dev0 1.0a1 1.0rc1 1.0 1.0.0 1.0+abc 1.0+xyz 1.0.post1 1.0.post1+abc 1.0.post2 1.0.1 "
       "1.1 1.4.4 1.4.5a3 1.4.5a4 1.4.5 1.4.6 1.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2 1.9.9 0.9 "
       "0.0.1 v1.0"},
      {"<2.0rc1",
       "1.0.dev0 1.0a1 1.0rc1 1.0 1.0.0 1.0+abc 1.0+xyz 1.0.post1 1.0.post1+abc 1.0.post2 1.0.1 "
       "1.1 1.4.4 1.4.5a3 1.4.5a4 1.4.5 1.4.6 1.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2 2.0.dev0 "
       "2.0a1 1.9.9 0.9 0.0.1 v1.0"},
      {"<2.0.post1",
       "1.0.dev0 1.0a1 1.0rc1 1.0 1.0.0 1.0+abc 1.0+xyz 1.0.post1 1.0.post1+abc 1.0.post2 1.0.1 "
       "1.1 1.4.4 1.4.5a3 1.4.5a4 1.4.5 1.4.6 1.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2 2.0 2.0+abc "
       "1.9.9 0.9 0.0.1 v1.0"},
      {"<=2.0",
       "1.0.dev0 1.0a1 1.0rc1 1.0 1.0.0 1.0+abc 1.0+xyz 1.0.post1 1.0.post1+abc 1.0.post2 1.0.1 "
       "1.1 1.4.4 1.4.5a3 1.4.5a4 1.4.5 1.4.6 1.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2 2.0.dev0 "
       "2.0a1 2.0rc1 2.0 2.0+abc 1.9.9 0.9 0.0.1 v1.0"},
      {"<=2.0.dev0",
       "1.0.dev0 1.0a1 1.0rc1 1.0 1.0.0 1.0+abc 1.0+xyz 1.0.post1 1.0.post1+abc 1.0.post2 1.0.1 "
       "1.1 1.4.4 1.4.5a3 1.4.5a4 1.4.5 1.4.6 1.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2 2.0.dev0 "
       "1.9.9 0.9 0.0.1 v1.0"},
      {">1.0",
       "1.0.1 1.1 1.4.4 1.4.5a3 1.4.5a4 1.4.5 1.4.6 1.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2 "
       "2.0.dev0 2.0a1 2.0rc1 2.0 2.0+abc 2.0.post1 2.0.post1.dev0 2.1 2.2 2.2.post3 2.2.post4 "
       "2.2.0.dev1 2.3 2.9 3.0 1.9.9 1!1.0 1!1.0.0 1!1.0.5 1!2.0"},
      {">1.0.post1",
       "1.0.post2 1.0.1 1.1 1.4.4 1.4.5a3 1.4.5a4 1.4.5 1.4.6 1.5 1.4.5rc1 1.4.5rc1.post1 "
       "1.4.5rc2 2.0.dev0 2.0a1 2.0rc1 2.0 2.0+abc 2.0.post1 2.0.post1.dev0 2.1 2.2 2.2.post3 "
       "2.2.post4 2.2.0.dev1 2.3 2.9 3.0 1.9.9 1!1.0 1!1.0.0 1!1.0.5 1!2.0"},
      {">1.0a1",  // 1.0+abc is a local version of 1.0's release: excluded although > 1.0a1
       "1.0rc1 1.0 1.0.0 1.0.1 1.1 1.4.4 1.4.5a3 1.4.5a4 1.4.5 1.4.6 1.5 1.4.5rc1 "
       "1.4.5rc1.post1 1.4.5rc2 2.0.dev0 2.0a1 2.0rc1 2.0 2.0+abc 2.0.post1 2.0.post1.dev0 2.1 "
       "2.2 2.2.post3 2.2.post4 2.2.0.dev1 2.3 2.9 3.0 1.9.9 1!1.0 1!1.0.0 1!1.0.5 1!2.0 v1.0"},
      {">=1.0",
       "1.0 1.0.0 1.0+abc 1.0+xyz 1.0.post1 1.0.post1+abc 1.0.post2 1.0.1 1.1 1.4.4 1.4.5a3 "
       "1.4.5a4 1.4.5 1.4.6 1.5 1.4.5rc1 1.4.5rc1.post1 1.4.5rc2 2.0.dev0 2.0a1 2.0rc1 2.0 "
       "2.0+abc 2.0.post1 2.0.post1.dev0 2.1 2.2 2.2.post3 2.2.post4 2.2.0.dev1 2.3 2.9 3.0 "
       "1.9.9 1!1.0 1!1.0.0 1!1.0.5 1!2.0 v1.0"},
      {">=1!0", "1!1.0 1!1.0.0 1!1.0.5 1!2.0"},
  }));
  check_row(spec, contained);
}

// PEP 440 "Arbitrary equality": str(Version(candidate)) against the text, case-insensitively.
TEST_CASE("specifier: === arbitrary equality", "[pep440][specifier]") {
  auto [spec, contained] = GENERATE(table<std::string, std::string>({
      {"===1.0", "1.0 v1.0"},
      {"===1.0+ABC", "1.0+abc"},
      {"===foo", ""},
      {"===v1.0", ""},
  }));
  check_row(spec, contained);
  // packaging raises for a candidate that is not a version; depcheck compares the text.
  CHECK(parse_specifier("===foo")->contains(std::string_view("FOO")));
  CHECK_FALSE(parse_specifier(">=1.0")->contains(std::string_view("foo")));
}

// The empty set contains every version, pre-releases included.
TEST_CASE("specifier set: empty is any", "[pep440][specifier]") {
  auto set = parse_specifier_set(" , ");
  REQUIRE(set);
  CHECK(set->is_any());
  CHECK(set->contains(std::string_view("1.0.dev0")));
}

// packaging's Specifier regex: which operators take a local label or a wildcard; str() is the
// operator and the version as written, whitespace removed.
TEST_CASE("specifier: valid specifiers and their text", "[pep440][specifier]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {">=1.0", ">=1.0"},       {">= 1.0", ">=1.0"},        {" >=1.0 ", ">=1.0"},
      {">=v1.0", ">=v1.0"},     {">=1.0a", ">=1.0a"},       {">=1.0-1", ">=1.0-1"},
      {"~=1.0", "~=1.0"},       {"~= 1.0", "~=1.0"},        {"~=1!1.0", "~=1!1.0"},
      {"==1.0", "==1.0"},       {"==1.0+abc", "==1.0+abc"}, {"==1.0.*", "==1.0.*"},
      {"==1.*", "==1.*"},       {"== 1.0.*", "==1.0.*"},    {"==1.0.* ", "==1.0.*"},
      {"==v1.0.*", "==v1.0.*"}, {"==1!1.*", "==1!1.*"},     {"!=1.0+abc", "!=1.0+abc"},
      {"!=1.0.*", "!=1.0.*"},   {"===1.0", "===1.0"},       {"===", "==="},
      {"=== ", "==="},          {"===foo", "===foo"},       {"====1", "====1"},
      {"=== 1.0", "===1.0"},    {">=1.0\xc2\xa0", ">=1.0"}, {"\xe3\x80\x80>=1.0", ">=1.0"},
  }));
  CAPTURE(input);
  auto spec = parse_specifier(input);
  REQUIRE(spec);
  CHECK(spec->str() == expected);
}

TEST_CASE("specifier: parts", "[pep440][specifier]") {
  auto spec = parse_specifier("!= 1.2.*");
  REQUIRE(spec);
  CHECK(spec->op == Operator::not_equal);
  CHECK(spec->wildcard);
  CHECK(spec->version_text == "1.2");
  CHECK(spec->version.str() == "1.2");
}

TEST_CASE("specifier: invalid specifiers", "[pep440][specifier]") {
  auto input =
      GENERATE(as<std::string>{}, "~=1", "~=1.*", "~=1.0.*", "~=1.0+abc", "==1.0a1.*",
               "==1.0.post1.*", "==1.0+abc.*", "==1.*.*", "==*", "==1.0*", "<1.0+abc", "<=1.0+abc",
               ">1.0+abc", ">=1.0+abc", "<1.0.*", ">=1.0.*", "===foo bar", "===a;b", "===a)b",
               "=>1.0", "=<1.0", "<<1.0", "1.0", "", ">=", ">==1.0", "~1.0", "^1.0", "=1.0",
               ">=1.0,<2", ">=1..0", ">=1.0 x", "> = 1.0", "!==1.0", "<>1.0");
  CAPTURE(input);
  auto spec = parse_specifier(input);
  REQUIRE_FALSE(spec);
  CHECK(spec.error() == "invalid specifier '" + input + "'");
}

TEST_CASE("specifier set: parsing", "[pep440][specifier]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"", ""},
      {",", ""},
      {">=1.0,<2", ">=1.0,<2"},
      {">=1.0, <2", ">=1.0,<2"},
      {">=1.0,,<2", ">=1.0,<2"},
  }));
  auto set = parse_specifier_set(input);
  REQUIRE(set);
  CHECK(set->str() == expected);
  for (std::string bad : {">=1.0,<<2", ">=1.0;<2", ">=1.0 <2"}) {
    auto result = parse_specifier_set(bad);
    REQUIRE_FALSE(result);
    CHECK(result.error() == "invalid specifier '" + bad + "'");
  }
}

// Bad input never crashes: random bytes drawn mostly from the characters versions use.
// Copies of a set share their specifiers; changing one copy must leave the others as they were.
TEST_CASE("specifier set: copies are independent", "[pep440][specifier]") {
  const auto original = *parse_specifier_set(">=1.0,<2");
  auto copy = original;
  auto other = original;
  copy.specifiers.push_back(*parse_specifier("!=1.5"));
  const auto extra = *parse_specifier_set("~=1.2,==1.*");
  other.specifiers.insert(other.specifiers.end(), extra.specifiers.begin(), extra.specifiers.end());
  CHECK(original.str() == ">=1.0,<2");
  CHECK(copy.str() == ">=1.0,<2,!=1.5");
  CHECK(other.str() == ">=1.0,<2,~=1.2,==1.*");
  CHECK(extra.str() == "~=1.2,==1.*");
  // Into itself, from a copy that shares its array.
  auto self = original;
  const auto same = self;
  self.specifiers.insert(self.specifiers.begin(), same.specifiers.begin(), same.specifiers.end());
  CHECK(self.str() == ">=1.0,<2,>=1.0,<2");
  CHECK(same.str() == ">=1.0,<2");
  copy.specifiers.clear();
  CHECK(copy.is_any());
  CHECK(original.specifiers.size() == 2);
  CHECK(original.contains(*parse_version("1.5")));
  CHECK_FALSE(original.contains(*parse_version("2.0")));
}

TEST_CASE("specifier: random bytes parse or fail cleanly", "[pep440][specifier]") {
  const std::string alphabet = "0123456789.!+-_*=<>~ ,;)abcdeilmnoprstvwxyzABCRV\t\xc2\xa0\xff";
  std::uint64_t state = 42;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  std::size_t parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const auto length = next() % 16;
    for (std::size_t j = 0; j < length; ++j) text += alphabet[next() % alphabet.size()];
    if (i % 2) text = ">=" + text;
    CAPTURE(text);
    auto version = parse_version(text);
    if (version) CHECK(parse_version(version->str()));  // normalized text parses again
    auto set = parse_specifier_set(text);
    if (set) {
      ++parsed;
      CHECK(parse_specifier_set(set->str()));  // printed text parses again
      if (version) (void)set->contains(*version);
    } else {
      CHECK(set.error() == "invalid specifier '" + text + "'");
    }
  }
  CHECK(parsed > 100);
}
