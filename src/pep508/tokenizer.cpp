// packaging 23.0's DEFAULT_RULES, matched by hand (see tokenizer.hpp).
#include "pep508/tokenizer.hpp"

#include <array>

#include "depcheck/util/text.hpp"

namespace depcheck::pep508::detail {
namespace {

constexpr std::size_t k_no_match = std::string_view::npos;
// A byte that is not valid UTF-8 stands for itself, as Python's surrogateescape would.
constexpr char32_t k_invalid_byte = 0xDC00;

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;  // 0 at the end of the text
};

CodePoint decode_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return {};
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const unsigned char c = byte(0);
  if (c < 0x80) return {c, 1};
  std::size_t length = 0;
  char32_t value = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
    value = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    value = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    value = c & 0x07;
  } else {
    return {k_invalid_byte + c, 1};
  }
  if (at + length > text.size()) return {k_invalid_byte + c, 1};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return {k_invalid_byte + c, 1};
    value = (value << 6) | (byte(k) & 0x3F);
  }
  if ((length == 3 && value < 0x800) || (length == 4 && (value < 0x10000 || value > 0x10FFFF)))
    return {k_invalid_byte + c, 1};
  return {value, length};
}

// The code point that ends just before `at` (length 0 at the start of the text).
CodePoint decode_before(std::string_view text, std::size_t at) {
  if (at == 0) return {};
  std::size_t lead = at - 1;
  while (lead > 0 && at - lead < 4 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80)
    --lead;
  const auto c = decode_at(text, lead);
  if (lead + c.length == at) return c;
  return {k_invalid_byte + static_cast<unsigned char>(text[at - 1]), 1};
}

