// Requirements files and `pip freeze` output, read the way pip reads them
// (pip/_internal/req/req_file.py):
//   1. split into physical lines; a line ending in '\' (and not a comment line) is joined with
//      the next one, and the joined line takes the number of its first physical line;
//   2. comments are removed: a '#' at the start of the line or after whitespace starts one;
//   3. ${VAR} (upper-case letters, digits, '_') is replaced from the environment when set;
//   4. the line is cut at the first space-separated token that starts with '-': the text before
//      it is the requirement, the rest are options (split like a shell, parsed like optparse).
// Exact pins (==X without a wildcard, ===X) become packages; every other requirement is listed
// as unpinned, never dropped. Editable, URL, VCS and path lines have no version. Lines from a
// -c file are constraints. A bad line is one error Diagnostic; the rest is still read.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"
#include "depcheck/util/files.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::readers {
namespace {

constexpr int k_max_include_depth = 32;
// A logical line (continuations joined) longer than this is refused: pip-compile's longest
// lines, a requirement with dozens of --hash options, stay under 10 KiB.
constexpr std::size_t k_max_line_bytes = std::size_t{1} << 20;
// Files that include one another several times (a diamond at every level) would otherwise be
// read 2^32 times: bad input must never hang.
constexpr int k_max_includes = 1000;

// Standard input: "-" on the command line, "<stdin>" once named for messages. Its includes are
// relative to the current folder.
bool is_stdin(std::string_view path) {
  return path == "-" || path == "<stdin>";
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// ---------------------------------------------------------------------------------------------
// Decoding (pip's auto_decode): a byte-order mark picks UTF-8, UTF-16 or UTF-32; without one
// the file is taken as UTF-8. PowerShell's `pip freeze > requirements.txt` writes UTF-16.

void append_utf8(std::string& out, std::uint32_t code) {
  if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

std::string decode(std::string_view bytes) {
  const auto byte = [&](std::size_t i) -> std::uint32_t {
    return static_cast<unsigned char>(bytes[i]);
  };
  const auto has_bom = [&](std::string_view bom) { return bytes.starts_with(bom); };
  using namespace std::string_view_literals;
  if (has_bom("\xEF\xBB\xBF"sv)) return std::string(bytes.substr(3));
  const bool utf32_le = has_bom("\xFF\xFE\x00\x00"sv), utf32_be = has_bom("\x00\x00\xFE\xFF"sv);
  if (utf32_le || utf32_be) {
    std::string out;
    for (std::size_t i = 4; i + 3 < bytes.size(); i += 4) {
      const std::uint32_t code =
          utf32_le ? byte(i) | byte(i + 1) << 8 | byte(i + 2) << 16 | byte(i + 3) << 24
                   : byte(i + 3) | byte(i + 2) << 8 | byte(i + 1) << 16 | byte(i) << 24;
      append_utf8(out, code);
    }
    return out;
  }
  const bool utf16_le = has_bom("\xFF\xFE"sv), utf16_be = has_bom("\xFE\xFF"sv);
  if (utf16_le || utf16_be) {
    std::string out;
    const auto unit = [&](std::size_t i) {
      return utf16_le ? byte(i) | byte(i + 1) << 8 : byte(i + 1) | byte(i) << 8;
    };
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
      std::uint32_t code = unit(i);
      if (code >= 0xD800 && code <= 0xDBFF && i + 3 < bytes.size()) {
        const std::uint32_t low = unit(i + 2);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          i += 2;
        }
      }
      append_utf8(out, code);
    }
    return out;
  }
  return std::string(bytes);
}

// ---------------------------------------------------------------------------------------------
// Logical lines that remember where each character came from, so that messages point at the
// file as the user sees it after continuation lines are joined and comments removed.

struct Position {
  int line = 0;
  int column = 0;
};

struct Text {
  std::string chars;
  std::vector<Position> positions;  // one per character
  int line = 0;                     // first physical line

