// Fuzzes PEP 440 version parsing and ordering. Invariants:
//   - a parsed version's str() re-parses to an equal version with the same str();
//   - public_str() and base_str() parse, and agree with compare_public() / without_local();
//   - for two versions (the input's first line and the rest), a <=> b is the reverse of b <=> a,
//     and compare_public() never says "less" where <=> says "greater".
#include <compare>
#include <string>

#include "depcheck/pep440/version.hpp"
#include "support.hpp"

namespace {

using depcheck::fuzz::fail;
using depcheck::pep440::parse_version;
using depcheck::pep440::Version;

std::strong_ordering reverse(std::strong_ordering order) {
  return 0 <=> order;
}

void check_one(std::string_view text, std::string_view input) {
  const auto version = parse_version(text);
  if (!version) {
    if (version.error().empty()) fail("an error without a message", input);
    return;
  }
  if (!depcheck::fuzz::round_trip_expected(text)) return;
  const auto normal = version->str();
  const auto again = parse_version(normal);
  if (!again) fail("str() '" + normal + "' does not re-parse: " + again.error(), input);
  if (*again != *version) fail("str() '" + normal + "' re-parses to a different version", input);
  if (again->str() != normal)
    fail("str() is not stable: '" + normal + "' -> '" + again->str() + "'", input);
  if ((*version <=> *version) != 0) fail("a version is not equal to itself", input);

  const auto public_version = parse_version(version->public_str());
  if (!public_version) fail("public_str() '" + version->public_str() + "' does not parse", input);
  if (version->compare_public(*public_version) != 0)
    fail("public_str() is not the public part", input);
  if (version->without_local().str() != version->public_str())
    fail("without_local().str() != public_str()", input);
  if (!parse_version(version->base_str()))
    fail("base_str() '" + version->base_str() + "' does not parse", input);
  if (version->has_local() != !version->local_str().empty())
    fail("has_local() and local_str() disagree", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = depcheck::fuzz::as_text(data, size);
  check_one(text, text);
  const auto [first, rest] = depcheck::fuzz::split_first_line(text);
  const auto a = parse_version(first), b = parse_version(rest);
  if (a && b) {
    check_one(first, text);
    check_one(rest, text);
    if ((*a <=> *b) != reverse(*b <=> *a)) fail("ordering is not antisymmetric", text);
    if ((*a <=> *b) > 0 && a->compare_public(*b) < 0)
      fail("public order contradicts the full order", text);
    if ((*a == *b) != (a->str() == b->str()) && a->release.size() == b->release.size() &&
        a->epoch == b->epoch)
      fail("equal versions with the same release length print differently (or vice versa)", text);
  }
  return 0;
}
