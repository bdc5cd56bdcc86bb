#pragma once
// The context-sensitive tokenizer and the marker tree shared by marker.cpp and requirement.cpp
// (cf. packaging/_tokenizer.py and _parser.py, 23.0). Each token kind is one of packaging's
// DEFAULT_RULES regular expressions, matched by hand at the current position, with Python's
// `re` semantics for str patterns (Unicode \s, \b and IGNORECASE).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/pep508/marker.hpp"

namespace depcheck::pep508 {

// A marker variable (`os_name`) or a string literal (its value, escapes decoded).
struct MarkerValue {
  bool is_variable = false;
  std::string text;
};

// lhs op rhs; op is one of <, <=, ==, !=, >=, >, ~=, ===, in, "not in".
struct MarkerItem {
  MarkerValue lhs;
  std::string op;
  MarkerValue rhs;
};

// packaging's MarkerList: items, nested lists and the words "and" / "or" between them.
struct MarkerNode {
  struct Element {
    enum class Kind { item, list, and_op, or_op };
    Kind kind = Kind::item;
    MarkerItem item;                         // Kind::item
    std::shared_ptr<const MarkerNode> list;  // Kind::list
  };
  std::vector<Element> elements;
};

namespace detail {

enum class TokenKind {
  left_parenthesis,
  right_parenthesis,
  left_bracket,
  right_bracket,
  semicolon,
  comma,
  quoted_string,
  op,
  boolop,
  in,
  not_word,
  variable,
  specifier,
  at,
  url,
  identifier,
  ws,
  end,
};

struct Token {
  TokenKind kind;
  std::string_view text;
  std::size_t position = 0;
};

// packaging's Tokenizer. Instead of raising, the first syntax error is kept (failed()) and
// every later check fails, so parsers just return. In MarkerContext::lock_file, VARIABLE is
// packaging 25.0's rule, which adds `extras` and `dependency_groups`.
class Tokenizer {
 public:
  explicit Tokenizer(std::string_view source, MarkerContext context = MarkerContext::metadata)
      : m_source(source), m_context(context) {}

  // Whether the next token is `kind`; unless `peek`, it must then be read().
  bool check(TokenKind kind, bool peek = false);
  // Reads the token if it is next.
  void consume(TokenKind kind);
  // Reads the token, or records "Expected <expected>" at the current position.
  std::optional<Token> expect(TokenKind kind, std::string_view expected);
  Token read();
  // Records an error spanning [start, end) (both default to the current position).
  void raise_syntax_error(std::string message, std::optional<std::size_t> start = std::nullopt,
                          std::optional<std::size_t> end = std::nullopt);

  std::size_t position() const { return m_position; }
  std::string_view source() const { return m_source; }
  MarkerContext context() const { return m_context; }
  bool failed() const { return m_error.has_value(); }
  // Parenthesis nesting of the marker being parsed: the parser recurses once per level.
  int& nesting() { return m_nesting; }
  const SyntaxErrorDetail& error() const { return *m_error; }

 private:
  std::string_view m_source;
  MarkerContext m_context;
  std::size_t m_position = 0;
  std::optional<Token> m_next;
  std::optional<SyntaxErrorDetail> m_error;
  int m_nesting = 0;
};

// Length of the match of `kind` at `position` (0 is a match: END), or npos.
std::size_t match_token(TokenKind kind, std::string_view source, std::size_t position,
                        MarkerContext context = MarkerContext::metadata);

// marker = marker_atom (BOOLOP marker_atom)*, as packaging's _parse_marker (defined in
// marker.cpp). nullptr when the tokenizer failed.
std::shared_ptr<MarkerNode> parse_marker_list(Tokenizer& tokenizer);
// packaging's _normalize_extra_values: only the first element, when it is an item comparing
// `extra`, gets its other side canonicalized (and turned into a string literal).
void normalize_extra_values(MarkerNode& node);

// Python's str.isspace() for one code point.
bool is_python_space(char32_t c);
// Python's \w (str.isalnum() or '_') for one code point (unicode_tables.cpp).
bool is_python_word(char32_t c);
// str.lower() for one code point that lowercases to one code point (unicode_tables.cpp).
char32_t python_lower(char32_t c);
// str.lower() on UTF-8 text; bytes that are not UTF-8 are kept.
std::string python_lower(std::string_view text);
// Appends a code point as UTF-8 (lone surrogates as three bytes, as Python holds them).
void append_utf8(std::string& out, char32_t c);
// Python's str.strip() without arguments.
std::string_view python_strip(std::string_view text);
// packaging's canonicalize_name: re.sub(r"[-_.]+", "-", name).lower().
std::string canonicalize_name(std::string_view name);
// The message packaging's Marker/Requirement shows, with our prefix: "invalid marker 'x': "
// + message (first letter lowercased, token names as characters) + " at column N".
std::string render_syntax_error(std::string_view what, std::string_view text,
                                const SyntaxErrorDetail& detail);

}  // namespace detail
}  // namespace depcheck::pep508
