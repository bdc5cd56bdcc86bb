#pragma once
// One input as the engine sees it for one target, built once per check:
// - the packages that apply (a parsed version, and their own marker holds: uv forks, poetry
//   markers, pylock), indexed by normalized name;
// - the requirements that apply (dependencies whose markers and extras hold), indexed by the
//   name they require. Both matrix rules and metadata checks read it; nothing is parsed twice.
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "depcheck/inventory.hpp"
#include "depcheck/pep508/marker.hpp"

namespace depcheck::engine {

// One applicable requirement: `dependent` (nullptr = the project itself, from Input::declared)
// requires `dependency`.
struct Requirement {
  const Package* dependent = nullptr;
  const Dependency* dependency = nullptr;
};

class PackageIndex {
 public:
  PackageIndex(const Input& input, const pep508::Environment& env);

  // Every version of `name` that applies, or nullptr.
  const std::vector<const Package*>* find(std::string_view name) const;
  // In input order.
  const std::vector<const Package*>& packages() const { return m_packages; }
  // The applicable requirements of locked packages, in input order.
  const std::vector<Requirement>& requirements() const { return m_requirements; }
  // Those of the project itself (Input::declared) that apply.
  const std::vector<Requirement>& declared() const { return m_declared; }
  // Every applicable requirement on `name` (from packages and from the project).
  std::vector<Requirement> requirements_on(std::string_view name) const;
  // Whether the input lists `name` without a version (a workspace member, a path or VCS source):
  // present, just not checkable.
  bool has_unversioned(std::string_view name) const {
    return m_unversioned.count(std::string(name)) > 0;
  }
  // Whether the input records dependencies at all (a pip freeze does not).
  bool lists_dependencies() const { return m_lists_dependencies; }

 private:
  std::vector<const Package*> m_packages;
  std::unordered_map<std::string_view, std::vector<const Package*>> m_by_name;
  std::vector<Requirement> m_requirements;
  std::vector<Requirement> m_declared;
  std::unordered_map<std::string_view, std::vector<std::size_t>> m_requirements_by_name;
  std::set<std::string> m_unversioned;
  bool m_lists_dependencies = false;
};

}  // namespace depcheck::engine
