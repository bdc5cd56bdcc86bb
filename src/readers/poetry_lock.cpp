// poetry.lock: lock-version 1.1, 2.0 and 2.1, and the pre-1.0 files with [metadata.hashes].
//   [[package]] name, version, python-versions, markers (string, or a table per group),
//   groups (2.x) / category (1.x), [package.source] type = git|url|file|directory|legacy,
//   [package.dependencies] name = "constraint" | { version, markers, python, extras, optional, ...
//   } | [ {...}, {...} ] (one constraint per marker), [package.extras] extra = ["dep (>=1)"].
//   [metadata] lock-version, python-versions, content-hash.
// Constraints are written in poetry's own syntax; poetry_constraint.hpp translates them.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"
#include "readers/fast_toml_scanner.hpp"
#include "readers/poetry_constraint.hpp"
#include "readers/toml_support.hpp"

namespace depcheck::readers {
namespace {

constexpr std::string_view k_known_lock_versions[] = {"1.0", "1.1", "2.0", "2.1"};

class PoetryLockReader {
 public:
  PoetryLockReader(TomlDocument& doc, Input& out) : m_doc(doc), m_out(out) {}

  void read() {
    const auto* metadata = m_doc.top_table("metadata");
    const auto* packages = m_doc.top_array("package");
    if (metadata == nullptr && packages == nullptr) {
      if (m_doc.empty()) {
        m_doc.warning("no packages: the file is empty");
        return;
      }
      throw FatalError("not a poetry.lock: no [[package]] entries and no [metadata] table",
                       Location{m_doc.path()});
    }
    if (metadata != nullptr) read_metadata(*metadata);
    if (packages == nullptr) return;
    for (std::size_t i = 0; i < packages->size(); ++i) read_package(*packages->get(i), i);
  }

 private:
  void read_metadata(const toml::table& metadata) {
    if (const auto* version = m_doc.get_or_fatal<toml::value<std::string>>(metadata, "lock-version",
                                                                           "metadata", "string")) {
      m_out.lock_version = version->get();
      bool known = false;
      for (auto candidate : k_known_lock_versions) known = known || candidate == version->get();
      if (!known)
        m_doc.warning(*version, "unknown lock-version '" + version->get() +
                                    "' (known: 1.1, 2.0, 2.1): read on a best-effort basis");
    }
    if (const auto* python = m_doc.get_or_fatal<toml::value<std::string>>(
            metadata, "python-versions", "metadata", "string"))
      m_out.requires_python = python_versions(*python, "metadata.python-versions");
  }

  // python-versions in PEP 440 ("^3.8" -> ">=3.8,<4.0"; "*" -> "").
  std::string python_versions(const toml::value<std::string>& node, std::string_view path) {
    auto constraint = parse_poetry_constraint(node.get());
    if (!constraint) {
      m_doc.error(node, constraint.error() + " in '" + std::string(path) + "'");
      return node.get();
    }
    return constraint->str();
  }

