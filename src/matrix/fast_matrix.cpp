// The fast path of load_matrix() (see fast_matrix.hpp). It mirrors parse_rule() in
// matrix_loader.cpp check for check, but only ever says "loads" or "give up": a change to what
// a matrix may hold must be made in both (tests/matrix/test_fast_matrix.cpp compares them).
#include "matrix/fast_matrix.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "depcheck/pep508/requirement.hpp"

namespace depcheck::matrix::detail {
namespace {

constexpr std::size_t k_max_rules = 100000;  // as the full loader
constexpr int k_max_depth = 64;              // nesting of values we only skip

// JSON as RFC 8259 has it, but only the part whose meaning is beyond doubt; every method returns
// false to give up.
class JsonScanner {
 public:
  explicit JsonScanner(std::string_view text) : m_text(text) {}

  bool at_end() {
    skip_space();
    return m_pos == m_text.size();
  }

  bool string(std::string& out) {
    if (!consume('"')) return false;
    out.clear();
    while (m_pos < m_text.size()) {
      // The common case: a run of plain ASCII.
      const std::size_t start = m_pos;
      while (m_pos < m_text.size()) {
        const auto c = static_cast<unsigned char>(m_text[m_pos]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++m_pos;
      }
      out.append(m_text.data() + start, m_pos - start);
      if (m_pos == m_text.size()) return false;
      const auto c = static_cast<unsigned char>(m_text[m_pos]);
      if (c == '"') {
        ++m_pos;
        return true;
      }
      if (c < 0x20) return false;  // control characters must be escaped
      if (c == '\\') {
        if (!escape(out)) return false;
        continue;
      }
      if (!utf8(out)) return false;
    }
    return false;
  }

  // A number, as its text: -?(0|[1-9][0-9]*)(.[0-9]+)? and at most 15 characters, so that it
  // never overflows a double or reads differently as an integer. Exponents give up.
  bool number(std::string_view& token) {
    skip_space();
    const std::size_t start = m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] == '-') ++m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] == '0') {
      ++m_pos;
    } else if (digits() == 0) {
      return false;
    }
    if (m_pos < m_text.size() && m_text[m_pos] == '.') {
      ++m_pos;
      if (digits() == 0) return false;
    }
    if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) return false;
    token = m_text.substr(start, m_pos - start);
    return token.size() <= 15;
  }

  // Any value, read and dropped (for "comment" and "$schema", which may hold anything).
  bool skip_value(int depth = 0) {
    if (depth > k_max_depth) return false;
    skip_space();
    if (m_pos == m_text.size()) return false;
    switch (m_text[m_pos]) {
      case '{':
        return object([&](const std::string&) { return skip_value(depth + 1); });
      case '[':
        return array([&] { return skip_value(depth + 1); });
      case '"': {
        std::string scratch;
        return string(scratch);
      }
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default: {
        std::string_view token;
        return number(token);
      }
    }
  }

  // `member(key)` reads the value of each member. A key seen twice gives up: nlohmann keeps the
  // last, and a matrix should not say two things.
  template <class Member>
  bool object(Member&& member) {
    if (!consume('{')) return false;
    if (consume('}')) return true;
    std::vector<std::string> keys;
    std::string key;
    do {
      if (!string(key) || !consume(':')) return false;
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) return false;
      keys.push_back(key);
      if (!member(keys.back())) return false;
    } while (consume(','));
    return consume('}');
  }

  template <class Item>
  bool array(Item&& item) {
    if (!consume('[')) return false;
    if (consume(']')) return true;
    do {
      if (!item()) return false;
    } while (consume(','));
    return consume(']');
  }

 private:
  void skip_space() {
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++m_pos;
    }
  }

  bool consume(char c) {
    skip_space();
    if (m_pos == m_text.size() || m_text[m_pos] != c) return false;
    ++m_pos;
    return true;
  }

  bool literal(std::string_view word) {
    if (m_text.substr(m_pos, word.size()) != word) return false;
    m_pos += word.size();
    return true;
  }

  std::size_t digits() {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') ++m_pos;
    return m_pos - start;
  }

  // After a backslash. \uXXXX gives up (surrogate pairs and NULs are nlohmann's to judge).
  bool escape(std::string& out) {
    if (++m_pos == m_text.size()) return false;
    char decoded = 0;
    switch (m_text[m_pos]) {
      case '"':
        decoded = '"';
        break;
      case '\\':
        decoded = '\\';
        break;
      case '/':
        decoded = '/';
        break;
      case 'b':
        decoded = '\b';
        break;
      case 'f':
        decoded = '\f';
        break;
      case 'n':
        decoded = '\n';
        break;
      case 'r':
        decoded = '\r';
        break;
      case 't':
        decoded = '\t';
        break;
      default:
        return false;
    }
    out += decoded;
    ++m_pos;
    return true;
  }

  // One UTF-8 sequence, well-formed as RFC 3629 says (no overlong forms, no surrogates, nothing
  // above U+10FFFF): what nlohmann accepts.
  bool utf8(std::string& out) {
    const auto byte = [&](std::size_t i) {
      return m_pos + i < m_text.size() ? static_cast<unsigned char>(m_text[m_pos + i]) : 0;
    };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (byte(1) < low || byte(1) > high) return false;
    for (std::size_t i = 2; i < length; ++i)
      if (byte(i) < 0x80 || byte(i) > 0xBF) return false;
    out.append(m_text.data() + m_pos, length);
    m_pos += length;
    return true;
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
};

