#include "depcheck/engine.hpp"

#include <algorithm>
#include <tuple>

#include "depcheck/pep508/requirement.hpp"
#include "engine/checks.hpp"
#include "engine/fixes.hpp"
#include "engine/package_index.hpp"

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

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
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
      std::string condition;
      if (rule.markers) {
        const bool about_python = rule.markers->mentions("python_version") ||
                                  rule.markers->mentions("python_full_version");
        if (about_python && target.pythons.size() > 1) {
          // The python was assumed from a range: report where in the range the rule holds.
          const auto where = pep508::python_versions_where(*rule.markers, env, target.pythons);
          if (where.empty()) continue;
          if (where.size() < target.pythons.size())
            condition =
                "only on Python " + join(where) + " (an error there; pass --python to check one)";
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
      // Where the rule holds only on pythons other than the assumed target, the lock is fine
      // on that target: a warning, so CI fails only for the python it is asked about.
      if (!condition.empty() && rule.severity == Severity::error)
        finding.severity = Severity::warning;
      finding.symptom = rule.symptom;
      finding.summary = rule.summary;
      finding.details = rule.details;
      finding.input = input.path;
      finding.references = rule.references;
      finding.condition = condition;
      for (const Package* p : matched)
        finding.packages.push_back({p->name, p->version_text, p->where});
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

Result check_input(const Input& input, const matrix::Matrix& matrix, const Target& target,
                   const Options& options) {
  const auto env = pep508::environment_for(target.python, target.platform);
  const PackageIndex index(input, env);
  Result result;
  result.findings = check_matrix(input, matrix, index, target, env, options);
  auto from_metadata = check_requirements(input, index, target, options);
  result.findings.insert(result.findings.end(), std::make_move_iterator(from_metadata.begin()),
                         std::make_move_iterator(from_metadata.end()));
  sort_findings(result.findings);
  const FixPlanner planner(input, matrix, index, env, options);
  for (auto& finding : result.findings) finding.fixes = planner.options_for(finding);
  result.plan = planner.plan(result.findings);
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
