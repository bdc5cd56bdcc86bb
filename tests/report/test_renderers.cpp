// The five report formats: golden files, schema validity, SARIF fingerprints, and text from
// hostile inputs that must not escape its place in any format.
//
// Goldens live in tests/fixtures/report/<report>.<format>.golden and are compared byte for byte.
// After an intended change, regenerate them with DEPCHECK_UPDATE_GOLDEN=1 and review the diff.
#include <catch2/catch.hpp>
#include <regex>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "depcheck/report.hpp"
#include "depcheck/util/text.hpp"
#include "support.hpp"

using namespace depcheck;
using nlohmann::json;

namespace {

Package pkg(const std::string& name, const std::string& version, const std::string& path,
            int line) {
  Package p;
  p.name = name;
  p.display_name = name;
  p.version_text = version;
  p.where = Location{path, line};
  p.source = "registry";
  return p;
}

engine::FindingPackage fpkg(const std::string& name, const std::string& version,
                            const std::string& path, int line) {
  return {name, version, Location{path, line}};
}

engine::FixOption fix(const std::string& package, const std::string& versions,
                      const std::string& command, const std::string& conflict = "") {
  engine::FixOption option;
  option.package = package;
  option.versions = versions;
  option.command = command;
  option.consistent = conflict.empty();
  option.reason = conflict;
  return option;
}

engine::Target target(const std::string& python, const std::string& platform,
                      const std::string& assumed) {
  engine::Target t;
  t.python = python;
  t.platform = platform;
  t.assumed = assumed;
  return t;
}

// A report and the inputs it points to (Report::inputs does not own them).
struct Fixture {
  Input poetry;
  Input requirements;
  report::Report report;
};

// The fixture every format renders: two inputs, findings of each severity (one a metadata
// check), fixes with and without conflicts, an input error and a warning.
std::unique_ptr<Fixture> full_fixture() {
  auto fx = std::make_unique<Fixture>();
  fx->poetry.path = "poetry.lock";
  fx->poetry.format = "poetry.lock";
  fx->poetry.lock_version = "2.1";
  fx->poetry.packages = {
      pkg("alpha", "1.4.0", "poetry.lock", 12), pkg("beta", "3.0.1", "poetry.lock", 30),
      pkg("gamma", "2.0.0", "poetry.lock", 48), pkg("zeta", "0.9", "poetry.lock", 70)};
  Package local = pkg("local-tool", "", "poetry.lock", 60);
  local.source = "directory";
  fx->poetry.unversioned = {local};
  fx->requirements.path = "requirements/dev.txt";
  fx->requirements.format = "requirements.txt";
  fx->requirements.packages = {pkg("delta", "1.5", "requirements/dev.txt", 3)};
  Dependency epsilon;
  epsilon.name = "epsilon";
  epsilon.specifier_text = ">=1";
  epsilon.where = Location{"requirements/dev.txt", 4};
  fx->requirements.unpinned = {epsilon};

  auto& r = fx->report;
  r.tool_version = "0.1.0";
  r.matrix_version = "2026.11.26";
  r.target = target("3.11", "linux", "lowest python allowed by poetry.lock");
  r.inputs = {&fx->poetry, &fx->requirements};

  engine::Finding alpha_beta;
  alpha_beta.rule = "alpha-beta-3";
  alpha_beta.kind = "incompatibility";
  alpha_beta.severity = Severity::error;
  alpha_beta.summary = "alpha before 1.9 imports beta.legacy, which beta 3 removed";
  alpha_beta.details =
      "alpha 1.2 to 1.8 import beta.legacy when they start. beta 3.0 removed that module, so "
      "importing alpha fails before any of its code runs. alpha 1.9 imports the new module.";
  alpha_beta.symptom = "ModuleNotFoundError: No module named 'beta.legacy'";
  alpha_beta.input = "poetry.lock";
  alpha_beta.packages = {fpkg("alpha", "1.4.0", "poetry.lock", 12),
                         fpkg("beta", "3.0.1", "poetry.lock", 30)};
  alpha_beta.references = {"https://example.org/alpha/issues/1",
                           "https://example.org/beta/changelog#3.0"};
  alpha_beta.fixes = {fix("alpha", ">=1.9", "poetry add \"alpha>=1.9\""),
                      fix("beta", ">=2.1,<3", "poetry add \"beta>=2.1,<3\"",
                          "the project requires beta>=3 (pyproject.toml:9)")};

  engine::Finding unsatisfied;
  unsatisfied.rule = unsatisfied.kind = "unsatisfied-requirement";
  unsatisfied.severity = Severity::error;
  unsatisfied.summary = "gamma 2.0.0 requires zeta>=1.0, but zeta 0.9 is locked";
  unsatisfied.input = "poetry.lock";
  unsatisfied.packages = {fpkg("gamma", "2.0.0", "poetry.lock", 48),
                          fpkg("zeta", "0.9", "poetry.lock", 70)};
  unsatisfied.fixes = {fix("zeta", ">=1.0", "poetry add \"zeta>=1.0\"")};
  unsatisfied.fixes[0].note = "replaces zeta<1 in pyproject.toml";

  engine::Finding delta;
  delta.rule = "delta-py312";
  delta.kind = "incompatibility";
  delta.severity = Severity::warning;
  delta.summary = "delta before 2 uses distutils, which Python 3.12 removed";
  delta.input = "requirements/dev.txt";
  delta.packages = {fpkg("delta", "1.5", "requirements/dev.txt", 3)};
  delta.references = {"https://example.org/delta/pull/7"};
  delta.fixes = {fix("delta", ">=2", "delta>=2 (in requirements/dev.txt)")};
  delta.condition = "python_version >= \"3.12\"";

  engine::Finding slow;
  slow.rule = "gamma-slow-import";
  slow.kind = "incompatibility";
  slow.severity = Severity::info;
  slow.summary = "gamma 2.0.0 imports slowly with zeta before 1.0";
  slow.input = "poetry.lock";
  slow.packages = {fpkg("gamma", "2.0.0", "poetry.lock", 48)};
  slow.references = {"https://example.org/gamma/issues/9"};

  r.findings = {alpha_beta, unsatisfied, delta, slow};

  // One plan resolves everything in poetry.lock; in requirements/dev.txt the only change
  // conflicts with an included file.
  engine::Plan poetry_plan;
  poetry_plan.input = "poetry.lock";
  poetry_plan.changes = {alpha_beta.fixes[0], unsatisfied.fixes[0]};
  engine::Plan requirements_plan;
  requirements_plan.input = "requirements/dev.txt";
  requirements_plan.resolves_all = false;
  requirements_plan.changes = {delta.fixes[0]};
  requirements_plan.changes[0].consistent = false;
  requirements_plan.changes[0].reason = "requirements/base.txt pins delta==1.5";
  requirements_plan.unresolved = {"delta-py312"};
  r.plans = {poetry_plan, requirements_plan};
  r.errors = {{Severity::error, "invalid version '1..0'", Location{"requirements/dev.txt", 7, 8},
               "omega==1..0"}};
  r.warnings = {{Severity::warning, "unknown lock-version '3.0'; read on a best-effort basis",
                 Location{"poetry.lock", 80, 16}, "lock-version = \"3.0\""}};
  return fx;
}

// A clean run: one input, nothing found.
std::unique_ptr<Fixture> empty_fixture() {
  auto fx = std::make_unique<Fixture>();
  fx->poetry.path = "uv.lock";
  fx->poetry.format = "uv.lock";
  fx->poetry.packages = {pkg("alpha", "1.9.0", "uv.lock", 5)};
  fx->report.tool_version = "0.1.0";
  fx->report.matrix_version = "2026.11.26";
  fx->report.target = target("3.12", "darwin", "");
  fx->report.inputs = {&fx->poetry};
  return fx;
}

std::unique_ptr<Fixture> fixture_named(const std::string& name) {
  return name == "full" ? full_fixture() : empty_fixture();
}

// `variant` is a format name, or "text-color" for the text report with colour.
std::string render(const report::Report& r, const std::string& variant) {
  std::ostringstream out;
  if (variant == "text-color") {
    report::render_text(r, out, {true});
  } else if (variant == "text-verbose") {
    report::RenderOptions options;
    options.verbose = true;
    options.width = 96;
    report::render_text(r, out, options);
  } else {
    const auto* info = report::find_format(variant);
    REQUIRE(info != nullptr);
    report::render(r, info->format, out, {false});
  }
  return out.str();
}

// "line 3: expected '...', got '...'" for the first line where two texts differ.
std::string first_difference(const std::string& expected, const std::string& actual) {
  const auto want = util::split(expected, '\n'), got = util::split(actual, '\n');
  for (std::size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
    const auto w = i < want.size() ? std::string(want[i]) : "<end>";
    const auto g = i < got.size() ? std::string(got[i]) : "<end>";
    if (w != g) return "line " + std::to_string(i + 1) + ": expected '" + w + "', got '" + g + "'";
  }
  return "";
}

bool updating_goldens() {
  const char* update = std::getenv("DEPCHECK_UPDATE_GOLDEN");
  return update && std::string(update) == "1";
}

std::string sarif_schema() {
  const auto shared = test::shared_dir();
  return shared.empty() ? "" : shared + "/schemas/sarif-schema-2.1.0.json";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  for (auto line : util::split(text, '\n')) lines.emplace_back(line);
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// The text with the renderer's own colour codes (ESC [ digits ; m) removed.
std::string strip_sgr(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      std::size_t j = i + 2;
      while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') || text[j] == ';')) ++j;
      if (j < text.size() && text[j] == 'm') {
        i = j;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// The first raw control character other than LF (C0, DEL, C1 as UTF-8) or invalid UTF-8, as a
// description; "" if there is none.
std::string first_control(const std::string& text) {
  if (!util::is_valid_utf8(text)) return "invalid UTF-8";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f)
      return "byte " + std::to_string(c) + " at " + std::to_string(i);
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f)
      return "C1 control at " + std::to_string(i);
  }
  return "";
}

// Whether the character at `i` is preceded by an odd number of backslashes (Markdown escape).
bool escaped_at(const std::string& text, std::size_t i) {
  std::size_t backslashes = 0;
  while (i > backslashes && text[i - 1 - backslashes] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

std::size_t count_unescaped(const std::string& text, char c) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == c && !escaped_at(text, i)) ++n;
  return n;
}

}  // namespace