  void read_package(const toml::node& node, std::size_t index) {
    const std::string entry_path = key_path("package", index);
    Package package;
    bool has_version = false;
    if (!m_doc.start_entry(node, entry_path, package, has_version)) return;
    const auto& entry = *node.as_table();

    if (const auto* python = m_doc.get_string(entry, "python-versions", entry_path))
      package.requires_python = python_versions(*python, key_path(entry_path, "python-versions"));
    read_package_markers(entry, entry_path, package);
    package.groups = m_doc.get_strings(entry, "groups", entry_path);
    drop_marker_if_a_group_has_none(package);
    if (package.groups.empty())
      if (const auto* category = m_doc.get_string(entry, "category", entry_path))
        package.groups.push_back(category->get());

    package.source = "registry";
    if (const auto* source = m_doc.get_table(entry, "source", entry_path)) {
      const auto source_path = key_path(entry_path, "source");
      if (const auto* type = m_doc.get_string(*source, "type", source_path)) {
        const auto& kind = type->get();
        if (kind == "git" || kind == "url") {
          package.source = kind;
        } else if (kind == "file") {
          package.source = "path";
        } else if (kind == "directory") {
          package.source = m_doc.get_bool(entry, "develop", entry_path) ? "editable" : "directory";
        }
      }
    }

    const auto optional_groups = extras_of(entry, entry_path);
    if (const auto* dependencies = m_doc.get_table(entry, "dependencies", entry_path)) {
      const auto dependencies_path = key_path(entry_path, "dependencies");
      for (const auto& [key, value] : *dependencies)
        read_dependency(key.str(), value, key_path(dependencies_path, key.str()), optional_groups,
                        package);
    }

    if (has_version) {
      m_out.packages.push_back(std::move(package));
    } else {
      if (package.source == "registry")
        m_doc.error(node, "missing 'version' in '" + entry_path + "'");
      m_out.unversioned.push_back(std::move(package));
    }
  }

  // `markers` is a string, or (2.x with groups) a table of group -> marker; the package is
  // needed when any of them holds. Pre-1.0 files call it `marker`.
  // Poetry 2.x writes a marker only for the groups that need one: a group listed in `groups`
  // without an entry in the `markers` table installs the package unconditionally.
  void drop_marker_if_a_group_has_none(Package& package) {
    for (const auto& group : package.groups)
      if (!m_marked_groups.empty() &&
          std::find(m_marked_groups.begin(), m_marked_groups.end(), group) == m_marked_groups.end())
        package.marker_text.clear();
    m_marked_groups.clear();
  }

  void read_package_markers(const toml::table& entry, const std::string& entry_path,
                            Package& package) {
    m_marked_groups.clear();
    const toml::node* node = entry.get("markers");
    if (node == nullptr) node = entry.get("marker");
    if (node == nullptr) return;
    if (const auto* text = node->as_string()) {
      package.marker_text = text->get();
    } else if (const auto* table = node->as_table()) {
      std::vector<std::string> markers;
      for (const auto& [group, value] : *table) {
        m_marked_groups.emplace_back(group.str());
        if (const auto* text = value.as_string()) {
          if (std::find(markers.begin(), markers.end(), text->get()) == markers.end())
            markers.push_back(text->get());
        } else {
          m_doc.error(value,
                      TomlDocument::type_message(
                          value, "string", key_path(key_path(entry_path, "markers"), group.str())));
        }
      }
      if (markers.size() == 1) {
        package.marker_text = markers.front();
      } else {
        for (const auto& marker : markers)
          package.marker_text += (package.marker_text.empty() ? "(" : " or (") + marker + ")";
      }
    } else {
      m_doc.error(*node, TomlDocument::type_message(*node, "string or table",
                                                    key_path(entry_path, "markers")));
      return;
    }
    if (!package.marker_text.empty()) m_doc.marker(*node, package.marker_text);
  }

  // [package.extras]: dependency name -> the first extra that pulls it in, which becomes the
  // group of an optional dependency. Entries read "name[extra] (>=1.0) ; marker".
  std::unordered_map<std::string, std::string> extras_of(const toml::table& entry,
                                                         const std::string& entry_path) {
    std::unordered_map<std::string, std::string> groups;
    const auto* extras = m_doc.get_table(entry, "extras", entry_path);
    if (extras == nullptr) return groups;
    const auto extras_path = key_path(entry_path, "extras");
    for (const auto& [extra, value] : *extras) {
      const auto* list = value.as_array();
      if (list == nullptr) {
        m_doc.error(value,
                    TomlDocument::type_message(value, "array", key_path(extras_path, extra.str())));
        continue;
      }
      for (const auto& item : *list) {
        const auto* text = item.as_string();
        if (text == nullptr) continue;
        const auto& spec = text->get();
        const auto end = spec.find_first_of(" [(<>=!~;");
        groups.emplace(pep508::normalize_name(spec.substr(0, end)), std::string(extra.str()));
      }
    }
    return groups;
  }

