// pyproject.toml: the project's own declared constraints (Input::declared), from
//   [project] dependencies, optional-dependencies (group = the extra), requires-python  (PEP 621)
//   [dependency-groups] with {include-group = "..."}                                    (PEP 735)
//   [tool.poetry.dependencies], [tool.poetry.group.<g>.dependencies] and the legacy
//   [tool.poetry.dev-dependencies] (group "dev"), in Poetry's constraint syntax.
// A file that is not TOML is fatal; one bad entry is an error Diagnostic at its line.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"
#include "depcheck/util/text.hpp"
#include "readers/poetry_constraint.hpp"
#include "readers/toml_support.hpp"

namespace depcheck::readers {
namespace {

std::string parenthesize(const std::string& marker) {
  return marker.find(" or ") == std::string::npos ? marker : "(" + marker + ")";
}

std::string join_markers(const std::vector<std::string>& parts) {
  std::string joined;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    joined += (joined.empty() ? "" : " and ") + (parts.size() > 1 ? parenthesize(part) : part);
  }
  return joined;
}

class PyprojectReader {
 public:
  PyprojectReader(TomlDocument& doc, std::string_view text, Input& out, Diagnostics& diags)
      : m_doc(doc), m_text(text), m_out(out), m_diags(diags) {}

  // [project] (PEP 621).
  void read_project(const toml::table& project) {
    m_declared_in = DeclaredIn::project;
    if (const auto* name = m_doc.get_string(project, "name", "project"))
      m_out.project_name = pep508::normalize_name(name->get());
    for (const auto& field : m_doc.get_strings(project, "dynamic", "project"))
      if (field == "dependencies") m_out.dynamic_dependencies = true;
    if (const auto* python = m_doc.get_string(project, "requires-python", "project"))
      m_out.requires_python = python->get();
    if (const auto* dependencies = m_doc.get_array(project, "dependencies", "project"))
      read_requirement_array(*dependencies, "project.dependencies", "", false);
    if (const auto* extras = m_doc.get_table(project, "optional-dependencies", "project")) {
      for (const auto& [key, value] : *extras) {
        const auto path = key_path("project.optional-dependencies", key.str());
        const auto* array = value.as_array();
        if (array == nullptr) {
          m_doc.error(value, TomlDocument::type_message(value, "array", path));
          continue;
        }
        read_requirement_array(*array, path, pep508::normalize_name(key.str()), true);
      }
    }
  }

