#include "depcheck/engine.hpp"

#include <algorithm>
#include <memory>
#include <tuple>
#include <unordered_map>

#include "depcheck/pep508/requirement.hpp"
#include "engine/checks.hpp"
#include "engine/fixes.hpp"
#include "environment/package_index.hpp"

namespace depcheck::engine {
namespace {

// For each condition, the packages that meet it; empty if some condition is not met.
std::vector<const Package*> match_rule(const matrix::Rule& rule, const PackageIndex& index) {
  std::vector<const Package*> matched;
  for (const auto& condition : rule.when) {
    const auto* locked = index.find(condition.package);
    if (!locked) return {};
    bool any = false;
    for (const Package* package : *locked) {
      if (condition.versions.contains(*package->version)) {
        matched.push_back(package);
        any = true;
      }
    }
    if (!any) return {};
  }
  return matched;
}

}  // namespace

std::vector<Finding> check_matrix(const Input& input, const matrix::Matrix& matrix,
                                  const PackageIndex& index, const Target& target,
                                  const pep508::Environment& env, const Options& options) {
  std::vector<Finding> findings;
  for (const Package* package : index.packages()) {
    const std::string_view name = package->name;
    // Forks list one name several times; its rules are looked at once, from the first.
    if (index.find(name)->front() != package) continue;
    const auto rules = matrix.by_package.find(package->name);
    if (rules == matrix.by_package.end()) continue;
    for (const std::size_t rule_index : rules->second) {
      const auto& rule = matrix.rules[rule_index];
      // Each rule is evaluated once: from the package of its first condition.
      if (rule.when.front().package != name) continue;
      if (std::find(options.ignore.begin(), options.ignore.end(), rule.id) != options.ignore.end())
        continue;
      std::vector<std::string> pythons = target.pythons;
      if (rule.markers) {
        const bool about_python = rule.markers->mentions("python_version") ||
                                  rule.markers->mentions("python_full_version");
        if (about_python && target.pythons.size() > 1) {
          // The python was assumed from a range: where in the range the rule holds.
          pythons = pep508::python_versions_where(*rule.markers, env, target.pythons);
          if (pythons.empty()) continue;
        } else if (!rule.markers->evaluate(env)) {
          continue;
        }
      }
      const auto matched = match_rule(rule, index);
      if (matched.empty()) continue;

      Finding finding;
      finding.rule = rule.id;
      finding.kind = "incompatibility";
      finding.severity = rule.severity;
      finding.symptom = rule.symptom;
      finding.summary = rule.summary;
      finding.details = rule.details;
      finding.input = input.path;
      finding.references = rule.references;
      finding.pythons = std::move(pythons);
      for (const Package* p : matched) {
        // A requirements file may pin one version twice: it is one install, named once.
        const bool again = std::any_of(finding.packages.begin(), finding.packages.end(),
                                       [&](const FindingPackage& f) {
                                         return f.name == p->name && f.version == p->version_text;
                                       });
        if (!again) finding.packages.push_back({p->name, p->version_text, p->where});
      }
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

namespace {

// One environment of the input's target range, with what is installed there.
struct Selection {
  Target target;
  pep508::Environment env;
  std::unique_ptr<PackageIndex> index;
};

bool same_installed_set(const PackageIndex& a, const PackageIndex& b) {
  const auto& x = a.requirements();
  const auto& y = b.requirements();
  return a.packages() == b.packages() && x.size() == y.size() &&
         std::equal(x.begin(), x.end(), y.begin(), [](const Requirement& p, const Requirement& q) {
           return p.dependency == q.dependency && p.dependent == q.dependent;
         });
}

// The environments to check: each Python of the target's range on which the input installs a
// different set (forks, python markers); the Pythons with the same set are checked once.
std::vector<Selection> select_environments(const Input& input, const Target& target) {
  std::vector<Selection> selections;
  const std::vector<std::string> pythons =
      target.pythons.empty() ? std::vector<std::string>{target.python} : target.pythons;
  for (const auto& python : pythons) {
    auto env = pep508::environment_for(python, target.platform);
    auto index = std::make_unique<PackageIndex>(input, env);
    const auto same = std::find_if(selections.begin(), selections.end(), [&](const Selection& s) {
      return same_installed_set(*s.index, *index);
    });
    if (same != selections.end()) {
      same->target.pythons.push_back(python);
      continue;
    }
    Target selected = target;
    selected.python = python;
    if (!target.pythons.empty()) selected.pythons = {python};
    selections.push_back({std::move(selected), std::move(env), std::move(index)});
  }
  return selections;
}

// What identifies one finding across the environments it holds in.
std::string finding_key(const Finding& f) {
  std::string key = f.rule + '\n' + f.kind + '\n';
  for (const auto& p : f.packages) key += p.name + ' ' + p.version + ' ';
  // Its summary names the target Python, which differs between environments.
  if (f.kind != "python-incompatible") key += '\n' + f.summary;
  return key;
}

std::string join_pythons(const std::vector<std::string>& pythons) {
  std::string text;
  for (const auto& python : pythons) text += (text.empty() ? "" : ", ") + python;
  return text;
}

// Where the target is a range: which of its Pythons a finding holds on, and a warning where it
// holds on some only (the lock is fine on the others, so CI fails only for the python it is
// asked about).
void state_where(Finding& finding, const Target& target) {
  if (target.pythons.empty()) {
    finding.pythons.clear();
    return;
  }
  std::vector<std::string> ordered;
  for (const auto& python : target.pythons)
    if (std::find(finding.pythons.begin(), finding.pythons.end(), python) != finding.pythons.end())
      ordered.push_back(python);
  finding.pythons = std::move(ordered);
  if (finding.pythons.size() == target.pythons.size()) return;
  const bool error = finding.severity == Severity::error;
  finding.condition =
      "only on Python " + join_pythons(finding.pythons) +
      (error ? " (an error there; pass --python to check one)" : " (pass --python to check one)");
  if (error) finding.severity = Severity::warning;
}

}  // namespace

Result check_input(const Input& input, const matrix::Matrix& matrix, const Target& target,
                   const Options& options) {
  const auto selections = select_environments(input, target);
  Result result;
  std::unordered_map<std::string, std::size_t> seen;
  std::vector<std::unique_ptr<FixPlanner>> planners;
  for (const auto& selection : selections) {
    const auto& index = *selection.index;
    auto findings = check_matrix(input, matrix, index, selection.target, selection.env, options);
    auto from_metadata = check_requirements(input, index, selection.target, options);
    findings.insert(findings.end(), std::make_move_iterator(from_metadata.begin()),
                    std::make_move_iterator(from_metadata.end()));
    planners.push_back(std::make_unique<FixPlanner>(input, matrix, index, selection.env, options));
    for (auto& finding : findings) {
      if (finding.pythons.empty()) finding.pythons = selection.target.pythons;
      const auto [it, added] = seen.try_emplace(finding_key(finding), result.findings.size());
      if (!added) {
        auto& pythons = result.findings[it->second].pythons;
        pythons.insert(pythons.end(), finding.pythons.begin(), finding.pythons.end());
        continue;
      }
      finding.fixes = planners.back()->options_for(finding);
      result.findings.push_back(std::move(finding));
    }
  }
  for (auto& finding : result.findings) state_where(finding, target);
  sort_findings(result.findings);
  result.plan = planners.front()->plan(result.findings);
  return result;
}

std::vector<Finding> check_matrix(const Input& input, const matrix::Matrix& matrix,
                                  const Target& target, const Options& options) {
  auto findings = check_input(input, matrix, target, options).findings;
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [](const Finding& f) { return f.kind != "incompatibility"; }),
                 findings.end());
  return findings;
}

std::vector<Finding> check(const Input& input, const matrix::Matrix& matrix, const Target& target,
                           const Options& options) {
  return check_input(input, matrix, target, options).findings;
}

bool rule_fires(const matrix::Rule& rule,
                const std::vector<std::pair<std::string, std::string>>& versions,
                const pep508::Environment* env) {
  if (env && rule.markers && !rule.markers->evaluate(*env)) return false;
  for (const auto& condition : rule.when) {
    bool any = false;
    for (const auto& [name, version_text] : versions) {
      if (pep508::normalize_name(name) != condition.package) continue;
      const auto version = pep440::parse_version(version_text);
      if (version && condition.versions.contains(*version)) any = true;
    }
    if (!any) return false;
  }
  return true;
}

void sort_findings(std::vector<Finding>& findings) {
  const auto key = [](const Finding& f) {
    const int line = f.packages.empty() ? 0 : f.packages.front().where.line;
    const std::string_view first =
        f.packages.empty() ? std::string_view() : f.packages.front().name;
    return std::make_tuple(static_cast<int>(f.severity), std::string_view(f.input), line, first,
                           std::string_view(f.rule), std::string_view(f.kind),
                           std::string_view(f.summary));
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

}  // namespace depcheck::engine
