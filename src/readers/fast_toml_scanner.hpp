#pragma once
// A fast path for lock files: one pass over the machine-written subset of TOML that lock tools
// emit, into a flat tree, from which the lock readers fill the Input directly, without toml++.
// Whatever lies outside the subset makes the scan give up, and the reader then takes the toml++
// path, which reports any error: the fast path never writes a message of its own. A fast reader
// also gives up wherever the toml++ reader would report something (a bad version, a value of
// the wrong type, an unknown lock version), so both paths give the same Input and diagnostics.
//
// The subset (TOML 1.0, as toml++ reads it):
//   - `[a.b]` and `[[a.b]]` headers of at most 16 keys (`[a.b.c]` before `[a.b]` makes `b`, as
//     TOML says; when streaming, no header may lead back into an element already handed over);
//   - `key = value` with a bare, "basic" or 'literal' key (no dotted keys);
//   - single-line basic strings with every TOML 1.0 escape (\b \t \n \f \r \" \\ \uXXXX
//     \UXXXXXXXX; surrogates and values above U+10FFFF give up), single-line literal strings,
//     decimal integers without sign or '_', true and false, arrays (over several lines, with
//     comments and a trailing comma) and inline tables;
//   - comments, LF or CRLF line ends, valid UTF-8 without control characters except TAB.
// It gives up on multi-line strings, floats, dates and times, other integer forms, a UTF-8 BOM,
// arrays and inline tables nested more than 64 deep, a repeated key or table, and anything
// toml++ would reject.
//   ScannedToml doc;
//   if (doc.scan("a = [\"x\"]\n")) doc.get(doc.root(), "a")->count  -> 1
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "depcheck/diagnostic.hpp"
#include "depcheck/inventory.hpp"
#include "depcheck/pep440/specifier.hpp"
#include "depcheck/pep508/marker.hpp"

namespace depcheck::readers {

class ScannedToml {
 public:
  using Index = std::uint32_t;
  static constexpr Index k_none = 0xFFFFFFFFu;

  enum class Kind : std::uint8_t { string, integer, boolean, table, array };

  // Node::flags
  static constexpr std::uint8_t k_inline_table = 1;     // `{...}`: closed, no header may add to it
  static constexpr std::uint8_t k_array_of_tables = 2;  // made by [[...]] headers

  struct Node {
    std::string_view key;      // the key in its parent table; "" for array elements
    std::string_view value;    // string: the decoded text; integer, boolean: as written
    std::uint32_t offset = 0;  // where the value starts ('"', '{', '[', or a table's header)
    std::uint32_t line = 1;    // 1-based line of `offset`
    Index first = k_none;      // first child (tables and arrays)
    Index last = k_none;       // last child
    Index next = k_none;       // next sibling
    std::uint32_t count = 0;   // number of children
    Kind kind = Kind::table;
    std::uint8_t flags = 0;
  };

  // Scans `text`, which must outlive this object. False when the text leaves the subset: then
  // nothing of the tree may be used.
  bool scan(std::string_view text);

  // Streaming: each element of a top-level array of tables (`[[package]]`) goes to `on_element`
  // once it is complete (at the next header outside it, or the end of the text), and its
  // subtree is dropped afterwards, so the tree never holds more than one element. The handler
  // returns false to stop the scan (scan() then returns false). The element's array keeps the
  // (emptied) element nodes; everything else stays as in scan(text).
  using ElementHandler =
      std::function<bool(const ScannedToml& doc, std::string_view array, const Node& element)>;
  bool scan(std::string_view text, const ElementHandler& on_element);

  const Node& root() const { return m_nodes.front(); }
  const Node& node(Index index) const { return m_nodes[index]; }
  // The child of `table` named `key`, or nullptr.
  const Node* get(const Node& table, std::string_view key) const;
  // Children of a table or an array, in file order: for (Index i = n.first; i != k_none;
  // i = node(i).next).

  // Children of a table in toml++'s iteration order (sorted by key, as its std::map).
  std::vector<const Node*> sorted_children(const Node& table) const;