// --- Golden files: the same reports in every format, byte for byte ----------------------------

TEST_CASE("report: every format matches its golden file", "[report][golden]") {
  const auto fixture = GENERATE(as<std::string>{}, "full", "empty");
  const auto variant = GENERATE(as<std::string>{}, "text", "text-color", "text-verbose", "json",
                                "sarif", "github", "markdown", "gitlab");
  CAPTURE(fixture, variant);
  const auto fx = fixture_named(fixture);
  const auto actual = render(fx->report, variant);
  const auto relative = "report/" + fixture + "." + variant + ".golden";
  if (updating_goldens()) {
    std::filesystem::create_directories(
        std::filesystem::path(test::fixture_path(relative)).parent_path());
    std::ofstream(test::fixture_path(relative), std::ios::binary) << actual;
    WARN("wrote " << relative);
  }
  const auto expected = test::read_fixture(relative);
  if (actual != expected) {
    // Catch's dump of two long strings hides the difference: name it, and keep the output.
    const auto kept = std::filesystem::temp_directory_path() /
                      ("depcheck-" + fixture + "." + variant + ".actual");
    std::ofstream(kept, std::ios::binary) << actual;
    INFO(first_difference(expected, actual));
    INFO("output kept in " << kept.string()
                           << "; after an intended change, run with DEPCHECK_UPDATE_GOLDEN=1");
    FAIL_CHECK("differs from " << relative);
  }
  // Rendering is a pure function of the report: a second render gives the same bytes.
  CHECK(render(fx->report, variant) == actual);
}

