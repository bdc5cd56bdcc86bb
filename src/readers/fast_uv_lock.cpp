// uv.lock on the fast path (fast_toml_scanner.hpp): the fields uv_lock.cpp reads, from the
// scanned tree, one [[package]] at a time as the scan completes it. Wherever uv_lock.cpp would
// report something (a value of the wrong type, a bad version, specifier or marker, an unknown
// version, a missing name or version), this gives up and the toml++ reader runs instead.
// toml++ iterates a table's keys sorted (std::map), so extras and groups are read sorted here.
// uv_lock.cpp reads [manifest] before the packages; its requirements come first in
// Input::declared here too, wherever [manifest] stands in the file.
#include <string>
#include <utility>

#include "readers/fast_toml_scanner.hpp"

namespace depcheck::readers {
namespace {

constexpr std::string_view k_source_kinds[] = {"registry",  "git",      "url",    "path",
                                               "directory", "editable", "virtual"};

template <class T>
void append(std::vector<T>& to, std::vector<T>& from) {
  if (to.empty()) {
    to = std::move(from);
  } else {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  }
}

class FastUvReader : public FastReaderBase {
 public:
  using FastReaderBase::FastReaderBase;

  // Each [[package]] (uv 0.2: [[distribution]]) as the scan completes it. Which of the two the
  // toml++ reader takes is known only at the end, so both are kept.
  bool on_element(std::string_view array, const Node& element) {
    if (array == "package") return read_package(element, m_package);
    if (array == "distribution") return read_package(element, m_distribution);
    return true;
  }

  // After the scan: the top-level keys and [manifest].
  bool finish() {
    const Node& root = m_doc.root();
    bool ok = true;
    const Node* version = child_of(root, "version", Kind::integer, ok);
    const Node* packages = m_doc.get(root, "package");
    m_entries = &m_package;
    if (packages == nullptr && (packages = m_doc.get(root, "distribution")) != nullptr)
      m_entries = &m_distribution;
    if (!ok || (version == nullptr && packages == nullptr)) return false;
    // `package = [...]` (not [[package]] headers) was not streamed: toml++ reads it.
    if (packages != nullptr &&
        (packages->kind != Kind::array || !(packages->flags & ScannedToml::k_array_of_tables)))
      return false;
    if (version != nullptr) {
      if (version->value != "1") return false;  // a warning
      m_lock_version = std::string(version->value);
    }
    child_of(root, "revision", Kind::integer, ok);
    if (const Node* python = string_of(root, "requires-python", ok)) {
      if (specifiers(python->value) == nullptr) return false;
      m_requires_python = std::string(python->value);
    }
    if (!ok) return false;
    if (const Node* manifest = m_doc.get(root, "manifest")) {
      if (manifest->kind != Kind::table) return false;
      if (!read_manifest(*manifest)) return false;
    }
    return true;
  }

  // Room for `count` packages, so that the vector does not move them as it grows.
  void reserve(std::size_t count) { m_package.packages.reserve(count); }

  void move_to(Input& out) {
    if (m_lock_version) out.lock_version = std::move(*m_lock_version);
    if (m_requires_python) out.requires_python = std::move(*m_requires_python);
    append(out.declared, m_declared);
    append(out.constraints, m_constraints);
    append(out.overrides, m_overrides);
    append(out.packages, m_entries->packages);
    append(out.unversioned, m_entries->unversioned);
    append(out.declared, m_entries->declared);
  }

 private:
  // What the elements of one array of tables give.
  struct Entries {
    std::vector<Package> packages;
    std::vector<Package> unversioned;
    std::vector<Dependency> declared;  // the members' [package.metadata]
  };

  bool read_manifest(const Node& manifest) {
    if (const Node* requirements = m_doc.get(manifest, "requirements"))
      if (!read_requirement_list(*requirements, "", m_declared)) return false;
    if (const Node* constraints = m_doc.get(manifest, "constraints"))
      if (!read_requirement_list(*constraints, "", m_constraints)) return false;
    if (const Node* overrides = m_doc.get(manifest, "overrides"))
      if (!read_requirement_list(*overrides, "", m_overrides)) return false;
    bool ok = true;
    if (const Node* groups = child_of(manifest, "dependency-groups", Kind::table, ok)) {
      for (const Node* group : m_doc.sorted_children(*groups))
        if (!read_requirement_list(*group, std::string(group->key), m_declared)) return false;
    }
    return ok;
  }

