#include <algorithm>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "depcheck/matrix.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "depcheck/util/text.hpp"
#include "matrix/fast_matrix.hpp"

namespace depcheck::matrix {
namespace {

using nlohmann::json;

constexpr int k_schema_version = 1;
constexpr std::size_t k_max_rules = 100000;

// The one table of rule fields: drives validation and "did you mean".
const std::vector<std::string_view> k_rule_fields = {
    "id",    "severity",   "symptom",  "summary", "details",  "when",     "markers",
    "fixes", "references", "messages", "added",   "reviewed", "examples", "comment"};
const std::vector<std::string_view> k_top_fields = {"schema_version", "matrix_version", "rules",
                                                    "$schema", "comment"};

// 1-based line:col of a byte offset, for JSON syntax errors.
Location location_of(std::string_view text, std::size_t offset, const std::string& origin) {
  Location where{origin, 1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++where.line;
      where.column = 1;
    } else {
      ++where.column;
    }
  }
  return where;
}

class RuleParser {
 public:
  RuleParser(const std::string& origin, std::string rule_name)
      : m_origin(origin), m_rule(std::move(rule_name)) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw FatalError("rule '" + m_rule + "': " + message, Location{m_origin});
  }

  std::string type_name(const json& value) const { return value.type_name(); }

  const json& require(const json& object, const std::string& key, const std::string& path) const {
    const auto it = object.find(key);
    if (it == object.end()) fail("missing field '" + path + key + "'");
    return *it;
  }

  std::string string_at(const json& value, const std::string& path) const {
    if (!value.is_string())
      fail("unexpected type " + type_name(value) + " (expected string) in '" + path + "'");
    return value.get<std::string>();
  }

  std::string optional_string(const json& object, const std::string& key) const {
    const auto it = object.find(key);
    return it == object.end() ? std::string() : string_at(*it, key);
  }

  const json& array_at(const json& value, const std::string& path) const {
    if (!value.is_array())
      fail("unexpected type " + type_name(value) + " (expected array) in '" + path + "'");
    return value;
  }

  std::vector<Constraint> constraints(const json& value, const std::string& path) const {
    std::vector<Constraint> result;
    std::size_t index = 0;
    for (const auto& item : array_at(value, path)) {
      const auto item_path = path + "[" + std::to_string(index++) + "]";
      if (!item.is_object())
        fail("unexpected type " + type_name(item) + " (expected object) in '" + item_path + "'");
      for (const auto& [key, _] : item.items())
        if (key != "package" && key != "versions" && key != "comment")
          fail("unknown field '" + item_path + "." + key + "'");
      Constraint constraint;
      const auto package =
          string_at(require(item, "package", item_path + "."), item_path + ".package");
      if (package.empty()) fail("empty package name in '" + item_path + ".package'");
      constraint.package = pep508::normalize_name(package);
      constraint.versions_text = item.contains("versions")
                                     ? string_at(item["versions"], item_path + ".versions")
                                     : std::string();
      auto parsed = pep440::parse_specifier_set(constraint.versions_text);
      if (!parsed) fail(parsed.error() + " in '" + item_path + ".versions'");
      constraint.versions = std::move(*parsed);
      result.push_back(std::move(constraint));
    }
    return result;
  }

  std::vector<ExampleSet> examples(const json& value, const std::string& path) const {
    std::vector<ExampleSet> sets;
    std::size_t index = 0;
    for (const auto& item : array_at(value, path)) {
      const auto item_path = path + "[" + std::to_string(index++) + "]";
      if (!item.is_object())
        fail("unexpected type " + type_name(item) + " (expected object) in '" + item_path + "'");
      ExampleSet set;
      for (const auto& [name, version] : item.items()) {
        const auto text = string_at(version, item_path + "." + name);
        if (auto parsed = pep440::parse_version(text); !parsed)
          fail(parsed.error() + " in '" + item_path + "." + name + "'");
        set[pep508::normalize_name(name)] = text;
      }
      sets.push_back(std::move(set));
    }
    return sets;
  }