  // [dependency-groups] (PEP 735): each group is a list of requirement strings and
  // {include-group = "name"} tables. Group names compare normalized. Each requirement is
  // declared once, under the group that lists it; includes are checked (unknown group, cycle).
  void read_dependency_groups(const toml::table& groups) {
    m_declared_in = DeclaredIn::dependency_groups;
    struct Group {
      std::string key;
      const toml::array* entries = nullptr;
    };
    std::map<std::string, Group> by_name;
    for (const auto& [key, value] : groups) {
      const auto path = key_path("dependency-groups", key.str());
      const auto* array = value.as_array();
      if (array == nullptr) {
        m_doc.error(value, TomlDocument::type_message(value, "array", path));
        continue;
      }
      const auto name = pep508::normalize_name(key.str());
      const auto [it, inserted] = by_name.emplace(name, Group{std::string(key.str()), array});
      if (!inserted) {
        m_doc.error(value, "dependency group '" + std::string(key.str()) +
                               "' is defined twice (as '" + it->second.key + "' too)");
        continue;
      }
    }
    // Requirements, then includes.
    std::map<std::string, std::vector<std::pair<std::string, const toml::node*>>> includes;
    for (const auto& [name, group] : by_name) {
      const auto path = key_path("dependency-groups", group.key);
      for (std::size_t i = 0; i < group.entries->size(); ++i) {
        const auto& entry = *group.entries->get(i);
        const auto entry_path = key_path(path, i);
        if (const auto* text = entry.as_string()) {
          add_requirement(*text, entry_path, name, false);
          continue;
        }
        const auto* table = entry.as_table();
        if (table == nullptr) {
          m_doc.error(entry, TomlDocument::type_message(entry, "string or table", entry_path));
          continue;
        }
        const auto* include = m_doc.get_string(*table, "include-group", entry_path);
        if (include == nullptr) {
          if (table->get("include-group") == nullptr)
            m_doc.error(entry, "expected {include-group = \"...\"} in '" + entry_path + "'");
          continue;
        }
        if (table->size() != 1) {
          m_doc.error(entry, "unexpected key besides include-group in '" + entry_path + "'");
          continue;
        }
        const auto target = pep508::normalize_name(include->get());
        if (!by_name.count(target)) {
          m_doc.error(*include, "unknown dependency group '" + include->get() + "' in '" +
                                    key_path(entry_path, "include-group") + "'");
          continue;
        }
        includes[name].push_back({target, include});
      }
    }
    // Cycles: a depth-first walk; an include back into the walk's path closes one. Iterative,
    // with the path as an explicit stack: a chain of includes can be as long as the file.
    std::map<std::string, int> state;  // 0 unvisited, 1 on the path, 2 done
    struct Step {
      std::string name;
      std::size_t next = 0;  // the next include of `name` to follow
    };
    std::vector<Step> walk;
    for (const auto& [start, group] : by_name) {
      if (state[start] != 0) continue;
      state[start] = 1;
      walk.push_back({start});
      while (!walk.empty()) {
        auto& step = walk.back();
        const auto& edges = includes[step.name];
        if (step.next == edges.size()) {
          state[step.name] = 2;
          walk.pop_back();
          continue;
        }
        const auto& edge = edges[step.next++];
        const std::string& target = edge.first;
        const toml::node* node = edge.second;
        if (state[target] == 1) {
          std::string chain;
          const auto from = std::find_if(walk.begin(), walk.end(),
                                         [&](const Step& s) { return s.name == target; });
          for (auto it = from; it != walk.end(); ++it) chain += by_name[it->name].key + " -> ";
          m_doc.error(*node, "dependency group include cycle: " + chain + by_name[target].key);
        } else if (state[target] == 0) {
          state[target] = 1;
          walk.push_back({target});
        }
      }
    }
  }

  // [tool.poetry]: dependencies (python is the project's python), group.<g>.dependencies,
  // dev-dependencies.
  void read_poetry(const toml::table& poetry) {
    m_declared_in = DeclaredIn::poetry;
    if (const auto* name = m_doc.get_string(poetry, "name", "tool.poetry"))
      if (m_out.project_name.empty()) m_out.project_name = pep508::normalize_name(name->get());
    if (const auto* dependencies = m_doc.get_table(poetry, "dependencies", "tool.poetry"))
      read_poetry_dependencies(*dependencies, "tool.poetry.dependencies", "", true);
    if (const auto* groups = m_doc.get_table(poetry, "group", "tool.poetry")) {
      for (const auto& [key, value] : *groups) {
        const auto path = key_path("tool.poetry.group", key.str());
        const auto* group = value.as_table();
        if (group == nullptr) {
          m_doc.error(value, TomlDocument::type_message(value, "table", path));
          continue;
        }
        if (const auto* dependencies = m_doc.get_table(*group, "dependencies", path))
          read_poetry_dependencies(*dependencies, key_path(path, "dependencies"),
                                   std::string(key.str()), false);
      }
    }
    if (const auto* dev = m_doc.get_table(poetry, "dev-dependencies", "tool.poetry"))
      read_poetry_dependencies(*dev, "tool.poetry.dev-dependencies", "dev", false);
  }

