// PEP 508 markers as packaging 23.0 has them (packaging/_parser.py and markers.py). Where
// packaging's behaviour is surprising, it is kept on purpose and the comment says so: the
// point is that depcheck agrees with pip about which requirements apply. Lock-file markers
// (PEP 751) add what packaging 25.0 added for them: the `extras` and `dependency_groups`
// variables, set-valued evaluation and a parser that wants the whole text; their PEP 508
// comparisons stay as above.
#include "depcheck/pep508/marker.hpp"

#include <algorithm>
#include <cctype>

#include "depcheck/pep440/specifier.hpp"
#include "depcheck/pep440/version.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "depcheck/util/text.hpp"
#include "pep508/tokenizer.hpp"

namespace depcheck::pep508 {

using detail::Tokenizer;
using detail::TokenKind;

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// packaging's process_python_str: ast.literal_eval of a quoted string, i.e. a Python string
// literal: escapes are decoded ("\x41" -> "A"), unknown escapes keep their backslash ("\d"),
// and a raw newline or NUL is a syntax error. \N{name} needs Unicode's name table, which we do
// not carry: it is rejected (Python accepts the names it knows).
Expected<std::string> decode_python_string(std::string_view quoted) {
  const auto body = quoted.substr(1, quoted.size() - 2);
  if (body.find('\0') != std::string_view::npos)
    return unexpected("source code string cannot contain null bytes");
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\n' || c == '\r') return unexpected("unterminated string literal");
    if (c != '\\') {
      out += c;
      continue;
    }
    // The closing quote escaped: Python sees an unterminated literal.
    if (i + 1 == body.size()) return unexpected("unterminated string literal");
    const char n = body[++i];
    switch (n) {
      case '\n':
        break;
      case '\r':  // Python reads "\r\n" and "\r" as a newline: a line continuation
        if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
        break;
      case '\\':
      case '\'':
      case '"':
        out += n;
        break;
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x':
      case 'u':
      case 'U': {
        const std::size_t digits = n == 'x' ? 2 : n == 'u' ? 4 : 8;
        char32_t value = 0;
        for (std::size_t k = 1; k <= digits; ++k) {
          if (i + k >= body.size() || hex_value(body[i + k]) < 0)
            return unexpected(n == 'x'   ? "truncated \\xXX escape"
                              : n == 'u' ? "truncated \\uXXXX escape"
                                         : "truncated \\UXXXXXXXX escape");
          value = value * 16 + static_cast<char32_t>(hex_value(body[i + k]));
        }
        if (value > 0x10FFFF) return unexpected("illegal Unicode character");
        detail::append_utf8(out, value);
        i += digits;
        break;
      }
      case 'N':
        return unexpected("\\N{...} escapes are not supported");
      default:
        if (n >= '0' && n <= '7') {
          char32_t value = static_cast<char32_t>(n - '0');
          for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7';
               ++k)
            value = value * 8 + static_cast<char32_t>(body[++i] - '0');
          detail::append_utf8(out, value);
        } else {
          out += '\\';
          out += n;
        }
    }
  }
  return out;
}

// packaging's process_env_var: "os.name" -> "os_name", python_implementation ->
// platform_python_implementation.
std::string canonical_variable(std::string_view spelling) {
  std::string name(spelling);
  for (char& c : name)
    if (c == '.') c = '_';
  if (name == "python_implementation") return "platform_python_implementation";
  return name;
}

// marker_var = VARIABLE | QUOTED_STRING
bool parse_marker_var(Tokenizer& tokenizer, MarkerValue& out) {
  if (tokenizer.check(TokenKind::variable)) {
    out = {true, canonical_variable(tokenizer.read().text)};
    return true;
  }
  if (tokenizer.check(TokenKind::quoted_string)) {
    const auto token = tokenizer.read();
    auto value = decode_python_string(token.text);
    if (!value) {
      tokenizer.raise_syntax_error("invalid string literal: " + value.error(), token.position,
                                   token.position + token.text.size());
      return false;
    }
    out = {false, std::move(*value)};
    return true;
  }
  tokenizer.raise_syntax_error("Expected a marker variable or quoted string");
  return false;
}

