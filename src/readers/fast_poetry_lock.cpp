// poetry.lock on the fast path (fast_toml_scanner.hpp): the fields poetry_lock.cpp reads, in the
// same order, from the scanned tree, one [[package]] at a time as the scan completes it.
// Wherever poetry_lock.cpp would report something (a value of the wrong type, a bad version,
// constraint or marker, an unknown lock-version, a missing name or version), this gives up and
// the toml++ reader runs instead, so messages come from one place only. toml++ iterates a
// table's keys sorted (std::map), so dependencies, extras and marker groups are read sorted here.
#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "depcheck/pep508/requirement.hpp"
#include "readers/fast_toml_scanner.hpp"
#include "readers/poetry_constraint.hpp"

namespace depcheck::readers {
namespace {

constexpr std::string_view k_known_lock_versions[] = {"1.0", "1.1", "2.0", "2.1"};

template <class T>
void append(std::vector<T>& to, std::vector<T>& from) {
  if (to.empty()) {
    to = std::move(from);
  } else {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  }
}

class FastPoetryReader : public FastReaderBase {
 public:
  using FastReaderBase::FastReaderBase;

  // Each [[package]] as the scan completes it; false: the file needs the toml++ reader.
  bool on_element(std::string_view array, const Node& element) {
    return array != "package" || read_package(element);
  }

  // After the scan: [metadata], and whether this is a poetry.lock at all.
  bool finish() {
    const Node* metadata = m_doc.get(m_doc.root(), "metadata");
    const Node* packages = m_doc.get(m_doc.root(), "package");
    if (metadata == nullptr && packages == nullptr) return false;  // empty, or not a poetry.lock
    if (metadata != nullptr && (metadata->kind != Kind::table || !read_metadata(*metadata)))
      return false;
    // `package = [...]` (not [[package]] headers) was not streamed: toml++ reads it.
    return packages == nullptr ||
           (packages->kind == Kind::array && (packages->flags & ScannedToml::k_array_of_tables));
  }

  // Room for `count` packages, so that the vector does not move them as it grows.
  void reserve(std::size_t count) { m_packages.reserve(count); }

  void move_to(Input& out) {
    if (m_lock_version) out.lock_version = std::move(*m_lock_version);
    if (m_requires_python) out.requires_python = std::move(*m_requires_python);
    append(out.packages, m_packages);
    append(out.unversioned, m_unversioned);
  }

 private:
  bool read_metadata(const Node& metadata) {
    bool ok = true;
    if (const Node* version = string_of(metadata, "lock-version", ok)) {
      if (std::find(std::begin(k_known_lock_versions), std::end(k_known_lock_versions),
                    version->value) == std::end(k_known_lock_versions))
        return false;  // a warning
      m_lock_version = std::string(version->value);
    }
    if (const Node* python = string_of(metadata, "python-versions", ok)) {
      const auto* constraint = poetry_constraint(python->value);
      if (constraint == nullptr) return false;
      m_requires_python = constraint->str();
    }
    return ok;
  }

  bool read_package(const Node& entry) {
    Package package;
    const Node* version = nullptr;
    if (!start_entry(entry, package, version)) return false;
    bool ok = true;
    if (const Node* python = string_of(entry, "python-versions", ok)) {
      const auto* constraint = poetry_constraint(python->value);
      if (constraint == nullptr) return false;
      package.requires_python = constraint->str();
    }
    if (!ok || !read_package_markers(entry, package)) return false;
    if (const Node* groups = m_doc.get(entry, "groups"))
      if (!strings_of(*groups, package.groups)) return false;
    // As the toml++ path: a group without an entry in a `markers` table installs it always.
    for (const auto& group : package.groups)
      if (!m_marked_groups.empty() &&
          std::find(m_marked_groups.begin(), m_marked_groups.end(), group) == m_marked_groups.end())
        package.marker_text.clear();
    if (package.groups.empty())
      if (const Node* category = string_of(entry, "category", ok))
        package.groups.emplace_back(category->value);
    if (!ok) return false;

    package.source = "registry";
    if (const Node* source = child_of(entry, "source", Kind::table, ok)) {
      if (const Node* type = string_of(*source, "type", ok)) {
        const auto kind = type->value;
        if (kind == "git" || kind == "url") {
          package.source = std::string(kind);
        } else if (kind == "file") {
          package.source = "path";
        } else if (kind == "directory") {
          const Node* develop = child_of(entry, "develop", Kind::boolean, ok);
          package.source =
              develop != nullptr && develop->value == "true" ? "editable" : "directory";
        }
      }
    }
    if (!ok) return false;

    std::unordered_map<std::string, std::string> optional_groups;
    if (!extras_of(entry, optional_groups)) return false;
    if (const Node* dependencies = child_of(entry, "dependencies", Kind::table, ok)) {
      package.dependencies.reserve(dependencies->count);
      for (const Node* dependency : m_doc.sorted_children(*dependencies)) {
        if (dependency->kind != Kind::array) {
          if (!read_dependency(dependency->key, *dependency, optional_groups, package))
            return false;
          continue;
        }
        // Several constraints, each with its own markers.
        for (auto i = dependency->first; i != ScannedToml::k_none; i = m_doc.node(i).next)
          if (!read_dependency(dependency->key, m_doc.node(i), optional_groups, package))
            return false;
      }
    }
    if (!ok) return false;

    if (version != nullptr) {
      m_packages.push_back(std::move(package));
    } else {
      if (package.source == "registry") return false;  // "missing 'version'"
      m_unversioned.push_back(std::move(package));
    }
    return true;
  }

