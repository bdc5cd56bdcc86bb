// What ships beside the binary: the man page (data/depcheck.1) and the pre-commit hook
// (.pre-commit-hooks.yaml). The install itself is checked by the distribution/install CTest.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "support.hpp"

using namespace depcheck;
using nlohmann::json;

namespace {

std::string source_file(const std::string& relative) {
  return std::string(DEPCHECK_SOURCE_DIR) + "/" + relative;
}

std::string read_source(const std::string& relative) {
  std::ifstream in(source_file(relative), std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The long options and subcommands that `depcheck --help` lists.
std::set<std::string> help_words() {
  const auto help = test::run_depcheck("--help");
  REQUIRE(help.exit_code == 0);
  std::set<std::string> words;
  const std::regex option("--[a-z][a-z-]*");
  for (auto it = std::sregex_iterator(help.out.begin(), help.out.end(), option);
       it != std::sregex_iterator(); ++it)
    words.insert(it->str());
  const auto subcommands = help.out.find("Subcommands:");
  REQUIRE(subcommands != std::string::npos);
  const std::regex subcommand("\n  ([a-z][a-z-]*) ");
  const auto tail = help.out.substr(subcommands);
  for (auto it = std::sregex_iterator(tail.begin(), tail.end(), subcommand);
       it != std::sregex_iterator(); ++it)
    words.insert((*it)[1].str());
  return words;
}

// roff writes a hyphen that must stay a hyphen as "\-".
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

}  // namespace

// --- Man page: sections of man-pages(7), and every option of --help ---------------------------

TEST_CASE("man page: has the standard sections", "[distribution][man]") {
  const auto page = read_source("data/depcheck.1");
  const auto section =
      GENERATE(as<std::string>{}, ".TH DEPCHECK 1", ".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION",
               ".SH OPTIONS", ".SH EXIT STATUS", ".SH EXAMPLES", ".SH FILES");
  CAPTURE(section);
  CHECK(page.find("\n" + section) != std::string::npos);
}

TEST_CASE("man page: documents every option and subcommand of --help", "[distribution][man]") {
  const auto page = read_source("data/depcheck.1");
  const auto words = help_words();
  CHECK(words.count("--format") == 1);  // the help was read
  CHECK(words.count("rules") == 1);
  for (const auto& word : words) {
    CAPTURE(word);
    CHECK(page.find(roff(word)) != std::string::npos);
  }
}

TEST_CASE("man page: documents exit statuses 0, 1 and 2", "[distribution][man]") {
  const auto page = read_source("data/depcheck.1");
  const auto exit_status = page.substr(page.find(".SH EXIT STATUS"));
  const auto status = GENERATE(as<std::string>{}, "0", "1", "2");
  CHECK(exit_status.find(".TP\n.B " + status + "\n") != std::string::npos);
}

TEST_CASE("man page: groff formats it without warnings", "[distribution][man]") {
  if (std::system("command -v groff >/dev/null 2>&1") != 0) {
    WARN("skipped: groff is not available");
    return;
  }
  const std::string command =
      "groff -man -ww -z " + test::shell_quote(source_file("data/depcheck.1")) + " 2>&1";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string warnings;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) warnings += buffer;
  CHECK(::pclose(pipe) == 0);
  CHECK(warnings == "");
}

// --- pre-commit: .pre-commit-hooks.yaml is valid and runs on the files depcheck reads -------

namespace {

// The hooks file as JSON (parsed by python3-yaml), with whether its `files` pattern matches each
// of `paths` (Python's re.search, as pre-commit does); null when python3-yaml is not available.
json parse_hooks(const std::vector<std::string>& paths) {
  if (std::system("/usr/bin/python3 -c 'import yaml' >/dev/null 2>&1") != 0) return nullptr;
  const std::string script =
      "HOOKS_PATH = " + json(source_file(".pre-commit-hooks.yaml")).dump() + R"(
import json, re, sys
import yaml
hooks = yaml.safe_load(open(HOOKS_PATH, encoding="utf-8"))
paths = json.load(sys.stdin)
pattern = hooks[0].get("files", "") if isinstance(hooks, list) and hooks and isinstance(hooks[0], dict) else ""
print(json.dumps({"hooks": hooks, "matches": [bool(re.search(pattern, p)) for p in paths]}))
)";
  return json::parse(test::run_python("/usr/bin/python3", script, json(paths).dump()));
}

const std::vector<std::pair<std::string, bool>> k_hook_paths = {
    {"poetry.lock", true},
    {"uv.lock", true},
    {"pdm.lock", true},
    {"Pipfile.lock", true},
    {"pylock.toml", true},
    {"pylock.dev.toml", true},
    {"requirements.txt", true},
    {"requirements-dev.txt", true},
    {"pyproject.toml", true},
    {"services/api/poetry.lock", true},
    {"services/api/requirements_test.txt", true},
    {"requirements.in", true},  // pip-compile input
    {"dev-requirements.txt", true},
    {"docs/requirements.txt", true},
    {"requirements/base.txt", true},  // included with -r
    {"requirements/base.in", true},
    {"poetry.lock.bak", false},
    {"mypoetry.lock", false},
    {"Pipfile", false},
    {"pylock.toml.orig", false},
    {"pylock.a.b.toml", false},  // PEP 751: one name part only
    {"requirements.txt.orig", false},
    {"src/app.py", false},
    {"setup.cfg", false},
};

}  // namespace