bool is_ascii_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alpha(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_alnum(char32_t c) {
  return is_ascii_digit(c) || is_ascii_alpha(c);
}

// re's \b: a word character on exactly one side.
bool is_boundary(std::string_view text, std::size_t at) {
  const auto before = decode_before(text, at);
  const auto after = decode_at(text, at);
  const bool word_before = before.length != 0 && is_python_word(before.value);
  const bool word_after = after.length != 0 && is_python_word(after.value);
  return word_before != word_after;
}

std::size_t space_length_at(std::string_view text, std::size_t at) {
  const auto c = decode_at(text, at);
  return c.length != 0 && is_python_space(c.value) ? c.length : 0;
}

// \s*
std::size_t skip_spaces(std::string_view text, std::size_t at) {
  while (const auto n = space_length_at(text, at)) at += n;
  return at;
}

std::size_t count_digits(std::string_view text, std::size_t at) {
  std::size_t n = 0;
  while (at + n < text.size() && is_ascii_digit(static_cast<unsigned char>(text[at + n]))) ++n;
  return n;
}

// One character of an IGNORECASE pattern that names the lowercase ASCII letter `letter`: the
// letter in either case, or one of the four non-ASCII code points Python's re folds onto ASCII
// (U+0130 and U+0131 -> i, U+017F -> s, U+212A -> k). Returns the byte length, 0 if none.
std::size_t letter_length_at(std::string_view text, std::size_t at, char letter) {
  const auto c = decode_at(text, at);
  if (c.length == 0) return 0;
  if (c.value < 0x80) return (c.value | 0x20) == static_cast<char32_t>(letter) ? 1 : 0;
  if ((c.value == 0x130 || c.value == 0x131) && letter == 'i') return c.length;
  if (c.value == 0x17F && letter == 's') return c.length;
  if (c.value == 0x212A && letter == 'k') return c.length;
  return 0;
}

// `word` (lowercase ASCII) under IGNORECASE at `at`: the end of the match, or npos.
std::size_t match_word_ci(std::string_view text, std::size_t at, std::string_view word) {
  for (char letter : word) {
    const auto n = letter_length_at(text, at, letter);
    if (n == 0) return k_no_match;
    at += n;
  }
  return at;
}

// [a-z0-9] under IGNORECASE.
std::size_t alnum_length_at(std::string_view text, std::size_t at) {
  if (at < text.size() && is_ascii_digit(static_cast<unsigned char>(text[at]))) return 1;
  for (char letter = 'a'; letter <= 'z'; ++letter)
    if (const auto n = letter_length_at(text, at, letter)) return n;
  return 0;
}

bool is_separator(std::string_view text, std::size_t at) {
  return at < text.size() && (text[at] == '-' || text[at] == '_' || text[at] == '.');
}

// [-_\.]?(one of words)[-_\.]?[0-9]*  -- the alternation is tried in order and the first
// alternative that matches wins, as the rest of the pattern is optional.
std::size_t match_suffix(std::string_view text, std::size_t at,
                         std::initializer_list<std::string_view> words) {
  // [-_\.]? is greedy; giving the separator back cannot help, as no word starts with one.
  const std::size_t start = is_separator(text, at) ? at + 1 : at;
  for (auto word : words) {
    auto end = match_word_ci(text, start, word);
    if (end == k_no_match) continue;
    if (is_separator(text, end)) ++end;
    return end + count_digits(text, end);
  }
  return at;
}

// \s* v? (?:[0-9]+!)? [0-9]+ (?:\.[0-9]+)*   (`+` instead of the last `*` for ~=)
std::size_t match_release(std::string_view text, std::size_t at, bool at_least_two) {
  at = skip_spaces(text, at);
  if (letter_length_at(text, at, 'v')) at += letter_length_at(text, at, 'v');
  const auto release_from = [&](std::size_t from) -> std::size_t {
    const auto digits = count_digits(text, from);
    if (digits == 0) return k_no_match;
    from += digits;
    int components = 1;
    while (from + 1 < text.size() && text[from] == '.' && count_digits(text, from + 1) > 0) {
      from += 1 + count_digits(text, from + 1);
      ++components;
    }
    return at_least_two && components < 2 ? k_no_match : from;
  };
  const auto epoch_digits = count_digits(text, at);
  if (epoch_digits > 0 && at + epoch_digits < text.size() && text[at + epoch_digits] == '!') {
    const auto end = release_from(at + epoch_digits + 1);
    if (end != k_no_match) return end;  // else the epoch is given back
  }
  return release_from(at);
}

// pre? post? dev? as in packaging's Specifier._version_regex_str.
std::size_t match_pre_post_dev(std::string_view text, std::size_t at) {
  at = match_suffix(text, at, {"alpha", "beta", "preview", "pre", "a", "b", "c", "rc"});
  // post: (?:-[0-9]+)|(?:[-_\.]?(post|rev|r)[-_\.]?[0-9]*)
  if (at + 1 < text.size() && text[at] == '-' && count_digits(text, at + 1) > 0)
    at += 1 + count_digits(text, at + 1);
  else
    at = match_suffix(text, at, {"post", "rev", "r"});
  return match_suffix(text, at, {"dev"});
}

// \+[a-z0-9]+(?:[-_\.][a-z0-9]+)*
std::size_t match_local(std::string_view text, std::size_t at) {
  if (at >= text.size() || text[at] != '+' || alnum_length_at(text, at + 1) == 0) return at;
  ++at;
  while (const auto n = alnum_length_at(text, at)) at += n;
  while (is_separator(text, at) && alnum_length_at(text, at + 1) != 0) {
    ++at;
    while (const auto n = alnum_length_at(text, at)) at += n;
  }
  return at;
}

bool looks_behind(std::string_view text, std::size_t at, std::string_view what) {
  return at >= what.size() && text.substr(at - what.size(), what.size()) == what;
}

// The version part of packaging's Specifier regex, starting right after the operator; the
// branches are chosen by look-behinds on the text, exactly as in the regex.
std::size_t match_specifier_version(std::string_view text, std::size_t at) {
  // (?<====) \s* [^\s;)]*
  if (looks_behind(text, at, "===")) {
    at = skip_spaces(text, at);
    while (at < text.size() && text[at] != ';' && text[at] != ')' && space_length_at(text, at) == 0)
      at += decode_at(text, at).length;
    return at;
  }
  // (?<===|!=) release (wildcard | pre? post? dev? local?)?
  if (looks_behind(text, at, "==") || looks_behind(text, at, "!=")) {
    auto end = match_release(text, at, false);
    if (end == k_no_match) return k_no_match;
    if (end + 1 < text.size() && text[end] == '.' && text[end + 1] == '*') return end + 2;
    return match_local(text, match_pre_post_dev(text, end));
  }
  // (?<=~=) release-with-two-components pre? post? dev?
  if (looks_behind(text, at, "~=")) {
    const auto end = match_release(text, at, true);
    return end == k_no_match ? k_no_match : match_pre_post_dev(text, end);
  }
  // (?<!==|!=|~=) release pre? post? dev?  (the look-behinds above already failed)
  const auto end = match_release(text, at, false);
  return end == k_no_match ? k_no_match : match_pre_post_dev(text, end);
}

std::size_t match_specifier(std::string_view text, std::size_t at) {
  // (~=|==|!=|<=|>=|<|>|===): the first operator whose version part matches.
  for (std::string_view op : {"~=", "==", "!=", "<=", ">=", "<", ">", "==="}) {
    if (text.substr(at, op.size()) != op) continue;
    const auto end = match_specifier_version(text, at + op.size());
    if (end != k_no_match) return end - at;
  }
  return k_no_match;
}

// \b(alternatives)\b, trying the alternatives in order.
std::size_t match_words(std::string_view text, std::size_t at,
                        std::initializer_list<std::string_view> words) {
  if (!is_boundary(text, at)) return k_no_match;
  for (auto word : words)
    if (text.substr(at, word.size()) == word && is_boundary(text, at + word.size()))
      return word.size();
  return k_no_match;
}

constexpr std::array<std::string_view, 18> k_variable_spellings = {
    "python_version",
    "python_full_version",
    "os.name",
    "os_name",
    "sys.platform",
    "sys_platform",
    "platform_release",
    "platform_system",
    "platform.version",
    "platform_version",
    "platform.machine",
    "platform_machine",
    "platform.python_implementation",
    "platform_python_implementation",
    "python_implementation",
    "implementation_name",
    "implementation_version",
    "extra",
};

// PEP 751's set-valued variables: packaging 25.0's VARIABLE rule has `extras?` and
// `dependency_groups` where 23.0's has `extra`.
constexpr std::array<std::string_view, 2> k_lock_file_variable_spellings = {
    "extras",
    "dependency_groups",
};

std::size_t match_variable(std::string_view text, std::size_t at, MarkerContext context) {
  if (!is_boundary(text, at)) return k_no_match;
  const auto matches = [&](std::string_view word) {
    return text.substr(at, word.size()) == word && is_boundary(text, at + word.size());
  };
  for (auto word : k_variable_spellings)
    if (matches(word)) return word.size();
  if (context == MarkerContext::lock_file)
    for (auto word : k_lock_file_variable_spellings)
      if (matches(word)) return word.size();
  return k_no_match;
}

// \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b, backtracking to the longest prefix that ends on a boundary.
std::size_t match_identifier(std::string_view text, std::size_t at) {
  if (at >= text.size() || !is_ascii_alnum(static_cast<unsigned char>(text[at])) ||
      !is_boundary(text, at))
    return k_no_match;
  std::size_t end = at + 1;
  while (end < text.size() && (is_ascii_alnum(static_cast<unsigned char>(text[end])) ||
                               text[end] == '.' || text[end] == '_' || text[end] == '-'))
    ++end;
  for (; end > at; --end)
    if (is_boundary(text, end)) return end - at;
  return k_no_match;
}

}  // namespace