 private:
  const std::string& m_origin;
  std::string m_rule;
};

Rule parse_rule(const json& value, std::size_t index, const std::string& origin) {
  const std::string fallback = "rules[" + std::to_string(index) + "]";
  std::string name = fallback;
  if (value.is_object() && value.contains("id") && value["id"].is_string())
    name = value["id"].get<std::string>();
  RuleParser p(origin, name);
  if (!value.is_object())
    p.fail("unexpected type " + std::string(value.type_name()) + " (expected object)");

  for (const auto& [key, _] : value.items()) {
    if (std::find(k_rule_fields.begin(), k_rule_fields.end(), key) == k_rule_fields.end()) {
      const auto guess = util::did_you_mean(key, k_rule_fields);
      p.fail("unknown field '" + key + "'" +
             (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
    }
  }

  Rule rule;
  rule.origin = origin;
  rule.id = p.string_at(p.require(value, "id", ""), "id");
  if (rule.id.empty() || !std::all_of(rule.id.begin(), rule.id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
      }))
    p.fail("invalid id '" + rule.id + "' (use lowercase letters, digits, '-', '.', '_')");

  const auto severity = p.string_at(p.require(value, "severity", ""), "severity");
  if (!parse_severity(severity, rule.severity))
    p.fail("invalid severity '" + severity + "' (expected error, warning or info)");
  rule.symptom = p.optional_string(value, "symptom");
  rule.summary = p.string_at(p.require(value, "summary", ""), "summary");
  rule.details = p.optional_string(value, "details");
  rule.when = p.constraints(p.require(value, "when", ""), "when");
  if (rule.when.empty()) p.fail("'when' needs at least one condition");
  std::set<std::string> seen;
  for (const auto& condition : rule.when)
    if (!seen.insert(condition.package).second)
      p.fail("package '" + condition.package + "' appears twice in 'when'");

  rule.markers_text = p.optional_string(value, "markers");
  if (!rule.markers_text.empty()) {
    // Strict: trailing text after a marker is a typo in a rule, not something to ignore.
    auto marker = pep508::parse_marker_strict(rule.markers_text);
    if (!marker) p.fail(marker.error() + " in 'markers'");
    rule.markers = std::move(*marker);
  }
  if (value.contains("fixes")) rule.fixes = p.constraints(value["fixes"], "fixes");
  if (value.contains("references")) {
    std::size_t i = 0;
    for (const auto& reference : p.array_at(value["references"], "references"))
      rule.references.push_back(p.string_at(reference, "references[" + std::to_string(i++) + "]"));
  }
  if (value.contains("messages")) {
    std::size_t i = 0;
    for (const auto& message : p.array_at(value["messages"], "messages")) {
      auto text = p.string_at(message, "messages[" + std::to_string(i++) + "]");
      if (text.empty()) p.fail("empty text in 'messages'");
      rule.messages.push_back(std::move(text));
    }
  }
  rule.added = p.optional_string(value, "added");
  rule.reviewed = p.optional_string(value, "reviewed");
  if (value.contains("examples")) {
    const auto& examples = value["examples"];
    if (!examples.is_object())
      p.fail("unexpected type " + std::string(examples.type_name()) +
             " (expected object) in 'examples'");
    for (const auto& [key, _] : examples.items())
      if (key != "bad" && key != "good") p.fail("unknown field 'examples." + key + "'");
    if (examples.contains("bad")) rule.bad_examples = p.examples(examples["bad"], "examples.bad");
    if (examples.contains("good"))
      rule.good_examples = p.examples(examples["good"], "examples.good");
  }
  return rule;
}

}  // namespace

void Matrix::reindex() {
  by_package.clear();
  by_id.clear();
  by_id.reserve(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    by_id.emplace(rules[i].id, i);
    for (const auto& condition : rules[i].when) by_package[condition.package].push_back(i);
  }
}

