// SARIF 2.1.0 for code-scanning tools. Rules come from the findings' own rule data; each result
// carries a fingerprint of what it is about (rule, input, packages), not of where it sits, so a
// finding keeps its identity when lines move.
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "depcheck/report.hpp"

namespace depcheck::report {
namespace {

using nlohmann::ordered_json;

// RFC 3986: a relative reference; everything but unreserved characters and '/' is encoded.
std::string uri_of(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string_view level_of(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

ordered_json location_json(const Location& where) {
  ordered_json physical = {{"artifactLocation", {{"uri", uri_of(where.path)}}}};
  if (where.line > 0) {
    ordered_json region = {{"startLine", where.line}};
    if (where.column > 0) region["startColumn"] = where.column;
    physical["region"] = region;
  }
  return {{"physicalLocation", physical}};
}

// The checks made from the inputs' own metadata have rule id == kind and a summary that is about
// one finding; their rule gets the kind's description instead, and a page of the standard.
const engine::FindingKind* builtin_check(const engine::Finding& f) {
  if (f.rule != f.kind) return nullptr;
  const auto* kind = engine::find_finding_kind(f.kind);
  return kind && kind->check == engine::CheckStage::requirements ? kind : nullptr;
}

// Whether `text` is an http(s) address made only of the characters RFC 3986 allows in a URI.
bool is_web_uri(std::string_view text) {
  if (text.rfind("https://", 0) != 0 && text.rfind("http://", 0) != 0) return false;
  constexpr std::string_view k_uri_punctuation = "-._~:/?#[]@!$&'()*+,;=%";
  for (char c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          k_uri_punctuation.find(c) != std::string_view::npos))
      return false;
  return true;
}

// The first reference that is a well-formed web address, else "" (helpUri is then left out).
std::string help_uri(const engine::Finding& f) {
  if (const auto* check = builtin_check(f)) return std::string(check->help_uri);
  for (const auto& r : f.references)
    if (is_web_uri(r)) return r;
  return "";
}

ordered_json rule_json(const engine::Finding& f) {
  const auto* check = builtin_check(f);
  const std::string short_text = check ? std::string(check->title) : f.summary;
  const std::string full_text = check               ? std::string(check->help)
                                : f.details.empty() ? f.summary
                                                    : f.details;
  ordered_json rule = {{"id", f.rule},
                       {"name", f.rule},
                       {"shortDescription", {{"text", short_text}}},
                       {"fullDescription", {{"text", full_text}}},
                       {"defaultConfiguration", {{"level", level_of(f.severity)}}}};
  if (const auto uri = help_uri(f); !uri.empty()) rule["helpUri"] = uri;
  rule["properties"] = {{"tags", {"dependencies", f.kind}}};
  return rule;
}

}  // namespace

void render_sarif(const Report& report, std::ostream& out) {
  ordered_json rules = ordered_json::array();
  std::map<std::string, std::size_t> rule_index;
  for (const auto& f : report.findings) {
    if (rule_index.count(f.rule)) continue;
    rule_index[f.rule] = rules.size();
    rules.push_back(rule_json(f));
  }

  ordered_json results = ordered_json::array();
  for (const auto& f : report.findings) {
    std::string text = f.summary;
    for (const auto& p : f.packages) text += fmt::format(" [{} {}]", p.name, p.version);
    for (const auto& fix : f.fixes) {
      text += "\nFix: " + fix.command;
      if (!fix.note.empty()) text += " (" + fix.note + ")";
      if (!fix.consistent) text += " (conflicts: " + fix.reason + ")";
    }
    Location where{f.input};
    if (!f.packages.empty() && f.packages.front().where.line > 0) where = f.packages.front().where;
    ordered_json result = {
        {"ruleId", f.rule},
        {"ruleIndex", rule_index[f.rule]},
        {"level", level_of(f.severity)},
        {"message", {{"text", text}}},
        {"locations", ordered_json::array({location_json(where)})},
        {"partialFingerprints", {{"depcheckFinding/v1", finding_fingerprint(f)}}}};
    ordered_json related = ordered_json::array();
    for (std::size_t i = 1; i < f.packages.size(); ++i) {
      if (f.packages[i].where.line == 0) continue;
      auto loc = location_json(f.packages[i].where);
      loc["id"] = static_cast<int>(i);
      loc["message"] = {{"text", f.packages[i].name + " " + f.packages[i].version}};
      related.push_back(std::move(loc));
    }
    if (!related.empty()) result["relatedLocations"] = std::move(related);
    results.push_back(std::move(result));
  }

  ordered_json notifications = ordered_json::array();
  for (const auto& d : report.errors)
    notifications.push_back({{"level", "error"},
                             {"message", {{"text", d.message}}},
                             {"locations", {location_json(d.where)}}});
  for (const auto& d : report.warnings)
    notifications.push_back({{"level", "warning"},
                             {"message", {{"text", d.message}}},
                             {"locations", {location_json(d.where)}}});

  ordered_json run = {
      {"tool",
       {{"driver",
         {{"name", "depcheck"},
          {"semanticVersion", report.tool_version},
          {"version", report.tool_version + "+matrix." + report.matrix_version},
          {"rules", std::move(rules)}}}}},
      {"invocations",
       ordered_json::array({{{"executionSuccessful", report.errors.empty()},
                             {"toolExecutionNotifications", std::move(notifications)}}})},
      {"results", std::move(results)}};
  ordered_json document = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                           {"version", "2.1.0"},
                           {"runs", ordered_json::array({std::move(run)})}};
  out << document.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace depcheck::report
