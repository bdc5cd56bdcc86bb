// pylock.toml / pylock.<name>.toml (PEP 751, lock-version 1.0):
//   lock-version, environments, requires-python, extras, dependency-groups, default-groups,
//   created-by, [[packages]] name, version (optional: absent for source trees), marker,
//   requires-python, dependencies = [{ name, ... }] (references, no specifiers), index,
//   vcs | directory | archive | sdist | wheels, [tool].
// Entries may also be inline tables of a `packages = [...]` array.
#include <string>
#include <utility>

#include "depcheck/pep508/marker.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"
#include "readers/toml_support.hpp"

namespace depcheck::readers {
namespace {

class PylockReader {
 public:
  PylockReader(TomlDocument& doc, Input& out) : m_doc(doc), m_out(out) {}

  void read() {
    const auto& root = m_doc.root();
    const auto* version =
        m_doc.get_or_fatal<toml::value<std::string>>(root, "lock-version", "", "string");
    const auto* packages = m_doc.top_array("packages");
    if (version == nullptr && packages == nullptr) {
      if (m_doc.empty()) {
        m_doc.warning("no packages: the file is empty");
        return;
      }
      throw FatalError("not a pylock.toml: no 'lock-version' key and no [[packages]] entries",
                       Location{m_doc.path()});
    }
    if (version == nullptr) {
      m_doc.warning("missing 'lock-version' (PEP 751 requires it): read as 1.0");
    } else {
      m_out.lock_version = version->get();
      if (version->get() != "1.0")
        m_doc.warning(*version, "unknown lock-version '" + version->get() +
                                    "' (known: 1.0): read on a best-effort basis");
    }
    if (const auto* python =
            m_doc.get_or_fatal<toml::value<std::string>>(root, "requires-python", "", "string")) {
      m_out.requires_python = python->get();
      m_doc.specifiers(*python, python->get());
    }
    if (packages == nullptr) return;
    for (std::size_t i = 0; i < packages->size(); ++i) read_package(*packages->get(i), i);
  }

 private:
  void read_package(const toml::node& node, std::size_t index) {
    const std::string entry_path = key_path("packages", index);
    Package package;
    bool has_version = false;
    if (!m_doc.start_entry(node, entry_path, package, has_version)) return;
    const auto& entry = *node.as_table();

    if (const auto* python = m_doc.get_string(entry, "requires-python", entry_path)) {
      package.requires_python = python->get();
      m_doc.specifiers(*python, python->get());
    }
    if (const auto* marker = m_doc.get_string(entry, "marker", entry_path)) {
      package.marker_text = marker->get();
      // PEP 751 markers may test `extras` and `dependency_groups`.
      auto parsed = pep508::parse_marker(marker->get(), pep508::MarkerContext::lock_file);
      if (!parsed) m_doc.error(*marker, parsed.error());
    }
    package.source = source_of(entry, entry_path);

    if (const auto* dependencies = m_doc.get_array(entry, "dependencies", entry_path)) {
      const auto dependencies_path = key_path(entry_path, "dependencies");
      for (std::size_t i = 0; i < dependencies->size(); ++i) {
        const auto& item = *dependencies->get(i);
        const auto* reference = item.as_table();
        if (reference == nullptr) {
          m_doc.error(item,
                      TomlDocument::type_message(item, "table", key_path(dependencies_path, i)));
          continue;
        }
        // A reference to another [[packages]] entry: it names the package, never a range.
        if (const auto* name = reference->get_as<std::string>("name")) {
          Dependency dependency;
          dependency.name = pep508::normalize_name(name->get());
          dependency.where = m_doc.where(item);
          package.dependencies.push_back(std::move(dependency));
        }
      }
    }

    if (has_version) {
      m_out.packages.push_back(std::move(package));
    } else {
      m_out.unversioned.push_back(std::move(package));
    }
  }

  std::string source_of(const toml::table& entry, const std::string& entry_path) {
    if (const auto* vcs = m_doc.get_table(entry, "vcs", entry_path)) {
      const auto* type = vcs->get_as<std::string>("type");
      return type == nullptr || type->get() == "git" ? "git" : "vcs";
    }
    if (const auto* directory = m_doc.get_table(entry, "directory", entry_path))
      return m_doc.get_bool(*directory, "editable", key_path(entry_path, "directory"))
                 ? "editable"
                 : "directory";
    if (const auto* archive = m_doc.get_table(entry, "archive", entry_path))
      return archive->contains("url") ? "url" : "path";
    return "registry";
  }

  TomlDocument& m_doc;
  Input& m_out;
};

}  // namespace

void read_pylock(std::string_view text, const std::string& path, Input& out, Diagnostics& diags) {
  if (out.path.empty()) out.path = path;
  if (out.format.empty()) out.format = "pylock.toml";
  TomlDocument doc(text, path, diags);
  PylockReader(doc, out).read();
}

}  // namespace depcheck::readers