  // [tool.uv]: dev-dependencies (the legacy dev group), override-dependencies (replace every
  // requirement on a name) and constraint-dependencies (narrow it).
  void read_uv(const toml::table& uv) {
    m_declared_in = DeclaredIn::uv;
    if (const auto* dev = m_doc.get_array(uv, "dev-dependencies", "tool.uv"))
      read_requirement_array(*dev, "tool.uv.dev-dependencies", "dev", false);
    if (const auto* overrides = m_doc.get_array(uv, "override-dependencies", "tool.uv"))
      read_requirement_array(*overrides, "tool.uv.override-dependencies", "", false,
                             &m_out.overrides);
    if (const auto* constraints = m_doc.get_array(uv, "constraint-dependencies", "tool.uv"))
      read_requirement_array(*constraints, "tool.uv.constraint-dependencies", "", false,
                             &m_out.constraints);
    if (const auto* workspace = m_doc.get_table(uv, "workspace", "tool.uv")) {
      m_out.workspace_members = m_doc.get_strings(*workspace, "members", "tool.uv.workspace");
      m_out.workspace_exclude = m_doc.get_strings(*workspace, "exclude", "tool.uv.workspace");
    }
  }

  // [tool.pdm]: dev-dependencies groups and [tool.pdm.resolution] overrides (name = specifier).
  void read_pdm(const toml::table& pdm) {
    m_declared_in = DeclaredIn::pdm;
    if (const auto* dev = m_doc.get_table(pdm, "dev-dependencies", "tool.pdm")) {
      for (const auto& [key, value] : *dev) {
        const auto path = key_path("tool.pdm.dev-dependencies", key.str());
        if (const auto* array = value.as_array()) {
          read_requirement_array(*array, path, pep508::normalize_name(key.str()), false);
        } else {
          m_doc.error(value, TomlDocument::type_message(value, "array", path));
        }
      }
    }
    const auto* resolution = m_doc.get_table(pdm, "resolution", "tool.pdm");
    if (resolution == nullptr) return;
    // excludes: PDM drops these names from every dependent's requirements; the project pins
    // them itself. For the checks that is an override that allows any version.
    for (const auto& name : m_doc.get_strings(*resolution, "excludes", "tool.pdm.resolution")) {
      Dependency dependency;
      dependency.name = pep508::normalize_name(name);
      dependency.declared_in = DeclaredIn::pdm;
      if (const auto* node = resolution->get("excludes")) dependency.where = m_doc.where(*node);
      m_out.overrides.push_back(std::move(dependency));
    }
    const auto* overrides = m_doc.get_table(*resolution, "overrides", "tool.pdm.resolution");
    if (overrides == nullptr) return;
    for (const auto& [key, value] : *overrides) {
      const auto path = key_path("tool.pdm.resolution.overrides", key.str());
      const auto* text = value.as_string();
      if (text == nullptr) {
        m_doc.error(value, TomlDocument::type_message(value, "string", path));
        continue;
      }
      // A bare version pins it; "" or "*" leaves it free; a URL replaces the source.
      auto spec = std::string(util::trim(text->get()));
      if (!spec.empty() && spec != "*" && std::isdigit(static_cast<unsigned char>(spec[0])))
        spec = "==" + spec;
      if (spec == "*") spec.clear();
      Dependency dependency;
      dependency.name = pep508::normalize_name(key.str());
      dependency.declared_in = DeclaredIn::pdm;
      dependency.where = m_doc.where(value);
      if (spec.find("://") != std::string::npos) {
        dependency.url = spec;
      } else {
        auto set = pep440::parse_specifier_set(spec);
        if (!set) {
          m_doc.error(value, set.error() + " in '" + path + "'");
          continue;
        }
        dependency.specifier_text = set->str();
        dependency.specifiers = *set;
      }
      m_out.overrides.push_back(std::move(dependency));
    }
  }

 private:
  void read_requirement_array(const toml::array& array, const std::string& path,
                              const std::string& group, bool optional,
                              std::vector<Dependency>* into = nullptr) {
    for (std::size_t i = 0; i < array.size(); ++i) {
      const auto& entry = *array.get(i);
      const auto entry_path = key_path(path, i);
      if (const auto* text = entry.as_string()) {
        add_requirement(*text, entry_path, group, optional, into);
      } else {
        m_doc.error(entry, TomlDocument::type_message(entry, "string", entry_path));
      }
    }
  }

