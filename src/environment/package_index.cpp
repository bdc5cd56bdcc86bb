#include "environment/package_index.hpp"

#include <algorithm>
#include <unordered_set>

#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"

namespace depcheck::environment {
namespace {

using Extras = std::set<std::string>;

// What one parsed marker says on the target when no extra is involved. Readers share one parsed
// tree between dependencies with the same marker text (a lock repeats a handful of markers
// thousands of times), so the answers are kept per tree: the same tree gives the same answers.
struct MarkerFacts {
  bool mentions_extra = false;
  bool holds = false;  // evaluate(env), when it does not mention extra
};
using MarkerCache = std::unordered_map<const pep508::MarkerNode*, MarkerFacts>;

// Whether dependency `d` of a package with `extras` requested applies on `env`.
bool applies(const Dependency& d, const Extras& extras, const pep508::Environment& env,
             MarkerCache& cache) {
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

// A requirement of the project itself: its extras and groups are the project's own choices,
// all of which the lock was made for, so only the environment decides.
bool project_requirement_applies(const Dependency& d, const pep508::Environment& env) {
  return !d.marker || d.marker->holds_with_some_extra(env);
}

bool is_bootstrap_package(std::string_view name) {
  return name == "pip" || name == "setuptools" || name == "wheel" || name == "distribute";
}

// One entry of the walk: a versioned package, or an unversioned one (a path or VCS source, a
// virtual root) whose own requirements still count.
struct Node {
  const Package* package = nullptr;
  bool versioned = true;
  bool reached = false;
  Extras extras;  // requested of it by what reached it
};

class Walk {
 public:
  Walk(const Input& input, const pep508::Environment& env, MarkerCache& markers)
      : m_input(input), m_env(env), m_markers(markers) {
    // The entries whose own marker holds. A marker that does not parse was already reported by
    // the reader; the entry is kept. One that names extras holds if some extra makes it hold.
    for (const auto& package : input.packages) {
      if (!package.version) continue;
      if (!package.marker_text.empty()) {
        auto marker = pep508::parse_marker(package.marker_text);
        if (marker && !marker->holds_with_some_extra(env)) {
          m_not_here.insert(package.name);
          continue;
        }
      }
      add_node(package, true);
    }
    for (const auto& package : input.unversioned) add_node(package, false);
  }

  std::vector<Node>& nodes() { return m_nodes; }
  bool not_here(std::string_view name) const { return m_not_here.count(name) > 0; }
  bool knows(std::string_view name) const { return m_by_name.count(name) > 0; }

  // Marks every node reached, with no extras: an installed environment.
  void reach_all() {
    for (auto& node : m_nodes) node.reached = true;
    settle_extras_of_everything();
  }

  // A lock with no project beside it: every entry is a root, except those that are required
  // only by edges whose markers fail here whatever the extras (colorama for win32, a backport
  // for old Pythons). An entry required only through an extra may be a direct dependency too,
  // so it stays.
  void from_entries_the_environment_keeps() {
    std::unordered_map<std::string_view, bool> could_apply;  // name -> some edge could apply
    for (const auto& node : m_nodes)
      for (const auto& d : node.package->dependencies) {
        auto& known = could_apply[d.name];
        if (!known) known = !d.marker || d.marker->holds_with_some_extra(m_env);
      }
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
      const auto found = could_apply.find(m_nodes[i].package->name);
      if (found == could_apply.end() || found->second) reach(i, {});
    }
    run();
  }

  // The lock's own root entries (uv: editable and virtual sources), with all their extras, and
  // what it records of the project (uv [manifest]: a virtual workspace root's requirements and
  // dependency groups).
  bool from_lock_roots(const std::vector<Dependency>& declared) {
    for (const auto& d : declared)
      if (d.declared_in == DeclaredIn::lock && project_requirement_applies(d, m_env)) follow(d);
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
      const auto& source = m_nodes[i].package->source;
      if (source != "editable" && source != "virtual") continue;
      Extras extras;
      for (const auto& d : m_nodes[i].package->dependencies)
        if (d.optional && !d.group.empty()) extras.insert(pep508::normalize_name(d.group));
      reach(i, extras);
    }
    if (m_queue.empty()) return false;
    run();
    return true;
  }

  // The project's own requirements. False (nothing reached) where one of them names a package
  // the lock does not have at all: then the project file and the lock disagree, and the walk
  // would leave out what the lock really installs.
  bool from_project(const std::vector<Dependency>& declared) {
    std::vector<const Dependency*> roots;
    for (const auto& d : declared) {
      if (d.declared_in == DeclaredIn::lock || !project_requirement_applies(d, m_env)) continue;
      if (!knows(d.name) && d.url.empty() && !is_bootstrap_package(d.name) &&
          d.name != m_input.project_name && !not_here(d.name))
        return false;
      roots.push_back(&d);
    }
    if (roots.empty()) return false;
    for (const Dependency* d : roots) follow(*d);
    run();
    return true;
  }

 private:
  void add_node(const Package& package, bool versioned) {
    m_by_name[package.name].push_back(m_nodes.size());
    m_nodes.push_back({&package, versioned, false, {}});
  }