  // `markers` is a string, or a table of group -> marker (joined with "or"); `marker` before 1.0.
  bool read_package_markers(const Node& entry, Package& package) {
    m_marked_groups.clear();
    const Node* node = m_doc.get(entry, "markers");
    if (node == nullptr) node = m_doc.get(entry, "marker");
    if (node == nullptr) return true;
    if (node->kind == Kind::string) {
      package.marker_text = std::string(node->value);
    } else if (node->kind == Kind::table) {
      std::vector<std::string_view> markers;
      for (const Node* group : m_doc.sorted_children(*node)) {
        if (group->kind != Kind::string) return false;
        m_marked_groups.emplace_back(group->key);
        if (std::find(markers.begin(), markers.end(), group->value) == markers.end())
          markers.push_back(group->value);
      }
      if (markers.size() == 1) {
        package.marker_text = std::string(markers.front());
      } else {
        for (const auto marker : markers) {
          package.marker_text += package.marker_text.empty() ? "(" : " or (";
          package.marker_text += marker;
          package.marker_text += ')';
        }
      }
    } else {
      return false;
    }
    return package.marker_text.empty() || marker(package.marker_text) != nullptr;
  }

  // [package.extras]: dependency name -> the first extra (in key order) that pulls it in.
  bool extras_of(const Node& entry, std::unordered_map<std::string, std::string>& groups) const {
    bool ok = true;
    const Node* extras = child_of(entry, "extras", Kind::table, ok);
    if (extras == nullptr) return ok;
    for (const Node* extra : m_doc.sorted_children(*extras)) {
      if (extra->kind != Kind::array) return false;
      for (auto i = extra->first; i != ScannedToml::k_none; i = m_doc.node(i).next) {
        const Node& item = m_doc.node(i);
        if (item.kind != Kind::string) continue;  // skipped without a message there too
        const auto end = item.value.find_first_of(" [(<>=!~;");
        groups.emplace(pep508::normalize_name(item.value.substr(0, end)), std::string(extra->key));
      }
    }
    return true;
  }

  // name = "constraint" | { version, markers, python, extras, optional, git | url | path | file }
  bool read_dependency(std::string_view name, const Node& value,
                       const std::unordered_map<std::string, std::string>& optional_groups,
                       Package& package) {
    Dependency dependency;
    dependency.name = normalized_name(name);
    dependency.where = m_doc.where(value, m_path);
    const Node* constraint_node = nullptr;
    std::string python_marker;
    if (value.kind == Kind::string) {
      constraint_node = &value;
    } else if (value.kind == Kind::table) {
      bool ok = true;
      constraint_node = string_of(value, "version", ok);
      if (const Node* markers = string_of(value, "markers", ok))
        dependency.marker_text = std::string(markers->value);
      if (const Node* python = string_of(value, "python", ok)) {
        auto marker = poetry_python_marker(python->value);
        if (!marker) return false;
        python_marker = std::move(*marker);
      }
      if (const Node* extras = m_doc.get(value, "extras"))
        if (!strings_of(*extras, dependency.extras)) return false;
      if (const Node* optional = child_of(value, "optional", Kind::boolean, ok))
        dependency.optional = optional->value == "true";
      for (std::string_view key : {"git", "url", "path", "file"}) {
        const Node* url = m_doc.get(value, key);
        if (url != nullptr && url->kind == Kind::string) {
          dependency.url = std::string(url->value);
          break;
        }
      }
      if (!ok) return false;
    } else {
      return false;
    }

    if (constraint_node != nullptr) {
      const auto* constraint = poetry_constraint(constraint_node->value);
      if (constraint == nullptr) return false;
      constraint->apply_to(dependency);
    }
    if (!python_marker.empty()) {
      dependency.marker_text = dependency.marker_text.empty()
                                   ? python_marker
                                   : "(" + dependency.marker_text + ") and (" + python_marker + ")";
    }
    if (!dependency.marker_text.empty()) {
      const auto* parsed = marker(dependency.marker_text);
      if (parsed == nullptr) return false;
      dependency.marker = *parsed;
    }
    if (dependency.optional) {
      const auto found = optional_groups.find(dependency.name);
      if (found != optional_groups.end()) dependency.group = found->second;
    }
    package.dependencies.push_back(std::move(dependency));
    return true;
  }

  // parse_poetry_constraint once per distinct text; nullptr when it does not parse.
  const PoetryConstraint* poetry_constraint(std::string_view text) {
    auto found = m_constraints.find(text);
    if (found == m_constraints.end()) {
      auto parsed = parse_poetry_constraint(text);
      std::optional<PoetryConstraint> value;
      if (parsed) value = std::move(*parsed);
      found = m_constraints.emplace(std::string(text), std::move(value)).first;
    }
    return found->second ? &*found->second : nullptr;
  }

  std::vector<Package> m_packages;
  std::vector<Package> m_unversioned;
  std::optional<std::string> m_lock_version;
  std::optional<std::string> m_requires_python;
  std::vector<std::string> m_marked_groups;  // groups of the current package's `markers` table
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_map<std::string, std::optional<PoetryConstraint>, TextHash, std::equal_to<>>
      m_constraints;
};

}  // namespace

bool fast_read_poetry_lock(std::string_view text, const std::string& path, Input& out) {
  return run_fast_reader<FastPoetryReader>(text, path, out);
}

}  // namespace depcheck::readers
