#include "engine/package_index.hpp"

namespace depcheck::engine {

PackageIndex::PackageIndex(const Input& input, const pep508::Environment& env) {
  m_packages.reserve(input.packages.size());
  m_by_name.reserve(input.packages.size());
  for (const auto& package : input.packages) {
    if (!package.dependencies.empty()) m_lists_dependencies = true;
    if (!package.version) continue;
    if (!package.marker_text.empty()) {
      // A marker that does not parse was already reported by the reader; keep the package. One
      // that depends on the project's extras is kept too: any extra may be installed.
      auto marker = pep508::parse_marker(package.marker_text);
      if (marker && !marker->mentions("extra") && !marker->evaluate(env)) continue;
    }
    m_packages.push_back(&package);
    m_by_name[package.name].push_back(&package);
  }
}

const std::vector<const Package*>* PackageIndex::find(std::string_view name) const {
  const auto it = m_by_name.find(name);
  return it == m_by_name.end() ? nullptr : &it->second;
}

}  // namespace depcheck::engine
