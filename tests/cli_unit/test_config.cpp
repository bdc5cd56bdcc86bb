// [tool.depcheck] / .depcheck.toml (SPEC "Command line": the config holds the same settings).
#include <catch2/catch.hpp>

#include <filesystem>

#include "cli/config.hpp"
#include "support.hpp"

using namespace depcheck;
using depcheck::cli::Config;

namespace {

Config parse(const std::string& text, bool pyproject = true,
             const std::string& path = "pyproject.toml") {
  Config config;
  config.today = "2026-11-26";
  cli::parse_config(text, path, pyproject, config);
  return config;
}

// "path:line:col: message" of the FatalError a config throws, or "" when it loads.
std::string error_of(const std::string& text, bool pyproject = true) {
  try {
    parse(text, pyproject, pyproject ? "pyproject.toml" : ".depcheck.toml");
  } catch (const FatalError& e) {
    return e.where.str() + ": " + e.what();
  }
  return "";
}

std::vector<std::string> messages(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags) out.push_back(d.where.str() + ": " + d.message);
  return out;
}

}  // namespace

// SPEC: [tool.depcheck] holds the same settings as the command line.
TEST_CASE("config: every key is read from [tool.depcheck]", "[cli][config]") {
  const auto config = parse(R"(
[project]
name = "x"

[tool.depcheck]
fail-on = "warning"
ignore = ["alpha-beta", { id = "gamma-1", reason = "vendor pin", expires = "2027-01-31" }]
severity = { "delta-2" = "info", "unsatisfied-requirement" = "warning" }
python = "3.12.1"
platform = "win32"
)");
  CHECK(config.fail_on == std::optional<std::string>("warning"));
  REQUIRE(config.ignore.size() == 2);
  CHECK(config.ignore[0].id == "alpha-beta");
  CHECK(config.ignore[0].reason.empty());
  CHECK(config.ignore[1].id == "gamma-1");
  CHECK(config.ignore[1].reason == "vendor pin");
  CHECK(config.ignore[1].expires == "2027-01-31");
  CHECK(config.ignore[1].where.str() == "pyproject.toml:7:25");
  CHECK(config.severity ==
        std::map<std::string, Severity>{{"delta-2", Severity::info},
                                        {"unsatisfied-requirement", Severity::warning}});
  CHECK(config.python == std::optional<std::string>("3.12.1"));
  CHECK(config.platform == std::optional<std::string>("win32"));
  CHECK(config.warnings.empty());
  CHECK(config.files == std::vector<std::string>{"pyproject.toml"});
}

TEST_CASE("config: a pyproject without [tool.depcheck] sets nothing", "[cli][config]") {
  auto [text] = GENERATE(table<std::string>({
      {""},
      {"[project]\nname = \"x\"\n"},
      {"[tool.poetry]\nname = \"x\"\n"},
  }));
  CAPTURE(text);
  const auto config = parse(text);
  CHECK_FALSE(config.fail_on);
  CHECK(config.ignore.empty());
  CHECK(config.severity.empty());
  CHECK(config.matrices.empty());
  CHECK(config.warnings.empty());
}

TEST_CASE("config: parse_config says whether the text holds settings", "[cli][config]") {
  auto [text, pyproject, holds] = GENERATE(table<std::string, bool, bool>({
      {"[project]\nname = \"x\"\n", true, false},
      {"[tool.black]\nline-length = 99\n", true, false},
      {"[tool.depcheck]\n", true, true},
      {"", false, true},  // an empty .depcheck.toml is still the project's config file
  }));
  CAPTURE(text);
  Config config;
  CHECK(cli::parse_config(text, "f.toml", pyproject, config) == holds);
  CHECK(config.files.size() == (holds ? 1U : 0U));
}

TEST_CASE("config: .depcheck.toml has the keys at top level", "[cli][config]") {
  const auto config = parse("fail-on = \"never\"\nignore = [\"a\"]\n", false, ".depcheck.toml");
  CHECK(config.fail_on == std::optional<std::string>("never"));
  REQUIRE(config.ignore.size() == 1);
  CHECK(config.ignore[0].id == "a");
}

TEST_CASE("config: expires may be a TOML date", "[cli][config]") {
  const auto config =
      parse("ignore = [{ id = \"a\", reason = \"r\", expires = 2026-02-03 }]\n", false);
  REQUIRE(config.ignore.size() == 1);
  CHECK(config.ignore[0].expires == "2026-02-03");
}