  // The position of `node` as toml++ reports it: 1-based line, and column in code points.
  Location where(const Node& node, const std::string& path) const;

  bool is_string(const Node* node) const { return node != nullptr && node->kind == Kind::string; }

 private:
  friend class TomlSubsetScanner;
  std::string_view m_text;
  std::vector<Node> m_nodes;
  std::unique_ptr<char[]> m_arena;  // decoded strings and keys (never longer than the text)
  // Keys of tables with many children, for the repeated-key check.
  std::unordered_map<Index, std::unordered_set<std::string_view>> m_big_tables;
};

// What the fast readers share: typed lookups that say when the toml++ reader would report a
// wrong type (`ok` becomes false), caches of parsed markers and specifier sets (lock files
// repeat the same few hundred texts thousands of times), and the start of every entry.
class FastReaderBase {
 public:
  using Node = ScannedToml::Node;
  using Kind = ScannedToml::Kind;

  FastReaderBase(const ScannedToml& doc, const std::string& path) : m_doc(doc), m_path(path) {}

  // A string child, or nullptr when absent; `ok` becomes false when it has another type.
  const Node* string_of(const Node& table, std::string_view key, bool& ok) const;
  // A child of `kind`, or nullptr when absent; `ok` becomes false when it has another kind.
  const Node* child_of(const Node& table, std::string_view key, Kind kind, bool& ok) const;
  // Appends the strings of an array; false for another type or a non-string element.
  bool strings_of(const Node& array, std::vector<std::string>& out) const;
  // parse_marker / parse_specifier_set once per distinct text; nullptr when it does not parse.
  const pep508::Marker* marker(const std::string& text);
  const pep440::SpecifierSet* specifiers(std::string_view text);
  // pep508::normalize_name, without its work for names that are already normalized.
  static std::string normalized_name(std::string_view name);
  // TomlDocument::start_entry for a [[package]] element that the toml++ reader would take
  // without a message: a table with a non-empty string name and, if any, a string version that
  // parses. Fills name, display_name, where and the version; `version` is the version node or
  // nullptr. False: the toml++ reader must read the file.
  bool start_entry(const Node& element, Package& package, const Node*& version);

 protected:
  const ScannedToml& m_doc;
  const std::string& m_path;

 private:
  // Looked up by string_view without a copy.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  template <class T>
  using TextMap = std::unordered_map<std::string, std::optional<T>, TextHash, std::equal_to<>>;
  TextMap<pep508::Marker> m_markers;
  TextMap<pep440::SpecifierSet> m_specifiers;
};

// How many times `header` ("[[package]]") starts a line of `text`: a cheap upper bound of the
// number of elements, to reserve room for them.
std::size_t count_headers(std::string_view text, std::string_view header);

// One fast read: a Reader(doc, path) with reserve(n), on_element(array, element), finish() and
// move_to(out) gets every [[array]] element of one scan of `text`; `out` is touched only when the
// scan and the reader both succeed.
template <class Reader>
bool run_fast_reader(std::string_view text, const std::string& path, Input& out) {
  ScannedToml doc;
  Reader reader(doc, path);
  reader.reserve(count_headers(text, "[[package]]"));
  const ScannedToml::ElementHandler on_element = [&](const ScannedToml&, std::string_view array,
                                                     const ScannedToml::Node& element) {
    return reader.on_element(array, element);
  };
  if (!doc.scan(text, on_element) || !reader.finish()) return false;
  reader.move_to(out);
  return true;
}

// The fast readers: true when they read the whole file (and appended to `out` exactly what the
// toml++ reader would have, with no diagnostic); false, with `out` untouched, when the file
// needs the toml++ reader.
bool fast_read_poetry_lock(std::string_view text, const std::string& path, Input& out);
bool fast_read_uv_lock(std::string_view text, const std::string& path, Input& out);

// The toml++ readers alone, without the fast path: for tests that compare the two.
void read_poetry_lock_toml(std::string_view text, const std::string& path, Input& out,
                           Diagnostics& diags);
void read_uv_lock_toml(std::string_view text, const std::string& path, Input& out,
                       Diagnostics& diags);

}  // namespace depcheck::readers