  Position at(std::size_t i) const {
    if (i < positions.size()) return positions[i];
    if (positions.empty()) return {line, 1};
    return {positions.back().line, positions.back().column + 1};
  }
  Text substr(std::size_t start, std::size_t count = std::string::npos) const {
    Text part;
    part.line = line;
    if (start >= chars.size()) {
      part.positions.clear();
      return part;
    }
    count = std::min(count, chars.size() - start);
    part.chars = chars.substr(start, count);
    part.positions.assign(positions.begin() + static_cast<std::ptrdiff_t>(start),
                          positions.begin() + static_cast<std::ptrdiff_t>(start + count));
    if (!part.positions.empty()) part.line = part.positions.front().line;
    return part;
  }
  void append(std::string_view text, int physical_line, int first_column) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      chars += text[i];
      positions.push_back({physical_line, first_column + static_cast<int>(i)});
    }
  }
  Text trimmed() const {
    std::size_t start = 0, end = chars.size();
    while (start < end && is_space(chars[start])) ++start;
    while (end > start && is_space(chars[end - 1])) --end;
    return substr(start, end - start);
  }
};

// Physical lines: "\r\n", "\n" and "\r" end a line (as editors count them).
std::vector<std::string_view> physical_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back(text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// pip's COMMENT_RE.match: optional whitespace, then '#'.
bool is_comment_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_space(line[i])) ++i;
  return i < line.size() && line[i] == '#';
}

// pip's join_lines: a line ending in '\' continues on the next one, unless it is a comment
// line; a comment line also ends a continuation. Backslashes are stripped from both ends of a
// continued line (Python's str.strip("\\")); a '\' followed by a space does not continue.
std::vector<Text> join_lines(std::string_view text) {
  std::vector<Text> result;
  std::optional<Text> pending;
  const auto lines = physical_lines(text);
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const int number = static_cast<int>(index) + 1;
    const auto line = lines[index];
    const bool comment = is_comment_line(line);
    if (!line.ends_with('\\') || comment) {
      Text current;
      current.line = number;
      if (comment) current.append(" ", number, 1);
      current.append(line, number, 1);
      if (pending) {
        pending->chars += current.chars;
        pending->positions.insert(pending->positions.end(), current.positions.begin(),
                                  current.positions.end());
        result.push_back(std::move(*pending));
        pending.reset();
      } else {
        result.push_back(std::move(current));
      }
    } else {
      if (!pending) {
        pending.emplace();
        pending->line = number;
      }
      std::size_t start = 0, end = line.size();
      while (start < end && line[start] == '\\') ++start;
      while (end > start && line[end - 1] == '\\') --end;
      pending->append(line.substr(start, end - start), number, static_cast<int>(start) + 1);
    }
  }
  if (pending) result.push_back(std::move(*pending));
  return result;
}

// pip's COMMENT_RE.sub: a '#' at the start or after whitespace starts a comment, which takes
// the whitespace before it too. "foo==1.0 # via bar" -> "foo==1.0"; "a#b" stays.
Text strip_comment(const Text& line) {
  for (std::size_t i = 0; i < line.chars.size(); ++i) {
    if (line.chars[i] != '#') continue;
    if (i == 0) return line.substr(0, 0);
    if (!is_space(line.chars[i - 1])) continue;
    std::size_t start = i;
    while (start > 0 && is_space(line.chars[start - 1])) --start;
    return line.substr(0, start);
  }
  return line;
}

// pip's expand_env_variables: "${NAME}" with NAME of [A-Z0-9_]+, replaced when the variable is
// set and not empty. The value's characters point at the '$'.
Text expand_env_variables(const Text& line) {
  Text out;
  out.line = line.line;
  const auto& s = line.chars;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      std::size_t end = i + 2;
      while (end < s.size() && ((s[end] >= 'A' && s[end] <= 'Z') ||
                                (s[end] >= '0' && s[end] <= '9') || s[end] == '_'))
        ++end;
      if (end > i + 2 && end < s.size() && s[end] == '}') {
        const std::string name = s.substr(i + 2, end - i - 2);
        const char* value = std::getenv(name.c_str());
        if (value && *value) {
          for (const char* c = value; *c; ++c) {
            out.chars += *c;
            out.positions.push_back(line.positions[i]);
          }
          i = end + 1;
          continue;
        }
      }
    }
    out.chars += s[i];
    out.positions.push_back(line.positions[i]);
    ++i;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Options: split like shlex.split (POSIX), parsed like pip's optparse parser.

struct Token {
  std::string value;
  std::size_t offset = 0;  // in the options text
};