  void read_dependency(std::string_view name, const toml::node& value, const std::string& path,
                       const std::unordered_map<std::string, std::string>& optional_groups,
                       Package& package) {
    if (const auto* list = value.as_array()) {
      // Several constraints, each with its own markers.
      for (std::size_t i = 0; i < list->size(); ++i)
        read_one_dependency(name, *list->get(i), key_path(path, i), optional_groups, package);
      return;
    }
    read_one_dependency(name, value, path, optional_groups, package);
  }

  void read_one_dependency(std::string_view name, const toml::node& value, const std::string& path,
                           const std::unordered_map<std::string, std::string>& optional_groups,
                           Package& package) {
    Dependency dependency;
    dependency.name = pep508::normalize_name(name);
    dependency.where = m_doc.where(value);
    const toml::value<std::string>* constraint_node = nullptr;
    std::string python_marker;
    if (const auto* text = value.as_string()) {
      constraint_node = text;
    } else if (const auto* table = value.as_table()) {
      constraint_node = m_doc.get_string(*table, "version", path);
      if (const auto* markers = m_doc.get_string(*table, "markers", path))
        dependency.marker_text = markers->get();
      if (const auto* python = m_doc.get_string(*table, "python", path)) {
        auto marker = poetry_python_marker(python->get());
        if (marker) {
          python_marker = *marker;
        } else {
          m_doc.error(*python, marker.error() + " in '" + key_path(path, "python") + "'");
        }
      }
      dependency.extras = m_doc.get_strings(*table, "extras", path);
      dependency.optional = m_doc.get_bool(*table, "optional", path);
      for (std::string_view key : {"git", "url", "path", "file"}) {
        if (const auto* url = table->get_as<std::string>(key)) {
          dependency.url = url->get();
          break;
        }
      }
    } else {
      m_doc.error(value, TomlDocument::type_message(value, "string, table or array", path));
      return;
    }

    if (constraint_node != nullptr) {
      auto constraint = parse_poetry_constraint(constraint_node->get());
      if (constraint) {
        constraint->apply_to(dependency);
      } else {
        // Keep the dependency with its text; the error makes the run fail.
        dependency.specifier_text = constraint_node->get();
        m_doc.error(*constraint_node, constraint.error() + " in '" + path + "'");
      }
    }

    if (!python_marker.empty()) {
      dependency.marker_text = dependency.marker_text.empty()
                                   ? python_marker
                                   : "(" + dependency.marker_text + ") and (" + python_marker + ")";
    }
    if (!dependency.marker_text.empty())
      dependency.marker = m_doc.marker(value, dependency.marker_text);

    if (dependency.optional) {
      const auto found = optional_groups.find(dependency.name);
      if (found != optional_groups.end()) dependency.group = found->second;
    }
    package.dependencies.push_back(std::move(dependency));
  }

  TomlDocument& m_doc;
  Input& m_out;
  std::vector<std::string> m_marked_groups;  // groups of the current package's `markers` table
};

}  // namespace

void read_poetry_lock(std::string_view text, const std::string& path, Input& out,
                      Diagnostics& diags) {
  if (out.path.empty()) out.path = path;
  if (out.format.empty()) out.format = "poetry.lock";
  // Machine-written locks take the fast path (fast_toml_scanner.hpp); the rest, and every file
  // with something to report, is read with toml++.
  if (fast_read_poetry_lock(text, path, out)) return;
  read_poetry_lock_toml(text, path, out, diags);
}

void read_poetry_lock_toml(std::string_view text, const std::string& path, Input& out,
                           Diagnostics& diags) {
  if (out.path.empty()) out.path = path;
  if (out.format.empty()) out.format = "poetry.lock";
  TomlDocument doc(text, path, diags);
  PoetryLockReader(doc, out).read();
}

}  // namespace depcheck::readers
