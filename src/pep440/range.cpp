// Specifier sets as unions of intervals of the PEP 440 order (see range.hpp for what is exact).
#include "depcheck/pep440/range.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "pep440/python_text.hpp"
#include "pep440/specifier_detail.hpp"

namespace depcheck::pep440 {

namespace {

// Epoch and release only.
Version base_of(const Version& v) {
  Version base;
  base.epoch = v.epoch;
  base.release = v.release;
  return base;
}

// The lowest version of v's release: B.dev0 (1.0.dev0 < 1.0a0.dev0 < ... < 1.0 < 1.0.post0).
Version lowest_of_base(const Version& v) {
  Version lowest = base_of(v);
  lowest.dev = Number();
  return lowest;
}

bool is_plain_release(const Version& v) {
  return !v.pre && !v.post && !v.dev && !v.has_local();
}

// The public version just before public `v`, when there is one (the inverse of successor):
// 1.0.dev4 -> 1.0.dev3, 1.0.post3.dev0 -> 1.0.post2, 1.0.post0.dev0 -> 1.0. None for 1.0
// (1.0.devN for every N lies below it) or 1.0.dev0.
std::optional<Version> predecessor(const Version& v) {
  if (v.has_local() || !v.dev) return std::nullopt;
  Version p = v;
  if (!v.dev->is_zero()) {
    p.dev = v.dev->previous();
    return p;
  }
  if (!v.post) return std::nullopt;
  p.dev.reset();
  if (v.post->is_zero())
    p.post.reset();
  else
    p.post = v.post->previous();
  return p;
}

int kind_rank(Cut::Kind kind) {
  switch (kind) {
    case Cut::Kind::bottom:
      return 0;
    case Cut::Kind::top:
      return 2;
    default:
      return 1;
  }
}

VersionRange interval(Cut lower, Cut upper) {
  return VersionRange({Interval{std::move(lower), std::move(upper)}});
}

RangeBounds exact(VersionRange range) {
  return RangeBounds{range, range};
}

// ==P.* as packaging decides it (see detail::equal_prefix), as intervals. With E the epoch and
// R the release of P as written (k numbers, trailing zeros kept), R' = R with its last number
// plus one:
//   E == 0: [R.dev0, R'.dev0); if R is all zeros, also every version with an epoch (the
//           candidate's "E!N" item is not a number, so it is padded with zeros).
//   E != 0, k == 1: [E!R.dev0, E!Ra0.dev0) u [E!R, E!R'.dev0): "E!Ra1" stays one item.
//   E != 0, k >= 2: [E!R.dev0, E!R'.dev0) when R ends in a non-zero number; otherwise the
//           release itself is left out ("1!2.0" becomes "1!2", one item short): (E!R, E!R'.dev0).
VersionRange wildcard_range(const Version& prefix) {
  const auto& release = prefix.release;
  std::vector<Number> next_release = release;
  next_release.back() = next_release.back().next();
  const auto make = [&](const std::vector<Number>& r) {
    Version v;
    v.epoch = prefix.epoch;
    v.release = r;
    return v;
  };
  const auto dev0 = [&](const std::vector<Number>& r) {
    Version v = make(r);
    v.dev = Number();
    return v;
  };
  const Cut upper = Cut::below(dev0(next_release));
  if (prefix.epoch.is_zero()) {
    auto range = interval(Cut::below(dev0(release)), upper);
    if (std::all_of(release.begin(), release.end(), [](const Number& n) { return n.is_zero(); })) {
      Version lowest_with_epoch;
      lowest_with_epoch.epoch = Number(1ULL);
      lowest_with_epoch.release = {Number()};
      lowest_with_epoch.dev = Number();
      range = range.unite(interval(Cut::below(lowest_with_epoch), Cut::top()));
    }
    return range;
  }
  if (release.size() == 1) {
    Version lowest_pre = make(release);
    lowest_pre.pre = PreRelease{PreKind::a, Number()};
    lowest_pre.dev = Number();
    return interval(Cut::below(dev0(release)), Cut::below(lowest_pre))
        .unite(interval(Cut::below(make(release)), upper));
  }
  if (release.back().is_zero()) return interval(Cut::after_base(make(release)), upper);
  return interval(Cut::below(dev0(release)), upper);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Cut

Cut Cut::below(Version v) {
  // Nothing is below 0.dev0 (epoch 0, release 0, dev-only sorts first, dev 0).
  const bool lowest =
      v.epoch.is_zero() && !v.pre && !v.post && v.dev && v.dev->is_zero() && !v.has_local() &&
      std::all_of(v.release.begin(), v.release.end(), [](const Number& n) { return n.is_zero(); });
  return lowest ? bottom() : Cut(Kind::below, std::move(v));
}

Cut Cut::after_base(const Version& v) {
  return Cut(Kind::after_base, base_of(v));
}

bool Cut::is_above(const Version& v) const {
  switch (m_kind) {
    case Kind::bottom:
      return false;
    case Kind::top:
      return true;
    case Kind::below:
      return v < m_anchor;
    case Kind::after:
      return v <= m_anchor;
    case Kind::after_base:
      return (base_of(v) <=> m_anchor) <= 0;
  }
  return false;
}

std::strong_ordering Cut::operator<=>(const Cut& other) const {
  const int rank = kind_rank(m_kind), other_rank = kind_rank(other.m_kind);
  if (rank != other_rank) return rank <=> other_rank;
  if (rank != 1) return std::strong_ordering::equal;
  const bool base = m_kind == Kind::after_base, other_base = other.m_kind == Kind::after_base;
  if (base && other_base) return m_anchor <=> other.m_anchor;
  // after_base(B) is above every version of B's release and below every later release; releases
  // are dense (1.0 < 1.0.0.1 < 1.0.1), so it never coincides with a cut at a version.
  if (base)
    return (m_anchor <=> base_of(other.m_anchor)) >= 0 ? std::strong_ordering::greater
                                                       : std::strong_ordering::less;
  if (other_base)
    return (other.m_anchor <=> base_of(m_anchor)) >= 0 ? std::strong_ordering::less
                                                       : std::strong_ordering::greater;
  if (auto c = m_anchor <=> other.m_anchor; c != 0) return c;
  // Versions are dense too (1.0 < 1.0+0a < 1.0+a), so below(V) < after(V) < below(W) for V < W.
  return static_cast<int>(m_kind) <=> static_cast<int>(other.m_kind);
}

std::string Cut::str() const {
  switch (m_kind) {
    case Kind::bottom:
      return "-inf";
    case Kind::top:
      return "+inf";
    case Kind::below:
      return "<" + m_anchor.str();
    case Kind::after:
      return "<=" + m_anchor.str();
    case Kind::after_base:
      return "<=" + m_anchor.str() + "(all)";
  }
  return "";
}

Version successor(const Version& v) {
  Version next = v.without_local();
  if (v.dev) {
    next.dev = v.dev->next();
  } else if (v.post) {
    next.post = v.post->next();
    next.dev = Number();
  } else {
    next.post = Number();
    next.dev = Number();
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// VersionRange

VersionRange::VersionRange(std::vector<Interval> intervals) {
  std::erase_if(intervals, [](const Interval& i) { return !(i.lower < i.upper); });
  std::sort(intervals.begin(), intervals.end(),
            [](const Interval& a, const Interval& b) { return a.lower < b.lower; });
  for (auto& i : intervals) {
    if (!m_intervals.empty() && i.lower <= m_intervals.back().upper) {
      if (m_intervals.back().upper < i.upper) m_intervals.back().upper = i.upper;
    } else {
      m_intervals.push_back(std::move(i));
    }
  }
}

bool VersionRange::contains(const Version& v) const {
  return std::any_of(m_intervals.begin(), m_intervals.end(),
                     [&](const Interval& i) { return i.contains(v); });
}

bool VersionRange::includes(const VersionRange& other) const {
  return other.intersect(*this) == other;
}

VersionRange VersionRange::intersect(const VersionRange& other) const {
  std::vector<Interval> out;
  for (const auto& a : m_intervals)
    for (const auto& b : other.m_intervals)
      out.push_back(Interval{std::max(a.lower, b.lower), std::min(a.upper, b.upper)});
  return VersionRange(std::move(out));
}

VersionRange VersionRange::unite(const VersionRange& other) const {
  auto out = m_intervals;
  out.insert(out.end(), other.m_intervals.begin(), other.m_intervals.end());
  return VersionRange(std::move(out));
}

VersionRange VersionRange::complement() const {
  std::vector<Interval> out;
  Cut from = Cut::bottom();
  for (const auto& i : m_intervals) {
    out.push_back(Interval{from, i.lower});
    from = i.upper;
  }
  out.push_back(Interval{from, Cut::top()});
  return VersionRange(std::move(out));
}

std::string VersionRange::str() const {
  if (m_intervals.empty()) return "{}";
  std::string text;
  for (const auto& i : m_intervals) {
    if (!text.empty()) text += " u ";
    text += "[" + i.lower.str() + ", " + i.upper.str() + ")";
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Specifiers as ranges

RangeBounds to_range(const Specifier& spec) {
  const Version& v = spec.version;
  switch (spec.op) {
    case Operator::greater_equal:
      return exact(interval(Cut::below(v), Cut::top()));
    // <=V: packaging compares V with the candidate's public part, so V's local versions match.
    case Operator::less_equal:
      return exact(interval(Cut::bottom(), Cut::below(successor(v))));
    case Operator::equal:
    case Operator::not_equal: {
      auto range = spec.wildcard   ? wildcard_range(v)
                   : v.has_local() ? interval(Cut::below(v), Cut::after(v))
                                   : interval(Cut::below(v), Cut::below(successor(v)));
      return exact(spec.op == Operator::equal ? range : range.complement());
    }
    case Operator::less: {
      if (v.is_prerelease()) return exact(interval(Cut::bottom(), Cut::below(v)));
      // <V leaves out V's pre-releases, which all lie in [V.dev0, V).
      auto below_release = interval(Cut::bottom(), Cut::below(lowest_of_base(v)));
      if (!v.post) return exact(below_release);
      // <B.postN: below B.dev0, then B, B.post0, ..., B.post(N-1), each with its local versions
      // but not the dev releases between them (B.post1.dev0 is a pre-release of B).
      static constexpr unsigned long long k_max_posts = 64;
      Version release = base_of(v);
      auto under =
          below_release.unite(interval(Cut::below(release), Cut::below(successor(release))));
      if (*v.post > Number(k_max_posts))
        return RangeBounds{under, interval(Cut::bottom(), Cut::below(v))};
      for (Number n; n < *v.post; n = n.next()) {
        Version post = release;
        post.post = n;
        under = under.unite(interval(Cut::below(post), Cut::below(successor(post))));
      }
      return exact(under);
    }
    case Operator::greater: {
      auto above_release = interval(Cut::after_base(v), Cut::top());
      if (is_plain_release(v)) return exact(above_release);
      // >V leaves out local versions of V's release, and its post-releases unless V is one:
      // what remains of V's release are isolated points. V's own local versions are out.
      if (v.post) return RangeBounds{above_release, interval(Cut::below(successor(v)), Cut::top())};
      Version first_post = base_of(v);
      first_post.post = Number();
      first_post.dev = Number();
      return RangeBounds{
          above_release,
          interval(Cut::below(successor(v)), Cut::below(first_post)).unite(above_release)};
    }
    case Operator::compatible: {
      const auto at_least = interval(Cut::below(v), Cut::top());
      auto prefix = parse_version(detail::canonical(detail::compatible_prefix(spec.version_text),
                                                    /*strip_trailing_zero=*/false));
      if (prefix && is_plain_release(*prefix))
        return exact(at_least.intersect(wildcard_range(*prefix)));
      return RangeBounds{VersionRange::none(), at_least};
    }
    case Operator::arbitrary: {
      // str(candidate) == text (lowered): at most the versions equal to that text's version,
      // and not all of them ("1.0.0" is not "1.0"). When the text is not a normalized version,
      // no version prints as it (except through U+0130, whose lowercase does not parse).
      const auto lowered = detail::python_lower(spec.version_text);
      auto version = parse_version(lowered);
      if (version && version->str() == lowered)
        return RangeBounds{VersionRange::none(),
                           interval(Cut::below(*version), Cut::after(*version))};
      if (!version && lowered.find("\xcc\x87") != std::string::npos) return RangeBounds{};
      return exact(VersionRange::none());
    }
  }
  return RangeBounds{};
}

RangeBounds to_range(const SpecifierSet& set) {
  RangeBounds bounds{VersionRange::all(), VersionRange::all()};
  for (const auto& spec : set.specifiers) {
    const auto one = to_range(spec);
    bounds.under = bounds.under.intersect(one.under);
    bounds.over = bounds.over.intersect(one.over);
  }
  return bounds;
}

bool is_empty(const SpecifierSet& set) {
  return to_range(set).over.is_empty();
}

// ---------------------------------------------------------------------------------------------
// simplify

namespace {

struct Candidate {
  std::string text;
  Specifier spec;
  VersionRange range = VersionRange::none();
  bool generated_wildcard = false;  // "==1.*" made up for bounds: less readable than ">=", "<"
};

// Output order: lower bounds, then exact and prefix matches, then upper bounds, then holes.
int output_group(Operator op) {
  switch (op) {
    case Operator::greater_equal:
    case Operator::greater:
      return 0;
    case Operator::compatible:
    case Operator::equal:
    case Operator::arbitrary:
      return 1;
    case Operator::less:
    case Operator::less_equal:
      return 2;
    case Operator::not_equal:
      return 3;
  }
  return 4;
}

bool output_before(const Specifier& a, const Specifier& b) {
  if (output_group(a.op) != output_group(b.op)) return output_group(a.op) < output_group(b.op);
  if (a.op != Operator::arbitrary && b.op != Operator::arbitrary)
    if (auto c = a.version <=> b.version; c != 0) return c < 0;
  return a.str() < b.str();
}

SpecifierSet ordered(std::vector<Specifier> specs) {
  std::stable_sort(specs.begin(), specs.end(), output_before);
  SpecifierSet set;
  std::set<std::string> seen;
  for (auto& spec : specs)
    if (seen.insert(spec.str()).second) set.specifiers.push_back(std::move(spec));
  return set;
}

// The text of `spec` with its version normalized, where packaging's result does not depend on
// the spelling (it does for ~= and ===, which are kept as written).
std::string normalized_text(const Specifier& spec) {
  if (spec.op == Operator::compatible || spec.op == Operator::arbitrary) return spec.str();
  return std::string(to_string(spec.op)) + spec.version.str() + (spec.wildcard ? ".*" : "");
}

class CandidatePool {
 public:
  void add(const std::string& text, bool generated_wildcard = false) {
    if (!m_seen.insert(text).second) return;
    auto spec = parse_specifier(text);
    if (!spec) return;
    auto bounds = to_range(*spec);
    if (!bounds.exact()) return;
    m_candidates.push_back(
        Candidate{text, std::move(*spec), std::move(bounds.under), generated_wildcard});
  }

  // Specifiers that could produce the bounds and holes of `range`.
  void add_from(const VersionRange& range) {
    const auto& intervals = range.intervals();
    for (std::size_t i = 0; i < intervals.size(); ++i) {
      const auto& [lower, upper] = intervals[i];
      add_lower(lower);
      add_upper(upper);
      if (lower.kind() == Cut::Kind::below) {
        const auto& v = lower.anchor();
        add("==" + v.str());
        add_wildcards("==", v);
      }
      if (i + 1 < intervals.size() && upper.kind() == Cut::Kind::below) {
        add("!=" + upper.anchor().str());
        add_wildcards("!=", upper.anchor());
      }
    }
  }

  std::vector<Candidate>& candidates() { return m_candidates; }

 private:
  void add_lower(const Cut& cut) {
    if (cut.kind() == Cut::Kind::below) add(">=" + cut.anchor().str());
    if (cut.kind() == Cut::Kind::after_base) add(">" + cut.anchor().str());
  }

  void add_upper(const Cut& cut) {
    if (cut.kind() != Cut::Kind::below) return;
    const auto& v = cut.anchor();
    if (v.is_prerelease()) add("<" + v.str());
    if (v.dev && v.dev->is_zero() && !v.pre && !v.post) add("<" + base_of(v).str());
    if (auto p = predecessor(v)) add("<=" + p->str());
  }

  // "==R.*" / "!=R.*" for the releases R whose prefix set starts at `v` (v = R.dev0).
  void add_wildcards(const std::string& op, const Version& v) {
    if (!v.dev || !v.dev->is_zero() || v.pre || v.post || v.has_local()) return;
    auto length = v.release.size();
    while (length > 1 && v.release[length - 1].is_zero()) --length;
    for (auto k = length; k <= length + 1; ++k) {
      Version prefix = base_of(v);
      prefix.release.resize(k);
      add(op + prefix.str() + ".*", /*generated_wildcard=*/true);
    }
  }

  std::set<std::string> m_seen;
  std::vector<Candidate> m_candidates;
};

// Atoms: the pieces of `target` that no candidate's cover splits.
std::vector<Interval> atoms_of(const VersionRange& target,
                               const std::vector<VersionRange>& covers) {
  std::vector<Cut> cuts;
  const auto add_cuts = [&](const VersionRange& range) {
    for (const auto& i : range.intervals()) {
      cuts.push_back(i.lower);
      cuts.push_back(i.upper);
    }
  };
  add_cuts(target);
  for (const auto& cover : covers) add_cuts(cover);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<Interval> atoms;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    VersionRange piece({Interval{cuts[i], cuts[i + 1]}});
    if (target.includes(piece)) atoms.push_back(Interval{cuts[i], cuts[i + 1]});
  }
  return atoms;
}

// What a cover costs, compared in this order: specifiers, made-up wildcards, characters.
//   ">=1.0.dev0,<1.0a1" beats "==1.*,<1.0a1", but "==3.0.*" beats ">=3.dev0,<3.1".
struct Cost {
  std::size_t count = 0, wildcards = 0, length = 0;
  auto operator<=>(const Cost&) const = default;
};

struct Cover {
  std::vector<std::size_t> chosen;
  Cost cost;
};

Cost cost_of(const std::vector<Candidate>& candidates, const std::vector<std::size_t>& chosen) {
  Cost cost;
  cost.count = chosen.size();
  for (auto c : chosen) {
    cost.wildcards += candidates[c].generated_wildcard ? 1 : 0;
    cost.length += candidates[c].text.size() + 1;
  }
  return cost;
}

// Cheapest set of candidates (see Cost) whose masks cover `full`.
// Depth-first over the candidates that cover the first uncovered atom, with a node budget.
class CoverSearch {
 public:
  CoverSearch(const std::vector<Candidate>& candidates, const std::vector<std::uint64_t>& masks,
              std::uint64_t full)
      : m_candidates(candidates), m_masks(masks), m_full(full) {}

  void run(Cover initial) {
    m_best = std::move(initial);
    std::vector<std::size_t> chosen;
    search(0, chosen);
  }
  const Cover& best() const { return m_best; }

 private:
  void search(std::uint64_t covered, std::vector<std::size_t>& chosen) {
    if (++m_nodes > k_node_budget) return;
    if (covered == m_full) {
      const auto cost = cost_of(m_candidates, chosen);
      if (cost < m_best.cost) m_best = Cover{chosen, cost};
      return;
    }
    if (chosen.size() + 1 > m_best.chosen.size()) return;
    const auto missing = m_full & ~covered;
    const auto atom = missing & (~missing + 1);  // lowest uncovered atom
    for (std::size_t c = 0; c < m_masks.size(); ++c) {
      if (!(m_masks[c] & atom)) continue;
      chosen.push_back(c);
      search(covered | m_masks[c], chosen);
      chosen.pop_back();
    }
  }

  static constexpr std::size_t k_node_budget = 200000;
  const std::vector<Candidate>& m_candidates;
  const std::vector<std::uint64_t>& m_masks;
  std::uint64_t m_full;
  Cover m_best;
  std::size_t m_nodes = 0;
};

SpecifierSet empty_set() {
  SpecifierSet set;
  set.specifiers.push_back(*parse_specifier("<0"));
  return set;
}

}  // namespace

// simplify: the specifiers that are exactly intervals (E) are replaced by the shortest
// combination of candidate specifiers with the same effect; the others (N) are kept as written
// unless provably redundant. Correct by construction: a candidate is used only if it allows every
// version of X = the intersection of E (where N may allow something), and the chosen candidates
// together exclude every version outside X that N does not already exclude.
SpecifierSet simplify(const SpecifierSet& set) {
  if (set.specifiers.empty()) return set;
  std::vector<const Specifier*> exact_specs;
  std::vector<std::pair<const Specifier*, RangeBounds>> inexact;
  VersionRange x = VersionRange::all();
  VersionRange over_all = VersionRange::all();
  std::set<std::string> inexact_seen;
  for (const auto& spec : set.specifiers) {
    auto bounds = to_range(spec);
    over_all = over_all.intersect(bounds.over);
    if (bounds.exact()) {
      x = x.intersect(bounds.under);
      exact_specs.push_back(&spec);
    } else if (inexact_seen.insert(spec.str()).second) {
      inexact.emplace_back(&spec, std::move(bounds));
    }
  }
  if (over_all.is_empty()) return empty_set();

  // Drop inexact specifiers that the others already imply.
  for (std::size_t i = 0; i < inexact.size();) {
    VersionRange others = x;
    for (std::size_t j = 0; j < inexact.size(); ++j)
      if (j != i) others = others.intersect(inexact[j].second.over);
    if (inexact[i].second.under.includes(others)) {
      inexact.erase(inexact.begin() + static_cast<std::ptrdiff_t>(i));
      i = 0;
    } else {
      ++i;
    }
  }
  VersionRange over_n = VersionRange::all();
  for (const auto& [spec, bounds] : inexact) over_n = over_n.intersect(bounds.over);
  const VersionRange required = x.intersect(over_n);
  const VersionRange target = x.complement().intersect(over_n);

  CandidatePool pool;
  for (const auto* spec : exact_specs) pool.add(normalized_text(*spec));
  const auto originals = pool.candidates().size();
  pool.add_from(x);
  pool.add_from(required);
  auto& candidates = pool.candidates();

  // Keep the admissible candidates that exclude something that must be excluded.
  std::vector<Candidate> useful;
  std::vector<VersionRange> covers;
  std::vector<std::size_t> initial;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    if (!candidates[c].range.includes(required)) continue;
    auto cover = candidates[c].range.complement().intersect(target);
    if (cover.is_empty()) continue;
    if (c < originals) initial.push_back(useful.size());
    useful.push_back(std::move(candidates[c]));
    covers.push_back(std::move(cover));
  }

  std::vector<Specifier> result;
  const auto atoms = atoms_of(target, covers);
  if (atoms.size() > 64) {  // too fragmented to search: keep the exact specifiers as they are
    for (const auto* spec : exact_specs) result.push_back(*spec);
  } else if (!atoms.empty()) {
    std::vector<std::uint64_t> masks(useful.size(), 0);
    for (std::size_t c = 0; c < useful.size(); ++c)
      for (std::size_t a = 0; a < atoms.size(); ++a)
        if (covers[c].includes(VersionRange({atoms[a]}))) masks[c] |= std::uint64_t{1} << a;
    const std::uint64_t full =
        atoms.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << atoms.size()) - 1;
    std::uint64_t initial_mask = 0;
    for (auto c : initial) initial_mask |= masks[c];
    if (initial_mask != full) {  // cannot happen: the given specifiers exclude what they exclude
      for (const auto* spec : exact_specs) result.push_back(*spec);
    } else {
      CoverSearch search(useful, masks, full);
      search.run(Cover{initial, cost_of(useful, initial)});
      for (auto c : search.best().chosen) result.push_back(useful[c].spec);
    }
  }
  for (const auto& [spec, bounds] : inexact) result.push_back(*spec);
  if (result.empty()) return SpecifierSet{};
  return ordered(std::move(result));
}

SpecifierSet intersect(const SpecifierSet& a, const SpecifierSet& b) {
  SpecifierSet both = a;
  both.specifiers.insert(both.specifiers.end(), b.specifiers.begin(), b.specifiers.end());
  return simplify(both);
}

// ---------------------------------------------------------------------------------------------
// complement

std::vector<SpecifierSet> complement(const Specifier& s) {
  const std::string& v = s.version_text;
  std::vector<std::string> pieces;
  switch (s.op) {
    case Operator::greater_equal:
      pieces = {"<" + v};
      break;
    case Operator::greater:
      pieces = {"<=" + v};
      break;
    case Operator::less:
      pieces = {">=" + v};
      break;
    case Operator::less_equal:
      pieces = {">" + v};
      break;
    case Operator::equal:
      pieces = {s.wildcard ? "!=" + v + ".*" : "!=" + v};
      break;
    case Operator::not_equal:
      pieces = {s.wildcard ? "==" + v + ".*" : "==" + v};
      break;
    case Operator::compatible: {
      // ~=1.4.5 is >=1.4.5, ==1.4.*; packaging cuts the prefix from the text (~=1.4.5c1 has 1.4.5).
      pieces = {"<" + v, "!=" + detail::compatible_prefix(v) + ".*"};
      break;
    }
    case Operator::arbitrary:
      break;
  }
  std::vector<SpecifierSet> sets;
  for (const auto& piece : pieces)
    if (auto set = parse_specifier_set(piece)) sets.push_back(std::move(*set));
  return sets;
}

std::vector<SpecifierSet> complement(const SpecifierSet& set) {
  std::vector<SpecifierSet> pieces;
  for (const auto& s : set.specifiers) {
    auto more = complement(s);
    pieces.insert(pieces.end(), more.begin(), more.end());
  }
  return pieces;
}

}  // namespace depcheck::pep440
