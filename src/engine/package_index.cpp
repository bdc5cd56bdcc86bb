#include "engine/package_index.hpp"

#include "depcheck/pep508/requirement.hpp"

namespace depcheck::engine {
namespace {

using RequestedExtras = std::unordered_map<std::string, std::set<std::string>>;

// The extras requested of each package by anything in the input (dependents and the project).
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

// What one parsed marker says on the target when no extra is involved. Readers share one parsed
// tree between dependencies with the same marker text (a lock repeats a handful of markers
// thousands of times), so the answers are kept per tree: the same tree gives the same answers.
struct MarkerFacts {
  bool mentions_extra = false;
  bool holds = false;  // evaluate(env), when it does not mention extra
};
using MarkerCache = std::unordered_map<const pep508::MarkerNode*, MarkerFacts>;

// Whether dependency `d` of a package with `extras` requested applies on `env`.
bool applies(const Dependency& d, const std::set<std::string>& extras,
             const pep508::Environment& env, MarkerCache& cache) {
  // The context is part of the tree's meaning; a lock-file marker is left uncached.
  MarkerFacts* facts = nullptr;
  if (d.marker && d.marker->root && d.marker->context == pep508::MarkerContext::metadata) {
    const auto [it, added] = cache.try_emplace(d.marker->root.get());
    if (added) {
      it->second.mentions_extra = d.marker->mentions("extra");
      if (!it->second.mentions_extra) it->second.holds = d.marker->evaluate(env);
    }
    facts = &it->second;
  }
  const bool mentions_extra =
      facts ? facts->mentions_extra : d.marker && d.marker->mentions("extra");
  if (d.optional && !mentions_extra) {
    // An optional dependency without an extra marker belongs to the extra named by its group.
    if (d.group.empty() || !extras.count(pep508::normalize_name(d.group))) return false;
  }
  if (!d.marker) return true;
  if (!mentions_extra) return facts ? facts->holds : d.marker->evaluate(env);
  for (const auto& extra : extras)
    if (d.marker->evaluate(env, extra)) return true;
  return d.marker->evaluate(env, "");
}

}  // namespace

PackageIndex::PackageIndex(const Input& input, const pep508::Environment& env) {
  m_packages.reserve(input.packages.size());
  m_by_name.reserve(input.packages.size());
  std::set<std::string_view> not_here;  // entries whose own marker does not hold
  for (const auto& package : input.packages) {
    if (!package.dependencies.empty()) m_lists_dependencies = true;
    if (!package.version) continue;
    if (!package.marker_text.empty()) {
      // A marker that does not parse was already reported by the reader; keep the package. One
      // that depends on the project's extras is kept too: any extra may be installed.
      auto marker = pep508::parse_marker(package.marker_text);
      if (marker && !marker->mentions("extra") && !marker->evaluate(env)) {
        not_here.insert(package.name);
        continue;
      }
    }
    m_packages.push_back(&package);
    m_by_name[package.name].push_back(&package);
  }

  for (const auto& package : input.unversioned) m_unversioned.insert(package.name);
  const auto extras = requested_extras(input);
  static const std::set<std::string> k_no_extras;
  MarkerCache markers;
  // PEP 751: a dependency is a reference to another entry, with no marker of its own; it
  // applies where that entry's marker holds. (Other locks give each edge its own marker.)
  const bool entry_markers_only = input.format == "pylock.toml";
  for (const Package* package : m_packages) {
    const auto found = extras.find(package->name);
    const auto& requested = found == extras.end() ? k_no_extras : found->second;
    for (const auto& d : package->dependencies) {
      if (!applies(d, requested, env, markers)) continue;
      if (entry_markers_only && !m_by_name.count(d.name) && not_here.count(d.name)) continue;
      m_requirements_by_name[d.name].push_back(m_requirements.size());
      m_requirements.push_back({package, &d});
    }
  }
  for (const auto& d : input.declared)
    if (applies(d, k_no_extras, env, markers)) m_declared.push_back({nullptr, &d});
}

const std::vector<const Package*>* PackageIndex::find(std::string_view name) const {
  const auto it = m_by_name.find(name);
  return it == m_by_name.end() ? nullptr : &it->second;
}

std::vector<Requirement> PackageIndex::requirements_on(std::string_view name) const {
  std::vector<Requirement> result;
  if (const auto it = m_requirements_by_name.find(name); it != m_requirements_by_name.end())
    for (const std::size_t i : it->second) result.push_back(m_requirements[i]);
  for (const auto& r : m_declared)
    if (r.dependency->name == name) result.push_back(r);
  return result;
}

}  // namespace depcheck::engine