// marker_op = IN | NOT WS IN | OP
bool parse_marker_op(Tokenizer& tokenizer, std::string& out) {
  if (tokenizer.check(TokenKind::in)) {
    tokenizer.read();
    out = "in";
    return true;
  }
  if (tokenizer.check(TokenKind::not_word)) {
    tokenizer.read();
    if (!tokenizer.expect(TokenKind::ws, "whitespace after 'not'")) return false;
    if (!tokenizer.expect(TokenKind::in, "'in' after 'not'")) return false;
    out = "not in";
    return true;
  }
  if (tokenizer.check(TokenKind::op)) {
    out = std::string(tokenizer.read().text);
    return true;
  }
  tokenizer.raise_syntax_error(
      "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
  return false;
}

// marker_item = WS? marker_var WS? marker_op WS? marker_var WS?
bool parse_marker_item(Tokenizer& tokenizer, MarkerItem& out) {
  tokenizer.consume(TokenKind::ws);
  if (!parse_marker_var(tokenizer, out.lhs)) return false;
  tokenizer.consume(TokenKind::ws);
  if (!parse_marker_op(tokenizer, out.op)) return false;
  tokenizer.consume(TokenKind::ws);
  if (!parse_marker_var(tokenizer, out.rhs)) return false;
  tokenizer.consume(TokenKind::ws);
  return true;
}

constexpr int k_max_marker_nesting = 100;

// marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?
bool parse_marker_atom(Tokenizer& tokenizer, MarkerNode::Element& out) {
  tokenizer.consume(TokenKind::ws);
  if (tokenizer.check(TokenKind::left_parenthesis, true)) {
    tokenizer.check(TokenKind::left_parenthesis);
    const auto open_position = tokenizer.position();
    // Parsing, printing, evaluating and freeing a marker recurse once per level: a limit keeps
    // hostile input off the end of the stack. Real markers nest two or three levels.
    if (tokenizer.nesting() >= k_max_marker_nesting) {
      tokenizer.raise_syntax_error(
          "Markers nested deeper than " + std::to_string(k_max_marker_nesting) + " parentheses",
          open_position);
      return false;
    }
    tokenizer.read();
    tokenizer.consume(TokenKind::ws);
    ++tokenizer.nesting();
    auto inner = detail::parse_marker_list(tokenizer);
    --tokenizer.nesting();
    if (!inner) return false;
    tokenizer.consume(TokenKind::ws);
    if (!tokenizer.check(TokenKind::right_parenthesis)) {
      // packaging 25.0's enclosing_tokens(..., around="marker expression") words it anew.
      tokenizer.raise_syntax_error(
          tokenizer.context() == MarkerContext::lock_file
              ? "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression"
              : "Expected closing RIGHT_PARENTHESIS",
          open_position);
      return false;
    }
    tokenizer.read();
    out.kind = MarkerNode::Element::Kind::list;
    out.list = std::move(inner);
  } else {
    out.kind = MarkerNode::Element::Kind::item;
    if (!parse_marker_item(tokenizer, out.item)) return false;
  }
  tokenizer.consume(TokenKind::ws);
  return !tokenizer.failed();
}

// Value.serialize() puts double quotes around the value and escapes nothing, so a value with a
// double quote prints as packaging prints it: '"a"b"'.
std::string serialize(const MarkerValue& value) {
  return value.is_variable ? value.text : "\"" + value.text + "\"";
}

std::string format_item(const MarkerItem& item) {
  return serialize(item.lhs) + " " + item.op + " " + serialize(item.rhs);
}

// packaging's _format_marker. A one-element list prints as its element with first=true, so
// parentheses around a single parenthesized group vanish even mid-expression:
// "((a or b)) and c" prints as "a or b and c" (packaging 23.0 does the same).
std::string format_list(const MarkerNode& node, bool first) {
  if (node.elements.size() == 1) {
    const auto& only = node.elements.front();
    if (only.kind == MarkerNode::Element::Kind::item) return format_item(only.item);
    if (only.kind == MarkerNode::Element::Kind::list) return format_list(*only.list, true);
  }
  std::string joined;
  for (const auto& element : node.elements) {
    if (!joined.empty()) joined += ' ';
    switch (element.kind) {
      case MarkerNode::Element::Kind::item:
        joined += format_item(element.item);
        break;
      case MarkerNode::Element::Kind::list:
        joined += format_list(*element.list, false);
        break;
      case MarkerNode::Element::Kind::and_op:
        joined += "and";
        break;
      case MarkerNode::Element::Kind::or_op:
        joined += "or";
        break;
    }
  }
  return first ? joined : "(" + joined + ")";
}

// PEP 751's set-valued variables (packaging 25.0's MARKERS_ALLOWING_SET).
bool is_set_variable(std::string_view name) {
  return name == "extras" || name == "dependency_groups";
}

// One environment value: a string, or a set of names (lock-file markers only).
struct LookedUp {
  const std::string* text = nullptr;
  const std::vector<std::string>* set = nullptr;
};

// The environment as packaging's Marker.evaluate builds it: the context's defaults
// (metadata: extra = ""; lock_file: extras = dependency_groups = the empty set), then the
// given values, sets and `extra` over them.
struct Lookup {
  const Environment& env;
  std::string_view extra;
  MarkerContext context;

  // false where packaging's environment[key] raises KeyError.
  bool find(std::string_view key, LookedUp& out, std::string& scratch) const {
    static const std::vector<std::string> k_empty_set;
    if (key == "extra" && !extra.empty()) {
      scratch = std::string(extra);
      out.text = &scratch;
      return true;
    }
    if (is_set_variable(key)) {
      const auto found = env.sets.find(key);
      if (found != env.sets.end()) {
        out.set = &found->second;
        return true;
      }
    }
    const auto found = env.values.find(key);
    if (found != env.values.end()) {
      out.text = &found->second;
      return true;
    }
    if (context == MarkerContext::metadata && key == "extra") {
      scratch.clear();
      out.text = &scratch;
      return true;
    }
    if (context == MarkerContext::lock_file && is_set_variable(key)) {
      out.set = &k_empty_set;
      return true;
    }
    return false;
  }
};

// packaging's _eval_op. First Specifier(op + rhs): when that parses (note that the operator
// may change: '<' with "=3.8" reads as "<=3.8"), the answer is
// spec.contains(lhs, prereleases=True), which raises InvalidVersion when lhs is not a
// version. Otherwise the plain operators compare strings and ~= / === raise.
Expected<bool> eval_op(const std::string& lhs, const std::string& op, const std::string& rhs) {
  const std::string spec_text = op + rhs;
  if (const auto spec = pep440::parse_specifier(spec_text)) {
    const auto version = pep440::parse_version(lhs);
    if (!version) return unexpected("invalid version '" + lhs + "'");
    // For ===, packaging's _compare_arbitrary: str(Version(lhs)).lower() == version.lower().
    return spec->contains(*version);
  }
  if (op == "in") return rhs.find(lhs) != std::string::npos;
  if (op == "not in") return rhs.find(lhs) == std::string::npos;
  // Python compares str by code point; UTF-8 byte order is the same order.
  const int order = lhs.compare(rhs);
  if (op == "<") return order < 0;
  if (op == "<=") return order <= 0;
  if (op == "==") return order == 0;
  if (op == "!=") return order != 0;
  if (op == ">=") return order >= 0;
  if (op == ">") return order > 0;
  return unexpected("undefined comparison '" + op + "' on '" + lhs + "' and '" + rhs + "'");
}

// The key packaging looks up for an item: the left side's name when it is a variable, else
// the right side's text -- even when that is a string literal: "posix" == "os_name" compares
// "posix" with the value of os_name, and os_name == sys_platform compares the value of os_name
// with the string "sys_platform".
const std::string& environment_key(const MarkerItem& item) {
  return item.lhs.is_variable ? item.lhs.text : item.rhs.text;
}

// packaging 25.0's _eval_op when the right side is a set: no Specifier is tried, and the
// operator is Python's on a str and a frozenset of normalized names. `in` / `not in` are
// membership, == and != compare unequal types; <, <=, >, >= raise TypeError and ~=, ===
// UndefinedComparison.
Expected<bool> eval_set_op(const std::string& lhs, const std::string& op,
                           const std::vector<std::string>& names, const std::string& key) {
  if (op == "in" || op == "not in") {
    bool found = false;
    for (const auto& name : names)
      if (detail::canonicalize_name(name) == lhs) found = true;
    return op == "in" ? found : !found;
  }
  if (op == "==") return false;
  if (op == "!=") return true;
  return unexpected("undefined comparison '" + op + "' on '" + lhs + "' and the set '" + key + "'");
}

Expected<bool> evaluate_item(const MarkerItem& item, const Lookup& lookup) {
  const auto& key = environment_key(item);
  std::string scratch;
  LookedUp found;
  if (!lookup.find(key, found, scratch))
    return unexpected("undefined environment name '" + key + "'");
  if (found.set) {
    // packaging 25.0 asserts that the left side is a string: a set is only ever on the right.
    if (item.lhs.is_variable)
      return unexpected("undefined comparison '" + item.op + "' with the set '" + key +
                        "' on the left");
    // PEP 751 names compare normalized, as packaging's _normalize does for extras and groups.
    return eval_set_op(detail::canonicalize_name(item.lhs.text), item.op, *found.set, key);
  }
  const std::string* value = found.text;
  std::string lhs = item.lhs.is_variable ? *value : item.lhs.text;
  std::string rhs = item.lhs.is_variable ? item.rhs.text : *value;
  // PEP 685: extras compare normalized; so do PEP 751's names given as a string.
  if (key == "extra" || is_set_variable(key)) {
    lhs = detail::canonicalize_name(lhs);
    rhs = detail::canonicalize_name(rhs);
  }
  return eval_op(lhs, item.op, rhs);
}

// packaging's _evaluate_markers: "or" starts a new group, the result is any(all(group)).
// Every item is evaluated, so an error anywhere is the result.
Expected<bool> evaluate_list(const MarkerNode& node, const Lookup& lookup) {
  bool any_group = false;
  bool current_group = true;
  for (const auto& element : node.elements) {
    switch (element.kind) {
      case MarkerNode::Element::Kind::item:
      case MarkerNode::Element::Kind::list: {
        const auto value = element.kind == MarkerNode::Element::Kind::item
                               ? evaluate_item(element.item, lookup)
                               : evaluate_list(*element.list, lookup);
        if (!value) return value;
        current_group = current_group && *value;
        break;
      }
      case MarkerNode::Element::Kind::and_op:
        break;
      case MarkerNode::Element::Kind::or_op:
        any_group = any_group || current_group;
        current_group = true;
        break;
    }
  }
  return any_group || current_group;
}

bool mentions_in(const MarkerNode& node, std::string_view variable) {
  for (const auto& element : node.elements) {
    if (element.kind == MarkerNode::Element::Kind::item &&
        environment_key(element.item) == variable)
      return true;
    if (element.kind == MarkerNode::Element::Kind::list && mentions_in(*element.list, variable))
      return true;
  }
  return false;
}

void values_in(const MarkerNode& node, std::string_view variable,
               std::vector<std::string>& values) {
  for (const auto& element : node.elements) {
    if (element.kind == MarkerNode::Element::Kind::list) {
      values_in(*element.list, variable, values);
      continue;
    }
    if (element.kind != MarkerNode::Element::Kind::item) continue;
    const auto& item = element.item;
    if (environment_key(item) != variable) continue;
    const auto& literal = item.lhs.is_variable ? item.rhs : item.lhs;
    if (literal.is_variable) continue;
    std::string value =
        variable == "extra" ? detail::canonicalize_name(literal.text) : literal.text;
    if (std::find(values.begin(), values.end(), value) == values.end())
      values.push_back(std::move(value));
  }
}

Expected<Marker> parse(std::string_view text, bool strict, MarkerContext context,
                       SyntaxErrorDetail* detail) {
  Tokenizer tokenizer(text, context);
  auto node = detail::parse_marker_list(tokenizer);
  if (node && strict) tokenizer.expect(TokenKind::end, "end of marker expression");
  if (tokenizer.failed()) {
    if (detail) *detail = tokenizer.error();
    return unexpected(detail::render_syntax_error("marker", text, tokenizer.error()));
  }
  detail::normalize_extra_values(*node);
  Marker marker;
  marker.root = std::move(node);
  marker.context = context;
  return marker;
}

struct PythonValues {
  std::string version;       // python_version
  std::string full_version;  // python_full_version, implementation_version
};

// "3.12" -> 3.12 / 3.12.0; "3.12.1" -> 3.12 / 3.12.1; "3" -> 3.0 / 3.0.0;
// "3.13.0rc1" -> 3.13 / 3.13.0rc1.
PythonValues python_values(std::string_view python) {
  python = util::trim(python);
  if (python.empty()) return {};
  const auto parts = util::split(python, '.');
  const auto minor = parts.size() > 1 ? parts[1] : std::string_view("0");
  const auto minor_digits = minor.substr(0, minor.find_first_not_of("0123456789"));
  PythonValues values;
  values.version = std::string(parts[0]) + "." + std::string(minor_digits);
  values.full_version = std::string(python);
  if (minor_digits.size() == minor.size())
    for (auto count = parts.size(); count < 3; ++count) values.full_version += ".0";
  return values;
}

void set_python(Environment& env, std::string_view python) {
  const auto values = python_values(python);
  env.values["python_version"] = values.version;
  env.values["python_full_version"] = values.full_version;
  env.values["implementation_version"] = values.full_version;
}

}  // namespace

