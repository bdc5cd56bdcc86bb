#include <catch2/catch.hpp>

#include "depcheck/engine.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "engine/fixes.hpp"

using namespace depcheck;

namespace {

Package pkg(const std::string& name, const std::string& version, int line) {
  Package p;
  p.name = pep508::normalize_name(name);
  p.display_name = name;
  p.version_text = version;
  if (auto v = pep440::parse_version(version)) p.version = *v;
  p.where = Location{"poetry.lock", line};
  return p;
}

Input input_of(std::vector<Package> packages, std::string format = "poetry.lock") {
  Input input;
  input.path = format;
  input.format = std::move(format);
  input.packages = std::move(packages);
  return input;
}

const char* const k_matrix = R"({"schema_version": 1, "matrix_version": "t", "rules": [
  {"id": "alpha-beta", "severity": "error", "summary": "alpha before 1.9 breaks with beta 3",
   "when": [{"package": "alpha", "versions": ">=1.2,<1.9"}, {"package": "beta", "versions": ">=3"}],
   "fixes": [{"package": "alpha", "versions": ">=1.9"}, {"package": "beta", "versions": "<3"}],
   "references": ["https://example.org/1"]},
  {"id": "gamma-broken", "severity": "warning", "summary": "gamma 2.0.0 is broken",
   "when": [{"package": "gamma", "versions": "==2.0.0"}], "fixes": [{"package": "gamma", "versions": "!=2.0.0"}]},
  {"id": "delta-py312", "severity": "error", "summary": "delta < 2 does not work on 3.12",
   "when": [{"package": "delta", "versions": "<2"}], "markers": "python_version >= \"3.12\""}
]})";

std::vector<std::string> rule_ids(const std::vector<engine::Finding>& findings) {
  std::vector<std::string> ids;
  for (const auto& f : findings) ids.push_back(f.rule);
  return ids;
}

}  // namespace

TEST_CASE("engine: a pairwise rule fires only when every condition holds", "[engine]") {
  const auto m = matrix::load_matrix(k_matrix, "m.json");
  const engine::Target target{"3.11", "linux", ""};
  auto [alpha, beta, fires] = GENERATE(table<std::string, std::string, bool>({
      {"1.4.0", "3.0.1", true},
      {"1.2", "3", true},
      {"1.9.0", "3.0.1", false},  // fixed alpha
      {"1.4.0", "2.9", false},    // old beta
      {"1.9rc1", "3.0", false},   // PEP 440: <1.9 excludes pre-releases of 1.9 itself
      {"1.8.post1", "3.0", true},
      {"1.1.9", "3.0", false},
  }));
  CAPTURE(alpha, beta);
  const auto input = input_of({pkg("Alpha", alpha, 10), pkg("beta", beta, 20)});
  const auto findings = engine::check_matrix(input, m, target, {});
  CHECK(rule_ids(findings) ==
        (fires ? std::vector<std::string>{"alpha-beta"} : std::vector<std::string>{}));
}

TEST_CASE("engine: a finding names packages, lines, references and fixes", "[engine]") {
  const auto m = matrix::load_matrix(k_matrix, "m.json");
  const auto input = input_of({pkg("beta", "3.0.1", 20), pkg("Alpha", "1.4.0", 10)});
  const auto findings = engine::check_matrix(input, m, {"3.11", "linux", ""}, {});
  REQUIRE(findings.size() == 1);
  const auto& f = findings[0];
  CHECK(f.kind == "incompatibility");
  CHECK(f.severity == Severity::error);
  REQUIRE(f.packages.size() == 2);
  CHECK(f.packages[0].name == "alpha");
  CHECK(f.packages[0].version == "1.4.0");
  CHECK(f.packages[0].where.line == 10);
  CHECK(f.packages[1].name == "beta");
  CHECK(f.packages[1].where.line == 20);
  CHECK(f.references == std::vector<std::string>{"https://example.org/1"});
  REQUIRE(f.fixes.size() == 2);
  CHECK(f.fixes[0].command == "poetry add \"alpha>=1.9\"");
  CHECK(f.fixes[1].command == "poetry add \"beta<3\"");
}

