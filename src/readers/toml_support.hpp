#pragma once
// Shared plumbing for the TOML lock readers (poetry.lock, uv.lock, pdm.lock, pylock.toml):
// one toml::parse per file, node -> Location, and messages that name a dotted key path.
//   TomlDocument doc(text, path, diags);   // throws FatalError "invalid TOML: ..." at line:col
//   doc.type_error(node, "string", "package[3].version");
//     -> "unexpected type integer (expected string) in 'package[3].version'"
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "depcheck/diagnostic.hpp"
#include "depcheck/inventory.hpp"
#include "depcheck/pep440/specifier.hpp"
#include "depcheck/pep508/marker.hpp"
#include "readers/source_text.hpp"

namespace depcheck::readers {

// "string", "integer", "float", "boolean", "date", "time", "datetime", "table", "array".
std::string_view toml_type_name(toml::node_type type);

// `parent` + "." + `key`, or `key` when `parent` is empty.
std::string key_path(std::string_view parent, std::string_view key);
// `parent` + "[index]".
std::string key_path(std::string_view parent, std::size_t index);

// One toml::parse of a whole input. A syntax error throws FatalError("invalid TOML: <reason>")
// at its line:col. Input that trips toml++ 3.3's assertions ("[}", "a = [}") is reported
// the same way instead of aborting.
toml::table parse_toml(std::string_view text, const std::string& path);

class TomlDocument {
 public:
  // Parses `text`; a syntax error throws FatalError("invalid TOML: <reason>") at its line:col.
  TomlDocument(std::string_view text, const std::string& path, Diagnostics& diags);

  const toml::table& root() const { return m_root; }
  const std::string& path() const { return m_path; }
  Location where(const toml::node& node) const;

  // Messages for one bad entry: a Diagnostic with the node's location and source line.
  void error(const toml::node& node, std::string message);
  void warning(const toml::node& node, std::string message);
  // A warning for the whole file (no line).
  void warning(std::string message);
  [[noreturn]] void fatal(const toml::node& node, std::string message) const;

  // "unexpected type integer (expected string) in 'package[3].version'"
  static std::string type_message(const toml::node& node, std::string_view expected,
                                  std::string_view path);

  // A top-level key of the expected type, or nullptr when absent; a wrong type is fatal
  // (the file is not this format).
  const toml::table* top_table(std::string_view key) const;
  const toml::array* top_array(std::string_view key) const;

  // A key of `parent` (named `parent_path` in messages) of type T, or nullptr when absent.
  // A wrong type is an error Diagnostic and yields nullptr.
  template <class T>
  const T* get(const toml::table& parent, std::string_view key, std::string_view parent_path,
               std::string_view expected) {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return nullptr;
    if (const T* value = node->as<T>()) return value;
    error(*node, type_message(*node, expected, key_path(parent_path, key)));
    return nullptr;
  }
  const toml::value<std::string>* get_string(const toml::table& parent, std::string_view key,
                                             std::string_view parent_path) {
    return get<toml::value<std::string>>(parent, key, parent_path, "string");
  }
  const toml::table* get_table(const toml::table& parent, std::string_view key,
                               std::string_view parent_path) {
    return get<toml::table>(parent, key, parent_path, "table");
  }
  const toml::array* get_array(const toml::table& parent, std::string_view key,
                               std::string_view parent_path) {
    return get<toml::array>(parent, key, parent_path, "array");
  }
  // Strings of an array; other element types are errors and skipped.
  std::vector<std::string> get_strings(const toml::table& parent, std::string_view key,
                                       std::string_view parent_path);
  // A boolean key; absent or mistyped (an error) -> `fallback`.
  bool get_bool(const toml::table& parent, std::string_view key, std::string_view parent_path,
                bool fallback = false);

  // A key of `parent` of type T, or nullptr when absent; a wrong type is fatal. For the
  // tables that say what the file is ([metadata], the format version).
  template <class T>
  const T* get_or_fatal(const toml::table& parent, std::string_view key,
                        std::string_view parent_path, std::string_view expected) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return nullptr;
    if (const T* value = node->as<T>()) return value;
    fatal(*node, type_message(*node, expected, key_path(parent_path, key)));
  }

  // Whether the document has no key at all (an empty or comment-only file).
  bool empty() const { return m_root.empty(); }

  // Parsed markers and specifier sets, cached by text: lock files repeat the same markers
  // many times. Errors become Diagnostics at `node`.
  std::optional<pep508::Marker> marker(const toml::node& node, const std::string& text);
  std::optional<pep440::SpecifierSet> specifiers(const toml::node& node, const std::string& text);

  // A versioned package: parses `version_node`'s text; a bad version is an error Diagnostic
  // and the package is still listed (without a parsed version).
  void set_version(Package& package, const toml::value<std::string>& version_node);

  // The start of every [[package]] / [[packages]] entry: checks that it is a table with a
  // string name (else an error Diagnostic, and false: skip the entry), fills name,
  // display_name and where (the header line, or the inline table's '{'), and the version when
  // there is one (`has_version`). A version of the wrong type is an error and skips the entry.
  bool start_entry(const toml::node& node, const std::string& entry_path, Package& package,
                   bool& has_version);

 private:
  std::string m_path;
  Diagnostics& m_diags;
  SourceText m_source;
  toml::table m_root;
  std::unordered_map<std::string, std::optional<pep508::Marker>> m_markers;
  std::unordered_map<std::string, std::optional<pep440::SpecifierSet>> m_specifiers;
};

}  // namespace depcheck::readers
