// Fix recommendations: intersected with declared constraints, narrowed away from other rules,
// ordered, and combined into one plan.
#include <catch2/catch.hpp>

#include "depcheck/engine.hpp"
#include "depcheck/pep508/requirement.hpp"

using namespace depcheck;

namespace {

Package pkg(const std::string& name, const std::string& version, int line,
            std::vector<std::pair<std::string, std::string>> requires_ = {}) {
  Package p;
  p.name = pep508::normalize_name(name);
  p.version_text = version;
  p.version = *pep440::parse_version(version);
  p.where = Location{"poetry.lock", line};
  for (const auto& [dep, spec] : requires_) {
    Dependency d;
    d.name = dep;
    d.specifier_text = spec;
    d.specifiers = *pep440::parse_specifier_set(spec);
    p.dependencies.push_back(std::move(d));
  }
  return p;
}

Dependency declared(const std::string& name, const std::string& spec, int line) {
  Dependency d;
  d.name = name;
  d.specifier_text = spec;
  d.specifiers = *pep440::parse_specifier_set(spec);
  d.where = Location{"pyproject.toml", line};
  return d;
}

// The uvicorn/websockets shape: three rules on one pair, one of which a naive fix re-triggers.
const char* const k_matrix = R"({"schema_version": 1, "rules": [
  {"id": "legacy-14", "severity": "warning", "summary": "s",
   "when": [{"package": "uvicorn", "versions": ">=0.12.0,<0.50.0"}, {"package": "websockets", "versions": ">=14.0"}],
   "fixes": [{"package": "uvicorn", "versions": ">=0.50.0"}, {"package": "websockets", "versions": "<14.0"}]},
  {"id": "handler-13", "severity": "warning", "summary": "s",
   "when": [{"package": "uvicorn", "versions": ">=0.12.0,<0.50.0"}, {"package": "websockets", "versions": ">=13.0"}],
   "fixes": [{"package": "uvicorn", "versions": ">=0.50.0"}, {"package": "websockets", "versions": "<13.0"}]},
  {"id": "code-13-1", "severity": "warning", "summary": "s",
   "when": [{"package": "uvicorn", "versions": ">=0.12.0,<0.31.1"}, {"package": "websockets", "versions": ">=13.1"}],
   "fixes": [{"package": "uvicorn", "versions": ">=0.31.1"}, {"package": "websockets", "versions": "<13.1"}]}
]})";

const engine::FixOption& option_for(const engine::Finding& f, const std::string& package) {
  for (const auto& o : f.fixes)
    if (o.package == package) return o;
  FAIL("no option for " << package);
  throw;
}

const engine::Finding& finding(const engine::Result& r, const std::string& rule) {
  for (const auto& f : r.findings)
    if (f.rule == rule) return f;
  FAIL("no finding " << rule);
  throw;
}

}  // namespace

TEST_CASE("fixes: a range that would trigger another rule is narrowed away from it",
          "[engine][fixes]") {
  const auto m = matrix::load_matrix(k_matrix, "m.json");
  Input input;
  input.path = input.format = "poetry.lock";
  input.packages = {pkg("uvicorn", "0.29.0", 10), pkg("websockets", "14.1", 20)};
  const auto result = engine::check_input(input, m, {"3.11", "linux"}, {});
  REQUIRE(result.findings.size() == 3);
  // websockets<14 alone would land in 13.x, which handler-13 and code-13-1 flag.
  CHECK(option_for(finding(result, "legacy-14"), "websockets").versions == "<13.0");
  // uvicorn>=0.31.1 alone would land below 0.50, which the two others flag.
  CHECK(option_for(finding(result, "code-13-1"), "uvicorn").versions == ">=0.50.0");
  for (const auto& f : result.findings)
    for (const auto& o : f.fixes) CHECK(o.consistent);
  // One change resolves all three.
  CHECK(result.plan.resolves_all);
  REQUIRE(result.plan.changes.size() == 1);
  CHECK(result.plan.changes[0].command == "poetry add \"uvicorn>=0.50.0\"");
}

TEST_CASE("fixes: of the ranges that avoid a second rule, the one nearest the locked version",
          "[engine][fixes]") {
  // The Flask 0.12 / Jinja2 3.1 / MarkupSafe 2.1 shape: below 3.1, both <2.7 and 3.0.x avoid
  // the MarkupSafe rule; 3.0.x is a minor step down from 3.1.6, <2.7 a major one.
  const auto m = matrix::load_matrix(R"({"schema_version": 1, "rules": [
    {"id": "markup", "severity": "error", "summary": "s",
     "when": [{"package": "flask", "versions": "<2.0"}, {"package": "jinja2", "versions": ">=3.1"}],
     "fixes": [{"package": "jinja2", "versions": "<3.1"}]},
    {"id": "soft-unicode", "severity": "error", "summary": "s",
     "when": [{"package": "jinja2", "versions": ">=2.7,<3.0"}, {"package": "markupsafe", "versions": ">=2.1"}],
     "fixes": [{"package": "jinja2", "versions": ">=3.0"}]}
  ]})",
                                     "m.json");
  Input input;
  input.path = input.format = "poetry.lock";
  input.packages = {pkg("flask", "0.12.2", 10), pkg("jinja2", "3.1.6", 20),
                    pkg("markupsafe", "3.0.3", 30)};
  const auto result = engine::check_input(input, m, {"3.12", "linux"}, {});
  CHECK(option_for(finding(result, "markup"), "jinja2").versions == ">=3.0,<3.1");
}