// --- Schemas: the JSON report (data/report.schema.json) and SARIF 2.1.0 -----------------------

TEST_CASE("report: the JSON report validates against data/report.schema.json",
          "[report][json][schema]") {
  if (test::jsonschema_python().empty()) {
    WARN("skipped: python3-jsonschema is not available");
    return;
  }
  const auto fixture = GENERATE(as<std::string>{}, "full", "empty");
  CAPTURE(fixture);
  const auto fx = fixture_named(fixture);
  const auto schema = std::string(DEPCHECK_SOURCE_DIR) + "/data/report.schema.json";
  CHECK(test::validate_json(schema, render(fx->report, "json")) == "");
}

TEST_CASE("report: the validator rejects what breaks a schema", "[report][schema]") {
  // Without this, a validator that accepts everything would pass the tests above.
  if (test::jsonschema_python().empty()) {
    WARN("skipped: python3-jsonschema is not available");
    return;
  }
  const auto report_schema = std::string(DEPCHECK_SOURCE_DIR) + "/data/report.schema.json";
  CHECK(test::validate_json(report_schema, R"({"schema_version": 1})") != "");
  auto document = json::parse(render(full_fixture()->report, "json"));
  document["findings"][0]["severity"] = "fatal";
  CHECK(test::validate_json(report_schema, document.dump()) != "");
  if (sarif_schema().empty()) return;
  CHECK(test::validate_json(sarif_schema(), R"({"$schema": "x"})") != "");
}

