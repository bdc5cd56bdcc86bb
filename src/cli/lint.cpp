#include "cli/lint.hpp"

#include <algorithm>
#include <compare>
#include <map>
#include <optional>
#include <unordered_map>

#include "cli/config.hpp"
#include "depcheck/engine.hpp"

namespace depcheck::cli {
namespace {

using pep440::Number;
using pep440::Operator;
using pep440::Specifier;
using pep440::Version;

// --- Version sets as intervals (for shadowed rules) ---------------------------------------
//
// A bound is a version, or a cut just above a group of versions that no single version ends:
//   after_public(1.0): above 1.0 and every 1.0+local, below 1.0.post0.dev0
//   after_base(1.0):   above every version whose epoch and release are 1.0 (1.0.post9+x ...)
// Versions sharing a base form one contiguous block of the PEP 440 order, and so do versions
// sharing a public part, which is what makes these cuts comparable with versions.
enum class Cut { point, after_public, after_base };

struct Bound {
  Version version;
  Cut cut = Cut::point;
  bool inclusive = true;  // meaningful for points only; cuts are kept inclusive
};

// Versions between lo and hi; an absent bound is unbounded.
struct Interval {
  std::optional<Bound> lo;
  std::optional<Bound> hi;
};

// Versions inside `interval`, or (complement) every version outside it.
struct Region {
  Interval interval;
  bool complement = false;
};

Version base_of(const Version& v) {
  Version base;
  base.epoch = v.epoch;
  base.release = v.release;
  return base;
}

Version dev0(Version v) {
  v.dev = Number(0ULL);
  return v;
}

// 1.4 -> 1.5 (epoch and release only).
Version bumped(const Version& v) {
  Version next = base_of(v);
  next.release.back() = next.release.back().next();
  return next;
}

bool all_zero(const std::vector<Number>& release) {
  return std::all_of(release.begin(), release.end(), [](const Number& n) { return n.is_zero(); });
}

Bound point(Version v, bool inclusive) {
  return Bound{std::move(v), Cut::point, inclusive};
}

std::strong_ordering compare(const Bound& a, const Bound& b) {
  if (a.cut == Cut::point && b.cut == Cut::point) return a.version <=> b.version;
  if (const auto c = base_of(a.version) <=> base_of(b.version); c != 0) return c;
  if (a.cut == Cut::after_base || b.cut == Cut::after_base)
    return int(a.cut == Cut::after_base) <=> int(b.cut == Cut::after_base);
  if (const auto c = a.version.compare_public(b.version); c != 0) return c;
  return int(a.cut == Cut::after_public) <=> int(b.cut == Cut::after_public);
}

// The tighter of two lower (upper) bounds.
std::optional<Bound> tighter(const std::optional<Bound>& a, const std::optional<Bound>& b,
                             bool lower) {
  if (!a) return b;
  if (!b) return a;
  const auto c = compare(*a, *b);
  if (c == 0) {
    Bound both = *a;
    both.inclusive = a->inclusive && b->inclusive;
    return both;
  }
  return (c > 0) == lower ? a : b;
}

Interval intersect(const Interval& a, const Interval& b) {
  return {tighter(a.lo, b.lo, true), tighter(a.hi, b.hi, false)};
}

bool is_empty(const Interval& i) {
  if (!i.lo || !i.hi) return false;
  const auto c = compare(*i.lo, *i.hi);
  if (c > 0) return true;
  // The same version, included at both ends, is one version; the same cut holds none.
  if (c == 0) return !(i.lo->cut == Cut::point && i.lo->inclusive && i.hi->inclusive);
  return false;
}

// Whether `a` lies within `b`, comparing bounds.
bool within(const Interval& a, const Interval& b) {
  if (b.lo) {
    if (!a.lo) return false;
    const auto c = compare(*a.lo, *b.lo);
    if (c < 0 || (c == 0 && a.lo->inclusive && !b.lo->inclusive)) return false;
  }
  if (b.hi) {
    if (!a.hi) return false;
    const auto c = compare(*a.hi, *b.hi);
    if (c > 0 || (c == 0 && a.hi->inclusive && !b.hi->inclusive)) return false;
  }
  return true;
}

// A superset (`over`) and, when one is known, a subset (`under`) of what a specifier matches.
struct Approximation {
  Interval over;
  std::optional<Region> under;
};

// What ==V / ==V.* match, or nullopt where packaging's string-based prefix match has quirks
// (an epoch; an all-zero prefix such as ==0.*, which also matches 1!1.0).
std::optional<Interval> equal_set(const Specifier& s) {
  const Version& v = s.version;
  Interval i;
  if (s.wildcard) {
    if (!v.epoch.is_zero() || v.pre || v.post || v.dev || v.has_local() || all_zero(v.release))
      return std::nullopt;
    // ==1.4.* matches release 1.4 and 1.4.x with any suffix: [1.4.dev0, 1.5.dev0)
    i.lo = point(dev0(base_of(v)), true);
    i.hi = point(dev0(bumped(v)), false);
  } else if (v.has_local()) {
    i.lo = point(v, true);
    i.hi = point(v, true);
  } else {
    // ==1.0 ignores the candidate's local label: [1.0, after_public(1.0)]
    i.lo = point(v, true);
    i.hi = Bound{v, Cut::after_public, true};
  }
  return i;
}

Approximation approximate(const Specifier& s) {
  const Approximation unknown{};
  const Version& v = s.version;
  if (s.op == Operator::arbitrary) return unknown;
  if (v.has_local() && s.op != Operator::equal && s.op != Operator::not_equal) return unknown;
  Interval exact;
  switch (s.op) {
    case Operator::greater_equal:  // compares public versions: [V, inf)
      exact.lo = point(v, true);
      return {exact, Region{exact, false}};
    case Operator::less_equal:  // (-inf, after_public(V)]
      exact.hi = Bound{v, Cut::after_public, true};
      return {exact, Region{exact, false}};
    case Operator::less: {
      // PEP 440: <V excludes V's own pre-releases unless V is one; below V's first
      // pre-release (base.dev0) nothing is excluded.
      Interval over, under;
      over.hi = point(v, false);
      under.hi = v.is_prerelease() ? point(v, false) : point(dev0(base_of(v)), false);
      return {over, Region{under, false}};
    }
    case Operator::greater: {
      // >V excludes post-releases and local versions of V's base; above that base all is in.
      Interval over, under;
      over.lo = point(v, false);
      under.lo = Bound{base_of(v), Cut::after_base, true};
      return {over, Region{under, false}};
    }
    case Operator::equal:
    case Operator::not_equal: {
      const auto equal = equal_set(s);
      if (!equal) return unknown;
      if (s.op == Operator::equal) return {*equal, Region{*equal, false}};
      return {Interval{}, Region{*equal, true}};
    }
    case Operator::compatible: {
      // ~=1.4.2 is >=1.4.2 plus ==1.4.*; suffixes and epochs go through packaging's text
      // handling, so only plain releases are reasoned about.
      if (v.pre || v.post || v.dev || !v.epoch.is_zero() || v.release.size() < 2) return unknown;
      Version prefix = base_of(v);
      prefix.release.pop_back();
      if (all_zero(prefix.release)) return unknown;
      exact.lo = point(v, true);
      exact.hi = point(dev0(bumped(prefix)), false);
      return {exact, Region{exact, false}};
    }
    case Operator::arbitrary:
      break;
  }
  return unknown;
}

Interval over_approximation(const pep440::SpecifierSet& set) {
  Interval over;
  for (const auto& s : set.specifiers) over = intersect(over, approximate(s).over);
  return over;
}

// --- Lint -----------------------------------------------------------------------------------

using Versions = std::vector<std::pair<std::string, std::string>>;

// The line of each rule's "id" member. nlohmann keeps no positions, so the text is scanned.
std::unordered_map<std::string, int> id_lines(std::string_view text) {
  std::unordered_map<std::string, int> lines;
  int line = 1;
  std::size_t counted = 0;
  const std::string_view key = "\"id\"";
  for (auto at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    line += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                                        text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    counted = at;
    auto p = at + key.size();
    const auto skip_space = [&] {
      while (p < text.size() &&
             (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r'))
        ++p;
    };
    skip_space();
    if (p >= text.size() || text[p] != ':') continue;
    ++p;
    skip_space();
    if (p >= text.size() || text[p] != '"') continue;
    const auto end = text.find('"', p + 1);
    if (end == std::string_view::npos) break;
    lines.emplace(std::string(text.substr(p + 1, end - p - 1)), line);
  }
  return lines;
}

std::string describe(const matrix::ExampleSet& set) {
  std::string text;
  for (const auto& [name, version] : set) text += (text.empty() ? "" : ", ") + name + " " + version;
  return "{" + text + "}";
}

bool in_range(const matrix::ExampleSet& set, const matrix::Constraint& constraint) {
  const auto it = set.find(constraint.package);
  if (it == set.end()) return false;
  const auto version = pep440::parse_version(it->second);
  return version && constraint.versions.contains(*version);
}

// A fix is proven by a good example that has the fixed package inside the fix's range and
// every other package of `when` inside the rule's range: the fix alone keeps the rule silent.
bool fix_proven(const matrix::Rule& rule, const matrix::Constraint& fix) {
  for (const auto& good : rule.good_examples) {
    if (!in_range(good, fix)) continue;
    bool others = true;
    for (const auto& condition : rule.when)
      if (condition.package != fix.package && !in_range(good, condition)) others = false;
    if (others) return true;
  }
  return false;
}

// Whether `outer` fires whenever `inner` does: the same packages, each of inner's version sets
// within outer's, and outer's markers absent or the same.
bool covers(const matrix::Rule& outer, const matrix::Rule& inner) {
  if (!outer.markers_text.empty() && outer.markers_text != inner.markers_text) return false;
  for (const auto& condition : inner.when) {
    const auto it =
        std::find_if(outer.when.begin(), outer.when.end(),
                     [&](const matrix::Constraint& c) { return c.package == condition.package; });
    if (it == outer.when.end() || !versions_contained(condition.versions, it->versions))
      return false;
  }
  return true;
}

// Whether a finding of `inner` tells nothing that one of `outer` does not: `outer` covers it,
// at the same or a higher severity, with the same symptom, and each of inner's fixes lies
// within one of outer's (same package; outer's fixes already silence inner, so only a wider fix
// range would be news). Rules about nested ranges of
// the same packages are common and legitimate when they describe different breakages (an
// error in a narrow range inside a deprecation warning over a wide one); this tells them apart.
bool shadows(const matrix::Rule& outer, const matrix::Rule& inner) {
  if (static_cast<int>(outer.severity) > static_cast<int>(inner.severity))
    return false;  // error < warning
  if (!inner.symptom.empty() && inner.symptom != outer.symptom) return false;
  if (!covers(outer, inner)) return false;
  for (const auto& fix : inner.fixes) {
    const auto implied =
        std::any_of(outer.fixes.begin(), outer.fixes.end(), [&](const matrix::Constraint& f) {
          return f.package == fix.package && versions_contained(fix.versions, f.versions);
        });
    if (!implied) return false;
  }
  return true;
}

std::string package_key(const matrix::Rule& rule) {
  std::vector<std::string> names;
  for (const auto& c : rule.when) names.push_back(c.package);
  std::sort(names.begin(), names.end());
  std::string key;
  for (const auto& n : names) key += n + '\n';
  return key;
}

void lint_dates(const matrix::Rule& rule, std::vector<LintProblem>& out, int line) {
  const auto add = [&](Severity s, std::string message) {
    out.push_back({s, rule.id, line, std::move(message)});
  };
  const bool added_ok = is_iso_date(rule.added), reviewed_ok = is_iso_date(rule.reviewed);
  if (rule.added.empty())
    add(Severity::warning, "no 'added' date (when the rule was last checked against upstream)");
  else if (!added_ok)
    add(Severity::error, "invalid date '" + rule.added + "' in 'added' (expected YYYY-MM-DD)");
  if (!rule.reviewed.empty() && !reviewed_ok)
    add(Severity::error,
        "invalid date '" + rule.reviewed + "' in 'reviewed' (expected YYYY-MM-DD)");
  if (added_ok && reviewed_ok && rule.reviewed < rule.added)
    add(Severity::error,
        "'reviewed' (" + rule.reviewed + ") is before 'added' (" + rule.added + ")");
}

}  // namespace

bool versions_contained(const pep440::SpecifierSet& inner, const pep440::SpecifierSet& outer) {
  if (outer.is_any()) return true;
  const Interval over = over_approximation(inner);
  if (is_empty(over)) return true;
  for (const auto& s : outer.specifiers) {
    const auto same = [&](const Specifier& t) { return t.str() == s.str(); };
    if (std::any_of(inner.specifiers.begin(), inner.specifiers.end(), same)) continue;
    const auto approximation = approximate(s);
    if (!approximation.under) return false;
    const auto& region = *approximation.under;
    if (region.complement ? !is_empty(intersect(over, region.interval))
                          : !within(over, region.interval))
      return false;
  }
  return true;
}

bool versions_empty(const pep440::SpecifierSet& set) {
  return is_empty(over_approximation(set));
}

std::vector<LintProblem> lint_rules(const matrix::Matrix& matrix, std::string_view json_text,
                                    const matrix::Matrix* bundled) {
  const auto lines = id_lines(json_text);
  const auto line_of = [&](const std::string& id) {
    const auto it = lines.find(id);
    return it == lines.end() ? 0 : it->second;
  };
  std::vector<std::vector<LintProblem>> per_rule(matrix.rules.size());

  for (std::size_t r = 0; r < matrix.rules.size(); ++r) {
    const auto& rule = matrix.rules[r];
    const int line = line_of(rule.id);
    auto& out = per_rule[r];
    const auto add = [&](Severity s, std::string message) {
      out.push_back({s, rule.id, line, std::move(message)});
    };

    if (bundled && bundled->find(rule.id))
      add(Severity::warning,
          "the bundled matrix has a rule with this id: both cannot be loaded together (rename it, "
          "or use "
          "--no-default-matrix)");
    if (rule.references.empty())
      add(Severity::error,
          "no references (give at least one upstream issue, pull request or changelog)");
    for (const auto& reference : rule.references)
      if (reference.rfind("https://", 0) != 0 && reference.rfind("http://", 0) != 0)
        add(Severity::warning, "reference '" + reference + "' is not an http(s) URL");
    for (std::size_t i = 0; i < rule.when.size(); ++i)
      if (versions_empty(rule.when[i].versions))
        add(Severity::error, "when[" + std::to_string(i) + "].versions '" +
                                 rule.when[i].versions_text +
                                 "' matches no version: the rule can never fire");
    lint_dates(rule, out, line);

    if (rule.bad_examples.empty())
      add(Severity::warning, "no examples.bad: nothing shows when the rule fires");
    for (std::size_t i = 0; i < rule.bad_examples.size(); ++i) {
      const auto& example = rule.bad_examples[i];
      if (!engine::rule_fires(rule, Versions(example.begin(), example.end()), nullptr))
        add(Severity::error, "examples.bad[" + std::to_string(i) + "] " + describe(example) +
                                 " does not fire the rule");
    }
    for (std::size_t i = 0; i < rule.good_examples.size(); ++i) {
      const auto& example = rule.good_examples[i];
      if (engine::rule_fires(rule, Versions(example.begin(), example.end()), nullptr))
        add(Severity::error,
            "examples.good[" + std::to_string(i) + "] " + describe(example) + " fires the rule");
    }
    for (std::size_t i = 0; i < rule.fixes.size(); ++i) {
      const auto& fix = rule.fixes[i];
      if (!fix_proven(rule, fix))
        add(Severity::error,
            "fixes[" + std::to_string(i) + "] (" + fix.package + " " + fix.versions_text +
                ") is not proven by any good example (add one with " + fix.package +
                " in that range and the other packages as in a bad example)");
    }
  }

  // Shadowed rules, among rules about the same packages.
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t r = 0; r < matrix.rules.size(); ++r)
    groups[package_key(matrix.rules[r])].push_back(r);
  for (const auto& [key, members] : groups) {
    for (const auto a : members) {
      for (const auto b : members) {
        if (a == b) continue;
        const auto& inner = matrix.rules[a];
        const auto& outer = matrix.rules[b];
        if (!shadows(outer, inner)) continue;
        if (shadows(inner, outer)) {
          // The same versions both ways: report it once, on the later rule.
          if (a > b)
            per_rule[a].push_back(
                {Severity::error, inner.id, line_of(inner.id),
                 "duplicates '" + outer.id +
                     "': the same packages and versions, severity, symptom and fixes (merge "
                     "the two)"});
          continue;
        }
        per_rule[a].push_back(
            {Severity::error, inner.id, line_of(inner.id),
             "is shadowed by '" + outer.id +
                 "': it fires on every version set this rule does, as severe, with the same "
                 "symptom, and a fix for each of this rule's (merge the two)"});
      }
    }
  }

  std::vector<LintProblem> problems;
  for (auto& list : per_rule) problems.insert(problems.end(), list.begin(), list.end());
  return problems;
}

}  // namespace depcheck::cli