// STYLE: wrong types and values are errors at file:line:col (exit 2), with "did you mean".
TEST_CASE("config: wrong types and values are fatal, with their location", "[cli][config]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"[tool.depcheck]\nfail-on = 1\n",
       "pyproject.toml:2:11: unexpected type integer (expected string) in 'tool.depcheck.fail-on'"},
      {"[tool.depcheck]\nfail-on = \"eror\"\n",
       "pyproject.toml:2:11: unknown fail-on value 'eror' in 'tool.depcheck.fail-on' (did you mean "
       "'error'?)"},
      {"[tool.depcheck]\nfail-on = \"fatal-only\"\n",
       "pyproject.toml:2:11: unknown fail-on value 'fatal-only' in 'tool.depcheck.fail-on' "
       "(expected one of: "
       "error, warning, info, never)"},
      {"[tool.depcheck]\nignore = \"alpha\"\n",
       "pyproject.toml:2:10: unexpected type string (expected array) in 'tool.depcheck.ignore'"},
      {"[tool.depcheck]\nignore = [\"a\", 7]\n",
       "pyproject.toml:2:16: unexpected type integer (expected string or table) in "
       "'tool.depcheck.ignore[1]'"},
      {"[tool.depcheck]\nignore = [{ id = \"a\" }]\n",
       "pyproject.toml:2:11: missing 'reason' in 'tool.depcheck.ignore[0]' (an ignore written as a "
       "table needs a "
       "reason)"},
      {"[tool.depcheck]\nignore = [{ reason = \"r\" }]\n",
       "pyproject.toml:2:11: missing 'id' in 'tool.depcheck.ignore[0]'"},
      {"[tool.depcheck]\nignore = [{ id = \"a\", reason = \"  \" }]\n",
       "pyproject.toml:2:32: empty 'reason' in 'tool.depcheck.ignore[0]'"},
      {"[tool.depcheck]\nignore = [{ id = 3, reason = \"r\" }]\n",
       "pyproject.toml:2:18: unexpected type integer (expected string) in "
       "'tool.depcheck.ignore[0].id'"},
      {"[tool.depcheck]\nignore = [{ id = \"a\", reason = \"r\", expires = \"2026-02-30\" }]\n",
       "pyproject.toml:2:47: invalid date '2026-02-30' in 'tool.depcheck.ignore[0].expires' "
       "(expected YYYY-MM-DD)"},
      {"[tool.depcheck]\nignore = [{ id = \"a\", reason = \"r\", expires = \"30.01.2027\" }]\n",
       "pyproject.toml:2:47: invalid date '30.01.2027' in 'tool.depcheck.ignore[0].expires' "
       "(expected YYYY-MM-DD)"},
      {"[tool.depcheck]\nignore = [{ id = \"a\", reason = \"r\", expires = 20270130 }]\n",
       "pyproject.toml:2:47: unexpected type integer (expected date or string) in "
       "'tool.depcheck.ignore[0].expires'"},
      {"[tool.depcheck]\nseverity = \"info\"\n",
       "pyproject.toml:2:12: unexpected type string (expected table) in 'tool.depcheck.severity'"},
      {"[tool.depcheck]\nseverity = { a = \"warnings\" }\n",
       "pyproject.toml:2:18: unknown severity 'warnings' in 'tool.depcheck.severity.a' (did you "
       "mean 'warning'?)"},
      {"[tool.depcheck]\nseverity = { a = \"critical\" }\n",
       "pyproject.toml:2:18: unknown severity 'critical' in 'tool.depcheck.severity.a' (expected "
       "one of: error, "
       "warning, info)"},
      {"[tool.depcheck]\nmatrix = \"rules.json\"\n",
       "pyproject.toml:2:10: unexpected type string (expected array) in 'tool.depcheck.matrix'"},
      {"[tool.depcheck]\nmatrix = [\"no-such-rules.json\"]\n",
       "pyproject.toml:2:11: cannot read matrix 'no-such-rules.json' (no-such-rules.json): No such "
       "file"},
      {"[tool.depcheck]\npython = 3.12\n",
       "pyproject.toml:2:10: unexpected type float (expected string) in 'tool.depcheck.python'"},
      {"[tool.depcheck]\npython = \"3\"\n",
       "pyproject.toml:2:10: invalid python version '3' in 'tool.depcheck.python' (expected X.Y or "
       "X.Y.Z, e.g. 3.12 or 3.12.4)"},
      {"[tool.depcheck]\npython = \">=3.9\"\n",
       "pyproject.toml:2:10: invalid python version '>=3.9' in 'tool.depcheck.python' (expected "
       "X.Y or X.Y.Z, e.g. 3.12 or 3.12.4)"},
      {"[tool.depcheck]\npython = \"3.99\"\n",
       "pyproject.toml:2:10: invalid python version '3.99' in 'tool.depcheck.python' (no Python "
       "3.99 exists (2.7, or 3.0 to 3.16))"},
      {"[tool.depcheck]\nplatform = \"linx\"\n",
       "pyproject.toml:2:12: unknown platform 'linx' in 'tool.depcheck.platform' (did you mean "
       "'linux'?)"},
      {"[tool]\ndepcheck = 1\n",
       "pyproject.toml:2:12: unexpected type integer (expected table) in 'tool.depcheck'"},
      {"tool = \"x\"\n", "pyproject.toml:1:8: unexpected type string (expected table) in 'tool'"},
      {"[tool.depcheck\n",
       "pyproject.toml:1:15: invalid TOML: Error while parsing table header: expected ']', saw "
       "'\\n'"},
  }));
  CAPTURE(text);
  CHECK(error_of(text) == expected);
}