TEST_CASE("report: the SARIF report validates against the SARIF 2.1.0 schema",
          "[report][sarif][schema]") {
  if (sarif_schema().empty() || test::jsonschema_python().empty()) {
    WARN("skipped: the SARIF 2.1.0 schema or python3-jsonschema is not available");
    return;
  }
  const auto fixture = GENERATE(as<std::string>{}, "full", "empty");
  CAPTURE(fixture);
  const auto fx = fixture_named(fixture);
  CHECK(test::validate_json(sarif_schema(), render(fx->report, "sarif")) == "");
}

// --- SARIF: what code-scanning tools read -----------------------------------------------------

TEST_CASE("sarif: one rule per rule id, with descriptions and a help link", "[report][sarif]") {
  const auto fx = full_fixture();
  const auto sarif = json::parse(render(fx->report, "sarif"));
  const auto& run = sarif["runs"][0];
  CHECK(sarif["version"] == "2.1.0");
  CHECK(run["tool"]["driver"]["name"] == "depcheck");
  CHECK(run["tool"]["driver"]["semanticVersion"] == "0.1.0");
  const auto& rules = run["tool"]["driver"]["rules"];
  auto [index, id, short_text, help_uri] =
      GENERATE(table<int, std::string, std::string, std::string>({
          {0, "alpha-beta-3", "alpha before 1.9 imports beta.legacy, which beta 3 removed",
           "https://example.org/alpha/issues/1"},
          // A metadata check describes the check, not the first finding, and links the standard.
          {1, "unsatisfied-requirement",
           "A locked or installed version lies outside what a dependent declares",
           "https://packaging.python.org/en/latest/specifications/dependency-specifiers/"},
          {2, "delta-py312", "delta before 2 uses distutils, which Python 3.12 removed",
           "https://example.org/delta/pull/7"},
          {3, "gamma-slow-import", "gamma 2.0.0 imports slowly with zeta before 1.0",
           "https://example.org/gamma/issues/9"},
      }));
  CAPTURE(id);
  REQUIRE(rules.size() == 4);
  const auto& rule = rules[index];
  CHECK(rule["id"] == id);
  CHECK(rule["name"] == id);
  CHECK(rule["shortDescription"]["text"] == short_text);
  CHECK(rule["fullDescription"]["text"].get<std::string>().size() > 0);
  CHECK(rule["helpUri"] == help_uri);
}

TEST_CASE("sarif: results carry level, message, location and rule index", "[report][sarif]") {
  const auto fx = full_fixture();
  const auto sarif = json::parse(render(fx->report, "sarif"));
  const auto& results = sarif["runs"][0]["results"];
  REQUIRE(results.size() == 4);
  auto [index, rule, level, uri, line] =
      GENERATE(table<int, std::string, std::string, std::string, int>({
          {0, "alpha-beta-3", "error", "poetry.lock", 12},
          {1, "unsatisfied-requirement", "error", "poetry.lock", 48},
          {2, "delta-py312", "warning", "requirements/dev.txt", 3},
          {3, "gamma-slow-import", "note", "poetry.lock", 48},  // info is SARIF's "note"
      }));
  CAPTURE(rule);
  const auto& result = results[index];
  CHECK(result["ruleId"] == rule);
  CHECK(result["ruleIndex"] == index);
  CHECK(result["level"] == level);
  CHECK(result["message"]["text"].get<std::string>().size() > 0);
  const auto& physical = result["locations"][0]["physicalLocation"];
  CHECK(physical["artifactLocation"]["uri"] == uri);
  CHECK(physical["region"]["startLine"] == line);
}

TEST_CASE("sarif: the first finding's other package is a related location", "[report][sarif]") {
  const auto sarif = json::parse(render(full_fixture()->report, "sarif"));
  const auto& related = sarif["runs"][0]["results"][0]["relatedLocations"];
  REQUIRE(related.size() == 1);
  CHECK(related[0]["physicalLocation"]["region"]["startLine"] == 30);
  CHECK(related[0]["message"]["text"] == "beta 3.0.1");
}

