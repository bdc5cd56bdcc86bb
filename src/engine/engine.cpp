#include "depcheck/engine.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "depcheck/pep508/requirement.hpp"
#include "engine/fixes.hpp"

namespace depcheck::engine {
namespace {

// name -> the input's packages of that name (several where a lock forks one name).
using PackageIndex = std::unordered_map<std::string_view, std::vector<const Package*>>;

PackageIndex index_packages(const Input& input) {
  PackageIndex index;
  index.reserve(input.packages.size());
  for (const auto& package : input.packages)
    if (package.version) index[package.name].push_back(&package);
  return index;
}

// For each condition, the packages that meet it; empty if some condition is not met.
std::vector<const Package*> match_rule(const matrix::Rule& rule, const PackageIndex& index) {
  std::vector<const Package*> matched;
  for (const auto& condition : rule.when) {
    const auto it = index.find(condition.package);
    if (it == index.end()) return {};
    bool any = false;
    for (const Package* package : it->second) {
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
                                  const Target& target, const Options& options) {
  std::vector<Finding> findings;
  const auto index = index_packages(input);
  const auto env = pep508::environment_for(target.python, target.platform);
  for (const auto& [name, packages] : index) {
    const auto rules = matrix.by_package.find(std::string(name));
    if (rules == matrix.by_package.end()) continue;
    for (const std::size_t rule_index : rules->second) {
      const auto& rule = matrix.rules[rule_index];
      // Each rule is evaluated once: from the package of its first condition.
      if (rule.when.front().package != name) continue;
      if (std::find(options.ignore.begin(), options.ignore.end(), rule.id) != options.ignore.end())
        continue;
      if (rule.markers && !rule.markers->evaluate(env)) continue;
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
      finding.condition = rule.markers_text;
      for (const Package* package : matched)
        finding.packages.push_back({package->display_name.empty() ? package->name : package->name,
                                    package->version_text, package->where});
      finding.fixes = fix_options(rule, input);
      findings.push_back(std::move(finding));
    }
  }
  sort_findings(findings);
  return findings;
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
    const std::string_view first = f.packages.empty() ? std::string_view() : f.packages.front().name;
    return std::make_tuple(static_cast<int>(f.severity), std::string_view(f.input), line, first,
                           std::string_view(f.rule), std::string_view(f.kind));
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

}  // namespace depcheck::engine