bool is_python_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

std::string_view python_strip(std::string_view text) {
  while (const auto n = space_length_at(text, 0)) text.remove_prefix(n);
  for (;;) {
    const auto last = decode_before(text, text.size());
    if (last.length == 0 || !is_python_space(last.value)) break;
    text.remove_suffix(last.length);
  }
  return text;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string python_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const auto c = decode_at(text, at);
    if (c.length == 1 && static_cast<unsigned char>(text[at]) >= 0x80) {
      out += text[at];  // not UTF-8: kept as it is
    } else if (c.value == 0x130) {
      out += "i\xcc\x87";  // U+0130 lowercases to "i" + U+0307 COMBINING DOT ABOVE
    } else {
      append_utf8(out, python_lower(c.value));
    }
    at += c.length;
  }
  return out;
}

std::string canonicalize_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool in_run = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_run) out += '-';
      in_run = true;
      continue;
    }
    in_run = false;
    out += c;
  }
  return python_lower(out);
}

std::size_t match_token(TokenKind kind, std::string_view text, std::size_t at,
                        MarkerContext context) {
  const auto single = [&](char c) { return at < text.size() && text[at] == c ? 1 : k_no_match; };
  switch (kind) {
    case TokenKind::left_parenthesis:
      return single('(');
    case TokenKind::right_parenthesis:
      return single(')');
    case TokenKind::left_bracket:
      return single('[');
    case TokenKind::right_bracket:
      return single(']');
    case TokenKind::semicolon:
      return single(';');
    case TokenKind::comma:
      return single(',');
    case TokenKind::at:
      return single('@');
    case TokenKind::quoted_string: {
      if (at >= text.size() || (text[at] != '\'' && text[at] != '"')) return k_no_match;
      const auto close = text.find(text[at], at + 1);
      return close == std::string_view::npos ? k_no_match : close + 1 - at;
    }
    case TokenKind::op:
      for (std::string_view op : {"===", "==", "~=", "!=", "<=", ">=", "<", ">"})
        if (text.substr(at, op.size()) == op) return op.size();
      return k_no_match;
    case TokenKind::boolop:
      return match_words(text, at, {"or", "and"});
    case TokenKind::in:
      return match_words(text, at, {"in"});
    case TokenKind::not_word:
      return match_words(text, at, {"not"});
    case TokenKind::variable:
      return match_variable(text, at, context);
    case TokenKind::specifier:
      return match_specifier(text, at);
    case TokenKind::url: {
      std::size_t end = at;
      while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
      return end > at ? end - at : k_no_match;
    }
    case TokenKind::identifier:
      return match_identifier(text, at);
    case TokenKind::ws: {
      std::size_t end = at;
      while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
      return end > at ? end - at : k_no_match;
    }
    case TokenKind::end:
      // Python's `$`: the end, or just before a newline that ends the text.
      return at == text.size() || (at + 1 == text.size() && text[at] == '\n') ? 0 : k_no_match;
  }
  return k_no_match;
}