namespace detail {

std::shared_ptr<MarkerNode> parse_marker_list(Tokenizer& tokenizer) {
  auto node = std::make_shared<MarkerNode>();
  MarkerNode::Element atom;
  if (!parse_marker_atom(tokenizer, atom)) return nullptr;
  node->elements.push_back(std::move(atom));
  while (tokenizer.check(TokenKind::boolop)) {
    const auto word = tokenizer.read().text;
    MarkerNode::Element op;
    op.kind = word == "or" ? MarkerNode::Element::Kind::or_op : MarkerNode::Element::Kind::and_op;
    MarkerNode::Element right;
    if (!parse_marker_atom(tokenizer, right)) return nullptr;
    node->elements.push_back(std::move(op));
    node->elements.push_back(std::move(right));
  }
  return tokenizer.failed() ? nullptr : node;
}

void normalize_extra_values(MarkerNode& node) {
  if (node.elements.empty() || node.elements.front().kind != MarkerNode::Element::Kind::item)
    return;
  auto& item = node.elements.front().item;
  if (item.lhs.is_variable && item.lhs.text == "extra")
    item.rhs = {false, canonicalize_name(item.rhs.text)};
  else if (item.rhs.is_variable && item.rhs.text == "extra")
    item.lhs = {false, canonicalize_name(item.lhs.text)};
}

}  // namespace detail