  void reach(std::size_t i, const Extras& extras) {
    auto& node = m_nodes[i];
    bool changed = !node.reached;
    node.reached = true;
    for (const auto& extra : extras) changed = node.extras.insert(extra).second || changed;
    if (changed) m_queue.push_back(i);
  }

  // An applicable edge: the entries of its name that it can mean. Where a name is locked at
  // several versions, the edge means the one it points at (uv), or those its range allows
  // (poetry); an edge no entry satisfies reaches them all, so the checks can say so.
  void follow(const Dependency& d) {
    const auto found = m_by_name.find(d.name);
    if (found == m_by_name.end()) return;
    Extras extras;
    for (const auto& extra : d.extras) extras.insert(pep508::normalize_name(extra));
    const auto& candidates = found->second;
    std::vector<std::size_t> chosen;
    if (candidates.size() > 1) {
      for (const std::size_t i : candidates) {
        const Package& p = *m_nodes[i].package;
        if (!p.version) continue;
        const bool matches =
            !d.locked_version.empty() ? p.version_text == d.locked_version : d.allows(*p.version);
        if (matches) chosen.push_back(i);
      }
    }
    if (chosen.empty()) chosen = candidates;
    for (const std::size_t i : chosen) reach(i, extras);
  }

  void run() {
    while (!m_queue.empty()) {
      const std::size_t i = m_queue.back();
      m_queue.pop_back();
      const Extras extras = m_nodes[i].extras;
      for (const auto& d : m_nodes[i].package->dependencies)
        if (applies(d, extras, m_env, m_markers)) follow(d);
    }
  }

  // Everything is installed; the extras requested of each come from the applicable edges.
  void settle_extras_of_everything() {
    for (std::size_t i = 0; i < m_nodes.size(); ++i) m_queue.push_back(i);
    run();
  }

  const Input& m_input;
  const pep508::Environment& m_env;
  MarkerCache& m_markers;
  std::vector<Node> m_nodes;
  std::unordered_map<std::string_view, std::vector<std::size_t>> m_by_name;
  std::set<std::string_view, std::less<>> m_not_here;
  std::vector<std::size_t> m_queue;
};

}  // namespace

PackageIndex::PackageIndex(const Input& input, const pep508::Environment& env) {
  const auto& traits = readers::traits_of(input.format);
  MarkerCache markers;
  Walk walk(input, env, markers);

  // Where the walk starts: what the lock installs is what its roots require.
  if (traits.installed || !traits.lists_edges) {
    walk.reach_all();
  } else if (traits.roots_in_lock && walk.from_lock_roots(input.declared)) {
    m_roots = Roots::lock;
  } else if (!input.project_file.empty() && !input.dynamic_dependencies && traits.reads != 0 &&
             walk.from_project(input.declared)) {
    m_roots = Roots::project;
  } else {
    walk.from_entries_the_environment_keeps();
  }

  m_packages.reserve(input.packages.size());
  m_by_name.reserve(input.packages.size());
  for (const auto& node : walk.nodes()) {
    if (!node.reached || !node.versioned) continue;
    m_packages.push_back(node.package);
    m_by_name[node.package->name].push_back(node.package);
  }
  for (const auto& node : walk.nodes())
    if (!node.package->dependencies.empty()) m_lists_dependencies = true;

  for (const auto& package : input.unversioned) m_unversioned.insert(package.name);
  // The project itself: a dev group that requires `project[extra]` asks for what is being built.
  if (!input.project_name.empty()) m_unversioned.insert(input.project_name);
  for (const auto& d : input.overrides) m_overrides.emplace(d.name, &d);

  // PEP 751: a dependency is a reference to another entry, with no marker of its own; it
  // applies where that entry's marker holds. (Other locks give each edge its own marker.)
  for (const auto& node : walk.nodes()) {
    if (!node.reached || !node.versioned) continue;
    for (const auto& d : node.package->dependencies) {
      if (!applies(d, node.extras, env, markers)) continue;
      if (!traits.edge_markers && !m_by_name.count(d.name) && walk.not_here(d.name)) continue;
      m_requirements_by_name[d.name].push_back(m_requirements.size());
      m_requirements.push_back({node.package, &d});
    }
  }
  static const Extras k_no_extras;
  for (const auto& d : input.declared)
    if (applies(d, k_no_extras, env, markers)) m_declared.push_back({nullptr, &d});
}

const std::vector<const Package*>* PackageIndex::find(std::string_view name) const {
  const auto it = m_by_name.find(name);
  return it == m_by_name.end() ? nullptr : &it->second;
}

const Dependency* PackageIndex::override_for(std::string_view name) const {
  const auto it = m_overrides.find(name);
  return it == m_overrides.end() ? nullptr : it->second;
}

std::vector<Requirement> PackageIndex::requirements_on(std::string_view name) const {
  std::vector<Requirement> result;
  if (const auto it = m_requirements_by_name.find(name); it != m_requirements_by_name.end())
    for (const std::size_t i : it->second) result.push_back(m_requirements[i]);
  for (const auto& r : m_declared)
    if (r.dependency->name == name) result.push_back(r);
  return result;
}

}  // namespace depcheck::environment
