// Checks from the inputs' own metadata: what `pip check` does, but from the lock, with markers
// and extras applied for the target; Python support; and whether the lock still satisfies the
// project's own constraints. One pass over the applicable requirements.
#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "depcheck/engine.hpp"
#include "depcheck/environment.hpp"
#include "depcheck/readers/reader.hpp"
#include "engine/checks.hpp"
#include "environment/package_index.hpp"

namespace depcheck::engine {
namespace {

FindingPackage as_finding_package(const Package& p) {
  return {p.name, p.version_text, p.where};
}

// Lock tools leave these out on purpose (pip-tools' and Poetry's "unsafe" packages): they
// belong to the environment, not to the project.
bool is_bootstrap_package(std::string_view name) {
  return name == "pip" || name == "setuptools" || name == "wheel" || name == "distribute";
}

std::string_view state_word(const Input& input) {
  return readers::traits_of(input.format).installed ? "installed" : "locked";
}

// Whether a package's Requires-Python admits the target. A target assumed from a range stands
// for a whole minor line (3.8 is 3.8.0 to 3.8.20): a package that needs 3.8.6 still installs on
// that line, so only one that excludes every release of it is incompatible.
bool supports(const std::string& requires_python, const Target& target,
              const pep440::Version& target_version) {
  if (target.pythons.empty()) {
    const auto supported = pep440::parse_specifier_set(requires_python);
    return !supported || supported->contains(target_version);
  }
  if (!pep440::parse_specifier_set(requires_python)) return true;
  const auto minors = environment::python_minors_allowed(requires_python);
  const auto& python = target.python;
  const auto second_dot = python.find('.', python.find('.') + 1);
  const auto minor = second_dot == std::string::npos ? python : python.substr(0, second_dot);
  return std::find(minors.begin(), minors.end(), minor) != minors.end();
}

}  // namespace

std::string describe(const Dependency& d) {
  std::string text = d.name;
  if (!d.extras.empty()) {
    text += '[';
    for (std::size_t i = 0; i < d.extras.size(); ++i) text += (i ? "," : "") + d.extras[i];
    text += ']';
  }
  text += d.specifier_text;
  if (!d.marker_text.empty()) text += "; " + d.marker_text;
  return text;
}

std::vector<Finding> check_requirements(const Input& input, const PackageIndex& index,
                                        const Target& target, const Options& options) {
  std::vector<Finding> findings;
  const auto ignored = [&](std::string_view kind) {
    return std::find(options.ignore.begin(), options.ignore.end(), kind) != options.ignore.end();
  };

  // Plain variables, not structured bindings: clang 14 cannot capture those in lambdas.
  for (const auto& entry : index.requirements()) {
    const auto& dependent = entry.dependent;
    const auto& d = entry.dependency;
    if (!d->url.empty()) continue;
    const auto* locked = index.find(d->name);
    if (!locked) {
      if (ignored("missing-requirement") || is_bootstrap_package(d->name) ||
          index.has_unversioned(d->name))
        continue;
      Finding f;
      f.rule = f.kind = "missing-requirement";
      // An installed environment that lacks a requirement is broken (pip check says so); a lock
      // may leave a package out where its tool recorded less than the metadata says.
      // A virtualenv that sees the system's site-packages may import it from there.
      const bool installed = readers::traits_of(input.format).installed;
      f.severity = installed && !input.sees_system_packages ? Severity::error : Severity::warning;
      f.summary = dependent->name + " " + dependent->version_text + " requires " + describe(*d) +
                  ", which is not " + std::string(state_word(input));
      if (installed && input.sees_system_packages)
        f.summary +=
            " in the environment (it may come from the system site-packages, which "
            "pyvenv.cfg includes and depcheck does not read)";
      f.input = input.path;
      f.packages = {as_finding_package(*dependent)};
      f.requirement = *d;
      findings.push_back(std::move(f));
      continue;
    }
    if (d->any_of.empty() && d->specifiers.is_any()) continue;
    // The lock's tool replaced every requirement on an overridden name with the override.
    if (index.override_for(d->name)) continue;
    // With forks, one satisfying version is enough: the others serve other environments.
    if (ignored("unsatisfied-requirement") ||
        std::any_of(locked->begin(), locked->end(),
                    [&](const Package* p) { return d->allows(*p->version); }))
      continue;
    for (const Package* p : *locked) {
      Finding f;
      f.rule = f.kind = "unsatisfied-requirement";
      f.severity = Severity::error;
      f.summary = dependent->name + " " + dependent->version_text + " requires " + describe(*d) +
                  ", but " + p->name + " " + p->version_text + " is " +
                  std::string(state_word(input));
      f.input = input.path;
      f.packages = {as_finding_package(*dependent), as_finding_package(*p)};
      f.requirement = *d;
      findings.push_back(std::move(f));
    }
  }

  const auto target_version = pep440::parse_version(target.python);
  // Only against a python that was given or declared: a default guess would be noise.
  if (target_version && target.declared && !ignored("python-incompatible")) {
    std::unordered_map<std::string_view, bool> supports_target;
    for (const Package* package : index.packages()) {
      if (package->requires_python.empty()) continue;
      // Locks repeat a few texts (">=3.8") thousands of times: each is parsed once.
      auto [known, first] = supports_target.try_emplace(package->requires_python, true);
      if (first) known->second = supports(package->requires_python, target, *target_version);
      if (known->second) continue;
      Finding f;
      f.rule = f.kind = "python-incompatible";
      f.severity = Severity::error;
      f.summary = package->name + " " + package->version_text + " requires Python " +
                  package->requires_python + ", but the target is Python " + target.python;
      f.input = input.path;
      f.packages = {as_finding_package(*package)};
      findings.push_back(std::move(f));
    }
  }

  // The project's own constraints (pyproject.toml next to the lock).
  if (!ignored("stale-lock")) {
    for (const auto& entry : index.declared()) {
      const auto& d = entry.dependency;
      // A direct reference, the project itself or a workspace member, and a name the tool
      // overrides (the override is checked below instead) say nothing about the lock's age.
      if (!d->url.empty() || index.override_for(d->name)) continue;
      const auto* locked = index.find(d->name);
      if (!locked && index.has_unversioned(d->name)) continue;
      const bool satisfied =
          locked && std::any_of(locked->begin(), locked->end(),
                                [&](const Package* p) { return d->allows(*p->version); });
      if (satisfied || (!locked && d->optional)) continue;
      Finding f;
      f.rule = f.kind = "stale-lock";
      f.severity = Severity::error;
      f.summary =
          "the project requires " + describe(*d) + " (" + d->where.str() + "), but " +
          (locked ? "the lock has " + locked->front()->name + " " + locked->front()->version_text
                  : std::string("the lock does not contain it")) +
          "; the lock is out of date";
      f.input = input.path;
      if (locked) f.packages = {as_finding_package(*locked->front())};
      findings.push_back(std::move(f));
    }
  }

  // An override the lock does not follow: it was added or changed after locking.
  if (!ignored("stale-lock") && readers::traits_of(input.format).reads != 0) {
    const auto env = pep508::environment_for(target.python, target.platform);
    for (const auto& d : input.overrides) {
      if (!d.url.empty() || d.declared_in == DeclaredIn::lock) continue;
      if (d.marker && !d.marker->holds_with_some_extra(env)) continue;
      const auto* locked = index.find(d.name);
      if (!locked || std::any_of(locked->begin(), locked->end(),
                                 [&](const Package* p) { return d.allows(*p->version); }))
        continue;
      Finding f;
      f.rule = f.kind = "stale-lock";
      f.severity = Severity::error;
      f.summary = "the project overrides " + describe(d) + " (" + d.where.str() +
                  "), but the lock has " + locked->front()->name + " " +
                  locked->front()->version_text + "; the lock is out of date";
      f.input = input.path;
      f.packages = {as_finding_package(*locked->front())};
      findings.push_back(std::move(f));
    }
  }

  // Two installed distributions of one name: which one Python imports is an accident of order.
  if (readers::traits_of(input.format).installed && !ignored("duplicate-distribution")) {
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

std::vector<Finding> check_requirements(const Input& input, const Target& target,
                                        const Options& options) {
  const PackageIndex index(input, pep508::environment_for(target.python, target.platform));
  return check_requirements(input, index, target, options);
}

}  // namespace depcheck::engine