TEST_CASE("engine: --ignore and markers on rules", "[engine]") {
  const auto m = matrix::load_matrix(k_matrix, "m.json");
  const auto input = input_of({pkg("alpha", "1.4", 1), pkg("beta", "3", 2), pkg("gamma", "2.0", 3),
                               pkg("delta", "1.5", 4)});
  CHECK(rule_ids(engine::check_matrix(input, m, {"3.11", "linux", ""}, {})) ==
        std::vector<std::string>{"alpha-beta", "gamma-broken"});
  CHECK(rule_ids(engine::check_matrix(input, m, {"3.12", "linux", ""}, {})) ==
        std::vector<std::string>{"alpha-beta", "delta-py312", "gamma-broken"});
  engine::Options options;
  options.ignore = {"alpha-beta"};
  CHECK(rule_ids(engine::check_matrix(input, m, {"3.11", "linux", ""}, options)) ==
        std::vector<std::string>{"gamma-broken"});
}

TEST_CASE("engine: forks lock one name at several versions; each is considered", "[engine]") {
  const auto m = matrix::load_matrix(k_matrix, "m.json");
  const auto input =
      input_of({pkg("alpha", "1.9", 1), pkg("alpha", "1.5", 2), pkg("beta", "3.1", 3)}, "uv.lock");
  const auto findings = engine::check_matrix(input, m, {"3.11", "linux", ""}, {});
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].packages.size() == 2);
  CHECK(findings[0].packages[0].version == "1.5");
}

TEST_CASE("engine: a version pinned twice is one install, named once", "[engine]") {
  const auto m = matrix::load_matrix(k_matrix, "m.json");
  const auto input =
      input_of({pkg("alpha", "1.4.0", 1), pkg("alpha", "1.4.0", 7), pkg("beta", "3.1", 9)},
               "requirements.txt");
  const auto findings = engine::check_matrix(input, m, {"3.11", "linux", ""}, {});
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].packages.size() == 2);
  CHECK(findings[0].packages[0].where.line == 1);
  CHECK(findings[0].packages[1].name == "beta");
}

TEST_CASE("engine: unversioned and unparsable entries are skipped, not matched", "[engine]") {
  const auto m = matrix::load_matrix(k_matrix, "m.json");
  auto broken = pkg("alpha", "not-a-version", 1);
  REQUIRE_FALSE(broken.version);
  const auto input = input_of({broken, pkg("beta", "3.1", 2)});
  CHECK(engine::check_matrix(input, m, {"3.11", "linux", ""}, {}).empty());
}

TEST_CASE("engine: fix commands in the syntax of the tool that owns the input", "[engine][fixes]") {
  using Kind = engine::Placement::Kind;
  Dependency declared;
  declared.name = "websockets";
  declared.where = Location{"pyproject.toml", 12, 1};
  declared.declared_in = DeclaredIn::poetry;
  auto [tool, kind, name, lock_version, expected] =
      GENERATE(table<std::string, Kind, std::string, std::string, std::string>({
          {"poetry", Kind::main, "", "2.1", "poetry add \"websockets<14\""},
          {"poetry", Kind::group, "dev", "2.1", "poetry add --group dev \"websockets<14\""},
          {"poetry", Kind::group, "test", "2.0", "poetry add --group test \"websockets<14\""},
          {"poetry", Kind::group, "dev", "1.1", "poetry add --dev \"websockets<14\""},
          {"poetry", Kind::extra, "ws", "2.1", "poetry add --optional=ws \"websockets<14\""},
          {"poetry", Kind::extra, "", "2.0", "poetry add --optional \"websockets<14\""},
          {"poetry", Kind::extra, "", "2.1",
           "change websockets to '<14' at pyproject.toml:12:1, then run: poetry lock"},
          {"uv", Kind::main, "", "", "uv add \"websockets<14\""},
          {"uv", Kind::group, "dev", "", "uv add --dev \"websockets<14\""},
          {"uv", Kind::group, "lint", "", "uv add --group lint \"websockets<14\""},
          {"uv", Kind::extra, "ws", "", "uv add --optional ws \"websockets<14\""},
          {"uv", Kind::transitive, "", "",
           "add \"websockets<14\" to [tool.uv] constraint-dependencies in pyproject.toml, then "
           "run: uv lock"},
          {"pdm", Kind::main, "", "", "pdm add \"websockets<14\""},
          {"pdm", Kind::group, "test", "", "pdm add -dG test \"websockets<14\""},
          {"pdm", Kind::extra, "ws", "", "pdm add -G ws \"websockets<14\""},
          {"pdm", Kind::transitive, "", "",
           "add websockets = \"<14\" under [tool.pdm.resolution.overrides] in pyproject.toml, "
           "then run: pdm lock"},
          {"pipenv", Kind::main, "", "", "pipenv install \"websockets<14\""},
          {"pipenv", Kind::group, "develop", "", "pipenv install --dev \"websockets<14\""},
          {"pipenv", Kind::transitive, "", "", "pipenv install \"websockets<14\""},
          {"pip", Kind::main, "", "", "pip install \"websockets<14\""},
          {"pip", Kind::transitive, "", "",
           "add the line 'websockets<14' to a constraints file and install with: pip install -c "
           "constraints.txt -r requirements.txt"},
      }));
  CAPTURE(tool, name, lock_version);
  const engine::Placement placement{kind, name, kind == Kind::transitive ? nullptr : &declared};
  CHECK(engine::add_command(tool, "websockets", "<14", placement, lock_version) == expected);
}

