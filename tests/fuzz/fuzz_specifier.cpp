// Fuzzes PEP 440 specifier sets and containment. The input is "SPECIFIERS\nVERSION" (the
// version defaults to 1.0). Invariants:
//   - a parsed set's str() re-parses, prints the same, and contains the same versions;
//   - each specifier's str() re-parses to the same str();
//   - contains(string) agrees with contains(Version) when no "===" is involved;
//   - with range.hpp: simplify(s) contains exactly what s contains, its str() re-parses, and
//     to_range(s) brackets s (under contains only versions s contains, over all of them);
//     intersect(s, simplify(s)) contains what s contains.
#include <string>

#include "depcheck/pep440/range.hpp"
#include "depcheck/pep440/specifier.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace depcheck::pep440;
  using depcheck::fuzz::fail;
  const auto text = depcheck::fuzz::as_text(data, size);
  auto [spec_text, version_text] = depcheck::fuzz::split_first_line(text);
  if (version_text.empty()) version_text = "1.0";

  const auto set = parse_specifier_set(spec_text);
  if (!set) {
    if (set.error().empty()) fail("an error without a message", text);
    return 0;
  }
  const auto normal = set->str();
  const auto again = parse_specifier_set(normal);
  if (!again) fail("str() '" + normal + "' does not re-parse: " + again.error(), text);
  if (again->str() != normal)
    fail("str() is not stable: '" + normal + "' -> '" + again->str() + "'", text);
  bool arbitrary = false;
  for (const auto& specifier : set->specifiers) {
    arbitrary = arbitrary || specifier.op == Operator::arbitrary;
    const auto one = parse_specifier(specifier.str());
    if (!one) fail("specifier str() '" + specifier.str() + "' does not re-parse", text);
    if (one->str() != specifier.str())
      fail("specifier str() is not stable: '" + specifier.str() + "'", text);
  }

  const auto version = parse_version(version_text);
  const bool by_text = set->contains(version_text);
  if (again->contains(version_text) != by_text) fail("re-parsed set disagrees on a string", text);
  if (!version) return 0;
  const bool contained = set->contains(*version);
  if (again->contains(*version) != contained) fail("re-parsed set disagrees on a version", text);
  if (!arbitrary && by_text != contained) fail("contains(string) != contains(Version)", text);
  if (!arbitrary && depcheck::fuzz::round_trip_expected(version_text) &&
      set->contains(version->str()) != contained)
    fail("contains() differs between a version and its normal form", text);
  const auto simple = simplify(*set);
  if (simple.contains(*version) != contained)
    fail("simplify('" + normal + "') = '" + simple.str() + "' disagrees on " + version->str(),
         text);
  if (depcheck::fuzz::round_trip_expected(text) && !parse_specifier_set(simple.str()))
    fail("simplify() str() '" + simple.str() + "' does not parse", text);
  const auto bounds = to_range(*set);
  if (bounds.under.contains(*version) && !contained)
    fail("to_range().under contains a version s does not", text);
  if (contained && !bounds.over.contains(*version))
    fail("to_range().over misses a version s contains", text);
  if (contained && is_empty(*set))
    fail("is_empty() for a set that contains " + version->str(), text);
  if (intersect(*set, simple).contains(*version) != contained)
    fail("intersect(s, simplify(s)) != s", text);
  return 0;
}
