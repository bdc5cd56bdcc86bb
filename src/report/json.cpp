// The JSON report of SPEC.md, schema_version 1 (data/report.schema.json).
#include <nlohmann/json.hpp>

#include "depcheck/report.hpp"

namespace depcheck::report {
namespace {

using nlohmann::ordered_json;

ordered_json location_json(const Location& where) {
  ordered_json j;
  j["path"] = where.path;
  if (where.line > 0) j["line"] = where.line;
  if (where.column > 0) j["column"] = where.column;
  return j;
}

ordered_json package_json(std::string_view name, std::string_view version, const Location& where) {
  ordered_json j;
  j["name"] = name;
  j["version"] = version;
  if (where.line > 0) j["line"] = where.line;
  return j;
}

ordered_json diagnostic_json(const Diagnostic& d) {
  ordered_json j = location_json(d.where);
  j["message"] = d.message;
  return j;
}

}  // namespace

void render_json(const Report& report, std::ostream& out) {
  ordered_json j;
  j["schema_version"] = 1;
  j["tool"] = {{"name", "depcheck"},
               {"version", report.tool_version},
               {"matrix_version", report.matrix_version}};
  ordered_json target = {{"python", report.target.python}, {"platform", report.target.platform}};
  if (!report.target.assumed.empty()) target["assumed"] = report.target.assumed;
  j["target"] = target;

  ordered_json inputs = ordered_json::array();
  for (const Input* input : report.inputs) {
    ordered_json i;
    i["path"] = input->path;
    i["format"] = input->format;
    ordered_json packages = ordered_json::array();
    for (const auto& p : input->packages) packages.push_back(package_json(p.name, p.version_text, p.where));
    i["packages"] = std::move(packages);
    ordered_json unversioned = ordered_json::array();
    for (const auto& p : input->unversioned) {
      ordered_json u = {{"name", p.name}, {"source", p.source}};
      if (p.where.line > 0) u["line"] = p.where.line;
      unversioned.push_back(std::move(u));
    }
    i["unversioned"] = std::move(unversioned);
    ordered_json unpinned = ordered_json::array();
    for (const auto& d : input->unpinned) {
      ordered_json u = {{"name", d.name}, {"specifier", d.specifier_text}};
      if (d.where.line > 0) u["line"] = d.where.line;
      unpinned.push_back(std::move(u));
    }
    i["unpinned"] = std::move(unpinned);
    inputs.push_back(std::move(i));
  }
  j["inputs"] = std::move(inputs);

  ordered_json findings = ordered_json::array();
  for (const auto& f : report.findings) {
    ordered_json o;
    o["rule"] = f.rule;
    o["kind"] = f.kind;
    o["severity"] = to_string(f.severity);
    o["summary"] = f.summary;
    if (!f.details.empty()) o["details"] = f.details;
    if (!f.symptom.empty()) o["symptom"] = f.symptom;
    if (!f.condition.empty()) o["condition"] = f.condition;
    o["input"] = f.input;
    ordered_json packages = ordered_json::array();
    for (const auto& p : f.packages) packages.push_back(package_json(p.name, p.version, p.where));
    o["packages"] = std::move(packages);
    o["references"] = f.references;
    ordered_json fixes = ordered_json::array();
    for (const auto& fix : f.fixes) {
      ordered_json x = {{"package", fix.package}, {"versions", fix.versions}, {"consistent", fix.consistent}};
      if (!fix.reason.empty()) x["reason"] = fix.reason;
      x["command"] = fix.command;
      if (!fix.note.empty()) x["note"] = fix.note;
      fixes.push_back(std::move(x));
    }
    o["fixes"] = std::move(fixes);
    findings.push_back(std::move(o));
  }
  j["findings"] = std::move(findings);
  ordered_json plans = ordered_json::array();
  for (const auto& plan : report.plans) {
    ordered_json p = {{"input", plan.input}, {"resolves_all", plan.resolves_all}};
    ordered_json changes = ordered_json::array();
    for (const auto& change : plan.changes) {
      ordered_json c;
      if (!change.package.empty()) c["package"] = change.package;
      if (!change.versions.empty()) c["versions"] = change.versions;
      c["consistent"] = change.consistent;
      if (!change.reason.empty()) c["reason"] = change.reason;
      c["command"] = change.command;
      if (!change.note.empty()) c["note"] = change.note;
      changes.push_back(std::move(c));
    }
    p["changes"] = std::move(changes);
    p["unresolved"] = plan.unresolved;
    p["note"] = std::string(k_plan_caveat);
    plans.push_back(std::move(p));
  }
  j["plans"] = std::move(plans);
  j["summary"] = {{"error", report.count(Severity::error)},
                  {"warning", report.count(Severity::warning)},
                  {"info", report.count(Severity::info)}};
  ordered_json errors = ordered_json::array();
  for (const auto& e : report.errors) errors.push_back(diagnostic_json(e));
  j["errors"] = std::move(errors);
  ordered_json warnings = ordered_json::array();
  for (const auto& w : report.warnings) warnings.push_back(diagnostic_json(w));
  j["warnings"] = std::move(warnings);
  // Invalid UTF-8 from an input is replaced, never emitted: the document stays valid JSON.
  out << j.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace depcheck::report
