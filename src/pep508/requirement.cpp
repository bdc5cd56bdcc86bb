// PEP 508 requirements as packaging 23.0 parses them (packaging/_parser.py and
// requirements.py), including the URL checks it makes with Python 3.11's urllib.parse.
#include "depcheck/pep508/requirement.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "depcheck/util/text.hpp"
#include "pep508/tokenizer.hpp"

namespace depcheck::pep508 {

using detail::Tokenizer;
using detail::TokenKind;

namespace {

struct ParsedRequirement {
  std::string name;
  std::string url;
  std::vector<std::string> extras;
  std::string specifier;
  std::shared_ptr<MarkerNode> marker;
};

// extras_list = identifier (WS? ',' WS? identifier)*
std::vector<std::string> parse_extras_list(Tokenizer& tokenizer) {
  std::vector<std::string> extras;
  if (!tokenizer.check(TokenKind::identifier)) return extras;
  extras.emplace_back(tokenizer.read().text);
  for (;;) {
    tokenizer.consume(TokenKind::ws);
    if (tokenizer.check(TokenKind::identifier, true)) {
      tokenizer.raise_syntax_error("Expected comma between extra names");
      return extras;
    }
    if (!tokenizer.check(TokenKind::comma)) break;
    tokenizer.read();
    tokenizer.consume(TokenKind::ws);
    const auto extra = tokenizer.expect(TokenKind::identifier, "extra name after comma");
    if (!extra) return extras;
    extras.emplace_back(extra->text);
  }
  return extras;
}

// extras = ('[' WS? extras_list? WS? ']')?
std::vector<std::string> parse_extras(Tokenizer& tokenizer) {
  if (!tokenizer.check(TokenKind::left_bracket, true)) return {};
  tokenizer.check(TokenKind::left_bracket);
  const auto open_position = tokenizer.position();
  tokenizer.read();
  tokenizer.consume(TokenKind::ws);
  auto extras = parse_extras_list(tokenizer);
  tokenizer.consume(TokenKind::ws);
  if (tokenizer.failed()) return extras;
  if (!tokenizer.check(TokenKind::right_bracket)) {
    tokenizer.raise_syntax_error("Expected closing RIGHT_BRACKET", open_position);
    return extras;
  }
  tokenizer.read();
  return extras;
}

// version_many = (SPECIFIER (WS? ',' WS? SPECIFIER)*)?  -- the texts joined without the
// whitespace between them; a trailing comma is kept (SpecifierSet ignores empty parts).
std::string parse_version_many(Tokenizer& tokenizer) {
  std::string specifiers;
  while (tokenizer.check(TokenKind::specifier)) {
    specifiers += tokenizer.read().text;
    tokenizer.consume(TokenKind::ws);
    if (!tokenizer.check(TokenKind::comma)) break;
    specifiers += tokenizer.read().text;
    tokenizer.consume(TokenKind::ws);
  }
  return specifiers;
}

// specifier = '(' WS? version_many WS? ')' | WS? version_many WS?
std::string parse_specifier(Tokenizer& tokenizer) {
  std::optional<std::size_t> open_position;
  if (tokenizer.check(TokenKind::left_parenthesis)) {
    open_position = tokenizer.position();
    tokenizer.read();
  }
  tokenizer.consume(TokenKind::ws);
  auto specifiers = parse_version_many(tokenizer);
  tokenizer.consume(TokenKind::ws);
  if (open_position) {
    if (!tokenizer.check(TokenKind::right_parenthesis))
      tokenizer.raise_syntax_error("Expected closing RIGHT_PARENTHESIS", *open_position);
    else
      tokenizer.read();
  }
  return specifiers;
}

// requirement_marker = ';' marker WS?
std::shared_ptr<MarkerNode> parse_requirement_marker(Tokenizer& tokenizer, std::size_t span_start,
                                                     std::string_view after) {
  if (!tokenizer.check(TokenKind::semicolon)) {
    tokenizer.raise_syntax_error("Expected end or semicolon (after " + std::string(after) + ")",
                                 span_start);
    return nullptr;
  }
  tokenizer.read();
  auto marker = detail::parse_marker_list(tokenizer);
  tokenizer.consume(TokenKind::ws);
  return marker;
}

// requirement_details = '@' WS? URL (WS requirement_marker?)?
//                     | specifier WS? requirement_marker?
void parse_requirement_details(Tokenizer& tokenizer, ParsedRequirement& out) {
  if (tokenizer.check(TokenKind::at)) {
    tokenizer.read();
    tokenizer.consume(TokenKind::ws);
    const auto url_start = tokenizer.position();
    const auto url = tokenizer.expect(TokenKind::url, "URL after @");
    if (!url) return;
    out.url = std::string(url->text);
    if (tokenizer.check(TokenKind::end, true)) return;
    if (!tokenizer.expect(TokenKind::ws, "whitespace after URL")) return;
    if (tokenizer.check(TokenKind::end, true)) return;
    out.marker = parse_requirement_marker(tokenizer, url_start, "URL and whitespace");
    return;
  }
  const auto specifier_start = tokenizer.position();
  out.specifier = parse_specifier(tokenizer);
  if (tokenizer.failed()) return;
  tokenizer.consume(TokenKind::ws);
  if (tokenizer.check(TokenKind::end, true)) return;
  out.marker = parse_requirement_marker(
      tokenizer, specifier_start,
      out.specifier.empty() ? "name and no valid version specifier" : "version specifier");
}

// requirement = WS? IDENTIFIER WS? extras WS? requirement_details END
ParsedRequirement parse_requirement_syntax(Tokenizer& tokenizer) {
  ParsedRequirement out;
  tokenizer.consume(TokenKind::ws);
  const auto name =
      tokenizer.expect(TokenKind::identifier, "package name at the start of dependency specifier");
  if (!name) return out;
  out.name = std::string(name->text);
  tokenizer.consume(TokenKind::ws);
  out.extras = parse_extras(tokenizer);
  tokenizer.consume(TokenKind::ws);
  parse_requirement_details(tokenizer, out);
  tokenizer.expect(TokenKind::end, "end of dependency specifier");
  return out;
}

// ---- urllib.parse (Python 3.11), as far as Requirement's URL check needs it ----

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

struct SplitUrl {
  std::string scheme, netloc, path, params, query, fragment;
};

// ipaddress.IPv4Address(text) succeeds.
bool is_ipv4(std::string_view text) {
  const auto octets = util::split(text, '.');
  if (octets.size() != 4) return false;
  for (auto octet : octets) {
    if (octet.empty() || octet.size() > 3) return false;
    if (!std::all_of(octet.begin(), octet.end(), is_ascii_digit)) return false;
    if (octet.size() > 1 && octet[0] == '0') return false;  // leading zeros are refused
    if (std::stoi(std::string(octet)) > 255) return false;
  }
  return true;
}

// ipaddress.IPv6Address(text) succeeds (scope ids included).
bool is_ipv6(std::string_view text) {
  if (text.empty() || text.find('/') != std::string_view::npos) return false;
  const auto percent = text.find('%');
  if (percent != std::string_view::npos) {
    const auto scope = text.substr(percent + 1);
    if (scope.empty() || scope.find('%') != std::string_view::npos) return false;
    text = text.substr(0, percent);
  }
  if (text.empty()) return false;
  std::vector<std::string> parts;
  for (auto part : util::split(text, ':')) parts.emplace_back(part);
  if (parts.size() < 3) return false;
  if (parts.back().find('.') != std::string::npos) {
    if (!is_ipv4(parts.back())) return false;
    parts.back() = "0";  // stands for two hextets
    parts.emplace_back("0");
  }
  if (parts.size() > 9) return false;
  std::optional<std::size_t> skip_index;
  for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
    if (!parts[i].empty()) continue;
    if (skip_index) return false;
    skip_index = i;
  }
  std::size_t parts_hi = 0, parts_lo = 0;
  if (skip_index) {
    parts_hi = *skip_index;
    parts_lo = parts.size() - *skip_index - 1;
    if (parts.front().empty() && --parts_hi != 0) return false;
    if (parts.back().empty() && --parts_lo != 0) return false;
    if (parts_hi + parts_lo >= 8) return false;
  } else {
    if (parts.size() != 8 || parts.front().empty() || parts.back().empty()) return false;
    parts_hi = parts.size();
  }
  const auto hextet_ok = [](const std::string& hextet) {
    return !hextet.empty() && hextet.size() <= 4 &&
           std::all_of(hextet.begin(), hextet.end(), [](char c) {
             return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
           });
  };
  for (std::size_t i = 0; i < parts_hi; ++i)
    if (!hextet_ok(parts[i])) return false;
  for (std::size_t i = parts.size() - parts_lo; i < parts.size(); ++i)
    if (!hextet_ok(parts[i])) return false;
  return true;
}

// _check_bracketed_host: "v<hex>.<anything>" or an IPv6 address.
bool bracketed_host_ok(std::string_view host) {
  if (!host.empty() && host[0] == 'v') {
    std::size_t i = 1;
    while (i < host.size() && std::isxdigit(static_cast<unsigned char>(host[i]))) ++i;
    return i > 1 && i + 1 < host.size() && host[i] == '.';
  }
  return !is_ipv4(host) && is_ipv6(host);
}

// _check_bracketed_netloc
bool bracketed_netloc_ok(std::string_view netloc) {
  const auto at = netloc.rfind('@');
  const auto host_and_port = at == std::string_view::npos ? netloc : netloc.substr(at + 1);
  const auto open = host_and_port.find('[');
  if (open == std::string_view::npos)
    return bracketed_host_ok(host_and_port.substr(0, host_and_port.find(':')));
  if (open != 0) return false;
  const auto bracketed = host_and_port.substr(1);
  const auto close = bracketed.find(']');
  const auto host = bracketed.substr(0, close);
  const auto port =
      close == std::string_view::npos ? std::string_view() : bracketed.substr(close + 1);
  if (!port.empty() && port[0] != ':') return false;
  return bracketed_host_ok(host);
}

// _checknetloc: a non-ASCII netloc must not gain '/', '?', '#', '@' or ':' under NFKC. These
// are the code points whose NFKC form holds one of them (Unicode 14, Python 3.11).
bool netloc_nfkc_ok(std::string_view netloc) {
  constexpr std::string_view k_bad[] = {"\u2047", "\u2048", "\u2049", "\u2100", "\u2101",
                                        "\u2105", "\u2106", "\u2a74", "\ufe13", "\ufe16",
                                        "\ufe55", "\ufe56", "\ufe5f", "\ufe6b", "\uff03",
                                        "\uff0f", "\uff1a", "\uff1f", "\uff20"};
  for (auto bad : k_bad)
    if (netloc.find(bad) != std::string_view::npos) return false;
  return true;
}

// urllib.parse.urlparse. Error: the ValueError urlsplit raises.
Expected<SplitUrl> url_parse(std::string_view original) {
  std::string url(original);
  // Leading C0 controls and spaces are stripped; tabs and newlines removed everywhere.
  const auto first = url.find_first_not_of(std::string("\x00", 1) +
                                           "\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
                                           "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                           "\x1d\x1e\x1f ");
  url = first == std::string::npos ? "" : url.substr(first);
  std::erase_if(url, [](char c) { return c == '\t' || c == '\r' || c == '\n'; });

  SplitUrl split;
  std::string_view rest = url;
  const auto colon = rest.find(':');
  if (colon != std::string_view::npos && colon > 0 && is_ascii_alpha(rest[0]) &&
      std::all_of(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
        return is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.';
      })) {
    split.scheme = util::to_lower(rest.substr(0, colon));
    rest = rest.substr(colon + 1);
  }
  if (rest.substr(0, 2) == "//") {
    const auto end = std::min(rest.find_first_of("/?#", 2), rest.size());
    split.netloc = std::string(rest.substr(2, end - 2));
    rest = rest.substr(end);
    const bool open = split.netloc.find('[') != std::string::npos;
    const bool close = split.netloc.find(']') != std::string::npos;
    if (open != close || (open && !bracketed_netloc_ok(split.netloc)))
      return unexpected("invalid IPv6 URL");
  }
  if (const auto hash = rest.find('#'); hash != std::string_view::npos) {
    split.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  if (const auto question = rest.find('?'); question != std::string_view::npos) {
    split.query = std::string(rest.substr(question + 1));
    rest = rest.substr(0, question);
  }
  if (!netloc_nfkc_ok(split.netloc))
    return unexpected("netloc '" + split.netloc + "' contains invalid characters under NFKC");
  split.path = std::string(rest);
  if (one_of(split.scheme, {"", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp",
                            "rtspu", "sip", "sips", "mms", "sftp", "tel"}) &&
      split.path.find(';') != std::string::npos) {
    // _splitparams: the ';' after the last '/'.
    const auto slash = split.path.rfind('/');
    const auto semicolon = split.path.find(';', slash == std::string::npos ? 0 : slash);
    if (semicolon != std::string::npos) {
      split.params = split.path.substr(semicolon + 1);
      split.path.resize(semicolon);
    }
  }
  return split;
}

// urllib.parse.urlunparse
std::string url_unparse(const SplitUrl& split) {
  std::string url = split.path;
  if (!split.params.empty()) url += ";" + split.params;
  if (!split.netloc.empty() ||
      (!split.scheme.empty() &&
       one_of(split.scheme, {"",     "ftp",     "http",  "gopher", "nntp",    "telnet", "imap",
                             "wais", "file",    "mms",   "https",  "shttp",   "snews",  "prospero",
                             "rtsp", "rtspu",   "rsync", "svn",    "svn+ssh", "sftp",   "nfs",
                             "git",  "git+ssh", "ws",    "wss"}) &&
       url.substr(0, 2) != "//")) {
    if (!url.empty() && url[0] != '/') url = "/" + url;
    url = "//" + split.netloc + url;
  }
  if (!split.scheme.empty()) url = split.scheme + ":" + url;
  if (!split.query.empty()) url += "?" + split.query;
  if (!split.fragment.empty()) url += "#" + split.fragment;
  return url;
}

// Requirement.__init__'s check: a file: URL must survive urlparse/urlunparse unchanged; any
// other URL needs a scheme and a host.
std::optional<std::string> url_problem(const std::string& url) {
  const auto split = url_parse(url);
  if (!split) return split.error();
  if (split->scheme == "file") {
    if (url_unparse(*split) != url) return "invalid URL '" + url + "'";
  } else if (split->scheme.empty() || split->netloc.empty()) {
    return "invalid URL '" + url + "' (a URL needs a scheme and a host)";
  }
  return std::nullopt;
}

// packaging's canonicalize_version(version, strip_trailing_zero): the normalized version with
// trailing ".0" release components dropped; text that is not a version is kept as it is.
std::string canonical_version(std::string_view text, bool strip_trailing_zero) {
  const auto version = pep440::parse_version(text);
  if (!version) return std::string(text);
  pep440::Version copy = *version;
  if (strip_trailing_zero)
    while (copy.release.size() > 1 && copy.release.back().is_zero()) copy.release.pop_back();
  return copy.str();
}

// Specifier.__str__: operator and version as written (stripped).
std::string specifier_str(const pep440::Specifier& spec) {
  std::string version(detail::python_strip(spec.version_text));
  if (spec.wildcard) version += ".*";
  return std::string(pep440::to_string(spec.op)) + version;
}

}  // namespace

std::string normalize_name(std::string_view name) {
  return detail::canonicalize_name(name);
}

// str(SpecifierSet): a set of specifiers (equal when operator and canonical version agree; the
// first one written is kept), printed sorted.
std::string Requirement::str() const {
  std::string out = name;
  if (!extras.empty()) {
    std::set<std::string> sorted(extras.begin(), extras.end());
    std::string joined;
    for (const auto& extra : sorted) joined += (joined.empty() ? "" : ",") + extra;
    out += "[" + joined + "]";
  }
  std::vector<std::pair<std::pair<pep440::Operator, std::string>, std::string>> kept;
  for (const auto& spec : specifiers.specifiers) {
    auto text = specifier_str(spec);
    const auto version = text.substr(pep440::to_string(spec.op).size());
    auto key = std::make_pair(spec.op,
                              canonical_version(version, spec.op != pep440::Operator::compatible));
    if (std::none_of(kept.begin(), kept.end(), [&](const auto& k) { return k.first == key; }))
      kept.emplace_back(std::move(key), std::move(text));
  }
  std::vector<std::string> texts;
  for (auto& [key, text] : kept) texts.push_back(std::move(text));
  std::sort(texts.begin(), texts.end());
  for (std::size_t i = 0; i < texts.size(); ++i) out += (i ? "," : "") + texts[i];
  if (!url.empty()) {
    out += "@ " + url;
    if (marker) out += " ";
  }
  if (marker) out += "; " + marker->str();
  return out;
}

Expected<Requirement> parse_requirement(std::string_view text, SyntaxErrorDetail* detail) {
  Tokenizer tokenizer(text);
  auto parsed = parse_requirement_syntax(tokenizer);
  if (tokenizer.failed()) {
    if (detail) *detail = tokenizer.error();
    return unexpected(detail::render_syntax_error("requirement", text, tokenizer.error()));
  }
  const auto fail = [&](const std::string& why) {
    return unexpected("invalid requirement '" + util::escape_for_terminal(text) +
                      "': " + util::escape_for_terminal(why));
  };
  Requirement requirement;
  requirement.name = std::move(parsed.name);
  if (!parsed.url.empty()) {
    if (auto problem = url_problem(parsed.url)) return fail(*problem);
    requirement.url = std::move(parsed.url);
  }
  std::set<std::string> extras(parsed.extras.begin(), parsed.extras.end());
  requirement.extras.assign(extras.begin(), extras.end());
  auto specifiers = pep440::parse_specifier_set(parsed.specifier);
  if (!specifiers) return fail(specifiers.error());
  requirement.specifiers = std::move(*specifiers);
  if (parsed.marker) {
    detail::normalize_extra_values(*parsed.marker);
    Marker marker;
    marker.root = std::move(parsed.marker);
    requirement.marker = std::move(marker);
  }
  return requirement;
}

}  // namespace depcheck::pep508
