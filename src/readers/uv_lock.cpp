// uv.lock (version = 1, any revision; uv 0.2's pre-stable [[distribution]] too):
//   version, revision, requires-python, resolution-markers, [manifest] (members, requirements,
//   constraints, overrides, dependency-groups)
//   [[package]] name, version (absent for virtual roots and dynamic versions),
//     source = { registry | git | url | path | directory | editable | virtual = "..." },
//     resolution-markers (a fork: one name locked at several versions, each kept),
//     dependencies = [{ name, version?, source?, extra?, marker? }],
//     [package.optional-dependencies] extra = [...], [package.dev-dependencies] group = [...],
//     [package.metadata] requires-dist = [{ name, specifier?, marker?, extras? }] and
//     [package.metadata.requires-dev] group = [...]: what a workspace member declares.
// Dependency edges carry no specifier (the lock pins them); the declared requirements of the
// workspace members and [manifest] go to Input.declared, [manifest] constraints to
// Input.constraints.
#include <string>
#include <utility>

#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"
#include "readers/fast_toml_scanner.hpp"
#include "readers/toml_support.hpp"

namespace depcheck::readers {
namespace {

constexpr std::string_view k_source_kinds[] = {"registry",  "git",      "url",    "path",
                                               "directory", "editable", "virtual"};

class UvLockReader {
 public:
  UvLockReader(TomlDocument& doc, Input& out) : m_doc(doc), m_out(out) {}

  void read() {
    const auto& root = m_doc.root();
    const auto* version = m_doc.get_or_fatal<toml::value<int64_t>>(root, "version", "", "integer");
    std::string_view table_name = "package";
    const auto* packages = m_doc.top_array("package");
    if (packages == nullptr && root.contains("distribution")) {
      table_name = "distribution";  // uv 0.2.x
      packages = m_doc.top_array("distribution");
    }
    if (version == nullptr && packages == nullptr) {
      if (m_doc.empty()) {
        m_doc.warning("no packages: the file is empty");
        return;
      }
      throw FatalError("not a uv.lock: no 'version' key and no [[package]] entries",
                       Location{m_doc.path()});
    }
    if (version != nullptr) {
      m_out.lock_version = std::to_string(version->get());
      if (version->get() != 1)
        m_doc.warning(*version, "unknown version " + m_out.lock_version +
                                    " (known: 1): read on a best-effort basis");
    }
    m_doc.get_or_fatal<toml::value<int64_t>>(root, "revision", "", "integer");
    if (const auto* python =
            m_doc.get_or_fatal<toml::value<std::string>>(root, "requires-python", "", "string")) {
      m_out.requires_python = python->get();
      m_doc.specifiers(*python, python->get());
    }
    if (const auto* manifest = m_doc.top_table("manifest")) read_manifest(*manifest);
    if (packages == nullptr) return;
    for (std::size_t i = 0; i < packages->size(); ++i)
      read_package(*packages->get(i), key_path(table_name, i));
  }

 private:
  void read_manifest(const toml::table& manifest) {
    read_requirements(manifest, "requirements", "manifest", "", m_out.declared);
    read_requirements(manifest, "constraints", "manifest", "", m_out.constraints);
    read_requirements(manifest, "overrides", "manifest", "", m_out.overrides);
    if (const auto* groups = m_doc.get_table(manifest, "dependency-groups", "manifest")) {
      for (const auto& [group, value] : *groups)
        read_requirement_list(value, key_path("manifest.dependency-groups", group.str()),
                              std::string(group.str()), m_out.declared);
    }
  }

  void read_package(const toml::node& node, const std::string& entry_path) {
    Package package;
    bool has_version = false;
    if (!m_doc.start_entry(node, entry_path, package, has_version)) return;
    const auto& entry = *node.as_table();

    if (const auto* source = m_doc.get_table(entry, "source", entry_path)) {
      for (auto kind : k_source_kinds) {
        if (source->contains(kind)) {
          package.source = kind;
          break;
        }
      }
    }
    if (const auto* python = m_doc.get_string(entry, "requires-python", entry_path))
      package.requires_python = python->get();
    // A fork applies where any of its resolution markers holds.
    const auto markers = m_doc.get_strings(entry, "resolution-markers", entry_path);
    if (markers.size() == 1) {
      package.marker_text = markers.front();
    } else {
      for (const auto& marker : markers)
        package.marker_text += (package.marker_text.empty() ? "(" : " or (") + marker + ")";
    }
    if (!package.marker_text.empty())
      m_doc.marker(*entry.get("resolution-markers"), package.marker_text);

    if (const auto* dependencies = entry.get("dependencies"))
      read_edges(*dependencies, key_path(entry_path, "dependencies"), "", false, package);
    if (const auto* optional = m_doc.get_table(entry, "optional-dependencies", entry_path)) {
      for (const auto& [extra, value] : *optional)
        read_edges(value, key_path(key_path(entry_path, "optional-dependencies"), extra.str()),
                   std::string(extra.str()), true, package);
    }
    if (const auto* dev = m_doc.get_table(entry, "dev-dependencies", entry_path)) {
      for (const auto& [group, value] : *dev)
        read_edges(value, key_path(key_path(entry_path, "dev-dependencies"), group.str()),
                   std::string(group.str()), false, package);
    }

    if (const auto* metadata = m_doc.get_table(entry, "metadata", entry_path)) {
      const auto metadata_path = key_path(entry_path, "metadata");
      read_requirements(*metadata, "requires-dist", metadata_path, "", m_out.declared);
      if (const auto* dev = m_doc.get_table(*metadata, "requires-dev", metadata_path)) {
        for (const auto& [group, value] : *dev)
          read_requirement_list(value,
                                key_path(key_path(metadata_path, "requires-dev"), group.str()),
                                std::string(group.str()), m_out.declared);
      }
    }

    if (has_version) {
      m_out.packages.push_back(std::move(package));
    } else {
      if (package.source == "registry")
        m_doc.error(node, "missing 'version' in '" + entry_path + "'");
      m_out.unversioned.push_back(std::move(package));
    }
  }

