#include "cli/lint.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "cli/config.hpp"
#include "depcheck/engine.hpp"
#include "depcheck/pep440/range.hpp"

namespace depcheck::cli {
namespace {

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
  // Proven with what is certain: everything inner may allow against what outer surely allows.
  const auto inner_over = pep440::to_range(inner).over;
  if (inner_over.is_empty()) return true;
  for (const auto& s : outer.specifiers) {
    const auto same = [&](const pep440::Specifier& t) { return t.str() == s.str(); };
    if (std::any_of(inner.specifiers.begin(), inner.specifiers.end(), same)) continue;
    if (!pep440::to_range(s).under.includes(inner_over)) return false;
  }
  return true;
}

bool versions_empty(const pep440::SpecifierSet& set) {
  return pep440::is_empty(set);
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
    if (rule.messages.empty())
      add(Severity::warning,
          "no messages: depcheck diagnose cannot recognise this breakage in a log");
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