  // One PEP 508 requirement string.
  void add_requirement(const toml::value<std::string>& node, const std::string& path,
                       const std::string& group, bool optional,
                       std::vector<Dependency>* into = nullptr) {
    const std::string& text = node.get();
    // PDM's editable local projects ("-e file:///${PROJECT_ROOT}/libs/x") in its groups: a path
    // of the project's own, not a requirement on a released package.
    if (m_declared_in != DeclaredIn::project && util::trim(text).starts_with("-e ")) return;
    pep508::SyntaxErrorDetail detail;
    auto requirement = pep508::parse_requirement(text, &detail);
    if (!requirement) {
      // packaging's caret, inside the string when it is written as is on one line
      auto where = m_doc.where(node);
      const auto line = util::line_at(m_text, where.line);
      const auto start = static_cast<std::size_t>(where.column);  // just after the quote
      if (start >= 1 && start <= line.size() && line.substr(start).starts_with(text) &&
          (line[start - 1] == '"' || line[start - 1] == '\''))
        where.column += 1 + static_cast<int>(detail.end);
      m_diags.push_back(
          {Severity::error, requirement.error() + " in '" + path + "'", where, std::string(line)});
      return;
    }
    Dependency dependency;
    dependency.name = pep508::normalize_name(requirement->name);
    dependency.specifier_text = requirement->specifiers.str();
    dependency.specifiers = requirement->specifiers;
    dependency.extras = requirement->extras;
    dependency.url = requirement->url;
    if (requirement->marker) {
      dependency.marker = requirement->marker;
      dependency.marker_text = requirement->marker->str();
    }
    dependency.group = group;
    dependency.optional = optional;
    dependency.declared_in = m_declared_in;
    dependency.where = m_doc.where(node);
    (into ? *into : m_out.declared).push_back(std::move(dependency));
  }

  void read_poetry_dependencies(const toml::table& dependencies, const std::string& path,
                                const std::string& group, bool main) {
    for (const auto& [key, value] : dependencies) {
      const auto entry_path = key_path(path, key.str());
      if (main && key.str() == "python") {
        if (const auto* text = value.as_string()) {
          auto constraint = parse_poetry_constraint(text->get());
          if (!constraint) {
            m_doc.error(value, constraint.error() + " in '" + entry_path + "'");
          } else if (m_out.requires_python.empty()) {
            m_out.requires_python = constraint->str();  // [project] requires-python comes first
          }
        } else {
          m_doc.error(value, TomlDocument::type_message(value, "string", entry_path));
        }
        continue;
      }
      if (const auto* alternatives = value.as_array()) {
        // Multiple constraints: one entry per marker/python range.
        for (std::size_t i = 0; i < alternatives->size(); ++i)
          add_poetry_dependency(key.str(), *alternatives->get(i), key_path(entry_path, i), group);
      } else {
        add_poetry_dependency(key.str(), value, entry_path, group);
      }
    }
  }