Environment environment_for(std::string_view python, std::string_view platform) {
  Environment env;
  set_python(env, python);
  env.values["implementation_name"] = "cpython";
  env.values["platform_python_implementation"] = "CPython";
  env.values["platform_release"] = "";
  env.values["platform_version"] = "";
  std::string os_name, system, machine;
  if (platform == "linux") {
    os_name = "posix", system = "Linux", machine = "x86_64";
  } else if (platform == "darwin") {
    os_name = "posix", system = "Darwin", machine = "arm64";
  } else if (platform == "win32") {
    os_name = "nt", system = "Windows", machine = "AMD64";
  }
  env.values["os_name"] = os_name;
  env.values["sys_platform"] = std::string(platform);
  env.values["platform_system"] = system;
  env.values["platform_machine"] = machine;
  return env;
}

Marker::Marker() = default;
Marker::~Marker() = default;
Marker::Marker(const Marker&) = default;
Marker& Marker::operator=(const Marker&) = default;
Marker::Marker(Marker&&) noexcept = default;
Marker& Marker::operator=(Marker&&) noexcept = default;

Expected<bool> Marker::try_evaluate(const Environment& env, std::string_view extra) const {
  if (!root) return true;
  return evaluate_list(*root, Lookup{env, extra, context});
}

bool Marker::evaluate(const Environment& env, std::string_view extra) const {
  const auto result = try_evaluate(env, extra);
  return result && *result;
}