bool Tokenizer::check(TokenKind kind, bool peek) {
  m_next.reset();
  if (failed()) return false;
  const auto length = match_token(kind, m_source, m_position, m_context);
  if (length == k_no_match) return false;
  if (!peek) m_next = Token{kind, m_source.substr(m_position, length), m_position};
  return true;
}

void Tokenizer::consume(TokenKind kind) {
  if (check(kind)) read();
}

std::optional<Token> Tokenizer::expect(TokenKind kind, std::string_view expected) {
  if (!check(kind)) {
    raise_syntax_error("Expected " + std::string(expected));
    return std::nullopt;
  }
  return read();
}

Token Tokenizer::read() {
  const Token token = *m_next;
  m_position += token.text.size();
  m_next.reset();
  return token;
}

void Tokenizer::raise_syntax_error(std::string message, std::optional<std::size_t> start,
                                   std::optional<std::size_t> end) {
  if (failed()) return;
  m_error =
      SyntaxErrorDetail{std::move(message), start.value_or(m_position), end.value_or(m_position)};
}

std::string render_syntax_error(std::string_view what, std::string_view text,
                                const SyntaxErrorDetail& detail) {
  std::string message = detail.message;
  if (message.rfind("Expected ", 0) == 0) message[0] = 'e';
  for (auto [name, shown] :
       {std::pair<std::string_view, std::string_view>{"RIGHT_PARENTHESIS", "')'"},
        {"LEFT_PARENTHESIS", "'('"},
        {"RIGHT_BRACKET", "']'"}}) {
    const auto found = message.find(name);
    if (found != std::string::npos) message.replace(found, name.size(), shown);
  }
  // Python counts columns in code points.
  std::size_t column = 1;
  for (std::size_t at = 0; at < detail.end && at < text.size(); at += decode_at(text, at).length)
    ++column;
  return "invalid " + std::string(what) + " '" + util::escape_for_terminal(text) + "': " + message +
         " at column " + std::to_string(column);
}

}  // namespace depcheck::pep508::detail
