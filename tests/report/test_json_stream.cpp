// The JSON report is written as it goes (src/report/json.cpp); its bytes must stay those of the
// document-tree renderer it replaced (nlohmann's ordered_json dumped with indent 2, UTF-8 kept,
// invalid UTF-8 replaced), kept here as the reference.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "depcheck/report.hpp"

namespace depcheck::report {
namespace {

// --- The reference: the renderer as it was before it streamed.
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

void reference_json(const Report& report, std::ostream& out) {
  ordered_json j;
  j["schema_version"] = 1;
  j["tool"] = {{"name", "depcheck"},
               {"version", report.tool_version},
               {"matrix_version", report.matrix_version}};
  const auto target_json = [](const engine::Target& t) {
    ordered_json target = {{"python", t.python}, {"platform", t.platform}};
    if (!t.assumed.empty()) target["assumed"] = t.assumed;
    return target;
  };
  j["target"] = target_json(report.target);

  ordered_json inputs = ordered_json::array();
  for (std::size_t n = 0; n < report.inputs.size(); ++n) {
    const Input* input = report.inputs[n];
    ordered_json i;
    i["path"] = input->path;
    i["format"] = input->format;
    i["target"] = target_json(report.target_of(n));
    ordered_json packages = ordered_json::array();
    for (const auto& p : input->packages)
      packages.push_back(package_json(p.name, p.version_text, p.where));
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
      ordered_json x = {
          {"package", fix.package}, {"versions", fix.versions}, {"consistent", fix.consistent}};
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

// --- Reports that use every field, empty and full, with strings of every kind.
Input make_input(const std::string& path, int packages, const std::string& odd) {
  Input input;
  input.path = path;
  input.format = "poetry.lock";
  for (int i = 0; i < packages; ++i) {
    Package p;
    p.name = "pkg-" + std::to_string(i) + (i == 1 ? odd : "");
    p.version_text = i == 2 ? odd : "1." + std::to_string(i);
    p.where = Location{path, i == 3 ? 0 : 10 * i + 1, 1};
    input.packages.push_back(p);
  }
  Package virtual_root;
  virtual_root.name = "root" + odd;
  virtual_root.source = "virtual";
  input.unversioned.push_back(virtual_root);
  virtual_root.where.line = 7;
  input.unversioned.push_back(virtual_root);
  Dependency unpinned;
  unpinned.name = "loose";
  unpinned.specifier_text = ">=1" + odd;
  input.unpinned.push_back(unpinned);
  unpinned.where.line = 3;
  input.unpinned.push_back(unpinned);
  return input;
}

engine::FixOption option(std::string package, std::string versions, bool consistent,
                         std::string reason, std::string command, std::string note) {
  engine::FixOption o;
  o.package = std::move(package);
  o.versions = std::move(versions);
  o.consistent = consistent;
  o.reason = std::move(reason);
  o.command = std::move(command);
  o.note = std::move(note);
  return o;
}

Report make_report(const std::string& odd, const std::vector<const Input*>& inputs) {
  Report report;
  report.tool_version = "0.1.0";
  report.matrix_version = "2026.11.26" + odd;
  report.target.python = "3.12";
  report.target.platform = "linux";
  report.target.assumed = odd.empty() ? "" : "assumed " + odd;
  report.inputs = inputs;
  engine::Finding full;
  full.rule = "alpha-beta-3";
  full.kind = "incompatibility";
  full.severity = Severity::warning;
  full.symptom = "ImportError" + odd;
  full.summary = "what breaks " + odd;
  full.details = "details " + odd;
  full.condition = "python_version < \"3.9\"";
  full.input = "poetry.lock";
  full.packages = {{"alpha", "1.4.0", Location{"poetry.lock", 812, 1}},
                   {"beta" + odd, "3.0.1", Location{}}};
  full.references = {"https://example.org/" + odd, "https://example.org/2"};
  full.fixes = {
      option("beta", ">=2.1,<3", true, "", "poetry add \"beta>=2.1,<3\"", ""),
      option("alpha", ">=9", false, "no version " + odd, "poetry add alpha", "note " + odd)};
  engine::Finding bare;
  bare.rule = bare.kind = "missing-requirement";
  bare.severity = Severity::info;
  bare.summary = odd;
  bare.input = "poetry.lock";
  report.findings = {full, bare};
  engine::Plan plan;
  plan.input = "poetry.lock";
  plan.resolves_all = false;
  plan.changes = {option("beta", ">=2.1,<3", true, "", "poetry add beta", ""),
                  option("", "", false, "why " + odd, "", "n")};
  plan.unresolved = {"alpha-beta-3", odd};
  report.plans = {plan, engine::Plan{}};
  report.errors = {{Severity::error, "bad " + odd, Location{"a.lock", 3, 11}, ""},
                   {Severity::error, "no line", Location{"b.lock"}, ""}};
  report.warnings = {{Severity::warning, "old " + odd, Location{"c.lock", 9, 0}, ""}};
  return report;
}

std::string streamed(const Report& report) {
  std::ostringstream out;
  render_json(report, out);
  return out.str();
}

std::string reference(const Report& report) {
  std::ostringstream out;
  reference_json(report, out);
  return out.str();
}

}  // namespace

TEST_CASE("json: the streamed report has the reference's bytes", "[report][json]") {
  const std::string odd =
      GENERATE(as<std::string>{}, "", "plain", "quote \" back\\slash",
               "ctl \x01\x1f tab\t nl\n cr\r del\x7f", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
               "bad \xFF utf-8 \xE2\x82 cut", "\xC0\xAF overlong");
  CAPTURE(odd);
  const auto first = make_input("poetry.lock", 5, odd);
  const auto second = make_input("uv.lock" + odd, 0, odd);
  const auto report = make_report(odd, {&first, &second});
  CHECK(streamed(report) == reference(report));
  // An empty report: every array empty.
  const Report empty;
  CHECK(streamed(empty) == reference(empty));
  const auto no_findings = make_input("x", 1, odd);
  Report inputs_only;
  inputs_only.inputs = {&no_findings};
  CHECK(streamed(inputs_only) == reference(inputs_only));
}

// Big enough to cross the writer's buffer several times.
TEST_CASE("json: a large report has the reference's bytes", "[report][json]") {
  const auto input = make_input("poetry.lock", 20000, "");
  const auto report = make_report("", {&input});
  const auto text = streamed(report);
  CHECK(text.size() > (1u << 20));
  CHECK(text == reference(report));
}

}  // namespace depcheck::report