struct OptionError {
  std::string message;
  std::size_t offset = 0;
};

// shlex.split(text): whitespace separates tokens; '...' is literal; "..." allows \" and \\;
// outside quotes '\' escapes the next character.
std::optional<OptionError> shell_split(std::string_view text, std::vector<Token>& tokens) {
  enum class State { none, word, single_quote, double_quote } state = State::none;
  std::size_t quote_start = 0;
  Token token;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (state) {
      case State::none:
      case State::word:
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
          if (state == State::word) tokens.push_back(std::move(token));
          token = {};
          state = State::none;
          break;
        }
        if (state == State::none) token.offset = i;
        state = State::word;
        if (c == '\\') {
          if (i + 1 == text.size())
            return OptionError{"cannot split options: nothing after '\\'", i};
          token.value += text[++i];
        } else if (c == '\'') {
          state = State::single_quote;
          quote_start = i;
        } else if (c == '"') {
          state = State::double_quote;
          quote_start = i;
        } else {
          token.value += c;
        }
        break;
      case State::single_quote:
        if (c == '\'')
          state = State::word;
        else
          token.value += c;
        break;
      case State::double_quote:
        if (c == '"') {
          state = State::word;
        } else if (c == '\\' && i + 1 < text.size() &&
                   (text[i + 1] == '"' || text[i + 1] == '\\')) {
          token.value += text[++i];
        } else {
          token.value += c;
        }
        break;
    }
  }
  if (state == State::single_quote || state == State::double_quote)
    return OptionError{"cannot split options: no closing quotation", quote_start};
  if (state == State::word) tokens.push_back(std::move(token));
  return std::nullopt;
}

enum class OptionKind { ignored, requirement, constraint, editable, hash };

struct OptionSpec {
  std::string_view name;
  char short_name;
  bool takes_value;
  OptionKind kind;
};

// The options pip accepts in a requirements file (req_file.py SUPPORTED_OPTIONS and
// SUPPORTED_OPTIONS_REQ, pip 23.0 to 25.x; --install-option is gone from newer pips but still
// found in older files). Everything but -r, -c, -e and --hash is accepted and ignored.
constexpr std::array<OptionSpec, 18> k_options = {{
    {"--index-url", 'i', true, OptionKind::ignored},
    {"--extra-index-url", 0, true, OptionKind::ignored},
    {"--no-index", 0, false, OptionKind::ignored},
    {"--constraint", 'c', true, OptionKind::constraint},
    {"--requirement", 'r', true, OptionKind::requirement},
    {"--editable", 'e', true, OptionKind::editable},
    {"--find-links", 'f', true, OptionKind::ignored},
    {"--no-binary", 0, true, OptionKind::ignored},
    {"--only-binary", 0, true, OptionKind::ignored},
    {"--prefer-binary", 0, false, OptionKind::ignored},
    {"--require-hashes", 0, false, OptionKind::ignored},
    {"--pre", 0, false, OptionKind::ignored},
    {"--trusted-host", 0, true, OptionKind::ignored},
    {"--use-feature", 0, true, OptionKind::ignored},
    {"--install-option", 0, true, OptionKind::ignored},
    {"--global-option", 0, true, OptionKind::ignored},
    {"--hash", 0, true, OptionKind::hash},
    {"--config-settings", 'C', true, OptionKind::ignored},
}};

struct ParsedOptions {
  std::vector<Token> requirements, constraints, editables;
};

