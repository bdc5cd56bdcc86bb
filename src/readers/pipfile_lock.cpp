// Pipfile.lock (pipfile-spec 6):
//   { "_meta": { "requires": { "python_version": "3.8" }, ... },
//     "default": { "name": { "version": "==1.2.3", "markers": "...", "hashes": [...],
//                            "index": "pypi", "extras": [...] }, ... },
//     "develop": { ... },  "<custom category>": { ... } }
// VCS, path and file entries ("git"/"ref", "path", "file", "editable") have no version.
// Only "default" and "develop" are read; other categories are skipped with a warning.
// A package locked at the same version in both sections is listed once, with both groups.
//
// nlohmann::json keeps no positions, so the reader is a SAX handler fed through an iterator
// that records how far the parser has read: at each key the parser has just consumed the
// closing quote, which gives the key's line in one pass over the text.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <iterator>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "depcheck/pep440/version.hpp"
#include "depcheck/pep508/marker.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"
#include "readers/source_text.hpp"

namespace depcheck::readers {
namespace {

using json = nlohmann::json;

// A const char* that publishes its position to `*m_position` whenever it advances.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* at, const char** position) : m_at(at), m_position(position) {}
  reference operator*() const { return *m_at; }
  TrackingIterator& operator++() {
    *m_position = ++m_at;
    return *this;
  }
  TrackingIterator operator++(int) {
    auto copy = *this;
    ++*this;
    return copy;
  }
  bool operator==(const TrackingIterator& other) const { return m_at == other.m_at; }
  bool operator!=(const TrackingIterator& other) const { return m_at != other.m_at; }

 private:
  const char* m_at;
  const char** m_position;
};

// PEP 508 variables pipenv may write as keys of an entry ("sys_platform": "== 'win32'").
constexpr std::string_view k_marker_keys[] = {"os_name",
                                              "sys_platform",
                                              "platform_machine",
                                              "platform_python_implementation",
                                              "platform_release",
                                              "platform_system",
                                              "platform_version",
                                              "python_version",
                                              "python_full_version",
                                              "implementation_name",
                                              "implementation_version"};

bool is_marker_key(std::string_view key) {
  for (auto candidate : k_marker_keys)
    if (candidate == key) return true;
  return false;
}

// One package entry while it is being read.
struct Entry {
  std::string key;  // as written
  std::string section;
  Location where;
  bool skip = false;  // a bad entry, already reported
  std::string version;
  Location version_where;
  std::string markers;
  bool has_markers = false;
  std::vector<std::pair<std::string, std::string>> marker_keys;
  std::vector<std::string> extras;
  std::string git, path, file;
  bool editable = false;
};

class PipfileLockHandler : public nlohmann::json_sax<json> {
 public:
  PipfileLockHandler(const SourceText& source, const std::string& path, const char** position,
                     Input& out, Diagnostics& diags)
      : m_source(source), m_path(path), m_position(position), m_out(out), m_diags(diags) {}

  // Called once the parse is complete.
  void finish() {
    if (!m_saw_known_section)
      throw FatalError("not a Pipfile.lock: no '_meta', 'default' or 'develop' key",
                       Location{m_path});
    if (!m_python_full.empty()) {
      m_out.requires_python = "==" + m_python_full;
    } else if (!m_python.empty()) {
      m_out.requires_python = "==" + m_python + ".*";
    }
  }

  const std::string& parse_error_message() const { return m_parse_error; }
  const Location& parse_error_where() const { return m_parse_error_where; }

  // -- nlohmann::json_sax ----------------------------------------------------------------
  bool null() override { return value("null", {}); }
  bool boolean(bool flag) override {
    if (in_field() && m_field == "editable") {
      m_entry.editable = flag;
      return true;
    }
    return value("boolean", {});
  }
  bool number_integer(number_integer_t) override { return value("number", {}); }
  bool number_unsigned(number_unsigned_t) override { return value("number", {}); }
  bool number_float(number_float_t, const string_t&) override { return value("number", {}); }
  bool string(string_t& text) override { return value("string", &text); }
  bool binary(binary_t&) override { return value("binary", {}); }

  bool start_object(std::size_t) override {
    ++m_depth;
    if (m_depth == 1) return true;
    if (m_depth == 2) {
      m_section_kind = section_kind(m_section);
      if (m_section_kind != SectionKind::skipped) m_saw_known_section = true;
      m_skipped_count = 0;
      return true;
    }
    if (m_depth == 3 && is_package_section()) {
      m_in_entry = true;
      return true;
    }
    return true;
  }

