#pragma once
// What one input installs in one target environment, built once per check:
// - the packages that are installed: a parsed version, their own marker holds (uv forks, poetry
//   2.x markers, pylock), and something that is installed requires them (the project's own
//   requirements, the lock's root entries, or, where neither is known, every entry except those
//   required only by edges whose markers fail here), walking only the edges whose markers and
//   extras hold;
// - the requirements that apply (edges of installed packages whose markers hold with the
//   extras really requested of them), indexed by the name they require.
// Both matrix rules and metadata checks read it; nothing is parsed twice.
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "depcheck/inventory.hpp"
#include "depcheck/pep508/marker.hpp"

namespace depcheck::environment {

// One applicable requirement: `dependent` (nullptr = the project itself, from Input::declared)
// requires `dependency`.
struct Requirement {
  const Package* dependent = nullptr;
  const Dependency* dependency = nullptr;
};

// How the installed set was found (for tests and messages).
enum class Roots {
  project,  // from the project's own requirements (the pyproject beside the lock)
  lock,     // from the lock's own root entries (uv workspace members)
  entries,  // every entry the environment keeps (no project known), or all (an environment)
};

class PackageIndex {
 public:
  PackageIndex(const Input& input, const pep508::Environment& env);

  // Every installed version of `name`, or nullptr.
  const std::vector<const Package*>* find(std::string_view name) const;
  // In input order.
  const std::vector<const Package*>& packages() const { return m_packages; }
  // The applicable requirements of installed packages, in input order.
  const std::vector<Requirement>& requirements() const { return m_requirements; }
  // Those of the project itself (Input::declared) that apply.
  const std::vector<Requirement>& declared() const { return m_declared; }
  // Every applicable requirement on `name` (from packages and from the project).
  std::vector<Requirement> requirements_on(std::string_view name) const;
  // Whether the input lists `name` without a version (a workspace member, a path or VCS source),
  // or `name` is the project itself: present, just not checkable.
  bool has_unversioned(std::string_view name) const {
    return m_unversioned.count(std::string(name)) > 0;
  }
  // Whether the input records dependencies at all (a pip freeze does not).
  bool lists_dependencies() const { return m_lists_dependencies; }
  // The override the lock's tool applied to `name` (uv, pdm), or nullptr.
  const Dependency* override_for(std::string_view name) const;
  Roots roots() const { return m_roots; }

 private:
  std::vector<const Package*> m_packages;
  std::unordered_map<std::string_view, std::vector<const Package*>> m_by_name;
  std::vector<Requirement> m_requirements;
  std::vector<Requirement> m_declared;
  std::unordered_map<std::string_view, std::vector<std::size_t>> m_requirements_by_name;
  std::unordered_map<std::string_view, const Dependency*> m_overrides;
  std::set<std::string> m_unversioned;
  bool m_lists_dependencies = false;
  Roots m_roots = Roots::entries;
};

}  // namespace depcheck::environment