  bool read_package(const Node& entry, Entries& entries) {
    Package package;
    const Node* version = nullptr;
    if (!start_entry(entry, package, version)) return false;
    bool ok = true;
    if (const Node* source = child_of(entry, "source", Kind::table, ok)) {
      for (auto kind : k_source_kinds) {
        if (m_doc.get(*source, kind) != nullptr) {
          package.source = std::string(kind);
          break;
        }
      }
    }
    if (const Node* python = string_of(entry, "requires-python", ok))
      package.requires_python = std::string(python->value);
    if (!ok) return false;

    // A fork applies where any of its resolution markers holds.
    std::vector<std::string> markers;
    if (const Node* list = m_doc.get(entry, "resolution-markers"))
      if (!strings_of(*list, markers)) return false;
    if (markers.size() == 1) {
      package.marker_text = std::move(markers.front());
    } else {
      for (const auto& marker : markers) {
        package.marker_text += package.marker_text.empty() ? "(" : " or (";
        package.marker_text += marker;
        package.marker_text += ')';
      }
    }
    if (!package.marker_text.empty() && marker(package.marker_text) == nullptr) return false;

    if (const Node* dependencies = m_doc.get(entry, "dependencies"))
      if (!read_edges(*dependencies, "", false, package)) return false;
    if (const Node* optional = child_of(entry, "optional-dependencies", Kind::table, ok)) {
      for (const Node* extra : m_doc.sorted_children(*optional))
        if (!read_edges(*extra, std::string(extra->key), true, package)) return false;
    }
    if (const Node* dev = child_of(entry, "dev-dependencies", Kind::table, ok)) {
      for (const Node* group : m_doc.sorted_children(*dev))
        if (!read_edges(*group, std::string(group->key), false, package)) return false;
    }
    if (const Node* metadata = child_of(entry, "metadata", Kind::table, ok)) {
      if (const Node* requires_dist = m_doc.get(*metadata, "requires-dist"))
        if (!read_requirement_list(*requires_dist, "", entries.declared)) return false;
      if (const Node* dev = child_of(*metadata, "requires-dev", Kind::table, ok)) {
        for (const Node* group : m_doc.sorted_children(*dev))
          if (!read_requirement_list(*group, std::string(group->key), entries.declared))
            return false;
      }
    }
    if (!ok) return false;

    if (version != nullptr) {
      entries.packages.push_back(std::move(package));
    } else {
      if (package.source == "registry") return false;  // "missing 'version'"
      entries.unversioned.push_back(std::move(package));
    }
    return true;
  }

  // dependencies = [{ name = "x", extra = ["a"], marker = "..." }, ...]
  bool read_edges(const Node& list, const std::string& group, bool optional, Package& package) {
    if (list.kind != Kind::array) return false;
    package.dependencies.reserve(package.dependencies.size() + list.count);
    for (auto i = list.first; i != ScannedToml::k_none; i = m_doc.node(i).next) {
      Dependency dependency;
      if (!read_dependency(m_doc.node(i), dependency)) return false;
      dependency.group = group;
      dependency.optional = optional;
      package.dependencies.push_back(std::move(dependency));
    }
    return true;
  }

  bool read_requirement_list(const Node& list, const std::string& group,
                             std::vector<Dependency>& out) {
    if (list.kind != Kind::array) return false;
    for (auto i = list.first; i != ScannedToml::k_none; i = m_doc.node(i).next) {
      Dependency dependency;
      if (!read_dependency(m_doc.node(i), dependency)) return false;
      dependency.optional = dependency.marker && dependency.marker->mentions("extra");
      // requires-dist names an optional requirement's extra only in its marker.
      dependency.group = group.empty() && dependency.optional
                             ? pep508::extra_named(dependency.marker_text)
                             : group;
      out.push_back(std::move(dependency));
    }
    return true;
  }

  // { name, specifier?, marker?, extra? | extras?, url? | git? | path? | editable? | directory? }
  bool read_dependency(const Node& node, Dependency& dependency) {
    if (node.kind != Kind::table) return false;
    bool ok = true;
    const Node* name = string_of(node, "name", ok);
    if (name == nullptr) return false;  // missing, or not a string
    dependency.name = normalized_name(name->value);
    dependency.where = m_doc.where(node, m_path);
    if (const Node* specifier = string_of(node, "specifier", ok)) {
      dependency.specifier_text = std::string(specifier->value);
      const auto* parsed = specifiers(specifier->value);
      if (parsed == nullptr) return false;
      dependency.specifiers = *parsed;
    }
    if (const Node* marker_node = string_of(node, "marker", ok)) {
      dependency.marker_text = std::string(marker_node->value);
      const auto* parsed = marker(dependency.marker_text);
      if (parsed == nullptr) return false;
      dependency.marker = *parsed;
    }
    if (!ok) return false;
    const bool has_extra = m_doc.get(node, "extra") != nullptr;
    if (const Node* extras = m_doc.get(node, has_extra ? "extra" : "extras"))
      if (!strings_of(*extras, dependency.extras)) return false;
    if (const Node* version = m_doc.get(node, "version"); version && version->kind == Kind::string)
      dependency.locked_version = std::string(version->value);
    for (std::string_view key : {"url", "git", "path", "editable", "directory"}) {
      const Node* url = m_doc.get(node, key);
      if (url != nullptr && url->kind == Kind::string) {
        dependency.url = std::string(url->value);
        break;
      }
    }
    return true;
  }

  Entries m_package;
  Entries m_distribution;
  Entries* m_entries = &m_package;        // the one the toml++ reader would read
  std::vector<Dependency> m_declared;     // [manifest] requirements and dependency-groups
  std::vector<Dependency> m_constraints;  // [manifest] constraints
  std::vector<Dependency> m_overrides;    // [manifest] overrides
  std::optional<std::string> m_lock_version;
  std::optional<std::string> m_requires_python;
};

}  // namespace

bool fast_read_uv_lock(std::string_view text, const std::string& path, Input& out) {
  return run_fast_reader<FastUvReader>(text, path, out);
}

}  // namespace depcheck::readers