  bool end_object() override {
    if (m_depth == 3 && m_in_entry) {
      finish_entry();
      m_in_entry = false;
    }
    if (m_depth == 2 && m_section_kind == SectionKind::skipped && m_skipped_count > 0) {
      warning(m_section_where, "skipped section '" + m_section + "' (" +
                                   std::to_string(m_skipped_count) +
                                   (m_skipped_count == 1 ? " package" : " packages") +
                                   "): only 'default' and 'develop' are read");
    }
    if (m_depth == 2) m_section_kind = SectionKind::none;
    --m_depth;
    return true;
  }

  bool start_array(std::size_t) override {
    check_position("array");
    ++m_depth;
    return true;
  }

  bool end_array() override {
    --m_depth;
    return true;
  }

  bool key(string_t& text) override {
    if (m_depth == 1) {
      m_section = text;
      m_section_where = key_location();
    } else if (m_depth == 2) {
      if (m_section_kind == SectionKind::skipped) ++m_skipped_count;
      if (is_package_section()) {
        m_entry = Entry{};
        m_entry.key = text;
        m_entry.section = m_section;
        m_entry.where = key_location();
      }
      m_meta_key = text;
    } else if (m_depth == 3) {
      m_field = text;
      m_field_where = key_location();
    }
    return true;
  }

  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& error) override {
    // "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error ..."
    std::string message = error.what();
    m_parse_error_where = Location{m_path};
    const auto at = message.find("parse error at line ");
    if (at != std::string::npos) {
      int line = 0, column = 0;
      if (std::sscanf(message.c_str() + at, "parse error at line %d, column %d", &line, &column) ==
          2) {
        m_parse_error_where.line = line;
        m_parse_error_where.column = column;
      }
      const auto colon = message.find(": ", at);
      if (colon != std::string::npos) message = message.substr(colon + 2);
    }
    m_parse_error = "invalid JSON: " + message;
    return false;
  }

 private:
  enum class SectionKind { none, meta, package, skipped };

  static SectionKind section_kind(const std::string& name) {
    if (name == "_meta") return SectionKind::meta;
    if (name == "default" || name == "develop") return SectionKind::package;
    return SectionKind::skipped;
  }

  bool is_package_section() const { return m_section_kind == SectionKind::package; }
  bool in_field() const { return m_in_entry && m_depth == 3; }

  std::size_t current_offset() const {
    return static_cast<std::size_t>(*m_position - m_source.text().data());
  }

  Location where_at(std::size_t offset) const {
    const auto [line, column] = m_source.position(offset);
    return Location{m_path, line, column};
  }