  // `name = "^1.2"` or `name = {version = "^1.2", markers = "...", python = "^3.8",
  // platform = "linux", extras = [...], optional = true}` or a git/url/path/file source.
  void add_poetry_dependency(std::string_view name, const toml::node& value,
                             const std::string& path, const std::string& group) {
    Dependency dependency;
    dependency.name = pep508::normalize_name(name);
    dependency.group = group;
    dependency.declared_in = DeclaredIn::poetry;
    dependency.where = m_doc.where(value);
    const toml::value<std::string>* constraint_node = nullptr;
    std::vector<std::string> markers;
    if (const auto* text = value.as_string()) {
      constraint_node = text;
    } else if (const auto* table = value.as_table()) {
      constraint_node = m_doc.get_string(*table, "version", path);
      if (const auto* marker = m_doc.get_string(*table, "markers", path))
        markers.push_back(marker->get());
      if (const auto* python = m_doc.get_string(*table, "python", path)) {
        auto marker = poetry_python_marker(python->get());
        if (marker) {
          markers.push_back(*marker);
        } else {
          m_doc.error(*python, marker.error() + " in '" + key_path(path, "python") + "'");
        }
      }
      if (const auto* platform = m_doc.get_string(*table, "platform", path))
        markers.push_back("sys_platform == \"" + platform->get() + "\"");
      dependency.extras = m_doc.get_strings(*table, "extras", path);
      dependency.optional = m_doc.get_bool(*table, "optional", path);
      for (std::string_view key : {"git", "url", "path", "file"}) {
        if (const auto* url = m_doc.get_string(*table, key, path)) {
          dependency.url = url->get();
          if (key == "git") {
            // as pip would name it: git+URL@ref#subdirectory=dir
            dependency.url = "git+" + dependency.url;
            for (std::string_view ref : {"rev", "tag", "branch"})
              if (const auto* value = m_doc.get_string(*table, ref, path)) {
                dependency.url += "@" + value->get();
                break;
              }
            if (const auto* subdirectory = m_doc.get_string(*table, "subdirectory", path))
              dependency.url += "#subdirectory=" + subdirectory->get();
          }
          break;
        }
      }
      if (constraint_node == nullptr && dependency.url.empty()) {
        if (table->get("version") == nullptr)
          m_doc.error(value, "no version, git, url, path or file in '" + path + "'");
        return;
      }
    } else {
      m_doc.error(value, TomlDocument::type_message(value, "string, table or array", path));
      return;
    }

    if (constraint_node != nullptr) {
      auto constraint = parse_poetry_constraint(constraint_node->get());
      if (!constraint) {
        m_doc.error(*constraint_node, constraint.error() + " in '" + path + "'");
        return;
      }
      constraint->apply_to(dependency);
    }
    dependency.marker_text = join_markers(markers);
    if (!dependency.marker_text.empty()) {
      auto marker = pep508::parse_marker(dependency.marker_text);
      if (!marker) {
        m_doc.error(value, marker.error() + " in '" + path + "'");
        return;
      }
      dependency.marker = *marker;
    }
    m_out.declared.push_back(std::move(dependency));
  }

  TomlDocument& m_doc;
  std::string_view m_text;
  Input& m_out;
  Diagnostics& m_diags;
  DeclaredIn m_declared_in = DeclaredIn::project;
};

bool before(const Location& a, const Location& b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

}  // namespace

void read_pyproject(std::string_view text, const std::string& path, Input& out,
                    Diagnostics& diags) {
  if (out.path.empty()) out.path = path;
  if (out.format.empty()) out.format = "pyproject.toml";
  const auto first_diag = diags.size();
  TomlDocument doc(text, path, diags);
  PyprojectReader reader(doc, text, out, diags);
  if (const auto* project = doc.top_table("project")) reader.read_project(*project);
  if (const auto* groups = doc.top_table("dependency-groups"))
    reader.read_dependency_groups(*groups);
  if (const auto* tool = doc.top_table("tool")) {
    if (const auto* poetry = doc.get_table(*tool, "poetry", "tool")) reader.read_poetry(*poetry);
    if (const auto* uv = doc.get_table(*tool, "uv", "tool")) reader.read_uv(*uv);
    if (const auto* pdm = doc.get_table(*tool, "pdm", "tool")) reader.read_pdm(*pdm);
  }
  // toml++ keeps a table's keys sorted: put entries and messages back in file order.
  std::stable_sort(
      out.declared.begin(), out.declared.end(),
      [](const Dependency& a, const Dependency& b) { return before(a.where, b.where); });
  std::stable_sort(
      diags.begin() + static_cast<std::ptrdiff_t>(first_diag), diags.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return before(a.where, b.where); });
}

}  // namespace depcheck::readers
