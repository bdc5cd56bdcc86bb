#pragma once
// Comparisons for the fast TOML path (src/readers/fast_toml_scanner.hpp), shared by
// test_fast_scanner.cpp and the differential fuzz target:
//   - tree_differences(): the scanned tree against toml++'s for the same text (keys, types,
//     values, positions);
//   - input_differences(), diagnostic_differences(): two readers' results, field by field.
// Each returns one line per difference ("packages[3].where.column: 5 != 7"); empty = equal.
#include <toml++/toml.h>

#include <string>
#include <vector>

#include "depcheck/diagnostic.hpp"
#include "depcheck/inventory.hpp"
#include "readers/fast_toml_scanner.hpp"

namespace depcheck::test {

class DifferenceList {
 public:
  template <class T>
  void check(const std::string& field, const T& a, const T& b) {
    if (!(a == b)) m_lines.push_back(field + ": " + show(a) + " != " + show(b));
  }
  void add(std::string line) { m_lines.push_back(std::move(line)); }
  std::vector<std::string> take() { return std::move(m_lines); }
  bool full() const { return m_lines.size() >= 50; }

 private:
  static std::string show(const std::string& text) { return "'" + text + "'"; }
  static std::string show(bool value) { return value ? "true" : "false"; }
  static std::string show(int value) { return std::to_string(value); }
  static std::string show(std::size_t value) { return std::to_string(value); }
  static std::string show(const std::vector<std::string>& list) {
    std::string text = "[";
    for (const auto& item : list) text += (text.size() > 1 ? ", '" : "'") + item + "'";
    return text + "]";
  }
  std::vector<std::string> m_lines;
};

inline void compare_location(DifferenceList& out, const std::string& field, const Location& a,
                             const Location& b) {
  out.check(field + ".path", a.path, b.path);
  out.check(field + ".line", a.line, b.line);
  out.check(field + ".column", a.column, b.column);
}

inline void compare_dependency(DifferenceList& out, const std::string& field, const Dependency& a,
                               const Dependency& b) {
  out.check(field + ".name", a.name, b.name);
  out.check(field + ".specifier_text", a.specifier_text, b.specifier_text);
  out.check(field + ".specifiers", a.specifiers.str(), b.specifiers.str());
  out.check(field + ".specifiers.size", a.specifiers.specifiers.size(),
            b.specifiers.specifiers.size());
  out.check(field + ".any_of.size", a.any_of.size(), b.any_of.size());
  for (std::size_t i = 0; i < std::min(a.any_of.size(), b.any_of.size()); ++i)
    out.check(field + ".any_of[" + std::to_string(i) + "]", a.any_of[i].str(), b.any_of[i].str());
  out.check(field + ".marker_text", a.marker_text, b.marker_text);
  out.check(field + ".marker.has_value", a.marker.has_value(), b.marker.has_value());
  if (a.marker && b.marker) out.check(field + ".marker", a.marker->str(), b.marker->str());
  out.check(field + ".extras", a.extras, b.extras);
  out.check(field + ".optional", a.optional, b.optional);
  out.check(field + ".group", a.group, b.group);
  out.check(field + ".url", a.url, b.url);
  out.check(field + ".locked_version", a.locked_version, b.locked_version);
  compare_location(out, field + ".where", a.where, b.where);
}

inline void compare_dependencies(DifferenceList& out, const std::string& field,
                                 const std::vector<Dependency>& a,
                                 const std::vector<Dependency>& b) {
  out.check(field + ".size", a.size(), b.size());
  for (std::size_t i = 0; i < std::min(a.size(), b.size()) && !out.full(); ++i)
    compare_dependency(out, field + "[" + std::to_string(i) + "]", a[i], b[i]);
}

inline void compare_package(DifferenceList& out, const std::string& field, const Package& a,
                            const Package& b) {
  out.check(field + ".name", a.name, b.name);
  out.check(field + ".display_name", a.display_name, b.display_name);
  out.check(field + ".version_text", a.version_text, b.version_text);
  out.check(field + ".version.has_value", a.version.has_value(), b.version.has_value());
  if (a.version && b.version) out.check(field + ".version", a.version->str(), b.version->str());
  compare_location(out, field + ".where", a.where, b.where);
  compare_dependencies(out, field + ".dependencies", a.dependencies, b.dependencies);
  out.check(field + ".requires_python", a.requires_python, b.requires_python);
  out.check(field + ".marker_text", a.marker_text, b.marker_text);
  out.check(field + ".source", a.source, b.source);
  out.check(field + ".groups", a.groups, b.groups);
}

inline void compare_packages(DifferenceList& out, const std::string& field,
                             const std::vector<Package>& a, const std::vector<Package>& b) {
  out.check(field + ".size", a.size(), b.size());
  for (std::size_t i = 0; i < std::min(a.size(), b.size()) && !out.full(); ++i)
    compare_package(out, field + "[" + std::to_string(i) + "]", a[i], b[i]);
}

inline std::vector<std::string> input_differences(const Input& a, const Input& b) {
  DifferenceList out;
  out.check("path", a.path, b.path);
  out.check("format", a.format, b.format);
  compare_packages(out, "packages", a.packages, b.packages);
  compare_packages(out, "unversioned", a.unversioned, b.unversioned);
  compare_dependencies(out, "unpinned", a.unpinned, b.unpinned);
  compare_dependencies(out, "constraints", a.constraints, b.constraints);
  compare_dependencies(out, "declared", a.declared, b.declared);
  compare_dependencies(out, "overrides", a.overrides, b.overrides);
  out.check("requires_python", a.requires_python, b.requires_python);
  out.check("lock_version", a.lock_version, b.lock_version);
  return out.take();
}

inline std::vector<std::string> diagnostic_differences(const Diagnostics& a, const Diagnostics& b) {
  DifferenceList out;
  out.check("diagnostics.size", a.size(), b.size());
  for (std::size_t i = 0; i < std::min(a.size(), b.size()) && !out.full(); ++i) {
    const std::string field = "diagnostics[" + std::to_string(i) + "]";
    out.check(field + ".severity", std::string(to_string(a[i].severity)),
              std::string(to_string(b[i].severity)));
    out.check(field + ".message", a[i].message, b[i].message);
    compare_location(out, field + ".where", a[i].where, b[i].where);
    out.check(field + ".source_line", a[i].source_line, b[i].source_line);
  }
  return out.take();
}

// The scanned tree against toml++'s: the same keys, types, values and positions.
inline void compare_tree(DifferenceList& out, const readers::ScannedToml& doc,
                         const readers::ScannedToml::Node& node, const toml::node& other,
                         const std::string& field) {
  using Kind = readers::ScannedToml::Kind;
  if (out.full()) return;
  if (&node != &doc.root()) {
    const auto where = doc.where(node, "");
    out.check(field + ".line", where.line, static_cast<int>(other.source().begin.line));
    out.check(field + ".column", where.column, static_cast<int>(other.source().begin.column));
  }
  switch (node.kind) {
    case Kind::string:
      if (!other.is_string()) return out.add(field + ": string != other type");
      return out.check(field, std::string(node.value), other.as_string()->get());
    case Kind::integer:
      if (!other.is_integer()) return out.add(field + ": integer != other type");
      return out.check(field, std::string(node.value), std::to_string(other.as_integer()->get()));
    case Kind::boolean:
      if (!other.is_boolean()) return out.add(field + ": boolean != other type");
      return out.check(field, node.value == "true", other.as_boolean()->get());
    case Kind::table: {
      const auto* table = other.as_table();
      if (table == nullptr) return out.add(field + ": table != other type");
      out.check(field + ".size", static_cast<std::size_t>(node.count), table->size());
      for (auto i = node.first; i != readers::ScannedToml::k_none; i = doc.node(i).next) {
        const auto& child = doc.node(i);
        const auto key = std::string(child.key);
        const auto* match = table->get(key);
        if (match == nullptr) {
          out.add(field + "." + key + ": missing in toml++");
          continue;
        }
        compare_tree(out, doc, child, *match, field + "." + key);
      }
      return;
    }
    case Kind::array: {
      const auto* array = other.as_array();
      if (array == nullptr) return out.add(field + ": array != other type");
      out.check(field + ".size", static_cast<std::size_t>(node.count), array->size());
      std::size_t index = 0;
      for (auto i = node.first; i != readers::ScannedToml::k_none && index < array->size();
           i = doc.node(i).next, ++index)
        compare_tree(out, doc, doc.node(i), *array->get(index),
                     field + "[" + std::to_string(index) + "]");
      return;
    }
  }
}

inline std::vector<std::string> tree_differences(const readers::ScannedToml& doc,
                                                 const toml::table& root) {
  DifferenceList out;
  compare_tree(out, doc, doc.root(), root, "root");
  return out.take();
}

}  // namespace depcheck::test