TEST_CASE("engine: a fix lands in the group or extra the project declares it in",
          "[engine][fixes]") {
  using Kind = engine::Placement::Kind;
  const auto dep = [](std::string group, bool optional) {
    Dependency d;
    d.name = "pytest";
    d.group = std::move(group);
    d.optional = optional;
    return d;
  };
  CHECK(engine::placement_of("pytest", {dep("dev", false)}, {}).kind == Kind::group);
  CHECK(engine::placement_of("pytest", {dep("dev", false), dep("", false)}, {}).kind == Kind::main);
  CHECK(engine::placement_of("pytest", {dep("main", false)}, {}).kind == Kind::main);
  const auto extra = engine::placement_of("pytest", {dep("test", true)}, {});
  CHECK(extra.kind == Kind::extra);
  CHECK(extra.name == "test");
  CHECK(engine::placement_of("pytest", {}, {"develop"}).kind == Kind::group);
  CHECK(engine::placement_of("pytest", {}, {"default", "develop"}).kind == Kind::transitive);
  CHECK(engine::placement_of("other", {dep("", false)}, {}).kind == Kind::transitive);
}

TEST_CASE("engine: target assumed from the lowest python the input allows", "[engine][target]") {
  Input input;
  input.path = "uv.lock";
  input.requires_python = ">=3.9, <4";
  const auto target = environment::assume_target("", "", input);
  CHECK(target.python == "3.9");
  CHECK(target.platform == "linux");
  CHECK(target.assumed == "lowest python allowed by uv.lock ('>=3.9, <4'), platform linux");
  const auto given = environment::assume_target("3.12", "darwin", input);
  CHECK(given.python == "3.12");
  CHECK(given.assumed.empty());
}

TEST_CASE("engine: on an assumed python range, a python rule says where it holds",
          "[engine][target]") {
  const auto m = matrix::load_matrix(k_matrix, "m.json");
  const auto input = input_of({pkg("delta", "1.5", 4)});
  engine::Target target("3.10", "linux", "lowest python allowed by poetry.lock");
  target.pythons = {"3.10", "3.11", "3.12", "3.13"};
  const auto findings = engine::check_matrix(input, m, target, {});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "delta-py312");
  // Not broken on the assumed 3.10: a warning, naming the pythons where it is an error.
  CHECK(findings[0].severity == Severity::warning);
  CHECK(findings[0].condition ==
        "only on Python 3.12, 3.13 (an error there; pass --python to check one)");
  // The range holds nowhere the rule does: nothing.
  target.pythons = {"3.10", "3.11"};
  CHECK(engine::check_matrix(input, m, target, {}).empty());
  // Given on the command line: a plain check, full severity.
  CHECK(engine::check_matrix(input, m, {"3.12", "linux"}, {}).front().severity == Severity::error);
}
