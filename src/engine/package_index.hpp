#pragma once
// The packages of one input that apply to the target: those with a parsed version whose own
// marker (uv forks, poetry markers, pylock) holds. Indexed by normalized name.
#include <string_view>
#include <unordered_map>
#include <vector>

#include "depcheck/inventory.hpp"
#include "depcheck/pep508/marker.hpp"

namespace depcheck::engine {

class PackageIndex {
 public:
  PackageIndex(const Input& input, const pep508::Environment& env);

  // Every version of `name` that applies, or nullptr.
  const std::vector<const Package*>* find(std::string_view name) const;
  // In input order.
  const std::vector<const Package*>& packages() const { return m_packages; }
  // Whether the input records dependencies at all (a pip freeze does not).
  bool lists_dependencies() const { return m_lists_dependencies; }

 private:
  std::vector<const Package*> m_packages;
  std::unordered_map<std::string_view, std::vector<const Package*>> m_by_name;
  bool m_lists_dependencies = false;
};

}  // namespace depcheck::engine
