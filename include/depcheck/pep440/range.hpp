#pragma once
// The set of versions a specifier set allows, as a union of intervals of the PEP 440 order, and
// the algebra built on it for fix recommendations: intersect, is_empty, simplify.
//   simplify(*parse_specifier_set(">=0,>=10.4,<14,<15")).str() == ">=10.4,<14"
//   is_empty(intersect(*parse_specifier_set(">=2"), *parse_specifier_set("<1"))) == true
//
// Exactness. Most specifiers allow a set that is exactly a finite union of intervals:
//   >=V  <=V  ==V  !=V  ==V+local  !=V+local  ==X.*  !=X.*  ~=V  <V (V not a post-release)
//   >V (V a final release: 1.0, not 1.0a1 / 1.0.post1)  <V.postN (N <= 64)
// These are exact, including packaging's quirks (==1!2.0.* does not match 1!2.0, ==0.* matches
// every version with an epoch, ~=1.4.5c1 means >=1.4.5rc1,==1.4.5.*).
// The rest are not, and are bracketed by an under- and an over-approximation:
//   >V with V a pre-, dev- or post-release: packaging excludes every local version and (unless V
//     is a post-release) every post-release of V's release, which leaves isolated points.
//   <V.postN with N > 64 (one interval per post-release below N).
//   ~=V whose prefix is not a plain release (only with odd spellings such as ~=1.0.RC.1).
//   ===text: compares strings, so "===1.0" allows 1.0 but not 1.0.0, which the order cannot tell
//     apart.
// The algebra is conservative with them: simplify() keeps such a specifier as written unless it
// is provably redundant, and is_empty() answers true only when the set is certainly empty.
#include <compare>
#include <string>
#include <vector>

#include "depcheck/pep440/specifier.hpp"
#include "depcheck/pep440/version.hpp"

namespace depcheck::pep440 {

// A cut in the total order of versions: the versions "below" it form its left side.
//   below(V)      left side: x < V
//   after(V)      left side: x <= V (V's local versions, if V has none, are on the right)
//   after_base(B) left side: every x whose epoch and release are <= B's (1.0.post5 and 1.0+l
//                 are below after_base(1.0); 1.0.0.1 is not)
// The order is dense and the successor of a public version V (all of V's local versions lie
// between them) always exists, so "after V and its local versions" is below(successor(V)); with
// that (and below(0.dev0) being bottom), two cuts are equal exactly when they split the
// versions the same way.
class Cut {
 public:
  enum class Kind { bottom, below, after, after_base, top };

  static Cut bottom() { return Cut(Kind::bottom, Version()); }
  static Cut top() { return Cut(Kind::top, Version()); }
  static Cut below(Version v);  // below(0.dev0), the lowest version, is bottom()
  static Cut after(Version v) { return Cut(Kind::after, std::move(v)); }
  static Cut after_base(const Version& v);

  Kind kind() const { return m_kind; }
  const Version& anchor() const { return m_anchor; }
  // Whether `v` lies on the left side.
  bool is_above(const Version& v) const;
  std::string str() const;  // "<1.0", "<=1.0", "<=1.0.*base", "-inf", "+inf": for messages

  std::strong_ordering operator<=>(const Cut& other) const;
  bool operator==(const Cut& other) const { return (*this <=> other) == 0; }

 private:
  Cut(Kind kind, Version anchor) : m_kind(kind), m_anchor(std::move(anchor)) {}
  Kind m_kind;
  Version m_anchor;
};

// The next public version after public `v`: 1.0 -> 1.0.post0.dev0, 1.0.dev3 -> 1.0.dev4,
// 1.0.post2 -> 1.0.post3.dev0. Nothing but v's local versions lies between them.
Version successor(const Version& v);

// Versions in [lower, upper): those above `lower` and below `upper`.
struct Interval {
  Cut lower = Cut::bottom();
  Cut upper = Cut::top();
  bool contains(const Version& v) const { return !lower.is_above(v) && upper.is_above(v); }
  bool operator==(const Interval&) const = default;
};

// A finite union of intervals, kept sorted, disjoint and merged.
class VersionRange {
 public:
  static VersionRange all() { return VersionRange({Interval{}}); }
  static VersionRange none() { return VersionRange({}); }
  explicit VersionRange(std::vector<Interval> intervals);

  const std::vector<Interval>& intervals() const { return m_intervals; }
  bool is_empty() const { return m_intervals.empty(); }
  bool is_all() const { return *this == all(); }
  bool contains(const Version& v) const;
  bool includes(const VersionRange& other) const;  // other is a subset of this

  VersionRange intersect(const VersionRange& other) const;
  VersionRange unite(const VersionRange& other) const;
  VersionRange complement() const;
  std::string str() const;  // "[>=1.0, <2.0) u [...)" for messages and test failures

  bool operator==(const VersionRange&) const = default;

 private:
  std::vector<Interval> m_intervals;
};

// Under- and over-approximation of the versions a specifier (set) allows; equal when exact.
struct RangeBounds {
  VersionRange under = VersionRange::none();
  VersionRange over = VersionRange::all();
  bool exact() const { return under == over; }
};

RangeBounds to_range(const Specifier& spec);
RangeBounds to_range(const SpecifierSet& set);

// Whether no version can satisfy `set`. Conservative: true only when that is certain (see the
// header comment for the specifiers it cannot decide exactly).
bool is_empty(const SpecifierSet& set);

// An equivalent set, as short as found: redundant specifiers go, bounds merge, equivalent
// shorter spellings are used (">=1,<=1" -> "==1"). Allows exactly the versions `set` allows.
// An empty set becomes "<0" (nothing is below 0.dev0 and <0 excludes 0's pre-releases).
//   ">=0,>=10.4,<14,<15" -> ">=10.4,<14";  "==1.*,>=1.2" -> ">=1.2,<2";  ">=2,<1" -> "<0"
SpecifierSet simplify(const SpecifierSet& set);

// The versions outside `spec` (or `set`), as specifier sets that each lie outside it and that
// together cover its complement but for some versions at a bound that PEP 440 keeps out of both
// (">=2" gives "<2", and neither allows 2.0rc1). The fix planner moves a range out of a rule's
// with them.
//   complement(">=2") -> {"<2"};  complement("~=1.4.5") -> {"<1.4.5", "!=1.4.*"}
// === has no complement that can be written: none.
std::vector<SpecifierSet> complement(const Specifier& spec);
std::vector<SpecifierSet> complement(const SpecifierSet& set);

// The versions both allow, simplified.
//   intersect(">=1,<3", ">=2,<4") -> ">=2,<3"
SpecifierSet intersect(const SpecifierSet& a, const SpecifierSet& b);

}  // namespace depcheck::pep440