TEST_CASE("sarif: input errors and warnings are tool notifications", "[report][sarif]") {
  const auto sarif = json::parse(render(full_fixture()->report, "sarif"));
  const auto& invocation = sarif["runs"][0]["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  const auto& notifications = invocation["toolExecutionNotifications"];
  REQUIRE(notifications.size() == 2);
  CHECK(notifications[0]["level"] == "error");
  CHECK(notifications[0]["message"]["text"] == "invalid version '1..0'");
  CHECK(notifications[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 7);
  CHECK(notifications[1]["level"] == "warning");
}

namespace {

std::vector<std::string> fingerprints(const report::Report& r) {
  std::vector<std::string> prints;
  const auto sarif = json::parse(render(r, "sarif"));
  for (const auto& result : sarif["runs"][0]["results"])
    prints.push_back(result["partialFingerprints"]["depcheckFinding/v1"].get<std::string>());
  return prints;
}

}  // namespace

TEST_CASE("sarif: fingerprints are stable, and do not follow line moves", "[report][sarif]") {
  auto fx = full_fixture();
  const auto before = fingerprints(fx->report);
  REQUIRE(before.size() == 4);
  CHECK(std::set<std::string>(before.begin(), before.end()).size() == 4);  // one per finding
  for (const auto& print : before) CHECK(print.size() == 16);
  CHECK(fingerprints(full_fixture()->report) == before);  // another render, another report object

  // The lock gained lines above every package: same findings, same fingerprints.
  for (auto& f : fx->report.findings)
    for (auto& p : f.packages) p.where.line += 17;
  CHECK(fingerprints(fx->report) == before);
  CHECK(json::parse(render(fx->report, "sarif"))["runs"][0]["results"][0]["locations"][0]
                                                ["physicalLocation"]["region"]["startLine"] == 29);

  // A different locked version is a different finding.
  fx->report.findings[0].packages[1].version = "3.0.2";
  const auto after = fingerprints(fx->report);
  CHECK(after[0] != before[0]);
  CHECK(after[1] == before[1]);
}

// --- GitHub workflow commands: escaping as GitHub's toolkit does it -------------------------

TEST_CASE("github: property and data escapes", "[report][github][security]") {
  // {input text, as a property value (file=, title=), as message data}
  auto [input, property, data] = GENERATE(table<std::string, std::string, std::string>({
      {"plain.lock", "plain.lock", "plain.lock"},
      {"50%", "50%25", "50%25"},
      {"a\rb", "a%0Db", "a%0Db"},
      {"a\nb", "a%0Ab", "a%0Ab"},
      {"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
      {"a:b,c", "a%3Ab%2Cc", "a:b,c"},                        // only properties escape : and ,
      {"x::error::y", "x%3A%3Aerror%3A%3Ay", "x::error::y"},  // harmless after the first ::
      {"%0A", "%250A", "%250A"},                              // an escape in the input stays text
      {"\x1b[31mred", "\\x1b[31mred", "\\x1b[31mred"},        // ANSI colour made visible
      {"\xc2\x9b"
       "31m",
       "\\u009b31m", "\\u009b31m"},         // C1 CSI made visible
      {"bad\xff", "bad\\xff", "bad\\xff"},  // invalid UTF-8 made visible
      {std::string("a\0b", 3), "a\\x00b", "a\\x00b"},
      {"tab\there", "tab\\there", "tab\\there"},
  }));
  CAPTURE(input);
  report::Report r;
  r.errors = {{Severity::error, input, Location{input, 3}, ""}};
  std::ostringstream out;
  report::render_github(r, out);
  CHECK(out.str() == "::error file=" + property + ",line=3,title=depcheck%3A input error::" + data +
                         "\n" + "depcheck: 0 error(s), 0 warning(s), 0 info, 1 input problem(s)\n");
}

TEST_CASE("github: a finding is one annotation on the first package's line", "[report][github]") {
  const auto lines = lines_of(render(full_fixture()->report, "github"));
  REQUIRE(lines.size() == 7);  // 1 error + 1 warning + 4 findings + the summary
  // One line; the annotation's own line breaks are %0A.
  CHECK(lines[2] ==
        "::error file=poetry.lock,line=12,title=depcheck alpha-beta-3::"
        "alpha before 1.9 imports beta.legacy, which beta 3 removed"
        "%0APackages: alpha 1.4.0 (line 12), beta 3.0.1 (line 30)"
        "%0AFix: poetry add \"alpha>=1.9\""
        "%0AFix: poetry add \"beta>=2.1,<3\" (conflicts: the project requires beta>=3 "
        "(pyproject.toml:9))"
        "%0ASee: https://example.org/alpha/issues/1"
        "%0ASee: https://example.org/beta/changelog#3.0");
  CHECK(lines[3] ==
        "::error file=poetry.lock,line=48,title=depcheck unsatisfied-requirement::"
        "gamma 2.0.0 requires zeta>=1.0, but zeta 0.9 is locked"
        "%0APackages: gamma 2.0.0 (line 48), zeta 0.9 (line 70)"
        "%0AFix: poetry add \"zeta>=1.0\" (replaces zeta<1 in pyproject.toml)");
  CHECK(lines[5].rfind("::notice file=poetry.lock,line=48,title=depcheck gamma-slow-import::", 0) ==
        0);
  CHECK(lines[6] == "depcheck: 2 error(s), 1 warning(s), 1 info, 1 input problem(s)");
}

// --- Hostile inputs: no format lets text from a lock escape its place -----------------------

namespace {

// Every string of the report that comes from an input or a matrix holds `payload`.
std::unique_ptr<Fixture> hostile_fixture(const std::string& payload) {
  auto fx = std::make_unique<Fixture>();
  fx->poetry.path = payload;
  fx->poetry.format = payload;
  fx->poetry.packages = {pkg(payload, payload, payload, 3),
                         pkg("b" + payload, payload, payload, 9)};
  fx->poetry.unversioned = {pkg(payload, "", payload, 11)};
  Dependency unpinned;
  unpinned.name = payload;
  unpinned.specifier_text = payload;
  unpinned.where = Location{payload, 12};
  fx->poetry.unpinned = {unpinned};
  auto& r = fx->report;
  r.tool_version = "0.1.0";
  r.matrix_version = payload;
  r.target = target(payload, "linux", payload);
  r.inputs = {&fx->poetry};
  for (const auto severity : {Severity::error, Severity::warning}) {
    engine::Finding f;
    f.rule = payload;
    f.kind = "incompatibility";
    f.severity = severity;
    f.summary = f.details = f.symptom = f.condition = payload;
    f.input = payload;
    f.packages = {fpkg(payload, payload, payload, 3), fpkg("b" + payload, payload, payload, 9)};
    f.references = {"https://example.org/" + payload, payload};
    f.fixes = {fix(payload, payload, payload), fix(payload, payload, payload, payload)};
    f.fixes[0].note = payload;
    r.findings.push_back(f);
  }
  engine::Plan plan;
  plan.input = payload;
  plan.resolves_all = false;
  plan.changes = r.findings[0].fixes;
  plan.unresolved = {payload};
  r.plans = {plan};
  r.errors = {{Severity::error, payload, Location{payload, 4, 2}, payload}};
  r.warnings = {{Severity::warning, payload, Location{payload, 5}, payload}};
  return fx;
}

// {label, payload}: the label names the case in failure messages (the payloads do not print well).
std::vector<std::pair<std::string, std::string>> hostile_payloads() {
  return {
      {"newline", "a\nb"},
      {"forged github command", "x\n::error file=evil.lock,line=1::forged"},
      {"carriage return", "a\rb"},
      {"percent", "100%25 %0A %"},
      {"colons and commas", "a::b,c:d"},
      {"ansi escape", "\x1b[31mred\x1b[0m\x1b]0;title\x07"},
      {"c1 csi",
       "\xc2\x9b"
       "31mred"},
      {"nul", std::string("a\0b", 3)},
      {"invalid utf-8", "bad\xff\xfe\xc3("},
      {"very long", std::string(100000, 'n')},
      {"markdown table", "a | b || c"},
      {"markdown code", "``x` ``"},
      {"html", "<script>alert(1)</script><img src=x onerror=y>"},
      {"markdown link", "[x](javascript:alert(1)) ![i](https://e/i.png) *b* _i_ # h"},
      {"backslash pipe", "\\|\\\\|"},
      {"everything", "a\r\n::warning::%0A\x1b[1m|`<script>\xc2\x9b\xff"},
  };
}

}  // namespace

TEST_CASE("hostile input: text output has no raw control characters", "[report][text][security]") {
  const auto payloads = hostile_payloads();
  const auto [label, payload] = GENERATE_REF(from_range(payloads));
  const bool color = GENERATE(false, true);
  CAPTURE(label, color);
  const auto fx = hostile_fixture(payload);
  for (const bool verbose : {false, true}) {
    std::ostringstream out;
    report::RenderOptions options;
    options.color = color;
    options.verbose = verbose;
    report::render_text(fx->report, out, options);
    CHECK(first_control(color ? strip_sgr(out.str()) : out.str()) == "");
  }
}

TEST_CASE("hostile input: github output stays one command per line", "[report][github][security]") {
  const auto payloads = hostile_payloads();
  const auto [label, payload] = GENERATE_REF(from_range(payloads));
  CAPTURE(label);
  const auto fx = hostile_fixture(payload);
  const auto& r = fx->report;
  const auto out = render(r, "github");
  CHECK(first_control(out) == "");
  const auto lines = lines_of(out);
  REQUIRE(lines.size() == r.findings.size() + r.errors.size() + r.warnings.size() + 1);
  CHECK(lines.back().rfind("depcheck: ", 0) == 0);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    const auto& line = lines[i];
    CAPTURE(i);
    std::string rest;
    for (std::string command : {"::error ", "::warning ", "::notice "})
      if (line.rfind(command, 0) == 0) rest = line.substr(command.size());
    REQUIRE(!rest.empty());
    // Properties end at the first "::"; each is key=value with : and , escaped in the value.
    const auto separator = rest.find("::");
    REQUIRE(separator != std::string::npos);
    const auto properties = util::split(std::string_view(rest).substr(0, separator), ',');
    // title= is always written, and last: a cut before it means a value ended the list early.
    CHECK(properties.back().rfind("title=depcheck", 0) == 0);
    for (auto property : properties) {
      const auto equals = property.find('=');
      REQUIRE(equals != std::string_view::npos);
      const auto key = property.substr(0, equals);
      CHECK((key == "file" || key == "line" || key == "col" || key == "title"));
      CHECK(property.substr(equals + 1).find(':') == std::string_view::npos);
    }
    // Every % is the start of one of the toolkit's escapes.
    for (std::size_t k = line.find('%'); k != std::string::npos; k = line.find('%', k + 1)) {
      const auto escape = line.substr(k, 3);
      CHECK((escape == "%25" || escape == "%0D" || escape == "%0A" || escape == "%3A" ||
             escape == "%2C"));
    }
  }
}

TEST_CASE("hostile input: json, sarif and gitlab are valid JSON documents",
          "[report][json][sarif][gitlab][security]") {
  const auto payloads = hostile_payloads();
  const auto [label, payload] = GENERATE_REF(from_range(payloads));
  const auto format = GENERATE(as<std::string>{}, "json", "sarif", "gitlab");
  CAPTURE(label, format);
  const auto fx = hostile_fixture(payload);
  const auto out = render(fx->report, format);
  json document;
  REQUIRE_NOTHROW(document = json::parse(out));  // strict: invalid UTF-8 would throw
  if (format == "json") {
    REQUIRE(document["findings"].size() == 2);
    const auto name = document["findings"][0]["packages"][0]["name"].get<std::string>();
    // Valid text comes back exactly; invalid bytes are replaced, never passed through.
    if (util::is_valid_utf8(payload))
      CHECK(name == payload);
    else
      CHECK(name.find("\xef\xbf\xbd") != std::string::npos);
  } else if (format == "sarif") {
    CHECK(document["runs"][0]["results"].size() == 2);
  } else {
    CHECK(document.size() == 2);
  }
}

TEST_CASE("hostile input: json and sarif still validate against their schemas",
          "[report][json][sarif][schema][security]") {
  if (sarif_schema().empty() || test::jsonschema_python().empty()) {
    WARN("skipped: the SARIF 2.1.0 schema or python3-jsonschema is not available");
    return;
  }
  const auto payloads = hostile_payloads();
  const auto [label, payload] = GENERATE_REF(from_range(payloads));
  CAPTURE(label);
  const auto fx = hostile_fixture(payload);
  CHECK(test::validate_json(std::string(DEPCHECK_SOURCE_DIR) + "/data/report.schema.json",
                            render(fx->report, "json")) == "");
  CHECK(test::validate_json(sarif_schema(), render(fx->report, "sarif")) == "");
}

TEST_CASE("hostile input: markdown keeps its table and holds no raw HTML",
          "[report][markdown][security]") {
  const auto payloads = hostile_payloads();
  const auto [label, payload] = GENERATE_REF(from_range(payloads));
  CAPTURE(label);
  const auto fx = hostile_fixture(payload);
  const auto out = render(fx->report, "markdown");
  CHECK(first_control(out) == "");
  // The same report with plain text has the same lines: nothing added a row or a paragraph.
  const auto lines = lines_of(out);
  CHECK(lines.size() == lines_of(render(hostile_fixture("plain")->report, "markdown")).size());
  std::size_t rows = 0;
  for (const auto& line : lines) {
    if (line.rfind("|", 0) != 0) continue;
    ++rows;
    CAPTURE(rows);
    CHECK(count_unescaped(line, '|') == 6);  // five cells
  }
  CHECK(rows == 2 + fx->report.findings.size());  // header, separator, one row per finding
  // Mermaid blocks (the dependency paths) hold only node, edge and style lines, with every label
  // quoted and free of quotes, angle brackets and backticks: input text cannot end the block.
  static const std::regex k_mermaid_line(
      R"(graph LR|  [px]_[a-z0-9_]+\["[^"<>`]*"\]|  [px]_[a-z0-9_]+ --> [px]_[a-z0-9_]+|)"
      R"(  style [px]_[a-z0-9_]+ stroke-width:3px)");
  std::string outside;
  bool in_mermaid = false;
  for (const auto& line : lines) {
    if (line == "```mermaid" || (in_mermaid && line == "```")) {
      in_mermaid = !in_mermaid;
      continue;
    }
    if (!in_mermaid) {
      outside += line + '\n';
      continue;
    }
    CAPTURE(line);
    CHECK(std::regex_match(line, k_mermaid_line));
  }
  CHECK_FALSE(in_mermaid);
  // The only tags are the renderer's own; the only links are the rule links.
  std::string tags_removed = outside;
  for (const std::string tag : {"<br>", "<code>", "</code>"})
    for (auto k = tags_removed.find(tag); k != std::string::npos; k = tags_removed.find(tag, k))
      tags_removed.erase(k, tag.size());
  CHECK(tags_removed.find('<') == std::string::npos);
  CHECK(out.find("<script") == std::string::npos);
  CHECK(count_unescaped(outside, '[') == fx->report.findings.size());
}

// A bad line of 10,000 characters is shown as a window around its column, with the caret under
// the same character; a long message keeps its start and its end.
TEST_CASE("diagnostics: long source lines and messages are shown in part", "[report][text]") {
  report::Report r;
  std::string line(10000, 'a');
  line[6000] = 'X';
  const std::string message = "invalid requirement '" + line + "': expected end at column 6001";
  r.errors.push_back({Severity::error, message, Location{"requirements.txt", 3, 6001}, line});
  std::ostringstream out;
  report::render_diagnostics(r.errors, r.warnings, out, {}, true);
  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0].size() < 1200);
  CHECK(lines[0].rfind("depcheck: error: requirements.txt:3:6001: invalid requirement 'aaa", 0) ==
        0);
  CHECK(lines[0].find("bytes not shown") != std::string::npos);
  CHECK(lines[0].find("expected end at column 6001") != std::string::npos);
  CHECK(lines[1].size() < 180);
  CHECK(lines[1].rfind("    ...", 0) == 0);
  CHECK(lines[1].substr(lines[1].size() - 3) == "...");
  const auto caret = lines[2].find('^');
  REQUIRE(caret != std::string::npos);
  CHECK(lines[1][caret] == 'X');
}