TEST_CASE("config: errors in .depcheck.toml name the top-level key", "[cli][config]") {
  CHECK(error_of("fail-on = true\n", false) ==
        ".depcheck.toml:1:11: unexpected type boolean (expected string) in 'fail-on'");
}

// STYLE: unknown config keys get "did you mean" (one table of keys drives it).
TEST_CASE("config: unknown keys are warnings with did-you-mean", "[cli][config]") {
  auto [text, pyproject, expected] = GENERATE(table<std::string, bool, std::string>({
      {"[tool.depcheck]\nfail_on = \"error\"\n", true,
       "pyproject.toml:2:1: unknown key 'fail_on' in [tool.depcheck] (did you mean 'fail-on'?)"},
      {"[tool.depcheck]\nignores = []\n", true,
       "pyproject.toml:2:1: unknown key 'ignores' in [tool.depcheck] (did you mean 'ignore'?)"},
      {"format = \"json\"\n", false,
       ".depcheck.toml:1:1: unknown key 'format' in .depcheck.toml (known keys: fail-on, ignore, "
       "severity, matrix, "
       "python, platform)"},
      {"ignore = [{ id = \"a\", reason = \"r\", expire = \"2027-01-01\" }]\n", false,
       ".depcheck.toml:1:37: unknown key 'expire' in 'ignore[0]' (did you mean 'expires'?)"},
  }));
  CAPTURE(text);
  const auto config = parse(text, pyproject, pyproject ? "pyproject.toml" : ".depcheck.toml");
  CHECK(messages(config.warnings) == std::vector<std::string>{expected});
  REQUIRE(config.warnings.size() == 1);
  CHECK(config.warnings[0].severity == Severity::warning);
  CHECK_FALSE(config.warnings[0].source_line.empty());
}

TEST_CASE("config: the key table names every key once", "[cli][config]") {
  std::vector<std::string> names;
  for (const auto& key : cli::config_keys()) names.emplace_back(key.name);
  CHECK(names ==
        std::vector<std::string>{"fail-on", "ignore", "severity", "matrix", "python", "platform"});
}

// SPEC: command-line flags override the file; lists are merged.
TEST_CASE("config: apply_config lets flags win and merges lists", "[cli][config]") {
  Config config;
  config.today = "2026-11-26";
  config.fail_on = "warning";
  config.python = "3.9";
  config.platform = "darwin";
  config.ignore = {{"from-config", "", "", {}, ""}, {"both", "", "", {}, ""}};
  config.matrices = {"conf/extra.json", "shared.json"};
  config.severity = {{"alpha", Severity::info}};

  SECTION("nothing on the command line") {
    cli::Options options;
    cli::apply_config(config, options);
    CHECK(options.fail_on == "warning");
    CHECK(options.python == "3.9");
    CHECK(options.platform == "darwin");
    CHECK(options.ignore == std::vector<std::string>{"from-config", "both"});
    CHECK(options.matrices == std::vector<std::string>{"conf/extra.json", "shared.json"});
    CHECK(options.severity_overrides == std::map<std::string, Severity>{{"alpha", Severity::info}});
  }
  SECTION("flags given") {
    cli::Options options;
    options.fail_on = "error";  // the default, but given explicitly
    options.fail_on_given = true;
    options.python = "3.12";
    options.platform = "linux";
    options.ignore = {"both", "from-flag"};
    options.matrices = {"cli.json", "shared.json"};
    cli::apply_config(config, options);
    CHECK(options.fail_on == "error");
    CHECK(options.python == "3.12");
    CHECK(options.platform == "linux");
    CHECK(options.ignore == std::vector<std::string>{"both", "from-flag", "from-config"});
    CHECK(options.matrices ==
          std::vector<std::string>{"conf/extra.json", "shared.json", "cli.json"});
  }
}