  // dependencies = [{ name = "x", extra = ["a"], marker = "..." }, ...]
  void read_edges(const toml::node& node, const std::string& path, const std::string& group,
                  bool optional, Package& package) {
    const auto* list = node.as_array();
    if (list == nullptr) {
      m_doc.error(node, TomlDocument::type_message(node, "array", path));
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto dependency = read_dependency(*list->get(i), key_path(path, i));
      if (!dependency) continue;
      dependency->group = group;
      dependency->optional = optional;
      package.dependencies.push_back(std::move(*dependency));
    }
  }

  void read_requirements(const toml::table& parent, std::string_view key,
                         const std::string& parent_path, const std::string& group,
                         std::vector<Dependency>& out) {
    if (const auto* node = parent.get(key))
      read_requirement_list(*node, key_path(parent_path, key), group, out);
  }

  void read_requirement_list(const toml::node& node, const std::string& path,
                             const std::string& group, std::vector<Dependency>& out) {
    const auto* list = node.as_array();
    if (list == nullptr) {
      m_doc.error(node, TomlDocument::type_message(node, "array", path));
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto dependency = read_dependency(*list->get(i), key_path(path, i));
      if (!dependency) continue;
      dependency->optional = dependency->marker && dependency->marker->mentions("extra");
      // requires-dist names an optional requirement's extra only in its marker.
      dependency->group = group.empty() && dependency->optional
                              ? pep508::extra_named(dependency->marker_text)
                              : group;
      out.push_back(std::move(*dependency));
    }
  }

  // { name, specifier?, marker?, extra? | extras?, url? | git? | path? | editable? | directory? }
  std::optional<Dependency> read_dependency(const toml::node& node, const std::string& path) {
    const auto* table = node.as_table();
    if (table == nullptr) {
      m_doc.error(node, TomlDocument::type_message(node, "table", path));
      return std::nullopt;
    }
    const auto* name = m_doc.get_string(*table, "name", path);
    if (name == nullptr) {
      if (!table->contains("name")) m_doc.error(node, "missing 'name' in '" + path + "'");
      return std::nullopt;
    }
    Dependency dependency;
    dependency.name = pep508::normalize_name(name->get());
    dependency.where = m_doc.where(node);
    if (const auto* specifier = m_doc.get_string(*table, "specifier", path)) {
      dependency.specifier_text = specifier->get();
      if (auto parsed = m_doc.specifiers(*specifier, specifier->get()))
        dependency.specifiers = *parsed;
    }
    if (const auto* marker = m_doc.get_string(*table, "marker", path)) {
      dependency.marker_text = marker->get();
      dependency.marker = m_doc.marker(*marker, marker->get());
    }
    dependency.extras =
        m_doc.get_strings(*table, table->contains("extra") ? "extra" : "extras", path);
    // An edge names the version where the lock holds several of that name (forks).
    if (const auto* version = table->get_as<std::string>("version"))
      dependency.locked_version = version->get();
    for (std::string_view key : {"url", "git", "path", "editable", "directory"}) {
      if (const auto* url = table->get_as<std::string>(key)) {
        dependency.url = url->get();
        break;
      }
    }
    return dependency;
  }

  TomlDocument& m_doc;
  Input& m_out;
};

}  // namespace

void read_uv_lock(std::string_view text, const std::string& path, Input& out, Diagnostics& diags) {
  if (out.path.empty()) out.path = path;
  if (out.format.empty()) out.format = "uv.lock";
  // Machine-written locks take the fast path (fast_toml_scanner.hpp); the rest, and every file
  // with something to report, is read with toml++.
  if (fast_read_uv_lock(text, path, out)) return;
  read_uv_lock_toml(text, path, out, diags);
}

void read_uv_lock_toml(std::string_view text, const std::string& path, Input& out,
                       Diagnostics& diags) {
  if (out.path.empty()) out.path = path;
  if (out.format.empty()) out.format = "uv.lock";
  TomlDocument doc(text, path, diags);
  UvLockReader(doc, out).read();
}

}  // namespace depcheck::readers