TEST_CASE("pre-commit: the hook runs depcheck once, on the folder", "[distribution][pre-commit]") {
  std::vector<std::string> paths;
  for (const auto& [path, matches] : k_hook_paths) paths.push_back(path);
  const auto parsed = parse_hooks(paths);
  if (parsed.is_null()) {
    WARN("python3-yaml is not available: checking the text only");
    const auto text = read_source(".pre-commit-hooks.yaml");
    for (const std::string line :
         {"- id: depcheck\n", "  entry: depcheck\n", "  pass_filenames: false\n"})
      CHECK(text.find(line) != std::string::npos);
    return;
  }
  const auto& hooks = parsed["hooks"];
  REQUIRE(hooks.is_array());
  REQUIRE(hooks.size() == 2);
  // One that installs itself from this repository, one for a depcheck already on PATH; both
  // watch the same files.
  CHECK(hooks[0]["id"] == "depcheck");
  CHECK(hooks[0]["language"] == "python");
  CHECK(hooks[1]["id"] == "depcheck-system");
  CHECK(hooks[1]["language"] == "system");
  CHECK(hooks[1]["files"] == hooks[0]["files"]);
  const auto& hook = hooks[0];
  CHECK(hook["name"].is_string());
  CHECK(hook["entry"] == "depcheck");
  CHECK(hook["pass_filenames"] == false);
  // Only keys pre-commit knows (a typo would be ignored silently by pre-commit itself).
  const std::set<std::string> k_known_keys = {"id",
                                              "name",
                                              "entry",
                                              "language",
                                              "files",
                                              "exclude",
                                              "types",
                                              "types_or",
                                              "exclude_types",
                                              "always_run",
                                              "fail_fast",
                                              "verbose",
                                              "pass_filenames",
                                              "require_serial",
                                              "description",
                                              "language_version",
                                              "minimum_pre_commit_version",
                                              "args",
                                              "stages",
                                              "additional_dependencies"};
  for (const auto& one : hooks)
    for (const auto& [key, value] : one.items()) {
      CAPTURE(key);
      CHECK(k_known_keys.count(key) == 1);
    }
  REQUIRE(parsed["matches"].size() == k_hook_paths.size());
  for (std::size_t i = 0; i < k_hook_paths.size(); ++i) {
    CAPTURE(k_hook_paths[i].first);
    CHECK(parsed["matches"][i] == k_hook_paths[i].second);
  }
}