  // The string that ends just before the current position starts at its opening quote.
  std::size_t string_start() const {
    const auto text = m_source.text();
    std::size_t close = current_offset();
    if (close == 0) return 0;
    --close;  // the closing quote
    for (std::size_t i = close; i-- > 0;) {
      if (text[i] != '"') continue;
      std::size_t backslashes = 0;
      while (i > backslashes && text[i - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
    return 0;
  }

  Location key_location() const { return where_at(string_start()); }

  // Where an object is expected (the top level, a section, a package entry), anything else
  // is fatal (the file is not a Pipfile.lock) or, for one entry, an error. Returns whether the
  // value was such a misplaced one.
  bool check_position(std::string_view type) {
    if (m_depth == 0)
      throw FatalError("not a Pipfile.lock: the top level is " + article(type) + ", not an object",
                       where_at(0));
    if (m_depth == 1) {
      if (section_kind(m_section) == SectionKind::skipped) return true;
      throw FatalError(
          "unexpected type " + std::string(type) + " (expected object) in '" + m_section + "'",
          m_section_where);
    }
    if (m_depth == 2 && is_package_section()) {
      error(m_entry.where, "unexpected type " + std::string(type) + " (expected object) in '" +
                               m_section + "." + m_entry.key + "'");
      return true;
    }
    return false;
  }

  static std::string article(std::string_view type) {
    return (type == "array" || type == "object" ? "an " : "a ") + std::string(type);
  }

  bool value(std::string_view type, string_t* text) {
    if (check_position(type)) return true;
    if (m_depth == 3 && m_section_kind == SectionKind::meta && m_meta_key == "requires" &&
        text != nullptr) {
      if (m_field == "python_version") m_python = *text;
      if (m_field == "python_full_version") m_python_full = *text;
      return true;
    }
    if (m_depth == 4 && m_in_entry && m_field == "extras" && text != nullptr) {
      m_entry.extras.push_back(*text);
      return true;
    }
    if (!in_field()) return true;
    const bool is_string = text != nullptr;
    if (m_field == "version") {
      if (!is_string) return field_type_error(type);
      m_entry.version = *text;
      m_entry.version_where = where_at(string_start());
    } else if (m_field == "markers") {
      if (!is_string) return field_type_error(type);
      m_entry.markers = *text;
      m_entry.has_markers = true;
    } else if (m_field == "git" || m_field == "path" || m_field == "file") {
      if (!is_string) return field_type_error(type);
      (m_field == "git" ? m_entry.git : m_field == "path" ? m_entry.path : m_entry.file) = *text;
    } else if (is_marker_key(m_field) && is_string) {
      m_entry.marker_keys.emplace_back(m_field, *text);
    }
    return true;
  }

  bool field_type_error(std::string_view type) {
    error(m_field_where, "unexpected type " + std::string(type) + " (expected string) in '" +
                             m_entry.section + "." + m_entry.key + "." + m_field + "'");
    if (m_field == "version") m_entry.skip = true;  // its version is unknown
    return true;
  }

  void finish_entry() {
    Entry& entry = m_entry;
    if (entry.skip) return;
    if (entry.key.empty()) {  // `"": {...}`: nothing to name the package by
      error(entry.where, "empty package name in '" + entry.section + "'");
      return;
    }
    Package package;
    package.display_name = entry.key;
    package.name = pep508::normalize_name(entry.key);
    package.where = entry.where;
    package.groups = {entry.section};
    if (entry.has_markers) {
      package.marker_text = entry.markers;
    } else {
      for (const auto& [variable, condition] : entry.marker_keys)
        package.marker_text +=
            (package.marker_text.empty() ? "" : " and ") + variable + " " + condition;
    }
    if (!package.marker_text.empty() && !pep508::parse_marker(package.marker_text))
      error(entry.where, pep508::parse_marker(package.marker_text).error());

    std::string version = entry.version;
    if (version.starts_with("===")) {
      version.erase(0, 3);
    } else if (version.starts_with("==")) {
      version.erase(0, 2);
    }
    if (!version.empty()) {
      const std::string identity = package.name + '\n' + version;
      const auto found = m_seen.find(identity);
      if (found != m_seen.end()) {
        auto& groups = m_out.packages[found->second].groups;
        if (std::find(groups.begin(), groups.end(), entry.section) == groups.end())
          groups.push_back(entry.section);
        return;
      }
      package.version_text = version;
      auto parsed = pep440::parse_version(version);
      if (parsed) {
        package.version = std::move(*parsed);
      } else {
        error(entry.version_where, parsed.error());
      }
      package.source = "registry";
      m_seen.emplace(identity, m_out.packages.size());
      m_out.packages.push_back(std::move(package));
      return;
    }
    if (!entry.git.empty()) {
      package.source = entry.editable ? "editable" : "git";
    } else if (!entry.path.empty()) {
      package.source = entry.editable ? "editable" : "path";
    } else if (!entry.file.empty()) {
      package.source = "url";
    } else {
      error(entry.where, "missing 'version' in '" + entry.section + "." + entry.key + "'");
    }
    m_out.unversioned.push_back(std::move(package));
  }

  void error(const Location& where, std::string message) {
    m_diags.push_back(Diagnostic{Severity::error, std::move(message), where,
                                 std::string(m_source.line(where.line))});
  }
  void warning(const Location& where, std::string message) {
    m_diags.push_back(Diagnostic{Severity::warning, std::move(message), where,
                                 std::string(m_source.line(where.line))});
  }

  const SourceText& m_source;
  const std::string& m_path;
  const char** m_position;
  Input& m_out;
  Diagnostics& m_diags;

  int m_depth = 0;
  std::string m_section;
  Location m_section_where;
  SectionKind m_section_kind = SectionKind::none;
  bool m_saw_known_section = false;
  std::size_t m_skipped_count = 0;
  std::string m_meta_key;
  std::string m_field;
  Location m_field_where;
  bool m_in_entry = false;
  Entry m_entry;
  std::map<std::string, std::size_t> m_seen;  // name + version -> index in m_out.packages
  std::string m_python, m_python_full;
  std::string m_parse_error;
  Location m_parse_error_where;
};

}  // namespace

void read_pipfile_lock(std::string_view text, const std::string& path, Input& out,
                       Diagnostics& diags) {
  if (out.path.empty()) out.path = path;
  if (out.format.empty()) out.format = "Pipfile.lock";
  const SourceText source(text);
  const char* position = text.data();
  PipfileLockHandler handler(source, path, &position, out, diags);
  const bool ok = json::sax_parse(TrackingIterator(text.data(), &position),
                                  TrackingIterator(text.data() + text.size(), &position), &handler);
  if (!ok) throw FatalError(handler.parse_error_message(), handler.parse_error_where());
  handler.finish();
}

}  // namespace depcheck::readers
