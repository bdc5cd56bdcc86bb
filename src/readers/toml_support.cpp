#include "readers/toml_support.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

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

bool is_key_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '"' || c == '\'';
}

// The character at `text[i]` as toml++ shows it in messages.
std::string shown(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c == '\n') return "\\n";
  if (c == '\r') return "\\r";
  if (c < 0x20 || c == 0x7F) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(c));
    return buffer;
  }
  std::size_t length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  return std::string(text.substr(i, length));
}

// Skips the string starting at text[i] (a quote); stops at the end of an unterminated one-line
// string's line.
std::size_t skip_string(std::string_view text, std::size_t i) {
  const char quote = text[i];
  const bool basic = quote == '"';
  const std::string_view triple = basic ? std::string_view("\"\"\"") : std::string_view("'''");
  if (text.substr(i, 3) == triple) {
    for (std::size_t j = i + 3; j < text.size(); ++j) {
      if (basic && text[j] == '\\') {
        ++j;
      } else if (text.substr(j, 3) == triple) {
        j += 3;
        for (int extra = 0; extra < 2 && j < text.size() && text[j] == quote; ++extra) ++j;
        return j;
      }
    }
    return text.size();
  }
  for (std::size_t j = i + 1; j < text.size(); ++j) {
    if (basic && text[j] == '\\') {
      ++j;
    } else if (text[j] == quote) {
      return j + 1;
    } else if (text[j] == '\n') {
      return j;
    }
  }
  return text.size();
}

// toml++ 3.3 asserts (and, built with NDEBUG by clang, assumes) two things that bad input can
// break: that a table header's first key starts with a bare-key character or a quote ("[}"),
// and that an array element does not start with '}' ("a = [}"). Builds with assertions abort
// there. Such input is found here first and reported with the message toml++ gives without
// assertions. Strings and comments are skipped, so no valid file is rejected.
// toml++ also recurses once per level of a dotted key ("a.a.a...a = 1", "[a.a...a]") with no
// limit, so a long enough key overflows the stack: keys deeper than k_max_key_depth are refused
// (toml++ limits nested values to 256 levels; a dotted key has no reason to go further).
constexpr int k_max_key_depth = 256;

void check_toml_pitfalls(std::string_view text, const std::string& path, const SourceText& source) {
  const auto fail = [&](std::size_t at, const std::string& message) {
    const auto [line, column] = source.position(at);
    throw FatalError("invalid TOML: " + message, Location{path, line, column});
  };
  std::vector<char> open;       // the [ and { of values, innermost last
  bool line_start = true;       // only whitespace so far on this line
  bool in_header = false;       // on a [table] or [[array]] header line
  bool expect_element = false;  // right after an array's '[' or ','
  int dots = 0;                 // '.' since the last '=', ',', bracket or newline
  for (std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0; i < text.size();) {
    const char c = text[i];
    if (line_start && open.empty() && c != '\n') {
      if (c == ' ' || c == '\t') {
        ++i;
        continue;
      }
      line_start = false;
      if (c == '[') {
        std::size_t j = i + 1;
        if (j < text.size() && text[j] == '[') ++j;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
        if (j < text.size() && !is_key_start(text[j]))
          fail(j,
               "Error while parsing key: expected bare key starting character or string "
               "delimiter, saw '" +
                   shown(text, j) + "'");
        in_header = true;
        i = j;
        continue;
      }
    }
    if (expect_element && c == '}')
      fail(i, "Error while parsing value: could not determine value type");
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '#') expect_element = false;
    if (c == '=' || c == '\n' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}') dots = 0;
    switch (c) {
      case '.':
        if (++dots > k_max_key_depth)
          fail(i, "keys nested deeper than " + std::to_string(k_max_key_depth) + " levels");
        ++i;
        break;
      case '\n':
        if (open.empty()) line_start = true;
        in_header = false;
        ++i;
        break;
      case '#':
        while (i < text.size() && text[i] != '\n') ++i;
        break;
      case '"':
      case '\'':
        i = skip_string(text, i);
        break;
      case '[':
        if (!in_header) {
          open.push_back('[');
          expect_element = true;
        }
        ++i;
        break;
      case '{':
        if (!in_header) open.push_back('{');
        ++i;
        break;
      case ',':
        expect_element = !open.empty() && open.back() == '[';
        ++i;
        break;
      case ']':
      case '}':
        if (!in_header && !open.empty()) open.pop_back();
        ++i;
        break;
      default:
        ++i;
    }
  }
}

toml::table parse_or_throw(std::string_view text, const std::string& path,
                           const SourceText& source) {
  check_toml_pitfalls(text, path, source);
  try {
    return toml::parse(text);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    throw FatalError("invalid TOML: " + std::string(error.description()),
                     Location{path, static_cast<int>(begin.line), static_cast<int>(begin.column)});
  }
}

}  // namespace

toml::table parse_toml(std::string_view text, const std::string& path) {
  const SourceText source(text);
  return parse_or_throw(text, path, source);
}

TomlDocument::TomlDocument(std::string_view text, const std::string& path, Diagnostics& diags)
    : m_path(path), m_diags(diags), m_source(text), m_root(parse_or_throw(text, path, m_source)) {}

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
