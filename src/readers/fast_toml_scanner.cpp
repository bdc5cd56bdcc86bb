// The scanner of fast_toml_scanner.hpp. Every rule it checks is one toml++ checks too; where the
// two could disagree (any form the subset leaves out), it gives up instead.
#include "readers/fast_toml_scanner.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "depcheck/pep440/version.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::readers {
namespace {

using Index = ScannedToml::Index;
using Kind = ScannedToml::Kind;
constexpr Index k_none = ScannedToml::k_none;

constexpr std::uint8_t k_inline_table = ScannedToml::k_inline_table;
constexpr std::uint8_t k_array_of_tables = ScannedToml::k_array_of_tables;
constexpr std::uint8_t k_implicit_table = 4;  // made by a longer header, not defined yet
constexpr std::uint8_t k_streamed = 8;        // handed to the handler and emptied
// Tables with more children than this keep their keys in a hash set for the repeated-key check.
constexpr std::uint32_t k_linear_lookup_limit = 16;
// Arrays and inline tables nested deeper than this: toml++ decides.
constexpr int k_max_nesting = 64;
constexpr int k_max_header_keys = 16;

// Byte classes.
constexpr std::uint8_t k_basic_plain = 1;    // stands for itself in a "basic" string
constexpr std::uint8_t k_literal_plain = 2;  // in a 'literal' string
constexpr std::uint8_t k_comment_plain = 4;  // in a comment
constexpr std::uint8_t k_bare_key = 8;       // A-Z a-z 0-9 _ -

constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> classes{};
  // TOML 1.0: TAB and printable ASCII; other control characters need an escape (or are not allowed
  // at all). Bytes from 0x80 are UTF-8, checked sequence by sequence.
  for (int c = 0x20; c < 0x7F; ++c) classes[c] = k_basic_plain | k_literal_plain | k_comment_plain;
  classes['\t'] = k_basic_plain | k_literal_plain | k_comment_plain;
  classes['"'] = k_literal_plain | k_comment_plain;
  classes['\\'] = k_literal_plain | k_comment_plain;
  classes['\''] = k_basic_plain | k_comment_plain;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] |= k_bare_key;
  for (int c = 'a'; c <= 'z'; ++c) classes[c] |= k_bare_key;
  for (int c = '0'; c <= '9'; ++c) classes[c] |= k_bare_key;
  classes['_'] |= k_bare_key;
  classes['-'] |= k_bare_key;
  return classes;
}
constexpr auto k_classes = make_classes();

inline std::uint8_t class_of(char c) {
  return k_classes[static_cast<unsigned char>(c)];
}

// The length of the well-formed UTF-8 sequence at `p` (whose first byte is >= 0x80), or 0:
// Unicode's table 3-7, which excludes overlong forms, surrogates and values above U+10FFFF.
std::size_t utf8_length(const char* p, const char* end) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(p[i]); };
  const auto available = static_cast<std::size_t>(end - p);
  const unsigned char lead = byte(0);
  const auto tail = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i)
      if ((byte(i) & 0xC0) != 0x80) return false;
    return true;
  };
  if (lead >= 0xC2 && lead <= 0xDF) return available >= 2 && tail(1, 2) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (available < 3) return 0;
    const unsigned char second = byte(1);
    if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
    if (lead == 0xED && second > 0x9F) return 0;  // surrogate
    return tail(1, 3) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (available < 4) return 0;
    const unsigned char second = byte(1);
    if (lead == 0xF0 && second < 0x90) return 0;  // overlong
    if (lead == 0xF4 && second > 0x8F) return 0;  // above U+10FFFF
    return tail(1, 4) ? 4 : 0;
  }
  return 0;
}

// The first byte at or after `p` that is not plain ASCII inside a basic string (a quote, a
// backslash, a control character, TAB, DEL or a byte from 0x80), or `end`.
const char* skip_basic_plain(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i del = _mm_set1_epi8(0x7F);
  while (end - p >= 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed: bytes from 0x80 are negative, so below 0x20 too.
    const __m128i stop =
        _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(chunk, space), _mm_cmpeq_epi8(chunk, quote)),
                     _mm_or_si128(_mm_cmpeq_epi8(chunk, backslash), _mm_cmpeq_epi8(chunk, del)));
    const int mask = _mm_movemask_epi8(stop);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p != end && (class_of(*p) & k_basic_plain) && *p != '\t') ++p;
  return p;
}

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

unsigned hex_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