std::string Marker::str() const {
  return root ? format_list(*root, true) : "";
}

bool Marker::mentions(std::string_view variable) const {
  return root && mentions_in(*root, canonical_variable(variable));
}

std::vector<std::string> Marker::values_of(std::string_view variable) const {
  std::vector<std::string> values;
  if (root) values_in(*root, canonical_variable(variable), values);
  return values;
}

bool Marker::holds_with_some_extra(const Environment& env) const {
  if (evaluate(env)) return true;
  for (const auto& extra : values_of("extra"))
    if (evaluate(env, extra)) return true;
  return false;
}

Expected<Marker> parse_marker(std::string_view text, SyntaxErrorDetail* detail) {
  return parse(text, false, MarkerContext::metadata, detail);
}

Expected<Marker> parse_marker_strict(std::string_view text, SyntaxErrorDetail* detail) {
  return parse(text, true, MarkerContext::metadata, detail);
}

// Lock-file markers postdate packaging 23.1, whose Marker() wants the whole text.
Expected<Marker> parse_marker(std::string_view text, MarkerContext context,
                              SyntaxErrorDetail* detail) {
  return parse(text, context == MarkerContext::lock_file, context, detail);
}

std::vector<std::string> python_versions_where(const Marker& marker, const Environment& base,
                                               const std::vector<std::string>& candidates,
                                               std::string_view extra) {
  std::vector<std::string> matching;
  Environment env = base;
  for (const auto& candidate : candidates) {
    set_python(env, candidate);
    if (marker.evaluate(env, extra)) matching.push_back(candidate);
  }
  return matching;
}

std::string extra_named(std::string_view marker) {
  std::string found;
  for (std::size_t at = marker.find("extra"); at != std::string_view::npos;
       at = marker.find("extra", at + 5)) {
    if (at > 0 &&
        (std::isalnum(static_cast<unsigned char>(marker[at - 1])) || marker[at - 1] == '_'))
      continue;
    auto rest = util::trim(marker.substr(at + 5));
    if (!rest.starts_with("==")) continue;
    rest = util::trim(rest.substr(2));
    if (rest.empty() || (rest.front() != '"' && rest.front() != '\'')) continue;
    const auto close = rest.find(rest.front(), 1);
    if (close == std::string_view::npos) continue;
    const auto name = normalize_name(rest.substr(1, close - 1));
    if (!found.empty() && found != name) return "";
    found = name;
  }
  return found;
}

}  // namespace depcheck::pep508
