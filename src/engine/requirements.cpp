// Checks from the inputs' own metadata: what `pip check` does, but from the lock, with markers
// and extras applied for the target; Python support; and whether the lock still satisfies the
// project's own constraints. One pass over packages and their declared dependencies.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "depcheck/engine.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "engine/fixes.hpp"
#include "engine/package_index.hpp"

namespace depcheck::engine {
namespace {

FindingPackage as_finding_package(const Package& p) { return {p.name, p.version_text, p.where}; }

std::string describe(const Dependency& d) {
  std::string text = d.name;
  if (!d.extras.empty()) {
    text += '[';
    for (std::size_t i = 0; i < d.extras.size(); ++i) text += (i ? "," : "") + d.extras[i];
    text += ']';
  }
  text += d.specifier_text.empty() ? std::string() : d.specifier_text;
  if (!d.marker_text.empty()) text += "; " + d.marker_text;
  return text;
}

// Lock tools leave these out on purpose (pip-tools' and Poetry's "unsafe" packages): they
// belong to the environment, not to the project.
bool is_bootstrap_package(std::string_view name) {
  return name == "pip" || name == "setuptools" || name == "wheel" || name == "distribute";
}

// extras requested of each package by anything in the input (dependents and the project).
using RequestedExtras = std::unordered_map<std::string, std::set<std::string>>;

RequestedExtras requested_extras(const Input& input) {
  RequestedExtras requested;
  const auto add = [&](const std::vector<Dependency>& dependencies) {
    for (const auto& d : dependencies)
      for (const auto& extra : d.extras) requested[d.name].insert(pep508::normalize_name(extra));
  };
  for (const auto& p : input.packages) add(p.dependencies);
  for (const auto& p : input.unversioned) add(p.dependencies);
  add(input.declared);
  return requested;
}

// Whether dependency `d` of a package with `extras` requested applies on `env`.
bool applies(const Dependency& d, const std::set<std::string>& extras, const pep508::Environment& env) {
  const bool mentions_extra = d.marker && d.marker->mentions("extra");
  if (d.optional && !mentions_extra) {
    // An optional dependency without an extra marker belongs to the extra named by its group.
    if (d.group.empty() || !extras.count(pep508::normalize_name(d.group))) return false;
  }
  if (!d.marker) return true;
  if (!mentions_extra) return d.marker->evaluate(env);
  for (const auto& extra : extras)
    if (d.marker->evaluate(env, extra)) return true;
  return d.marker->evaluate(env, "");
}

}  // namespace

std::vector<Finding> check_requirements(const Input& input, const Target& target, const Options& options) {
  std::vector<Finding> findings;
  const auto env = pep508::environment_for(target.python, target.platform);
  const PackageIndex index(input, env);
  const auto extras = requested_extras(input);
  const auto installer = installer_for(input.format);
  const auto ignored = [&](std::string_view kind) {
    return std::find(options.ignore.begin(), options.ignore.end(), kind) != options.ignore.end();
  };
  static const std::set<std::string> k_no_extras;

  const auto check_dependency = [&](const Package& dependent, const Dependency& d) {
    const auto found = extras.find(dependent.name);
    if (!applies(d, found == extras.end() ? k_no_extras : found->second, env)) return;
    if (d.url.size() || d.name == "python") return;
    const auto* locked = index.find(d.name);
    if (!locked) {
      if (ignored("missing-requirement") || !index.lists_dependencies() || is_bootstrap_package(d.name)) return;
      Finding f;
      f.rule = f.kind = "missing-requirement";
      // An installed environment that lacks a requirement is broken (pip check says so); a lock
      // may leave a package out where its tool recorded less than the metadata says.
      f.severity = input.format == "environment" ? Severity::error : Severity::warning;
      f.summary = dependent.name + " " + dependent.version_text + " requires " + describe(d) + ", which is not " +
                  (input.format == "environment" ? "installed" : "locked");
      f.input = input.path;
      f.packages = {as_finding_package(dependent)};
      f.fixes.push_back({d.name, d.specifier_text, true, "", fix_command(installer, d.name, d.specifier_text, false)});
      findings.push_back(std::move(f));
      return;
    }
    if (d.any_of.empty() && d.specifiers.is_any()) return;
    std::vector<const Package*> outside;
    for (const Package* p : *locked)
      if (!d.allows(*p->version)) outside.push_back(p);
    // With forks, one satisfying version is enough: the others serve other environments.
    if (outside.size() < locked->size() || ignored("unsatisfied-requirement")) return;
    for (const Package* p : outside) {
      Finding f;
      f.rule = f.kind = "unsatisfied-requirement";
      f.severity = Severity::error;
      f.summary = dependent.name + " " + dependent.version_text + " requires " + describe(d) + ", but " +
                  p->name + " " + p->version_text + " is " + (input.format == "environment" ? "installed" : "locked");
      f.input = input.path;
      f.packages = {as_finding_package(dependent), as_finding_package(*p)};
      f.fixes.push_back({d.name, d.specifier_text, true, "", fix_command(installer, d.name, d.specifier_text, false)});
      findings.push_back(std::move(f));
    }
  };

  const auto target_version = pep440::parse_version(target.python);
  for (const Package* package : index.packages()) {
    for (const auto& d : package->dependencies) check_dependency(*package, d);
    if (package->requires_python.empty() || !target_version || ignored("python-incompatible")) continue;
    const auto supported = pep440::parse_specifier_set(package->requires_python);
    if (!supported || supported->contains(*target_version)) continue;
    Finding f;
    f.rule = f.kind = "python-incompatible";
    f.severity = Severity::error;
    f.summary = package->name + " " + package->version_text + " requires Python " + package->requires_python +
                ", but the target is Python " + target.python;
    f.input = input.path;
    f.packages = {as_finding_package(*package)};
    findings.push_back(std::move(f));
  }

  // The project's own constraints (pyproject.toml next to the lock).
  if (!ignored("stale-lock")) {
    for (const auto& d : input.declared) {
      if (!applies(d, k_no_extras, env) || d.url.size()) continue;
      const auto* locked = index.find(d.name);
      const bool satisfied =
          locked && std::any_of(locked->begin(), locked->end(), [&](const Package* p) { return d.allows(*p->version); });
      if (satisfied || (!locked && d.optional)) continue;
      Finding f;
      f.rule = f.kind = "stale-lock";
      f.severity = Severity::error;
      f.summary = "the project requires " + describe(d) + " (" + d.where.str() + "), but " +
                  (locked ? "the lock has " + locked->front()->name + " " + locked->front()->version_text
                          : std::string("the lock does not contain it")) +
                  "; the lock is out of date";
      f.input = input.path;
      if (locked) f.packages = {as_finding_package(*locked->front())};
      findings.push_back(std::move(f));
    }
  }

  // Two installed distributions of one name: which one Python imports is an accident of order.
  if (input.format == "environment" && !ignored("duplicate-distribution")) {
    for (const Package* package : index.packages()) {
      const auto* same = index.find(package->name);
      if (!same || same->size() < 2 || same->front() != package) continue;
      Finding f;
      f.rule = f.kind = "duplicate-distribution";
      f.severity = Severity::error;
      f.summary = package->name + " is installed " + std::to_string(same->size()) +
                  " times; which one is imported depends on the order of sys.path";
      f.input = input.path;
      for (const Package* p : *same) f.packages.push_back(as_finding_package(*p));
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace depcheck::engine