TEST_CASE("config: an ignore stops applying after its expiry date, with a warning",
          "[cli][config]") {
  auto [today, applies] = GENERATE(table<std::string, bool>({
      {"2026-06-29", true},
      {"2026-06-30", true},  // through the expiry date itself
      {"2026-07-01", false},
      {"2027-01-01", false},
  }));
  CAPTURE(today);
  Config config;
  config.today = today;
  // Built one by one: GCC 12 at -O2 warns (falsely) about an initializer list of these.
  cli::IgnoreEntry expiring;
  expiring.id = "gamma-1";
  expiring.reason = "vendor pin";
  expiring.expires = "2026-06-30";
  expiring.where = Location{"pyproject.toml", 9, 12};
  expiring.source_line = "ignore = ...";
  cli::IgnoreEntry forever;
  forever.id = "forever";
  config.ignore.push_back(expiring);
  config.ignore.push_back(forever);
  cli::Options options;
  cli::apply_config(config, options);
  if (applies) {
    CHECK(options.ignore == std::vector<std::string>{"gamma-1", "forever"});
    CHECK(options.config_warnings.empty());
  } else {
    CHECK(options.ignore == std::vector<std::string>{"forever"});
    CHECK(messages(options.config_warnings) ==
          std::vector<std::string>{
              "pyproject.toml:9:12: the ignore of 'gamma-1' expired on 2026-06-30 (reason: "
              "vendor pin): the rule is checked again; renew or remove the entry"});
  }
}

TEST_CASE("config: severity overrides change findings by rule id or kind", "[cli][config]") {
  std::vector<engine::Finding> findings(3);
  findings[0].rule = "alpha-beta";
  findings[1].rule = "unsatisfied-requirement";
  findings[2].rule = "other";
  cli::Options options;
  options.severity_overrides = {{"alpha-beta", Severity::info},
                                {"unsatisfied-requirement", Severity::warning}};
  cli::apply_severity_overrides(findings, options);
  CHECK(findings[0].severity == Severity::info);
  CHECK(findings[1].severity == Severity::warning);
  CHECK(findings[2].severity == Severity::error);
}

TEST_CASE("config: ISO dates", "[cli][config]") {
  auto [text, valid] = GENERATE(table<std::string, bool>({
      {"2026-01-31", true},
      {"2024-02-29", true},  // leap year
      {"2000-02-29", true},  // divisible by 400
      {"1900-02-29", false},
      {"2026-02-29", false},
      {"2026-04-31", false},
      {"2026-13-01", false},
      {"2026-00-10", false},
      {"2026-01-00", false},
      {"2026-1-31", false},
      {"2026/01/31", false},
      {"2026-01-31T00:00", false},
      {"", false},
  }));
  CAPTURE(text);
  CHECK(cli::is_iso_date(text) == valid);
  CHECK(cli::is_iso_date(cli::today_iso_date()));
}

// Discovery: pyproject.toml, then .depcheck.toml (wins for scalars), in the first PATH's folder.
TEST_CASE("config: load_config reads both files of the first PATH's folder", "[cli][config]") {
  const auto folder = test::fixture_path("config/both");
  cli::Options options;
  options.paths = {folder + "/poetry.lock"};  // a file: its folder is searched (it need not exist)
  const auto config = cli::load_config(options);
  CHECK(config.files ==
        std::vector<std::string>{folder + "/pyproject.toml", folder + "/.depcheck.toml"});
  CHECK(config.fail_on == std::optional<std::string>("info"));
  CHECK(config.python == std::optional<std::string>("3.10"));
  CHECK(config.platform == std::optional<std::string>("darwin"));
  std::vector<std::string> ids;
  for (const auto& entry : config.ignore) ids.push_back(entry.id);
  CHECK(ids ==
        std::vector<std::string>{"from-pyproject", "from-dotfile", "until-2030", "long-gone"});
  CHECK(config.matrices == std::vector<std::string>{folder + "/rules/extra.json"});
  CHECK(config.severity.at("alpha-beta") == Severity::info);

  options.paths = {folder};  // a directory: itself
  CHECK(cli::load_config(options).files.size() == 2);
}
