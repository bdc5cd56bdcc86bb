#include "engine/fixes.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "depcheck/pep440/range.hpp"
#include "depcheck/readers/reader.hpp"
#include "engine/checks.hpp"

namespace depcheck::engine {
namespace {

using pep440::Operator;
using pep440::SpecifierSet;

// How far `to` is from `from`: the first release component that differs (earlier = farther),
// then by how much. Comparable as a tuple; {0, 0} = no move.
std::pair<int, std::string> move_between(const pep440::Version& from, const pep440::Version& to) {
  const std::size_t n = std::max(from.release.size(), to.release.size());
  for (std::size_t i = 0; i < n; ++i) {
    const pep440::Number a = i < from.release.size() ? from.release[i] : pep440::Number();
    const pep440::Number b = i < to.release.size() ? to.release[i] : pep440::Number();
    if (a == b) continue;
    const auto& big = (a < b) ? b : a;
    // Digits padded so that strings compare as numbers.
    return {static_cast<int>(64 - i),
            std::string(32 - std::min<std::size_t>(32, big.digits().size()), '0') + big.digits()};
  }
  return {0, ""};
}

// The smallest move from `locked` into `range`, judged by the range's bounds.
std::pair<int, std::string> move_into(const SpecifierSet& range, const pep440::Version* locked) {
  if (!locked || range.contains(*locked)) return {0, ""};
  std::pair<int, std::string> best{1000, ""};
  for (const auto& s : range.specifiers) {
    if (s.op == Operator::arbitrary) continue;
    const bool lower = s.op == Operator::greater_equal || s.op == Operator::greater ||
                       s.op == Operator::compatible || s.op == Operator::equal;
    const bool upper = s.op == Operator::less || s.op == Operator::less_equal;
    if (lower && *locked < s.version) best = std::min(best, move_between(*locked, s.version));
    if (upper && s.version <= *locked) {
      // The landing version lies below the bound: below 3.0 is 2.x, a move of the major
      // component; below 0.31.1 is 0.31.0, one of the micro. From 3.1.6, below 2.7 is a move
      // of the major too, as far as the bound itself.
      std::size_t last = 0;
      for (std::size_t i = 0; i < s.version.release.size(); ++i)
        if (!s.version.release[i].is_zero()) last = i;
      best = std::min(best, std::max(std::pair<int, std::string>{static_cast<int>(64 - last),
                                                                 std::string(32, '0')},
                                     move_between(*locked, s.version)));
    }
  }
  return best;
}

std::string where_of(const Requirement& r) {
  if (r.dependency->where.line > 0) return " (" + r.dependency->where.str() + ")";
  if (r.dependent && r.dependent->where.line > 0) return " (" + r.dependent->where.str() + ")";
  return "";
}

std::string who(const Requirement& r) {
  return r.dependent ? r.dependent->name + " " + r.dependent->version_text
                     : std::string("the project");
}

// The memo key of a specifier list: what simplify() and is_empty() depend on.
std::string key_of(const SpecifierSet& set, std::string key = {}) {
  for (const auto& s : set.specifiers) {
    key += static_cast<char>('0' + static_cast<int>(s.op));
    key += s.wildcard ? '*' : '-';
    key += s.version_text;
    key += '\0';
  }
  return key;
}

}  // namespace

const SpecifierSet& RangeMemo::simplify(const SpecifierSet& set) {
  auto key = key_of(set);
  if (const auto found = m_simplified.find(key); found != m_simplified.end()) return found->second;
  return m_simplified.emplace(std::move(key), pep440::simplify(set)).first->second;
}

const SpecifierSet& RangeMemo::intersect(const SpecifierSet& a, const SpecifierSet& b) {
  // intersect(a, b) is simplify(a + b), so the key is that of the concatenation.
  auto key = key_of(b, key_of(a));
  if (const auto found = m_simplified.find(key); found != m_simplified.end()) return found->second;
  return m_simplified.emplace(std::move(key), pep440::intersect(a, b)).first->second;
}

bool RangeMemo::is_empty(const SpecifierSet& set) {
  auto key = key_of(set);
  if (const auto found = m_empty.find(key); found != m_empty.end()) return found->second;
  return m_empty.emplace(std::move(key), pep440::is_empty(set)).first->second;
}

bool RangeMemo::intersects(const SpecifierSet& a, const SpecifierSet& b) {
  auto key = key_of(b, key_of(a));
  if (const auto found = m_empty.find(key); found != m_empty.end()) return !found->second;
  SpecifierSet both = a;
  both.specifiers.insert(both.specifiers.end(), b.specifiers.begin(), b.specifiers.end());
  return !m_empty.emplace(std::move(key), pep440::is_empty(both)).first->second;
}

FixPlanner::FixPlanner(const Input& input, const matrix::Matrix& matrix, const PackageIndex& index,
                       const pep508::Environment& env, const Options& options)
    : m_input(input),
      m_matrix(matrix),
      m_index(index),
      m_env(env),
      m_options(options),
      m_installer(options.installer.empty() ? std::string(readers::traits_of(input.format).tool)
                                            : options.installer) {}

Placement FixPlanner::placement_of(const std::string& package) const {
  if (readers::traits_of(m_input.format).installed)
    return Placement{Placement::Kind::main, "", nullptr};
  const auto* locked = m_index.find(package);
  static const std::vector<std::string> no_groups;
  return engine::placement_of(package, m_input.declared,
                              locked ? locked->front()->groups : no_groups);
}

FixOption FixPlanner::make_option(const std::string& package, const SpecifierSet& range) const {
  // A pure function of (package, range) for one planner: findings that share a fix, and the
  // plan's changes, ask again.
  auto key = key_of(range, package + '\0');
  if (const auto found = m_made.find(key); found != m_made.end()) return found->second;
  return m_made.emplace(std::move(key), compute_option(package, range)).first->second;
}

FixOption FixPlanner::compute_option(const std::string& package, const SpecifierSet& range) const {
  FixOption option;
  option.package = package;
  const Placement placement = placement_of(package);
  // poetry add, uv add, pdm add and pipenv install rewrite the project's own declaration.
  const bool rewrites_declaration = placement.declared && m_installer != "pip";
  SpecifierSet current = range;
  const auto fail = [&](std::string reason) {
    option.consistent = false;
    option.reason = std::move(reason);
  };

  // An override replaces every requirement on the name: it alone bounds the fix, and a fix
  // never undoes it.
  const Dependency* override_of = m_index.override_for(package);
  if (override_of && !override_of->url.empty()) {
    fail("the project overrides " + package + " with " + override_of->url + " (" +
         override_of->where.str() + ")");
    return option;
  }
  if (override_of) {
    if (!m_ranges.intersects(current, override_of->specifiers)) {
      fail("the project overrides " + package + " to '" + override_of->specifier_text + "' (" +
           override_of->where.str() + "); no version in it satisfies " + package + range.str());
      return option;
    }
    current = m_ranges.intersect(current, override_of->specifiers);
  }
  // Constraints the tool applies too (uv constraint-dependencies, -c files).
  for (const auto& c : m_input.constraints) {
    if (c.name != package || !c.url.empty()) continue;
    if (c.marker && !c.marker->evaluate(m_env)) continue;
    if (!m_ranges.intersects(current, c.specifiers)) {
      fail("no version satisfies both " + package + range.str() + " and the constraint '" +
           describe(c) + "' (" + c.where.str() + ")");
      return option;
    }
    current = m_ranges.intersect(current, c.specifiers);
  }

  for (const auto& r : m_index.requirements_on(package)) {
    if (override_of) break;
    if (!r.dependent && rewrites_declaration) {
      option.note =
          r.dependency->specifier_text.empty()
              ? "adds a version range to the project's '" + r.dependency->name + "'" + where_of(r)
              : "replaces the project's constraint '" + r.dependency->specifier_text + "'" +
                    where_of(r);
      continue;
    }
    std::vector<SpecifierSet> alternatives = r.dependency->any_of;
    if (alternatives.empty()) alternatives.push_back(r.dependency->specifiers);
    std::optional<SpecifierSet> narrowed;
    for (const auto& alternative : alternatives) {
      if (m_ranges.intersects(current, alternative)) {
        narrowed = m_ranges.intersect(current, alternative);
        break;
      }
    }
    if (!narrowed) {
      fail("no version satisfies both " + package + range.str() + " and " + who(r) +
           "'s requirement " + describe(*r.dependency) + where_of(r));
      break;
    }
    current = std::move(*narrowed);
  }

  const auto* locked_list = m_index.find(package);
  const pep440::Version* locked = locked_list ? &*locked_list->front()->version : nullptr;
  // Narrow away from every rule the range would trigger, given what else is locked; repeat
  // while a narrowing exposes another rule.
  for (int pass = 0; option.consistent && pass < 8; ++pass) {
    bool changed = false;
    const auto rules = m_matrix.by_package.find(package);
    if (rules == m_matrix.by_package.end()) break;
    for (const std::size_t i : rules->second) {
      const auto& rule = m_matrix.rules[i];
      if (rule.markers && !rule.markers->evaluate(m_env)) continue;
      // A rule the user ignores does not constrain the fix either.
      if (std::find(m_options.ignore.begin(), m_options.ignore.end(), rule.id) !=
          m_options.ignore.end())
        continue;
      const matrix::Constraint* on_package = nullptr;
      bool others_hold = true;
      for (const auto& condition : rule.when) {
        if (condition.package == package) {
          on_package = &condition;
          continue;
        }
        const auto* other = m_index.find(condition.package);
        if (!other || std::none_of(other->begin(), other->end(), [&](const Package* p) {
              return condition.versions.contains(*p->version);
            }))
          others_hold = false;
      }
      if (!on_package || !others_hold) continue;
      if (!m_ranges.intersects(current, on_package->versions)) continue;
      std::optional<SpecifierSet> best;
      for (const auto& piece : pep440::complement(on_package->versions)) {
        if (!m_ranges.intersects(current, piece)) continue;
        const auto& candidate = m_ranges.intersect(current, piece);
        if (!best || move_into(candidate, locked) < move_into(*best, locked)) best = candidate;
      }
      if (!best) {
        fail("every version in " + package + m_ranges.simplify(current).str() + " triggers rule '" +
             rule.id + "'");
        break;
      }
      current = std::move(*best);
      changed = true;
    }
    if (!changed) break;
  }
  option.range = m_ranges.simplify(current);
  option.versions = option.range.str();
  option.command =
      add_command(m_installer, package, option.versions, placement, m_input.lock_version);
  if (m_installer == "pip" && locked_list) {
    // A pinned line would contradict a constraints file: install into the range, then re-pin.
    const Package& pinned = *locked_list->front();
    option.command = add_command(m_installer, package, option.versions,
                                 Placement{Placement::Kind::main, "", nullptr}, "");
    if (!readers::traits_of(m_input.format).lists_edges && pinned.where.line > 0 &&
        option.note.empty())
      option.note = "then update the pin '" + pinned.name + "==" + pinned.version_text + "' at " +
                    pinned.where.str() + " (e.g. from pip freeze)";
  }
  return option;
}

std::vector<FixOption> FixPlanner::options_for(const Finding& finding) const {
  std::vector<FixOption> options;
  const auto* kind = find_finding_kind(finding.kind);
  switch (kind ? kind->fix : FixStyle::none) {
    case FixStyle::rule_fixes:
      if (const auto* rule = m_matrix.find(finding.rule))
        for (const auto& fix : rule->fixes)
          options.push_back(make_option(fix.package, fix.versions));
      break;
    case FixStyle::into_requirement:
      // The requirement itself is the range to move into; Poetry's `a || b` gives one option
      // per alternative.
      if (const auto& r = finding.requirement) {
        if (r->any_of.empty()) options.push_back(make_option(r->name, r->specifiers));
        for (const auto& alternative : r->any_of)
          options.push_back(make_option(r->name, alternative));
      }
      break;
    case FixStyle::relock: {
      FixOption relock;
      relock.package = finding.packages.empty() ? "" : finding.packages.front().name;
      relock.command = relock_command(m_installer);
      relock.note = "re-resolves the lock against the project's constraints";
      options.push_back(std::move(relock));
      break;
    }
    case FixStyle::none:
      break;
  }
  const pep440::Version* none = nullptr;
  const auto locked_of = [&](const FixOption& o) {
    const auto* list = m_index.find(o.package);
    return list ? &*list->front()->version : none;
  };
  std::stable_sort(options.begin(), options.end(), [&](const FixOption& a, const FixOption& b) {
    if (a.consistent != b.consistent) return a.consistent;
    return move_into(a.range, locked_of(a)) < move_into(b.range, locked_of(b));
  });
  return options;
}

Plan FixPlanner::plan(const std::vector<Finding>& findings) const {
  Plan plan;
  plan.input = m_input.path;
  std::map<std::string, SpecifierSet> chosen;  // package -> range
  bool relock = false;
  for (const auto& finding : findings) {
    if (const auto* kind = find_finding_kind(finding.kind); kind && kind->fix == FixStyle::relock) {
      relock = true;
      continue;
    }
    const FixOption* pick = nullptr;
    std::optional<SpecifierSet> merged;
    // A package already changed first (fewest packages), else the options in their order.
    for (const bool reuse : {true, false}) {
      for (const auto& option : finding.fixes) {
        if (!option.consistent || option.package.empty()) continue;
        const auto* range = &option.range;
        const auto found = chosen.find(option.package);
        if (reuse != (found != chosen.end())) continue;
        if (found != chosen.end() && !m_ranges.intersects(found->second, *range)) continue;
        auto candidate = found == chosen.end() ? *range : m_ranges.intersect(found->second, *range);
        if (m_ranges.is_empty(candidate)) continue;
        pick = &option;
        merged = std::move(candidate);
        break;
      }
      if (pick) break;
    }
    if (!pick) {
      plan.resolves_all = false;
      plan.unresolved.push_back(finding.rule);
      continue;
    }
    chosen[pick->package] = m_ranges.simplify(*merged);
  }
  for (const auto& [package, range] : chosen) {
    FixOption change = make_option(package, range);
    plan.changes.push_back(std::move(change));
  }
  if (relock) {
    FixOption step;
    step.command = relock_command(m_installer);
    step.note = "re-resolves the lock against the project's constraints";
    plan.changes.push_back(std::move(step));
  }
  return plan;
}

}  // namespace depcheck::engine