// --- GitLab Code Quality ---------------------------------------------------------------------

TEST_CASE("gitlab: the fields GitLab reads, with unique stable fingerprints", "[report][gitlab]") {
  const auto fx = fixture_named("full");
  std::ostringstream out;
  report::render_gitlab(fx->report, out);
  const auto issues = nlohmann::json::parse(out.str());
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == fx->report.findings.size());
  std::set<std::string> fingerprints;
  const std::set<std::string> severities = {"info", "minor", "major", "critical", "blocker"};
  for (const auto& issue : issues) {
    CAPTURE(issue.dump());
    CHECK(issue.at("description").is_string());
    CHECK_FALSE(issue.at("description").get<std::string>().empty());
    CHECK(issue.at("check_name").is_string());
    CHECK(severities.count(issue.at("severity").get<std::string>()) == 1);
    CHECK(issue.at("location").at("path").is_string());
    CHECK(issue.at("location").at("lines").at("begin").get<int>() >= 1);
    fingerprints.insert(issue.at("fingerprint").get<std::string>());
  }
  CHECK(fingerprints.size() == issues.size());
  // The same report gives the same fingerprints; a moved line does not change them.
  auto moved = fx->report;
  for (auto& f : moved.findings)
    for (auto& p : f.packages) p.where.line += 10;
  std::ostringstream again;
  report::render_gitlab(moved, again);
  const auto issues_again = nlohmann::json::parse(again.str());
  for (std::size_t i = 0; i < issues.size(); ++i)
    CHECK(issues_again[i].at("fingerprint") == issues[i].at("fingerprint"));
}