// optparse's long-option lookup: an exact name, else a unique prefix ("--extra-index" works).
const OptionSpec* match_long_option(std::string_view name, const Token& token,
                                    std::optional<OptionError>& error) {
  std::vector<const OptionSpec*> candidates;
  for (const auto& option : k_options) {
    if (option.name == name) return &option;
    if (option.name.starts_with(name)) candidates.push_back(&option);
  }
  if (candidates.size() == 1) return candidates.front();
  if (candidates.empty()) {
    std::vector<std::string_view> names;
    for (const auto& option : k_options) names.push_back(option.name);
    std::string message = "no such option '" + std::string(name) + "'";
    const auto suggestion = util::did_you_mean(name, names);
    if (!suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
    error = OptionError{message, token.offset};
    return nullptr;
  }
  std::vector<std::string> names;
  for (const auto* option : candidates) names.emplace_back(option->name);
  std::sort(names.begin(), names.end());
  std::string message = "ambiguous option '" + std::string(name) + "' (";
  for (std::size_t i = 0; i < names.size(); ++i) message += (i ? ", " : "") + names[i];
  error = OptionError{message + "?)", token.offset};
  return nullptr;
}

// pip's --hash callback: "<algorithm>:<digest>" with a strong algorithm.
std::optional<OptionError> check_hash(std::string_view value, std::size_t offset) {
  const auto colon = value.find(':');
  if (colon == std::string_view::npos)
    return OptionError{"invalid --hash value '" + std::string(value) +
                           "' (expected a hash name and a value, like --hash=sha256:abcde...)",
                       offset};
  const auto algorithm = value.substr(0, colon);
  if (algorithm != "sha256" && algorithm != "sha384" && algorithm != "sha512")
    return OptionError{"hash algorithm '" + std::string(algorithm) +
                           "' is not allowed in --hash (use sha256, sha384 or sha512)",
                       offset};
  return std::nullopt;
}

// optparse's _process_args: "--name=value", "--name value", "-xvalue", "-x value"; "--" ends
// the options; other words are ignored (pip drops optparse's positional arguments).
std::optional<OptionError> parse_options(std::vector<Token> tokens, ParsedOptions& parsed) {
  std::size_t next = 0;
  const auto record = [&](const OptionSpec& option, Token value) -> std::optional<OptionError> {
    switch (option.kind) {
      case OptionKind::requirement:
        parsed.requirements.push_back(std::move(value));
        break;
      case OptionKind::constraint:
        parsed.constraints.push_back(std::move(value));
        break;
      case OptionKind::editable:
        // pip refuses it too: "" is not a valid editable requirement.
        if (value.value.empty())
          return OptionError{"--editable needs a path or a VCS URL", value.offset};
        parsed.editables.push_back(std::move(value));
        break;
      case OptionKind::hash:
        return check_hash(value.value, value.offset);
      case OptionKind::ignored:
        break;
    }
    return std::nullopt;
  };
  while (next < tokens.size()) {
    const Token token = tokens[next++];
    const std::string& arg = token.value;
    if (arg == "--") return std::nullopt;
    if (arg.starts_with("--")) {
      const auto equals = arg.find('=');
      const std::string name = arg.substr(0, equals);
      std::optional<OptionError> error;
      const OptionSpec* option = match_long_option(name, token, error);
      if (!option) return error;
      if (option->takes_value) {
        Token value;
        if (equals != std::string::npos) {
          value = {arg.substr(equals + 1), token.offset + equals + 1};
        } else if (next < tokens.size()) {
          value = tokens[next++];
        } else {
          return OptionError{"option '" + std::string(option->name) + "' requires a value",
                             token.offset};
        }
        if (auto problem = record(*option, std::move(value))) return problem;
      } else if (equals != std::string::npos) {
        return OptionError{"option '" + std::string(option->name) + "' does not take a value",
                           token.offset};
      }
    } else if (arg.size() > 1 && arg[0] == '-') {
      for (std::size_t i = 1; i < arg.size(); ++i) {
        const auto found =
            std::find_if(k_options.begin(), k_options.end(),
                         [&](const OptionSpec& o) { return o.short_name == arg[i]; });
        if (found == k_options.end())
          return OptionError{"no such option '-" + std::string(1, arg[i]) + "'",
                             token.offset + i - 1};
        if (!found->takes_value) continue;  // (every short option takes a value)
        Token value;
        if (i + 1 < arg.size()) {
          value = {arg.substr(i + 1), token.offset + i + 1};
        } else if (next < tokens.size()) {
          value = tokens[next++];
        } else {
          return OptionError{"option '-" + std::string(1, arg[i]) + "' requires a value",
                             token.offset + i - 1};
        }
        if (auto problem = record(*found, std::move(value))) return problem;
        break;
      }
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// What a requirement line is (cf. pip's parse_req_from_line).

// pip's is_url: a scheme pip can install from (http, https, file, ftp and the VCS schemes).
std::string url_scheme(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return "";
  const auto scheme = util::to_lower(text.substr(0, colon));
  static const std::array<std::string_view, 30> k_schemes = {
      "http",      "https",    "file",      "ftp",
      "git",       "git+http", "git+https", "git+ssh",
      "git+git",   "git+file", "hg",        "hg+file",
      "hg+http",   "hg+https", "hg+ssh",    "hg+static-http",
      "svn",       "svn+ssh",  "svn+http",  "svn+https",
      "svn+svn",   "svn+file", "bzr",       "bzr+http",
      "bzr+https", "bzr+ssh",  "bzr+sftp",  "bzr+ftp",
      "bzr+lp",    "bzr+file"};
  return std::find(k_schemes.begin(), k_schemes.end(), scheme) != k_schemes.end() ? scheme : "";
}

std::string source_of_url(std::string_view url) {
  const auto scheme = util::to_lower(url.substr(0, url.find(':')));
  if (scheme.starts_with("git")) return "git";
  if (scheme == "file") return "path";
  return "url";
}

bool is_archive(std::string_view text) {
  const auto lower = util::to_lower(text);
  for (std::string_view ext : {".zip", ".whl", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz",
                               ".tar.lz", ".tar.lzma", ".tar.gz", ".tgz", ".tar"})
    if (lower.ends_with(ext)) return true;
  return false;
}

// The project name in a link's "#egg=name[extras]" fragment, PEP 503-normalized; "" if none.
std::string egg_name(std::string_view link) {
  auto at = link.find("#egg=");
  if (at == std::string_view::npos) at = link.find("&egg=");
  if (at == std::string_view::npos) return "";
  auto name = link.substr(at + 5);
  name = name.substr(0, name.find_first_of("&[ "));
  return pep508::normalize_name(name);
}

// pip's hint for "name=1.0".
std::string requirement_hint(std::string_view text) {
  if (text.find('=') == std::string_view::npos) return "";
  for (std::string_view op : {"==", "!=", "<=", ">=", "~=", "==="})
    if (text.find(op) != std::string_view::npos) return "";
  return " (= is not a valid operator; did you mean ==?)";
}

class RequirementsReader {
 public:
  RequirementsReader(Input& out, Diagnostics& diags) : m_out(out), m_diags(diags) {}

  void read(std::string_view raw, const std::string& path, bool constraint, int depth) {
    const std::string source = decode(raw);  // outlives the includes read below
    for (const Text& joined : join_lines(source)) {
      if (joined.chars.size() > k_max_line_bytes) {
        error(path, source, joined.at(0),
              "line longer than " + std::to_string(k_max_line_bytes >> 20) + " MiB (" +
                  std::to_string(joined.chars.size()) + " bytes after joining continuations)");
        continue;
      }
      Text line = expand_env_variables(strip_comment(joined).trimmed());
      if (line.chars.empty()) continue;
      read_line(line, path, source, constraint, depth);
    }
  }

  void push_file(const std::string& display, const std::string& canonical) {
    m_stack.push_back({display, canonical});
  }

 private:
  struct Open {
    std::string display;
    std::string canonical;
  };

  void error(const std::string& path, std::string_view source, Position where,
             std::string message) {
    Diagnostic diag;
    diag.severity = Severity::error;
    diag.message = std::move(message);
    diag.where = Location{path, where.line, where.column};
    diag.source_line = std::string(util::line_at(source, where.line));
    m_diags.push_back(std::move(diag));
  }

  // pip's break_args_options: the requirement runs up to the first space-separated token that
  // starts with '-'.
  void read_line(const Text& line, const std::string& path, std::string_view source,
                 bool constraint, int depth) {
    std::size_t options_start = line.chars.size();
    for (std::size_t start = 0; start <= line.chars.size();) {
      auto end = line.chars.find(' ', start);
      if (end == std::string::npos) end = line.chars.size();
      if (end > start && line.chars[start] == '-') {
        options_start = start;
        break;
      }
      start = end + 1;
    }
    // (the space before the first option belongs to neither part)
    const Text args =
        line.substr(0, options_start == 0 ? 0 : options_start - (options_start < line.chars.size()))
            .trimmed();
    const Text options = line.substr(options_start);

    std::vector<Token> tokens;
    ParsedOptions parsed;
    auto problem = shell_split(options.chars, tokens);
    if (!problem) problem = parse_options(std::move(tokens), parsed);
    if (problem) {
      error(path, source, options.at(problem->offset), problem->message);
      return;
    }

    if (!args.chars.empty()) {
      read_requirement(args, path, source, constraint);
    } else if (!parsed.editables.empty()) {
      const Token& editable = parsed.editables.front();
      Package package;
      package.name = egg_name(editable.value);
      package.display_name = editable.value;
      package.source = "editable";
      package.where = Location{path, options.at(editable.offset).line, 0};
      m_out.unversioned.push_back(std::move(package));
    } else if (!parsed.requirements.empty()) {
      include(parsed.requirements.front(), options, path, source, false, depth);
    } else if (!parsed.constraints.empty()) {
      include(parsed.constraints.front(), options, path, source, true, depth);
    }
    // Otherwise a global option line (--index-url, --pre, ...): nothing to read.
  }

  void read_requirement(const Text& text, const std::string& path, std::string_view source,
                        bool constraint) {
    const std::string& chars = text.chars;
    const auto where = Location{path, text.line, 0};
    const auto head = util::trim(std::string_view(chars).substr(0, chars.find(';')));

    // A URL, a VCS link or a local path: installable, but without a version to check.
    const bool is_url = !url_scheme(head).empty();
    const bool is_path = head.starts_with('.') || head.starts_with('/') || head.starts_with('~') ||
                         (is_archive(head) && chars.find('@') == std::string::npos);
    if (is_url || is_path) {
      Package package;
      // pip splits a URL's marker off at "; " only (a ';' may belong to the URL).
      const auto marker_at = is_url ? chars.find("; ") : chars.find(';');
      const auto link = util::trim(std::string_view(chars).substr(0, marker_at));
      package.name = egg_name(link);
      package.display_name = std::string(link);
      package.source = is_url ? source_of_url(link) : "path";
      if (marker_at != std::string::npos)
        package.marker_text =
            std::string(util::trim(std::string_view(chars).substr(marker_at + 1)));
      package.where = where;
      m_out.unversioned.push_back(std::move(package));
      return;
    }

    pep508::SyntaxErrorDetail detail;
    auto parsed = pep508::parse_requirement(chars, &detail);
    if (!parsed) {
      // packaging's caret: where parsing stopped (the start, for errors without a span).
      error(path, source, text.at(detail.end), parsed.error() + requirement_hint(chars));
      return;
    }
    const auto& requirement = *parsed;
    std::string marker_text;
    if (const auto semicolon = chars.find(';');
        semicolon != std::string::npos && requirement.url.empty())
      marker_text = std::string(util::trim(std::string_view(chars).substr(semicolon + 1)));

    if (!requirement.url.empty()) {
      Package package;
      package.name = pep508::normalize_name(requirement.name);
      package.display_name = requirement.name;
      package.source = source_of_url(requirement.url);
      if (requirement.marker) package.marker_text = requirement.marker->str();
      package.where = where;
      m_out.unversioned.push_back(std::move(package));
      return;
    }

    const auto& specs = requirement.specifiers.specifiers;
    const bool pinned =
        specs.size() == 1 && !specs[0].wildcard &&
        (specs[0].op == pep440::Operator::equal || specs[0].op == pep440::Operator::arbitrary);
    if (pinned && !constraint) {
      Package package;
      package.name = pep508::normalize_name(requirement.name);
      package.display_name = requirement.name;
      package.version_text = specs[0].version_text;
      if (specs[0].op == pep440::Operator::equal) {
        package.version = specs[0].version;
      } else if (auto version = pep440::parse_version(specs[0].version_text)) {
        package.version = *version;  // "===" pins a string; keep it parsed when it is a version
      }
      package.marker_text = marker_text;
      package.source = "registry";
      package.where = where;
      m_out.packages.push_back(std::move(package));
      return;
    }
    Dependency dependency;
    dependency.name = pep508::normalize_name(requirement.name);
    dependency.specifier_text = requirement.specifiers.str();
    dependency.specifiers = requirement.specifiers;
    dependency.marker_text = marker_text;
    dependency.marker = requirement.marker;
    dependency.extras = requirement.extras;
    dependency.where = where;
    (constraint ? m_out.constraints : m_out.unpinned).push_back(std::move(dependency));
  }

  // -r / -c: relative to the including file (pip joins with its folder); standard input's
  // includes are relative to the current folder.
  void include(const Token& target, const Text& options, const std::string& from,
               std::string_view source, bool constraint, int depth) {
    const Position at = options.at(target.offset);
    namespace fs = std::filesystem;
    std::string value = target.value;
    const auto scheme = util::to_lower(value.substr(0, value.find(':')));
    if (value.find(':') != std::string::npos &&
        (scheme == "http" || scheme == "https" || scheme == "file")) {
      if (scheme == "file" && value.starts_with("file://") && value.size() > 7 && value[7] == '/') {
        value = value.substr(7);  // file:///abs/path
      } else {
        error(from, source, at,
              "cannot read included file '" + value +
                  "': remote requirements files are not supported");
        return;
      }
    }
    fs::path resolved(value);
    if (!is_stdin(from) && resolved.is_relative())
      resolved = fs::path(from).parent_path() / resolved;
    const std::string display = resolved.lexically_normal().string();

    if (depth + 1 > k_max_include_depth) {
      error(from, source, at,
            "includes nested deeper than " + std::to_string(k_max_include_depth) + " levels at '" +
                display + "'");
      return;
    }
    std::error_code ec;
    const auto canonical_path = fs::weakly_canonical(resolved, ec);
    const std::string canonical = ec ? display : canonical_path.string();
    for (std::size_t i = 0; i < m_stack.size(); ++i) {
      if (m_stack[i].canonical != canonical) continue;
      std::string chain;
      for (std::size_t k = i; k < m_stack.size(); ++k) chain += m_stack[k].display + " -> ";
      error(from, source, at, "include cycle: " + chain + display);
      return;
    }
    if (m_includes == k_max_includes) {
      if (!m_includes_exceeded)  // once: the run fails anyway
        error(from, source, at,
              "more than " + std::to_string(k_max_includes) + " includes: '" + display +
                  "' and later includes not read");
      m_includes_exceeded = true;
      return;
    }
    ++m_includes;
    std::string content;
    try {
      content = util::read_file(display);
    } catch (const std::exception& e) {
      error(from, source, at, e.what());
      return;
    }
    m_stack.push_back({display, canonical});
    read(content, display, constraint, depth + 1);
    m_stack.pop_back();
  }

  Input& m_out;
  Diagnostics& m_diags;
  std::vector<Open> m_stack;  // files being read, outermost first (for cycles)
  int m_includes = 0;         // files included so far
  bool m_includes_exceeded = false;
};

}  // namespace

// pip-compile and `uv pip compile` name their command in the header comment:
//   #    pip-compile --output-file=requirements.txt pyproject.toml
//   #    uv pip compile pyproject.toml -o requirements.txt
// Only such a file is held to the pyproject beside it: any other requirements file may serve
// another purpose (docs, CI tools) than installing the project.
bool compiled_from_pyproject(std::string_view text) {
  std::size_t start = 0;
  for (int line = 0; line < 30 && start < text.size(); ++line) {
    const auto end = std::min(text.find('\n', start), text.size());
    const auto current = text.substr(start, end - start);
    start = end + 1;
    if (!current.starts_with('#')) break;
    const bool compiler = current.find("pip-compile") != std::string_view::npos ||
                          current.find("pip compile") != std::string_view::npos;
    if (compiler && current.find("pyproject.toml") != std::string_view::npos) return true;
  }
  return false;
}

void read_requirements(std::string_view text, const std::string& path, Input& out,
                       Diagnostics& diags) {
  if (out.path.empty()) out.path = path;
  if (out.format.empty()) out.format = "requirements.txt";
  if (const auto nul = text.find('\0'); nul != std::string_view::npos && decode(text) == text) {
    const auto before = text.substr(0, nul);
    const int line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
    const auto line_start = before.rfind('\n');
    const int column =
        static_cast<int>(nul - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
    throw FatalError("not a requirements file: binary content (a NUL byte)",
                     Location{path, line, column});
  }
  RequirementsReader reader(out, diags);
  if (!is_stdin(path)) {
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(path, ec);
    reader.push_file(std::filesystem::path(path).lexically_normal().string(),
                     ec ? path : canonical.string());
  }
  reader.read(text, path, false, 0);
  out.compiled_from_project = compiled_from_pyproject(text);
}

}  // namespace depcheck::readers
