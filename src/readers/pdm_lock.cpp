// pdm.lock (lock_version 4.x; 3.x read best-effort):
//   [metadata] groups, strategy, lock_version, content_hash, [[metadata.targets]] requires_python
//   [[package]] name, version, requires_python, marker, groups, extras (the entry locks the
//     package with these extras: the same name and version can appear twice),
//     dependencies = ["PEP 508 string", ...], git/revision/ref, path, url, editable.
#include <algorithm>
#include <string>
#include <utility>

#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"
#include "readers/toml_support.hpp"

namespace depcheck::readers {
namespace {

class PdmLockReader {
 public:
  PdmLockReader(TomlDocument& doc, Input& out) : m_doc(doc), m_out(out) {}

  void read() {
    const auto* metadata = m_doc.top_table("metadata");
    const auto* packages = m_doc.top_array("package");
    if (metadata == nullptr && packages == nullptr) {
      if (m_doc.empty()) {
        m_doc.warning("no packages: the file is empty");
        return;
      }
      throw FatalError("not a pdm.lock: no [[package]] entries and no [metadata] table",
                       Location{m_doc.path()});
    }
    if (metadata != nullptr) read_metadata(*metadata);
    if (packages == nullptr) return;
    for (std::size_t i = 0; i < packages->size(); ++i) read_package(*packages->get(i), i);
  }

 private:
  void read_metadata(const toml::table& metadata) {
    for (auto& group : m_doc.get_strings(metadata, "groups", "metadata"))
      m_out.locked_groups.push_back(pep508::normalize_name(group));
    if (const auto* version = m_doc.get_or_fatal<toml::value<std::string>>(metadata, "lock_version",
                                                                           "metadata", "string")) {
      m_out.lock_version = version->get();
      if (!version->get().starts_with("4."))
        m_doc.warning(*version, "unknown lock_version '" + version->get() +
                                    "' (known: 4.x): read on a best-effort basis");
    }
    // One target per environment PDM locked for; their python ranges are alternatives.
    const auto* targets = m_doc.get_or_fatal<toml::array>(metadata, "targets", "metadata", "array");
    if (targets == nullptr) return;
    std::vector<std::string> pythons;
    for (std::size_t i = 0; i < targets->size(); ++i) {
      const auto* target = targets->get(i)->as_table();
      if (target == nullptr) continue;
      if (const auto* python =
              m_doc.get_string(*target, "requires_python", key_path("metadata.targets", i))) {
        m_doc.specifiers(*python, python->get());
        if (std::find(pythons.begin(), pythons.end(), python->get()) == pythons.end())
          pythons.push_back(python->get());
      }
    }
    for (const auto& python : pythons)
      m_out.requires_python += (m_out.requires_python.empty() ? "" : " || ") + python;
  }

  void read_package(const toml::node& node, std::size_t index) {
    const std::string entry_path = key_path("package", index);
    Package package;
    bool has_version = false;
    if (!m_doc.start_entry(node, entry_path, package, has_version)) return;
    const auto& entry = *node.as_table();

    if (const auto* python = m_doc.get_string(entry, "requires_python", entry_path))
      package.requires_python = python->get();
    if (const auto* marker = m_doc.get_string(entry, "marker", entry_path)) {
      package.marker_text = marker->get();
      m_doc.marker(*marker, marker->get());
    }
    package.groups = m_doc.get_strings(entry, "groups", entry_path);

    package.source = "registry";
    if (entry.contains("git") || entry.contains("hg") || entry.contains("svn") ||
        entry.contains("bzr")) {
      package.source = "git";
    } else if (entry.contains("path")) {
      package.source = m_doc.get_bool(entry, "editable", entry_path) ? "editable" : "path";
    } else if (entry.contains("url")) {
      package.source = "url";
    }

    if (const auto* dependencies = m_doc.get_array(entry, "dependencies", entry_path)) {
      const auto dependencies_path = key_path(entry_path, "dependencies");
      for (std::size_t i = 0; i < dependencies->size(); ++i)
        read_dependency(*dependencies->get(i), key_path(dependencies_path, i), package);
    }

    if (has_version) {
      m_out.packages.push_back(std::move(package));
    } else {
      if (package.source == "registry")
        m_doc.error(node, "missing 'version' in '" + entry_path + "'");
      m_out.unversioned.push_back(std::move(package));
    }
  }

  void read_dependency(const toml::node& node, const std::string& path, Package& package) {
    const auto* text = node.as_string();
    if (text == nullptr) {
      m_doc.error(node, TomlDocument::type_message(node, "string", path));
      return;
    }
    auto requirement = pep508::parse_requirement(text->get());
    if (!requirement) {
      m_doc.error(node, requirement.error() + " in '" + path + "'");
      return;
    }
    Dependency dependency;
    dependency.name = pep508::normalize_name(requirement->name);
    dependency.specifier_text = requirement->specifiers.str();
    dependency.specifiers = std::move(requirement->specifiers);
    dependency.extras = std::move(requirement->extras);
    dependency.url = std::move(requirement->url);
    if (requirement->marker) {
      dependency.marker_text = requirement->marker->str();
      dependency.marker = std::move(requirement->marker);
    }
    dependency.where = m_doc.where(node);
    package.dependencies.push_back(std::move(dependency));
  }

  TomlDocument& m_doc;
  Input& m_out;
};

}  // namespace

void read_pdm_lock(std::string_view text, const std::string& path, Input& out, Diagnostics& diags) {
  if (out.path.empty()) out.path = path;
  if (out.format.empty()) out.format = "pdm.lock";
  TomlDocument doc(text, path, diags);
  PdmLockReader(doc, out).read();
}

}  // namespace depcheck::readers