void Matrix::merge(Matrix other) {
  // Duplicates by the id index, so that merging stays linear in the number of rules.
  reindex();
  rules.reserve(rules.size() + other.rules.size());
  for (auto& rule : other.rules) {
    const auto [existing, added] = by_id.emplace(rule.id, rules.size());
    if (!added)
      throw FatalError(
          "rule '" + rule.id + "': duplicate id (also in " + rules[existing->second].origin + ")",
          Location{rule.origin});
    rules.push_back(std::move(rule));
  }
  if (matrix_version.empty()) matrix_version = other.matrix_version;
  reindex();
}

const Rule* Matrix::find(std::string_view id) const {
  const auto indexed = by_id.find(std::string(id));
  if (indexed != by_id.end() && indexed->second < rules.size() && rules[indexed->second].id == id)
    return &rules[indexed->second];
  // Not indexed (or `rules` changed since reindex()): search.
  for (const auto& rule : rules)
    if (rule.id == id) return &rule;
  return nullptr;
}

Matrix load_matrix(std::string_view json_text, const std::string& origin) {
  // Well-formed matrices take the fast path (matrix/fast_matrix.hpp); the rest are read with
  // nlohmann, which words every error.
  if (auto matrix = detail::fast_load_matrix(json_text, origin)) return std::move(*matrix);
  return detail::load_matrix_with_tree(json_text, origin);
}

Matrix detail::load_matrix_with_tree(std::string_view json_text, const std::string& origin) {
  json document;
  try {
    document = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 1, ...".
    std::string message = e.what();
    if (const auto colon = message.find(": "); colon != std::string::npos)
      message = message.substr(colon + 2);
    throw FatalError("invalid JSON: " + message,
                     location_of(json_text, e.byte > 0 ? e.byte - 1 : 0, origin));
  } catch (const json::exception& e) {
    // Valid syntax that nlohmann cannot hold, such as a number beyond a double ("1e999").
    std::string message = e.what();
    if (const auto bracket = message.find("] "); bracket != std::string::npos)
      message = message.substr(bracket + 2);
    throw FatalError("invalid JSON: " + message, Location{origin});
  }
  if (!document.is_object())
    throw FatalError("a matrix must be a JSON object with \"schema_version\" and \"rules\"",
                     Location{origin});
  for (const auto& [key, _] : document.items())
    if (std::find(k_top_fields.begin(), k_top_fields.end(), key) == k_top_fields.end())
      throw FatalError("unknown top-level field '" + key + "'", Location{origin});
  if (!document.contains("schema_version") || !document["schema_version"].is_number_integer())
    throw FatalError("missing or non-integer \"schema_version\"", Location{origin});
  if (document["schema_version"].get<long long>() != k_schema_version)
    throw FatalError("unsupported schema_version " + document["schema_version"].dump() +
                         " (this depcheck reads schema_version 1)",
                     Location{origin});
  if (!document.contains("rules") || !document["rules"].is_array())
    throw FatalError("missing \"rules\" array", Location{origin});
  if (document["rules"].size() > k_max_rules)
    throw FatalError("too many rules (" + std::to_string(document["rules"].size()) + ", limit " +
                         std::to_string(k_max_rules) + ")",
                     Location{origin});

  Matrix matrix;
  if (document.contains("matrix_version")) {
    if (!document["matrix_version"].is_string())
      throw FatalError("\"matrix_version\" must be a string", Location{origin});
    matrix.matrix_version = document["matrix_version"].get<std::string>();
  }
  std::set<std::string> ids;
  std::size_t index = 0;
  for (const auto& value : document["rules"]) {
    auto rule = parse_rule(value, index++, origin);
    if (!ids.insert(rule.id).second)
      throw FatalError("rule '" + rule.id + "': duplicate id", Location{origin});
    matrix.rules.push_back(std::move(rule));
  }
  matrix.reindex();
  return matrix;
}

Matrix bundled_matrix() {
  return load_matrix(bundled_matrix_json(), "<bundled matrix>");
}

}  // namespace depcheck::matrix