class FastLoader {
 public:
  FastLoader(std::string_view text, const std::string& origin) : m_json(text), m_origin(origin) {}

  std::optional<Matrix> load() {
    Matrix matrix;
    bool schema = false, rules = false;
    const bool ok = m_json.object([&](const std::string& key) {
      if (key == "schema_version") {
        std::string_view token;
        schema = m_json.number(token) && token == "1";
        return schema;
      }
      if (key == "matrix_version") return m_json.string(matrix.matrix_version);
      if (key == "rules") {
        rules = true;
        return m_json.array([&] {
          if (matrix.rules.size() == k_max_rules) return false;
          matrix.rules.emplace_back();
          return rule(matrix.rules.back()) && m_ids.insert(matrix.rules.back().id).second;
        });
      }
      if (key == "$schema" || key == "comment") return m_json.skip_value();
      return false;
    });
    if (!ok || !schema || !rules || !m_json.at_end()) return std::nullopt;
    matrix.reindex();
    return matrix;
  }

 private:
  // parse_rule() of the full loader, where every error gives up.
  bool rule(Rule& rule) {
    rule.origin = m_origin;
    bool id = false, severity = false, summary = false, when = false;
    const bool ok = m_json.object([&](const std::string& key) {
      if (key == "id") return id = m_json.string(rule.id);
      if (key == "severity")
        return severity = m_json.string(m_text) && parse_severity(m_text, rule.severity);
      if (key == "symptom") return m_json.string(rule.symptom);
      if (key == "summary") return summary = m_json.string(rule.summary);
      if (key == "details") return m_json.string(rule.details);
      if (key == "when") return when = constraints(rule.when);
      if (key == "markers") return m_json.string(rule.markers_text);
      if (key == "fixes") return constraints(rule.fixes);
      if (key == "references")
        return m_json.array([&] { return m_json.string(rule.references.emplace_back()); });
      if (key == "messages")
        return m_json.array([&] { return m_json.string(rule.messages.emplace_back()); });
      if (key == "added") return m_json.string(rule.added);
      if (key == "reviewed") return m_json.string(rule.reviewed);
      if (key == "examples") return examples(rule);
      if (key == "comment") return m_json.skip_value();
      return false;
    });
    if (!ok || !id || !severity || !summary || !when || rule.when.empty()) return false;
    if (rule.id.empty() || !std::all_of(rule.id.begin(), rule.id.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                 c == '_';
        }))
      return false;
    for (std::size_t i = 0; i < rule.when.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (rule.when[i].package == rule.when[j].package) return false;
    if (!rule.markers_text.empty()) {
      auto marker = pep508::parse_marker_strict(rule.markers_text);
      if (!marker) return false;
      rule.markers = std::move(*marker);
    }
    return true;
  }

  bool constraints(std::vector<Constraint>& out) {
    return m_json.array([&] {
      Constraint& constraint = out.emplace_back();
      bool package = false;
      const bool ok = m_json.object([&](const std::string& key) {
        if (key == "package") return package = m_json.string(m_text);
        if (key == "versions") return m_json.string(constraint.versions_text);
        if (key == "comment") return m_json.skip_value();
        return false;
      });
      if (!ok || !package || m_text.empty()) return false;
      constraint.package = pep508::normalize_name(m_text);
      const auto* versions = specifiers(constraint.versions_text);
      if (!versions) return false;
      constraint.versions = *versions;
      return true;
    });
  }

  bool examples(Rule& rule) {
    return m_json.object([&](const std::string& key) {
      if (key != "bad" && key != "good") return false;
      auto& sets = key == "bad" ? rule.bad_examples : rule.good_examples;
      return m_json.array([&] {
        ExampleSet& set = sets.emplace_back();
        return m_json.object([&](const std::string& name) {
          std::string version;
          if (!m_json.string(version) || !pep440::parse_version(version)) return false;
          // Two spellings of one name: which one wins depends on nlohmann's key order.
          return set.emplace(pep508::normalize_name(name), std::move(version)).second;
        });
      });
    });
  }

  // Rules repeat the same ranges (a fix such as ">=2" in many rules): parsed once per text.
  const pep440::SpecifierSet* specifiers(const std::string& text) {
    auto found = m_specifiers.find(text);
    if (found == m_specifiers.end()) {
      auto parsed = pep440::parse_specifier_set(text);
      if (!parsed) return nullptr;
      found = m_specifiers.emplace(text, std::move(*parsed)).first;
    }
    return &found->second;
  }

  JsonScanner m_json;
  const std::string& m_origin;
  std::string m_text;  // scratch for values that are checked, then converted
  std::unordered_set<std::string> m_ids;
  std::unordered_map<std::string, pep440::SpecifierSet> m_specifiers;
};

}  // namespace

std::optional<Matrix> fast_load_matrix(std::string_view json_text, const std::string& origin) {
  // A byte-order mark is skipped by nlohmann; leave such documents to it.
  if (json_text.substr(0, 3) == "\xEF\xBB\xBF") return std::nullopt;
  return FastLoader(json_text, origin).load();
}

}  // namespace depcheck::matrix::detail
