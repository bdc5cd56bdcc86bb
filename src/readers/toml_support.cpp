#include "readers/toml_support.hpp"

#include <algorithm>
#include <utility>

#include "depcheck/pep440/version.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::readers {

std::string_view toml_type_name(toml::node_type type) {
  switch (type) {
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "float";
    case toml::node_type::boolean:
      return "boolean";
    case toml::node_type::date:
      return "date";
    case toml::node_type::time:
      return "time";
    case toml::node_type::date_time:
      return "datetime";
    case toml::node_type::table:
      return "table";
    case toml::node_type::array:
      return "array";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string key_path(std::string_view parent, std::string_view key) {
  std::string path(parent);
  if (!path.empty()) path += '.';
  path += key;
  return path;
}

std::string key_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + '[' + std::to_string(index) + ']';
}

namespace {

toml::table parse_or_throw(std::string_view text, const std::string& path) {
  try {
    return toml::parse(text);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    throw FatalError("invalid TOML: " + std::string(error.description()),
                     Location{path, static_cast<int>(begin.line), static_cast<int>(begin.column)});
  }
}

}  // namespace

TomlDocument::TomlDocument(std::string_view text, const std::string& path, Diagnostics& diags)
    : m_path(path), m_diags(diags), m_source(text), m_root(parse_or_throw(text, path)) {}

Location TomlDocument::where(const toml::node& node) const {
  const auto& begin = node.source().begin;
  return Location{m_path, static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

void TomlDocument::error(const toml::node& node, std::string message) {
  auto location = where(node);
  auto line = std::string(m_source.line(location.line));
  m_diags.push_back(
      Diagnostic{Severity::error, std::move(message), std::move(location), std::move(line)});
}

void TomlDocument::warning(const toml::node& node, std::string message) {
  auto location = where(node);
  auto line = std::string(m_source.line(location.line));
  m_diags.push_back(
      Diagnostic{Severity::warning, std::move(message), std::move(location), std::move(line)});
}

void TomlDocument::warning(std::string message) {
  m_diags.push_back(Diagnostic{Severity::warning, std::move(message), Location{m_path}, ""});
}

void TomlDocument::fatal(const toml::node& node, std::string message) const {
  throw FatalError(std::move(message), where(node));
}

std::string TomlDocument::type_message(const toml::node& node, std::string_view expected,
                                       std::string_view path) {
  return "unexpected type " + std::string(toml_type_name(node.type())) + " (expected " +
         std::string(expected) + ") in '" + std::string(path) + "'";
}

const toml::table* TomlDocument::top_table(std::string_view key) const {
  const toml::node* node = m_root.get(key);
  if (node == nullptr) return nullptr;
  if (!node->is_table()) fatal(*node, type_message(*node, "table", key));
  return node->as_table();
}

const toml::array* TomlDocument::top_array(std::string_view key) const {
  const toml::node* node = m_root.get(key);
  if (node == nullptr) return nullptr;
  if (!node->is_array()) fatal(*node, type_message(*node, "array", key));
  return node->as_array();
}

std::vector<std::string> TomlDocument::get_strings(const toml::table& parent, std::string_view key,
                                                   std::string_view parent_path) {
  std::vector<std::string> result;
  const auto* array = get_array(parent, key, parent_path);
  if (array == nullptr) return result;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto& element = *array->get(i);
    if (const auto* text = element.as_string()) {
      result.push_back(text->get());
    } else {
      error(element, type_message(element, "string", key_path(key_path(parent_path, key), i)));
    }
  }
  return result;
}

bool TomlDocument::get_bool(const toml::table& parent, std::string_view key,
                            std::string_view parent_path, bool fallback) {
  const auto* value = get<toml::value<bool>>(parent, key, parent_path, "boolean");
  return value != nullptr ? value->get() : fallback;
}

std::optional<pep508::Marker> TomlDocument::marker(const toml::node& node,
                                                   const std::string& text) {
  auto found = m_markers.find(text);
  if (found == m_markers.end()) {
    auto parsed = pep508::parse_marker(text);
    std::optional<pep508::Marker> value;
    if (parsed) {
      value = std::move(*parsed);
    } else {
      error(node, parsed.error());
    }
    found = m_markers.emplace(text, std::move(value)).first;
  } else if (!found->second) {
    // Report every place a bad marker is used, not only the first.
    error(node, pep508::parse_marker(text).error());
  }
  return found->second;
}

std::optional<pep440::SpecifierSet> TomlDocument::specifiers(const toml::node& node,
                                                             const std::string& text) {
  auto found = m_specifiers.find(text);
  if (found == m_specifiers.end()) {
    auto parsed = pep440::parse_specifier_set(text);
    std::optional<pep440::SpecifierSet> value;
    if (parsed) {
      value = std::move(*parsed);
    } else {
      error(node, parsed.error());
    }
    found = m_specifiers.emplace(text, std::move(value)).first;
  } else if (!found->second) {
    error(node, pep440::parse_specifier_set(text).error());
  }
  return found->second;
}

void TomlDocument::set_version(Package& package, const toml::value<std::string>& version_node) {
  package.version_text = version_node.get();
  auto parsed = pep440::parse_version(package.version_text);
  if (parsed) {
    package.version = std::move(*parsed);
  } else {
    error(version_node, parsed.error());
  }
}

bool TomlDocument::start_entry(const toml::node& node, const std::string& entry_path,
                               Package& package, bool& has_version) {
  has_version = false;
  const auto* entry = node.as_table();
  if (entry == nullptr) {
    error(node, type_message(node, "table", entry_path));
    return false;
  }
  const toml::node* name_node = entry->get("name");
  if (name_node == nullptr) {
    error(node, "missing 'name' in '" + entry_path + "'");
    return false;
  }
  const auto* name = name_node->as_string();
  if (name == nullptr) {
    error(*name_node, type_message(*name_node, "string", key_path(entry_path, "name")));
    return false;
  }
  if (util::trim(name->get()).empty()) {
    error(*name_node, "empty 'name' in '" + entry_path + "'");
    return false;
  }
  package.display_name = name->get();
  package.name = pep508::normalize_name(util::trim(name->get()));
  package.where = where(node);
  const toml::node* version_node = entry->get("version");
  if (version_node == nullptr) return true;
  const auto* version = version_node->as_string();
  if (version == nullptr) {
    error(*version_node, type_message(*version_node, "string", key_path(entry_path, "version")));
    return false;
  }
  has_version = true;
  set_version(package, *version);
  return true;
}

}  // namespace depcheck::readers
