#include <algorithm>
#include <unordered_map>

#include "depcheck/diagnose.hpp"

namespace depcheck::diagnose {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

// The end of an escape sequence starting at text[i] == ESC: CSI (ESC [ ... final byte 0x40-0x7E),
// OSC (ESC ] ... BEL or ESC \), else ESC and one character.
std::size_t skip_escape(std::string_view text, std::size_t i) {
  if (i + 1 >= text.size()) return text.size();
  const char kind = text[i + 1];
  std::size_t j = i + 2;
  if (kind == '[') {
    while (j < text.size() && !(text[j] >= 0x40 && text[j] <= 0x7e)) ++j;
    return std::min(j + 1, text.size());
  }
  if (kind == ']') {
    for (; j < text.size(); ++j) {
      if (text[j] == '\a') return j + 1;
      if (text[j] == '\x1b' && j + 1 < text.size() && text[j + 1] == '\\') return j + 2;
    }
    return text.size();
  }
  return j;
}

// The names a package shows under in a log: its normalized name, and as a module or path
// (flask-login -> flask_login).
std::vector<std::string> spellings(const std::string& package) {
  std::vector<std::string> out{package};
  std::string module = package;
  std::replace(module.begin(), module.end(), '-', '_');
  if (module != package) out.push_back(module);
  return out;
}

// `word` in `text` with no letter, digit or '_' right before or after it, so that "six" is
// not found in "sixty".
bool contains_word(std::string_view text, std::string_view word) {
  const auto is_word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  };
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    const bool left = at == 0 || !is_word(text[at - 1]);
    const std::size_t end = at + word.size();
    const bool right = end >= text.size() || !is_word(text[end]);
    if (left && right) return true;
  }
  return false;
}

}  // namespace

std::string clean_line(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  bool blank = false;
  for (std::size_t i = 0; i < line.size();) {
    const char c = line[i];
    if (c == '\x1b') {
      i = skip_escape(line, i);
      continue;
    }
    // GCC and some terminals print typographic quotes where Python and the rules have ASCII
    // ones: U+2018/U+2019 become ', U+201C/U+201D become ".
    if (c == '\xe2' && i + 2 < line.size() && line[i + 1] == '\x80' && line[i + 2] >= '\x98' &&
        line[i + 2] <= '\x9d' && line[i + 2] != '\x9a' && line[i + 2] != '\x9b') {
      if (blank) out += ' ';
      blank = false;
      out += line[i + 2] <= '\x99' ? '\'' : '"';
      i += 3;
      continue;
    }
    ++i;
    if (c == '\r') continue;
    if (is_blank(c)) {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

Scan scan_log(std::string_view log, const matrix::Matrix& matrix) {
  Scan scan;
  // The log once, cleaned line by line; line_starts maps an offset back to its line.
  std::string text;
  std::vector<std::size_t> line_starts;
  for (std::size_t start = 0; start <= log.size();) {
    const std::size_t end = std::min(log.find('\n', start), log.size());
    line_starts.push_back(text.size());
    text += clean_line(log.substr(start, end - start));
    text += '\n';
    ++scan.lines;
    if (end == log.size()) break;
    start = end + 1;
  }
  if (log.empty() || log.back() == '\n') --scan.lines;  // no line after the last newline
  const auto line_of = [&](std::size_t offset) {
    return static_cast<std::size_t>(
        std::upper_bound(line_starts.begin(), line_starts.end(), offset) - line_starts.begin());
  };
  const auto line_text = [&](std::size_t line) {
    const std::size_t start = line_starts[line - 1];
    return text.substr(start, text.find('\n', start) - start);
  };

  std::string lowered;  // for package names, which logs spell in any case
  lowered.reserve(text.size());
  for (const char c : text) lowered += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  std::unordered_map<std::string, bool> named;  // package -> the log names it
  const auto log_names = [&](const std::string& package) {
    const auto [it, inserted] = named.try_emplace(package, false);
    if (inserted)
      for (const auto& spelling : spellings(package))
        if (contains_word(lowered, spelling)) it->second = true;
    return it->second;
  };

  // Rules share messages (every dependent of a removed name quotes the same ImportError):
  // one pass over the log per distinct message.
  std::unordered_map<std::string, std::size_t> found;
  const auto find_once = [&](const std::string& wanted) {
    const auto [it, inserted] = found.try_emplace(wanted, std::string::npos);
    if (inserted) it->second = text.find(wanted);
    return it->second;
  };

  for (const auto& rule : matrix.rules) {
    if (rule.messages.empty()) continue;
    ++scan.rules_with_messages;
    Match match{&rule, {}, {}, 0};
    std::size_t matched_length = 0;
    for (const auto& message : rule.messages) {
      const std::string wanted = clean_line(message);
      if (wanted.empty()) continue;
      const std::size_t at = find_once(wanted);
      if (at == std::string::npos) continue;
      const std::size_t line = line_of(at);
      match.evidence.push_back(Evidence{line, message, line_text(line)});
      matched_length += wanted.size();
    }
    if (match.evidence.empty()) continue;
    std::sort(match.evidence.begin(), match.evidence.end(),
              [](const Evidence& a, const Evidence& b) { return a.line < b.line; });
    for (const auto& condition : rule.when)
      if (log_names(condition.package)) match.mentioned.push_back(condition.package);
    // Messages found weigh most, then the packages the log names, then how much text matched.
    match.score = match.evidence.size() * 1000000 + match.mentioned.size() * 10000 +
                  (match.mentioned.size() == rule.when.size() ? 5000 : 0) +
                  std::min<std::size_t>(matched_length, 4999);
    scan.matches.push_back(std::move(match));
  }
  std::sort(scan.matches.begin(), scan.matches.end(), [](const Match& a, const Match& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.rule->id < b.rule->id;
  });
  return scan;
}

}  // namespace depcheck::diagnose