TEST_CASE("fixes: intersected with what dependents declare; a conflict names the constraint",
          "[engine][fixes]") {
  const auto m = matrix::load_matrix(k_matrix, "m.json");
  Input input;
  input.path = input.format = "poetry.lock";
  // A dependent pins websockets to 14.x: websockets<13 cannot be had without moving it.
  input.packages = {pkg("uvicorn", "0.29.0", 10), pkg("websockets", "14.1", 20),
                    pkg("chat-sdk", "2.0", 30, {{"websockets", ">=14,<15"}})};
  const auto result = engine::check_input(input, m, {"3.11", "linux"}, {});
  const auto& ws = option_for(finding(result, "legacy-14"), "websockets");
  CHECK_FALSE(ws.consistent);
  CHECK(ws.reason ==
        "no version satisfies both websockets<14.0 and chat-sdk 2.0's requirement "
        "websockets>=14,<15 (poetry.lock:30)");
  // Consistent options come first.
  CHECK(finding(result, "legacy-14").fixes.front().package == "uvicorn");
  CHECK(result.plan.resolves_all);
}

TEST_CASE("fixes: the project's own constraint is replaced by an add command, kept by constraints",
          "[engine][fixes]") {
  const auto m = matrix::load_matrix(k_matrix, "m.json");
  Input input;
  input.path = "uv.lock";
  input.format = "uv.lock";
  // The project requires uvicorn; uvicorn brings websockets (what is installed is walked).
  input.packages = {pkg("uvicorn", "0.29.0", 10, {{"websockets", ">=10.4"}}),
                    pkg("websockets", "14.1", 20)};
  input.declared = {declared("uvicorn", ">=0.29,<0.30", 7)};
  const auto result = engine::check_input(input, m, {"3.11", "linux"}, {});
  const auto& uv = option_for(finding(result, "legacy-14"), "uvicorn");
  CHECK(uv.consistent);
  CHECK(uv.command == "uv add \"uvicorn>=0.50.0\"");
  CHECK(uv.note == "replaces the project's constraint '>=0.29,<0.30' (pyproject.toml:7)");
  // websockets is transitive here: uv's constraint mechanism, not a new direct dependency, in
  // the range uvicorn itself declares.
  CHECK(option_for(finding(result, "legacy-14"), "websockets").command ==
        "add \"websockets>=10.4,<13.0\" to [tool.uv] constraint-dependencies in pyproject.toml, "
        "then run: "
        "uv lock");
}

TEST_CASE("fixes: no single plan when the options contradict each other", "[engine][fixes]") {
  const char* const contradicting = R"({"schema_version": 1, "rules": [
    {"id": "a", "severity": "error", "summary": "s", "when": [{"package": "x", "versions": "<2"}],
     "fixes": [{"package": "x", "versions": ">=2"}]},
    {"id": "b", "severity": "error", "summary": "s", "when": [{"package": "y", "versions": ">=1"}],
     "fixes": [{"package": "x", "versions": "<2"}]}]})";
  const auto m = matrix::load_matrix(contradicting, "m.json");
  Input input;
  input.path = input.format = "poetry.lock";
  input.packages = {pkg("x", "1.0", 1), pkg("y", "1.0", 2)};
  const auto result = engine::check_input(input, m, {"3.11", "linux"}, {});
  // Rule b's only fix (x<2) would trigger rule a: it is kept, marked inconsistent, with why.
  const auto& fix_b = option_for(finding(result, "b"), "x");
  CHECK_FALSE(fix_b.consistent);
  CHECK(fix_b.reason == "every version in x<2 triggers rule 'a'");
  CHECK_FALSE(result.plan.resolves_all);
  CHECK(result.plan.unresolved == std::vector<std::string>{"b"});
}

TEST_CASE("fixes: pinned requirements are re-pinned, not contradicted by a constraints file",
          "[engine][fixes]") {
  const auto m = matrix::load_matrix(k_matrix, "m.json");
  Input input;
  input.path = "requirements.txt";
  input.format = "requirements.txt";
  input.packages = {pkg("uvicorn", "0.29.0", 1), pkg("websockets", "14.1", 2)};
  input.packages[0].where.path = input.packages[1].where.path = "requirements.txt";
  const auto result = engine::check_input(input, m, {"3.11", "linux"}, {});
  const auto& uv = option_for(finding(result, "legacy-14"), "uvicorn");
  CHECK(uv.command == "pip install \"uvicorn>=0.50.0\"");
  CHECK(uv.note ==
        "then update the pin 'uvicorn==0.29.0' at requirements.txt:1 (e.g. from pip freeze)");
}