char* put_utf8(char* out, std::uint32_t value) {
  if (value < 0x80) {
    *out++ = static_cast<char>(value);
  } else if (value < 0x800) {
    *out++ = static_cast<char>(0xC0 | (value >> 6));
    *out++ = static_cast<char>(0x80 | (value & 0x3F));
  } else if (value < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (value >> 12));
    *out++ = static_cast<char>(0x80 | ((value >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (value & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (value >> 18));
    *out++ = static_cast<char>(0x80 | ((value >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((value >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (value & 0x3F));
  }
  return out;
}

// After a scalar (integer, boolean): what may follow it.
bool is_delimiter(const char* p, const char* end) {
  if (p == end) return true;
  switch (*p) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case ',':
    case ']':
    case '}':
    case '#':
      return true;
    default:
      return false;
  }
}

}  // namespace

// One pass over the text; every member function returns false when the text leaves the subset.
class TomlSubsetScanner {
 public:
  TomlSubsetScanner(ScannedToml& doc, std::string_view text,
                    const ScannedToml::ElementHandler* on_element)
      : m_doc(doc),
        m_nodes(doc.m_nodes),
        m_on_element(on_element),
        m_begin(text.data()),
        m_p(text.data()),
        m_end(text.data() + text.size()) {}

  bool run() {
    const auto size = static_cast<std::size_t>(m_end - m_begin);
    if (size >= 0xFFFFFFF0u) return false;
    if (size >= 3 && std::memcmp(m_begin, "\xEF\xBB\xBF", 3) == 0) return false;  // BOM
    m_doc.m_arena.reset(new char[size + 1]);
    m_arena = m_doc.m_arena.get();
    m_nodes.clear();
    m_nodes.reserve(m_on_element != nullptr ? 256 : size / 24 + 16);
    m_nodes.push_back(ScannedToml::Node{});
    m_doc.m_big_tables.clear();
    m_current = 0;
    for (;;) {
      skip_spaces();
      if (m_p == m_end) return m_open == k_none || close_element();
      switch (*m_p) {
        case '\n':
        case '\r':
          if (!newline()) return false;
          break;
        case '#':
          if (!comment()) return false;
          break;
        case '[':
          if (!header()) return false;
          break;
        default:
          if (!key_value()) return false;
      }
    }
  }

 private:
  void skip_spaces() {
    while (m_p != m_end && (*m_p == ' ' || *m_p == '\t')) ++m_p;
  }

  // LF or CRLF.
  bool newline() {
    if (m_p != m_end && *m_p == '\n') {
      ++m_p;
    } else if (m_end - m_p >= 2 && m_p[0] == '\r' && m_p[1] == '\n') {
      m_p += 2;
    } else {
      return false;
    }
    ++m_line;
    return true;
  }

  // From '#' up to (not including) the line end.
  bool comment() {
    ++m_p;
    while (m_p != m_end) {
      const char c = *m_p;
      if (c == '\n') return true;
      if (c == '\r') return m_end - m_p >= 2 && m_p[1] == '\n';
      if (class_of(c) & k_comment_plain) {
        ++m_p;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        const auto length = utf8_length(m_p, m_end);
        if (length == 0) return false;
        m_p += length;
      } else {
        return false;
      }
    }
    return true;
  }

  // After a header or a key/value pair: spaces, an optional comment, then the line end.
  bool line_end() {
    skip_spaces();
    if (m_p != m_end && *m_p == '#' && !comment()) return false;
    return m_p == m_end || newline();
  }

  // Inside arrays: spaces, line ends and comments.
  bool skip_blank() {
    for (;;) {
      skip_spaces();
      if (m_p == m_end) return true;
      const char c = *m_p;
      if (c == '\n' || c == '\r') {
        if (!newline()) return false;
      } else if (c == '#') {
        if (!comment()) return false;
      } else {
        return true;
      }
    }
  }

  // The child of `table` named `key`, or k_none.
  Index find(Index table, std::string_view key) const {
    for (Index i = m_nodes[table].first; i != k_none; i = m_nodes[i].next)
      if (m_nodes[i].key == key) return i;
    return k_none;
  }

  // Whether `table` has no child `key` yet (and, for big tables, remembers it).
  bool key_is_new(Index table, std::string_view key) {
    const auto& node = m_nodes[table];
    if (node.count < k_linear_lookup_limit) return find(table, key) == k_none;
    auto& keys = m_doc.m_big_tables[table];
    if (keys.empty())
      for (Index i = node.first; i != k_none; i = m_nodes[i].next) keys.insert(m_nodes[i].key);
    return keys.insert(key).second;
  }

  // Appends a node to `parent`; k_none when `parent` is a table that already has `key`.
  Index add(Index parent, std::string_view key, Kind kind, const char* at) {
    if (m_nodes[parent].kind == Kind::table && !key_is_new(parent, key)) return k_none;
    const auto index = static_cast<Index>(m_nodes.size());
    ScannedToml::Node node;
    node.key = key;
    node.offset = static_cast<std::uint32_t>(at - m_begin);
    node.line = m_line;
    node.kind = kind;
    m_nodes.push_back(node);
    auto& owner = m_nodes[parent];
    if (owner.last == k_none) {
      owner.first = index;
    } else {
      m_nodes[owner.last].next = index;
    }
    owner.last = index;
    ++owner.count;
    return index;
  }

  // bare-key | basic-string | literal-string
  bool key(std::string_view& out) {
    if (m_p == m_end) return false;
    if (class_of(*m_p) & k_bare_key) {
      const char* start = m_p;
      while (m_p != m_end && (class_of(*m_p) & k_bare_key)) ++m_p;
      out = std::string_view(start, static_cast<std::size_t>(m_p - start));
      return true;
    }
    if (*m_p == '"') return basic_string(out);
    if (*m_p == '\'') return literal_string(out);
    return false;
  }

  // '"' chars '"' on one line; the text is a view of the input unless it has escapes, which are
  // decoded into the arena.
  bool basic_string(std::string_view& out) {
    if (m_end - m_p >= 3 && m_p[1] == '"' && m_p[2] == '"') return false;  // multi-line
    const char* start = m_p + 1;
    const char* p = start;
    for (;;) {
      p = skip_basic_plain(p, m_end);
      if (p == m_end) return false;
      const char c = *p;
      if (c == '"') {
        out = std::string_view(start, static_cast<std::size_t>(p - start));
        m_p = p + 1;
        return true;
      }
      if (c == '\\') break;
      if (c == '\t') {
        ++p;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        const auto length = utf8_length(p, m_end);
        if (length == 0) return false;
        p += length;
      } else {
        return false;  // a control character or DEL
      }
    }
    // Escapes: decode into the arena (escapes only shrink, so the arena cannot overflow).
    char* const decoded = m_arena;
    char* out_p = decoded;
    std::memcpy(out_p, start, static_cast<std::size_t>(p - start));
    out_p += p - start;
    while (p != m_end) {
      const char c = *p;
      if (c == '"') {
        out = std::string_view(decoded, static_cast<std::size_t>(out_p - decoded));
        m_arena = out_p;
        m_p = p + 1;
        return true;
      }
      if (c == '\\') {
        if (++p == m_end) return false;
        switch (*p) {
          case 'b':
            *out_p++ = '\b';
            ++p;
            break;
          case 't':
            *out_p++ = '\t';
            ++p;
            break;
          case 'n':
            *out_p++ = '\n';
            ++p;
            break;
          case 'f':
            *out_p++ = '\f';
            ++p;
            break;
          case 'r':
            *out_p++ = '\r';
            ++p;
            break;
          case '"':
            *out_p++ = '"';
            ++p;
            break;
          case '\\':
            *out_p++ = '\\';
            ++p;
            break;
          case 'u':
          case 'U': {
            const int digits = *p == 'u' ? 4 : 8;
            ++p;
            if (m_end - p < digits) return false;
            std::uint32_t value = 0;
            for (int i = 0; i < digits; ++i) {
              if (!is_hex_digit(p[i])) return false;
              value = value * 16 + hex_value(p[i]);
            }
            // TOML 1.0: a Unicode scalar value.
            if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return false;
            out_p = put_utf8(out_p, value);
            p += digits;
            break;
          }
          default:
            return false;  // not a TOML 1.0 escape
        }
      } else if (class_of(c) & k_basic_plain) {
        *out_p++ = c;
        ++p;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        const auto length = utf8_length(p, m_end);
        if (length == 0) return false;
        std::memcpy(out_p, p, length);
        out_p += length;
        p += length;
      } else {
        return false;
      }
    }
    return false;
  }

  // '\'' chars '\'' on one line, no escapes.
  bool literal_string(std::string_view& out) {
    if (m_end - m_p >= 3 && m_p[1] == '\'' && m_p[2] == '\'') return false;  // multi-line
    const char* start = m_p + 1;
    const char* p = start;
    while (p != m_end) {
      const char c = *p;
      if (c == '\'') {
        out = std::string_view(start, static_cast<std::size_t>(p - start));
        m_p = p + 1;
        return true;
      }
      if (class_of(c) & k_literal_plain) {
        ++p;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        const auto length = utf8_length(p, m_end);
        if (length == 0) return false;
        p += length;
      } else {
        return false;
      }
    }
    return false;
  }

  // string | integer | boolean | array | inline-table, as the child `key` of `parent`.
  bool value(Index parent, std::string_view key) {
    if (m_p == m_end) return false;
    const char* at = m_p;
    switch (*m_p) {
      case '"':
      case '\'': {
        std::string_view text;
        if (!(*m_p == '"' ? basic_string(text) : literal_string(text))) return false;
        const Index node = add(parent, key, Kind::string, at);
        if (node == k_none) return false;
        m_nodes[node].value = text;
        return true;
      }
      case '[': {
        const Index node = add(parent, key, Kind::array, at);
        if (node == k_none || m_depth >= k_max_nesting) return false;
        ++m_p;
        ++m_depth;
        const bool ok = array(node);
        --m_depth;
        return ok;
      }
      case '{': {
        const Index node = add(parent, key, Kind::table, at);
        if (node == k_none || m_depth >= k_max_nesting) return false;
        m_nodes[node].flags = k_inline_table;
        ++m_p;
        ++m_depth;
        const bool ok = inline_table(node);
        --m_depth;
        return ok;
      }
      case 't':
        return word("true", parent, key);
      case 'f':
        return word("false", parent, key);
      default:
        return integer(parent, key);
    }
  }

  bool word(std::string_view word, Index parent, std::string_view key) {
    if (static_cast<std::size_t>(m_end - m_p) < word.size() ||
        std::string_view(m_p, word.size()) != word || !is_delimiter(m_p + word.size(), m_end))
      return false;
    const Index node = add(parent, key, Kind::boolean, m_p);
    if (node == k_none) return false;
    m_nodes[node].value = std::string_view(m_p, word.size());
    m_p += word.size();
    return true;
  }

  // 0 | [1-9][0-9]* (at most 18 digits, so it fits an int64); other forms: toml++ decides.
  bool integer(Index parent, std::string_view key) {
    const char* start = m_p;
    const char* p = m_p;
    while (p != m_end && *p >= '0' && *p <= '9') ++p;
    const auto digits = p - start;
    if (digits == 0 || digits > 18 || (digits > 1 && *start == '0') || !is_delimiter(p, m_end))
      return false;
    const Index node = add(parent, key, Kind::integer, start);
    if (node == k_none) return false;
    m_nodes[node].value = std::string_view(start, static_cast<std::size_t>(digits));
    m_p = p;
    return true;
  }

  // '[' (blank value blank ',')* (blank value blank ','?)? blank ']'   (after the '[')
  bool array(Index node) {
    for (;;) {
      if (!skip_blank() || m_p == m_end) return false;
      if (*m_p == ']') {
        ++m_p;
        return true;
      }
      if (!value(node, {})) return false;
      if (!skip_blank() || m_p == m_end) return false;
      if (*m_p == ',') {
        ++m_p;
      } else if (*m_p == ']') {
        ++m_p;
        return true;
      } else {
        return false;
      }
    }
  }

  // '{' (key '=' value (',' key '=' value)*)? '}' on one line   (after the '{')
  bool inline_table(Index node) {
    skip_spaces();
    if (m_p != m_end && *m_p == '}') {
      ++m_p;
      return true;
    }
    for (;;) {
      skip_spaces();
      std::string_view name;
      if (!key(name)) return false;
      skip_spaces();
      if (m_p == m_end || *m_p != '=') return false;  // also a dotted key
      ++m_p;
      skip_spaces();
      if (!value(node, name)) return false;
      skip_spaces();
      if (m_p == m_end) return false;
      if (*m_p == ',') {
        ++m_p;
      } else if (*m_p == '}') {
        ++m_p;
        return true;
      } else {
        return false;
      }
    }
  }

  // key '=' value line-end, in the current table.
  bool key_value() {
    std::string_view name;
    if (!key(name)) return false;
    skip_spaces();
    if (m_p == m_end || *m_p != '=') return false;  // also a dotted key
    ++m_p;
    skip_spaces();
    return value(m_current, name) && line_end();
  }

  // '[' keys ']' | '[[' keys ']]', keys = key ('.' key)*. Every key but the last must name an
  // existing table (or array of tables: its last element) that no inline table made.
  bool header() {
    const char* at = m_p;
    ++m_p;
    const bool array_of_tables = m_p != m_end && *m_p == '[';
    if (array_of_tables) ++m_p;
    std::array<std::string_view, k_max_header_keys> keys;
    std::size_t depth = 0;
    for (;;) {
      skip_spaces();
      if (depth == keys.size() || !key(keys[depth])) return false;
      ++depth;
      skip_spaces();
      if (m_p == m_end || *m_p != '.') break;
      ++m_p;
    }
    if (m_p == m_end || *m_p != ']') return false;
    ++m_p;
    if (array_of_tables) {
      if (m_p == m_end || *m_p != ']') return false;
      ++m_p;
    }
    // A header that does not lead into the open element closes it.
    if (m_open != k_none && (depth < 2 || keys[0] != m_nodes[m_open_array].key) && !close_element())
      return false;
    Index table = 0;
    for (std::size_t i = 0; i + 1 < depth; ++i) {
      Index child = find(table, keys[i]);
      if (child == k_none) {
        // [a.b.c] before (or without) [a.b]: TOML makes `b` here; a later [a.b] may still define
        // it, once.
        child = add(table, keys[i], Kind::table, at);
        if (child == k_none) return false;
        m_nodes[child].flags = k_implicit_table;
      }
      const auto& node = m_nodes[child];
      if (node.kind == Kind::table && !(node.flags & k_inline_table)) {
        table = child;
      } else if (node.kind == Kind::array && (node.flags & k_array_of_tables)) {
        table = node.last;
        // A streamed element is gone: what a header could add to it cannot be checked.
        if (m_nodes[table].flags & k_streamed) return false;
      } else {
        return false;
      }
    }
    const auto name = keys[depth - 1];
    if (!array_of_tables) {
      const Index existing = find(table, name);
      if (existing != k_none && m_nodes[existing].kind == Kind::table &&
          m_nodes[existing].flags == k_implicit_table) {
        auto& defined = m_nodes[existing];  // defined now, and placed here (as toml++ does)
        defined.flags = 0;
        defined.offset = static_cast<std::uint32_t>(at - m_begin);
        defined.line = m_line;
        m_current = existing;
      } else {
        m_current = add(table, name, Kind::table, at);
        if (m_current == k_none) return false;
      }
    } else {
      Index array = find(table, name);
      if (array == k_none) {
        array = add(table, name, Kind::array, at);
        if (array == k_none) return false;
        m_nodes[array].flags = k_array_of_tables;
      } else if (m_nodes[array].kind != Kind::array ||
                 !(m_nodes[array].flags & k_array_of_tables)) {
        return false;
      }
      m_current = add(array, {}, Kind::table, at);
      if (m_on_element != nullptr && depth == 1) {
        m_open = m_current;
        m_open_array = array;
        m_open_arena = m_arena;
      }
    }
    return line_end();
  }

  // Hands the open element to the handler, then drops its subtree: every node made since the
  // element (they are all inside it: only a header can leave it) and the arena text they use.
  bool close_element() {
    const bool ok = (*m_on_element)(m_doc, m_nodes[m_open_array].key, m_nodes[m_open]);
    m_nodes.resize(m_open + 1);
    auto& element = m_nodes[m_open];
    element.first = element.last = k_none;
    element.count = 0;
    element.flags |= k_streamed;
    m_arena = m_open_arena;
    for (auto it = m_doc.m_big_tables.begin(); it != m_doc.m_big_tables.end();) {
      it = it->first > m_open ? m_doc.m_big_tables.erase(it) : std::next(it);
    }
    m_open = k_none;
    return ok;
  }

  ScannedToml& m_doc;
  std::vector<ScannedToml::Node>& m_nodes;
  const ScannedToml::ElementHandler* m_on_element;
  Index m_open = k_none;         // the element of a top-level [[array]] being read, when streaming
  Index m_open_array = k_none;   // its array
  char* m_open_arena = nullptr;  // the arena's end when it was opened
  const char* m_begin;
  const char* m_p;
  const char* m_end;
  char* m_arena = nullptr;
  std::uint32_t m_line = 1;
  Index m_current = 0;
  int m_depth = 0;
};

bool ScannedToml::scan(std::string_view text) {
  m_text = text;
  return TomlSubsetScanner(*this, text, nullptr).run();
}

bool ScannedToml::scan(std::string_view text, const ElementHandler& on_element) {
  m_text = text;
  return TomlSubsetScanner(*this, text, &on_element).run();
}

const ScannedToml::Node* ScannedToml::get(const Node& table, std::string_view key) const {
  for (Index i = table.first; i != k_none; i = m_nodes[i].next)
    if (m_nodes[i].key == key) return &m_nodes[i];
  return nullptr;
}

std::vector<const ScannedToml::Node*> ScannedToml::sorted_children(const Node& table) const {
  std::vector<const Node*> children;
  children.reserve(table.count);
  for (Index i = table.first; i != k_none; i = m_nodes[i].next) children.push_back(&m_nodes[i]);
  std::sort(children.begin(), children.end(),
            [](const Node* a, const Node* b) { return a->key < b->key; });
  return children;
}

const ScannedToml::Node* FastReaderBase::string_of(const Node& table, std::string_view key,
                                                   bool& ok) const {
  return child_of(table, key, Kind::string, ok);
}

const ScannedToml::Node* FastReaderBase::child_of(const Node& table, std::string_view key,
                                                  Kind kind, bool& ok) const {
  const Node* node = m_doc.get(table, key);
  if (node != nullptr && node->kind != kind) {
    ok = false;
    return nullptr;
  }
  return node;
}

bool FastReaderBase::strings_of(const Node& array, std::vector<std::string>& out) const {
  if (array.kind != Kind::array) return false;
  out.reserve(out.size() + array.count);
  for (auto i = array.first; i != ScannedToml::k_none; i = m_doc.node(i).next) {
    const Node& item = m_doc.node(i);
    if (item.kind != Kind::string) return false;
    out.emplace_back(item.value);
  }
  return true;
}

const pep508::Marker* FastReaderBase::marker(const std::string& text) {
  auto found = m_markers.find(std::string_view(text));
  if (found == m_markers.end()) {
    auto parsed = pep508::parse_marker(text);
    std::optional<pep508::Marker> value;
    if (parsed) value = std::move(*parsed);
    found = m_markers.emplace(text, std::move(value)).first;
  }
  return found->second ? &*found->second : nullptr;
}

const pep440::SpecifierSet* FastReaderBase::specifiers(std::string_view text) {
  auto found = m_specifiers.find(text);
  if (found == m_specifiers.end()) {
    auto parsed = pep440::parse_specifier_set(text);
    std::optional<pep440::SpecifierSet> value;
    if (parsed) value = std::move(*parsed);
    found = m_specifiers.emplace(std::string(text), std::move(value)).first;
  }
  return found->second ? &*found->second : nullptr;
}

std::string FastReaderBase::normalized_name(std::string_view name) {
  // PEP 503 leaves lowercase ASCII letters and digits with single '-' between them unchanged.
  bool normal = !name.empty() && name.front() != '-' && name.back() != '-';
  for (std::size_t i = 0; i < name.size() && normal; ++i) {
    const char c = name[i];
    normal = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && name[i - 1] != '-');
  }
  return normal ? std::string(name) : pep508::normalize_name(name);
}

bool FastReaderBase::start_entry(const Node& element, Package& package, const Node*& version) {
  version = nullptr;
  if (element.kind != Kind::table) return false;
  bool ok = true;
  const Node* name = string_of(element, "name", ok);
  if (name == nullptr) return false;  // missing, or not a string
  const auto trimmed = util::trim(name->value);
  if (trimmed.empty()) return false;
  version = string_of(element, "version", ok);
  if (!ok) return false;
  package.display_name = std::string(name->value);
  package.name = normalized_name(trimmed);
  package.where = m_doc.where(element, m_path);
  if (version != nullptr) {
    package.version_text = std::string(version->value);
    auto parsed = pep440::parse_version(package.version_text);
    if (!parsed) return false;
    package.version = std::move(*parsed);
  }
  return true;
}

std::size_t count_headers(std::string_view text, std::string_view header) {
  std::size_t count = 0;
  for (auto at = text.find(header); at != std::string_view::npos; at = text.find(header, at + 1))
    if (at == 0 || text[at - 1] == '\n') ++count;
  return count;
}

Location ScannedToml::where(const Node& node, const std::string& path) const {
  std::size_t start = node.offset;
  while (start > 0 && m_text[start - 1] != '\n') --start;
  int column = 1;
  for (std::size_t i = start; i < node.offset; ++i)
    if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) ++column;
  return Location{path, static_cast<int>(node.line), column};
}

}  // namespace depcheck::readers
