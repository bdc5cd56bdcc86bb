// Every metadata check of the engine on every input format that carries the data it needs
// (SPEC "JSON report": finding kinds; "Command line": inputs, --python/--platform, pyproject as
// the project's declared constraints).
//
// Each format has one clean project (a lock, the pyproject.toml beside it, or a site-packages
// folder) on which nothing is found for python 3.8 on linux. Each row edits it to introduce one
// problem and names the findings expected (kind, severity, packages, file and line), then edits
// it again (or changes the target) to correct the problem and expects nothing. The project is
// written to a temporary folder and checked the way `depcheck DIR` / `depcheck --env DIR` does:
// find_inputs, read_input, attach_project_constraints, assume_target, check_input.
//
// What each format can carry (from its reader):
//
//   check                       poetry uv   pdm  pylock Pipfile req.txt env  pyproject
//   unsatisfied-requirement      yes   --   yes   --     --      --     yes   --
//   missing-requirement          yes   yes  yes   yes    --      --     yes   --
//   python-incompatible          yes   (1)  yes   yes    --      --     yes   --
//   stale-lock (pyproject)       yes   yes  yes   yes    yes     yes    --    (2)
//   matrix rule, pairwise        yes   yes  yes   yes    yes     yes    yes   --
//   matrix rule with markers     yes   yes  yes   yes    yes     yes    yes   --
//   dependency markers           yes   yes  yes   yes(3) --      --     yes   (2)
//   entry markers                yes   yes  yes   yes    yes     yes    --    --
//   extra-only dependencies      yes   yes  (4)   --     --      --     yes   (2)
//
//   uv.lock: dependency edges name the locked package, never a range (uv pins them), so no
//     version can be outside what a dependent declares; what a workspace member declares with a
//     range ([package.metadata] requires-dist) is the project's own constraint: stale-lock.
//   (1) uv does not write a per-package requires-python; the reader reads the key when present.
//   pylock.toml: `packages.dependencies` are references to other entries, never a range (no
//     unsatisfied-requirement); an entry applies where its own `marker` holds, and the edges have
//     no marker of their own (3): a reference to an entry whose marker does not hold is not
//     missing. Extras are the installer's choice (`'x' in extras` markers), nothing requests
//     them in the lock, so there is no extra-only dependency to check.
//   Pipfile.lock, requirements.txt / pip freeze: a flat list of pins, no dependency metadata
//     and no python support per package: only matrix rules, entry markers and the pyproject
//     beside them (pip-compile's workflow).
//   (4) pdm.lock resolves extras into an entry of their own ([[package]] with extras = [...],
//     written only when something requests them), with plain dependencies.
//   Installed environment: what is installed is present (no entry markers); it has no lock to be
//     out of date, and the CLI gives no pyproject to --env.
//   (2) pyproject.toml declares and locks nothing: the CLI checks it only as the constraints of
//     the lock beside it, so it takes part in every stale-lock row (PEP 621, PEP 735 groups,
//     Poetry's ^), with its markers and extras applied to the declared requirements.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "cli/check_run.hpp"
#include "cli/inputs.hpp"
#include "depcheck/engine.hpp"
#include "depcheck/matrix.hpp"

using namespace depcheck;

namespace {

namespace fs = std::filesystem;

// alpha-beta: pairwise. delta-old-python: one package, only where its markers hold.
const char* const k_matrix = R"json({"schema_version": 1, "matrix_version": "t", "rules": [
  {"id": "alpha-beta", "severity": "error", "summary": "alpha before 1.9 breaks with beta 3",
   "when": [{"package": "alpha", "versions": ">=1.2,<1.9"}, {"package": "beta", "versions": ">=3"}],
   "fixes": [{"package": "alpha", "versions": ">=1.9"}], "references": ["https://example.org/1"]},
  {"id": "delta-old-python", "severity": "error", "summary": "delta before 2 breaks before 3.9",
   "when": [{"package": "delta", "versions": "<2"}], "markers": "python_version < \"3.9\"",
   "fixes": [{"package": "delta", "versions": ">=2"}], "references": ["https://example.org/2"]}
]})json";

// A file of the project, relative to its folder.
struct File {
  std::string path;
  std::string text;
};

// Replaces `from` (which must occur exactly once) by `to` in `file`.
struct Edit {
  std::string file;
  std::string from;
  std::string to;
};

struct Row {
  Row(std::string what_, std::vector<Edit> problem_, std::vector<std::string> findings_,
      std::vector<Edit> fix_ = {}, std::string python_ = "3.8", std::string platform_ = "linux",
      std::string fix_python_ = "", std::string fix_platform_ = "", std::string summary_has_ = "")
      : what(std::move(what_)),
        problem(std::move(problem_)),
        findings(std::move(findings_)),
        fix(std::move(fix_)),
        python(std::move(python_)),
        platform(std::move(platform_)),
        fix_python(std::move(fix_python_)),
        fix_platform(std::move(fix_platform_)),
        summary_has(std::move(summary_has_)) {}

  std::string what;
  std::vector<Edit> problem;
  // "kind severity: name version file:line, ..." per finding, in report order.
  std::vector<std::string> findings;
  std::vector<Edit> fix;  // applied after `problem`; then nothing may be found
  std::string python;     // the target of the problem variant
  std::string platform;
  std::string fix_python;  // the target of the corrected variant; "" = the same
  std::string fix_platform;
  std::string summary_has;  // text one finding's summary contains (paths relative)
};

std::ostream& operator<<(std::ostream& out, const Row& row) {
  return out << row.what;
}

// A temporary project folder, removed at the end.
class Project {
 public:
  explicit Project(const std::vector<File>& files) {
    static int counter = 0;
    m_root = fs::temp_directory_path() /
             ("depcheck-checks-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(m_root);
    fs::create_directories(m_root);
    m_files = files;
  }
  ~Project() {
    std::error_code ec;
    fs::remove_all(m_root, ec);
  }
  Project(const Project&) = delete;
  Project& operator=(const Project&) = delete;

  void apply(const std::vector<Edit>& edits) {
    for (const auto& edit : edits) {
      CAPTURE(edit.file, edit.from);
      File* file = nullptr;
      for (auto& f : m_files)
        if (f.path == edit.file) file = &f;
      REQUIRE(file != nullptr);
      const auto at = file->text.find(edit.from);
      REQUIRE(at != std::string::npos);
      REQUIRE(file->text.find(edit.from, at + 1) == std::string::npos);
      file->text.replace(at, edit.from.size(), edit.to);
    }
  }

  // Writes the files and checks the folder (or, with `env`, the site-packages folder in it) as
  // the CLI does; returns the findings rendered with paths relative to the folder.
  std::vector<std::string> check(const std::string& python, const std::string& platform, bool env,
                                 std::string& summaries) {
    fs::remove_all(m_root);
    for (const auto& file : m_files) {
      const auto path = m_root / file.path;
      fs::create_directories(path.parent_path());
      std::ofstream(path, std::ios::binary) << file.text;
    }
    cli::Options options;
    if (env) {
      options.env_dir = (m_root / "site-packages").string();
    } else {
      options.paths = {m_root.string()};
    }
    Diagnostics errors;
    Diagnostics warnings;
    std::vector<std::unique_ptr<Input>> inputs;
    for (const auto& file : cli::find_inputs(options, errors))
      inputs.push_back(cli::read_input(file, errors, warnings));
    cli::attach_project_constraints(inputs, errors, warnings);
    for (const auto& d : errors) FAIL_CHECK("input error: " << d.where.str() << ": " << d.message);
    for (const auto& d : warnings) FAIL_CHECK("warning: " << d.where.str() << ": " << d.message);

    static const auto matrix = matrix::load_matrix(k_matrix, "test-matrix.json");
    // As the CLI checks them: each input in its own target environment.
    report::Report report;
    for (const auto& input : inputs) report.inputs.push_back(input.get());
    options.python = python;
    options.platform = platform;
    cli::check_inputs(report, matrix, options);
    const auto& findings = report.findings;

    std::vector<std::string> rendered;
    summaries.clear();
    for (const auto& f : findings) {
      std::string text = f.kind + " " + std::string(to_string(f.severity)) + ":";
      for (std::size_t i = 0; i < f.packages.size(); ++i) {
        const auto& p = f.packages[i];
        text += (i ? ", " : " ") + p.name + " " + p.version + " " + relative(p.where.path) + ":" +
                std::to_string(p.where.line);
      }
      rendered.push_back(text);
      summaries += relative_in(f.summary) + "\n";
    }
    return rendered;
  }

 private:
  std::string relative(const std::string& path) const {
    return fs::path(path).lexically_relative(m_root).generic_string();
  }
  std::string relative_in(std::string text) const {
    const auto prefix = m_root.string() + "/";
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at))
      text.erase(at, prefix.size());
    return text;
  }

  fs::path m_root;
  std::vector<File> m_files;
};

// The problem variant gives exactly `row.findings`; the corrected one, nothing.
void check_row(const std::vector<File>& clean, const Row& row, bool env = false) {
  CAPTURE(row);
  Project project(clean);
  project.apply(row.problem);
  std::string summaries;
  const auto found = project.check(row.python, row.platform, env, summaries);
  CAPTURE(summaries);
  CHECK(found == row.findings);
  if (!row.summary_has.empty()) CHECK_THAT(summaries, Catch::Contains(row.summary_has));
  if (row.fix.empty() && row.fix_python.empty() && row.fix_platform.empty()) return;
  project.apply(row.fix);
  const auto fixed =
      project.check(row.fix_python.empty() ? row.python : row.fix_python,
                    row.fix_platform.empty() ? row.platform : row.fix_platform, env, summaries);
  CAPTURE(summaries);
  CHECK(fixed.empty());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// poetry.lock (+ pyproject.toml with [tool.poetry.dependencies] in Poetry's syntax)

const std::vector<File> k_poetry = {
    {"poetry.lock", R"toml([[package]]
name = "alpha"
version = "1.9"
python-versions = "*"
groups = ["main"]

[[package]]
name = "app"
version = "1.0"
python-versions = "*"
groups = ["main"]

[package.dependencies]
extra-dep = {version = ">=2.0", optional = true}
helper = ">=1.0"
lib = ">=2.0"
oldpy = {version = ">=1", markers = "python_version < \"3.8\""}
six = ">=1.10"
winonly = {version = ">=1", markers = "sys_platform == \"win32\""}

[package.extras]
feature = ["extra-dep (>=2.0)"]

[[package]]
name = "beta"
version = "3.0"
python-versions = "*"
groups = ["main"]

[[package]]
name = "delta"
version = "2.0"
python-versions = "*"
groups = ["main"]

[[package]]
name = "extra-dep"
version = "1.0"
python-versions = "*"
groups = ["main"]

[[package]]
name = "helper"
version = "1.0"
python-versions = "*"
groups = ["main"]

[[package]]
name = "lib"
version = "2.1"
python-versions = ">=3.7"
groups = ["main"]

[[package]]
name = "six"
version = "1.16.0"
python-versions = "*"
groups = ["main"]

[[package]]
name = "tool"
version = "1.0"
python-versions = "*"
groups = ["main"]

[package.dependencies]
app = ">=1.0"

[metadata]
lock-version = "2.1"
python-versions = "^3.7"
content-hash = "0"
)toml"},
    {"pyproject.toml", R"toml([tool.poetry]
name = "project"
version = "0.1.0"
description = ""
authors = []

[tool.poetry.dependencies]
python = "^3.7"
alpha = "^1.0"
helper = "^1.0"
tool = "^1.0"
beta = "*"
delta = "*"
)toml"},
};

TEST_CASE("checks per format: poetry.lock", "[engine][formats]") {
  const auto row = GENERATE(values<Row>({
      {"clean project", {}, {}},
      // A locked version outside a dependent's range; fixed by relaxing the range.
      {"unsatisfied-requirement",
       {{"poetry.lock", "name = \"lib\"\nversion = \"2.1\"", "name = \"lib\"\nversion = \"1.5\""}},
       {"unsatisfied-requirement error: app 1.0 poetry.lock:7, lib 1.5 poetry.lock:48"},
       {{"poetry.lock", "lib = \">=2.0\"", "lib = \">=1.5\""}},
       "3.8",
       "linux",
       "",
       "",
       "app 1.0 requires lib>=2.0, but lib 1.5 is locked"},
      // A dependency the lock lacks: a warning for a lock; fixed by locking it.
      {"missing-requirement",
       {{"poetry.lock", "six = \">=1.10\"", "gone = \">=1.10\""}},
       {"missing-requirement warning: app 1.0 poetry.lock:7"},
       {{"poetry.lock", "name = \"six\"", "name = \"gone\""}},
       "3.8",
       "linux",
       "",
       "",
       "app 1.0 requires gone>=1.10, which is not locked"},
      // python-versions excludes the target; 3.8 is inside >=3.8.
      {"python-incompatible",
       {{"poetry.lock", "python-versions = \">=3.7\"", "python-versions = \">=3.9\""}},
       {"python-incompatible error: lib 2.1 poetry.lock:48"},
       {{"poetry.lock", "python-versions = \">=3.9\"", "python-versions = \">=3.8\""}},
       "3.8",
       "linux",
       "",
       "",
       "lib 2.1 requires Python >=3.9, but the target is Python 3.8"},
      // The pyproject raised a constraint after locking; fixed by locking again.
      {"stale-lock (Poetry ^ in pyproject.toml)",
       {{"pyproject.toml", "helper = \"^1.0\"", "helper = \"^1.1\""}},
       {"stale-lock error: helper 1.0 poetry.lock:42"},
       {{"poetry.lock", "name = \"helper\"\nversion = \"1.0\"",
         "name = \"helper\"\nversion = \"1.1\""}},
       "3.8",
       "linux",
       "",
       "",
       "the project requires helper>=1.1,<2.0 (pyproject.toml:10:10), but the lock has helper "
       "1.0"},
      // Matrix rules.
      {"matrix rule, pairwise",
       {{"poetry.lock", "name = \"alpha\"\nversion = \"1.9\"",
         "name = \"alpha\"\nversion = \"1.4\""}},
       {"incompatibility error: alpha 1.4 poetry.lock:1, beta 3.0 poetry.lock:24"},
       {{"poetry.lock", "name = \"beta\"\nversion = \"3.0\"",
         "name = \"beta\"\nversion = \"2.9\""}}},
      {"matrix rule with a python_version marker; the fix is a target where it does not hold",
       {{"poetry.lock", "name = \"delta\"\nversion = \"2.0\"",
         "name = \"delta\"\nversion = \"1.5\""}},
       {"incompatibility error: delta 1.5 poetry.lock:30"},
       {},
       "3.8",
       "linux",
       "3.9"},
      // Dependency markers: sys_platform == "win32" and python_version < "3.8" hold only on
      // such targets; elsewhere (the clean project) they give nothing.
      {"dependency marker sys_platform == \"win32\"",
       {},
       {"missing-requirement warning: app 1.0 poetry.lock:7"},
       {},
       "3.8",
       "win32",
       "",
       "linux",
       "requires winonly>=1; sys_platform == \"win32\""},
      {"dependency marker python_version < \"3.8\"",
       {},
       {"missing-requirement warning: app 1.0 poetry.lock:7"},
       {},
       "3.7",
       "linux",
       "3.8",
       "",
       "requires oldpy>=1; python_version < \"3.8\""},
      // An optional dependency counts only once something requests the extra.
      {"extra-only dependency",
       {{"poetry.lock", "app = \">=1.0\"", "app = {version = \">=1.0\", extras = [\"feature\"]}"}},
       {"unsatisfied-requirement error: app 1.0 poetry.lock:7, extra-dep 1.0 poetry.lock:36"},
       {{"poetry.lock", "app = {version = \">=1.0\", extras = [\"feature\"]}", "app = \">=1.0\""}}},
      // A locked entry with markers applies only where they hold.
      // One name locked twice, for the platforms of its markers (Poetry's multiple constraints).
      {"entry markers",
       {{"poetry.lock",
         "name = \"alpha\"\nversion = \"1.9\"\npython-versions = \"*\"\ngroups = [\"main\"]\n",
         "name = \"alpha\"\nversion = \"1.4\"\npython-versions = \"*\"\ngroups = "
         "[\"main\"]\nmarkers = \"sys_platform == 'darwin'\"\n\n[[package]]\nname = "
         "\"alpha\"\nversion = \"1.9\"\npython-versions = \"*\"\ngroups = [\"main\"]\nmarkers = "
         "\"sys_platform != 'darwin'\"\n"}},
       {"incompatibility error: alpha 1.4 poetry.lock:1, beta 3.0 poetry.lock:32"},
       {},
       "3.8",
       "darwin",
       "",
       "linux"},
  }));
  check_row(k_poetry, row);
}

// ---------------------------------------------------------------------------------------------
// uv.lock (+ pyproject.toml with PEP 621 [project] dependencies). The root project's
// [package.metadata] requires-dist is what uv read from that pyproject when it locked.

const std::vector<File> k_uv = {
    {"uv.lock", R"toml(version = 1
revision = 2
requires-python = ">=3.7"

[[package]]
name = "alpha"
version = "1.9"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "app"
version = "1.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "helper" },
    { name = "lib" },
    { name = "oldpy", marker = "python_full_version < '3.8'" },
    { name = "six" },
    { name = "winonly", marker = "sys_platform == 'win32'" },
]

[package.optional-dependencies]
feature = [
    { name = "extra-dep" },
]

[[package]]
name = "beta"
version = "3.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "delta"
version = "2.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "helper"
version = "1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "lib"
version = "2.1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "project"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "alpha" },
    { name = "beta" },
    { name = "delta" },
    { name = "helper" },
    { name = "tool" },
]

[package.metadata]
requires-dist = [
    { name = "alpha", specifier = ">=1.0" },
    { name = "beta" },
    { name = "delta" },
    { name = "helper", specifier = ">=1.0" },
    { name = "tool", specifier = ">=1.0" },
]

[[package]]
name = "six"
version = "1.16.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "tool"
version = "1.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "app" },
]
)toml"},
    {"pyproject.toml", R"toml([project]
name = "project"
version = "0.1.0"
requires-python = ">=3.7"
dependencies = [
    "alpha>=1.0",
    "helper>=1.0",
    "tool>=1.0",
    "beta",
    "delta",
]
)toml"},
};

// No unsatisfied-requirement: uv's dependency edges carry no range (see the table above).
TEST_CASE("checks per format: uv.lock", "[engine][formats]") {
  const auto row = GENERATE(values<Row>({
      {"clean project", {}, {}},
      {"missing-requirement",
       {{"uv.lock", "{ name = \"six\" }", "{ name = \"gone\" }"}},
       {"missing-requirement warning: app 1.0 uv.lock:10"},
       {{"uv.lock", "name = \"six\"\nversion", "name = \"gone\"\nversion"}},
       "3.8",
       "linux",
       "",
       "",
       "app 1.0 requires gone, which is not locked"},
      // uv writes no per-package requires-python; the reader takes one where it is present.
      {"python-incompatible",
       {{"uv.lock", "name = \"lib\"\nversion = \"2.1\"\n",
         "name = \"lib\"\nversion = \"2.1\"\nrequires-python = \">=3.9\"\n"}},
       {"python-incompatible error: lib 2.1 uv.lock:42"},
       {{"uv.lock", "requires-python = \">=3.9\"", "requires-python = \">=3.8\""}}},
      // The usual way a uv.lock goes stale: the pyproject is edited, uv lock is not run, and
      // the lock's own requires-dist still says what the pyproject said before.
      {"stale-lock (pyproject.toml edited after locking)",
       {{"pyproject.toml", "\"helper>=1.0\"", "\"helper>=1.1\""}},
       {"stale-lock error: helper 1.0 uv.lock:37"},
       {{"uv.lock", "name = \"helper\"\nversion = \"1.0\"",
         "name = \"helper\"\nversion = \"1.1\""}},
       "3.8",
       "linux",
       "",
       "",
       "the project requires helper>=1.1 (pyproject.toml:7"},
      {"stale-lock (the root's requires-dist in the lock)",
       {{"uv.lock", "{ name = \"helper\", specifier = \">=1.0\" }",
         "{ name = \"helper\", specifier = \">=1.1\" }"}},
       {"stale-lock error: helper 1.0 uv.lock:37"},
       {{"uv.lock", "name = \"helper\"\nversion = \"1.0\"",
         "name = \"helper\"\nversion = \"1.1\""}},
       "3.8",
       "linux",
       "",
       "",
       "the project requires helper>=1.1 (uv.lock:64"},
      {"matrix rule, pairwise",
       {{"uv.lock", "name = \"alpha\"\nversion = \"1.9\"", "name = \"alpha\"\nversion = \"1.4\""}},
       {"incompatibility error: alpha 1.4 uv.lock:5, beta 3.0 uv.lock:27"},
       {{"uv.lock", "name = \"beta\"\nversion = \"3.0\"", "name = \"beta\"\nversion = \"2.9\""}}},
      {"matrix rule with a python_version marker",
       {{"uv.lock", "name = \"delta\"\nversion = \"2.0\"", "name = \"delta\"\nversion = \"1.5\""}},
       {"incompatibility error: delta 1.5 uv.lock:32"},
       {},
       "3.8",
       "linux",
       "3.9"},
      {"dependency marker sys_platform == 'win32'",
       {},
       {"missing-requirement warning: app 1.0 uv.lock:10"},
       {},
       "3.8",
       "win32",
       "",
       "linux",
       "requires winonly; sys_platform == 'win32'"},
      {"dependency marker python_full_version < '3.8'",
       {},
       {"missing-requirement warning: app 1.0 uv.lock:10"},
       {},
       "3.7",
       "linux",
       "3.8"},
      // [package.optional-dependencies] count once a dependent asks for the extra.
      {"extra-only dependency",
       {{"uv.lock", "{ name = \"app\" }", "{ name = \"app\", extra = [\"feature\"] }"}},
       {"missing-requirement warning: app 1.0 uv.lock:10"},
       {{"uv.lock", "{ name = \"app\", extra = [\"feature\"] }", "{ name = \"app\" }"}},
       "3.8",
       "linux",
       "",
       "",
       "app 1.0 requires extra-dep, which is not locked"},
      // A fork: one name locked twice, each for the environments of its resolution-markers.
      {"entry markers (a fork)",
       {{"uv.lock",
         "[[package]]\nname = \"alpha\"\nversion = \"1.9\"\nsource = { registry = "
         "\"https://pypi.org/simple\" }\n",
         "[[package]]\nname = \"alpha\"\nversion = \"1.4\"\nsource = { registry = "
         "\"https://pypi.org/simple\" }\nresolution-markers = [\n    \"sys_platform == "
         "'darwin'\",\n]\n\n[[package]]\nname = \"alpha\"\nversion = \"1.9\"\nsource = { registry "
         "= \"https://pypi.org/simple\" }\nresolution-markers = [\n    \"sys_platform != "
         "'darwin'\",\n]\n"}},
       {"incompatibility error: alpha 1.4 uv.lock:5, beta 3.0 uv.lock:38"},
       {},
       "3.8",
       "darwin",
       "",
       "linux"},
  }));
  check_row(k_uv, row);
}

// ---------------------------------------------------------------------------------------------
// pdm.lock (+ pyproject.toml with a PEP 735 dependency group)

const std::vector<File> k_pdm = {
    {"pdm.lock", R"toml(# This file is @generated by PDM.
# It is not intended for manual editing.

[metadata]
groups = ["default", "dev"]
strategy = ["inherit_metadata"]
lock_version = "4.5.0"
content_hash = "sha256:0"

[[metadata.targets]]
requires_python = ">=3.7"

[[package]]
name = "alpha"
version = "1.9"
requires_python = ">=3.7"
groups = ["default"]

[[package]]
name = "app"
version = "1.0"
requires_python = ">=3.7"
groups = ["default"]
dependencies = [
    "helper>=1.0",
    "lib>=2.0",
    "oldpy>=1; python_version < \"3.8\"",
    "six>=1.10",
    "winonly>=1; sys_platform == \"win32\"",
]

[[package]]
name = "beta"
version = "3.0"
requires_python = ">=3.7"
groups = ["default"]

[[package]]
name = "delta"
version = "2.0"
requires_python = ">=3.7"
groups = ["default"]

[[package]]
name = "extra-dep"
version = "1.0"
requires_python = ">=3.7"
groups = ["default"]

[[package]]
name = "helper"
version = "1.0"
requires_python = ">=3.7"
groups = ["default", "dev"]

[[package]]
name = "lib"
version = "2.1"
requires_python = ">=3.7"
groups = ["default"]

[[package]]
name = "six"
version = "1.16.0"
requires_python = ">=3.7"
groups = ["default"]

[[package]]
name = "tool"
version = "1.0"
requires_python = ">=3.7"
groups = ["default"]
dependencies = [
    "app>=1.0",
]
)toml"},
    {"pyproject.toml", R"toml([project]
name = "project"
version = "0.1.0"
requires-python = ">=3.7"
dependencies = [
    "alpha>=1.0",
    "tool>=1.0",
    "beta",
    "delta",
]

[dependency-groups]
dev = [
    "helper>=1.0",
]
)toml"},
};

// pdm locks `app[feature]` as an entry of its own, with the extra's dependencies as plain ones.
const std::string k_pdm_app_feature = R"toml(
[[package]]
name = "app"
version = "1.0"
extras = ["feature"]
requires_python = ">=3.7"
groups = ["default"]
dependencies = [
    "app==1.0",
    "extra-dep>=2.0",
]
)toml";

TEST_CASE("checks per format: pdm.lock", "[engine][formats]") {
  const auto row = GENERATE(values<Row>({
      {"clean project", {}, {}},
      {"unsatisfied-requirement",
       {{"pdm.lock", "name = \"lib\"\nversion = \"2.1\"", "name = \"lib\"\nversion = \"1.5\""}},
       {"unsatisfied-requirement error: app 1.0 pdm.lock:19, lib 1.5 pdm.lock:56"},
       {{"pdm.lock", "\"lib>=2.0\"", "\"lib>=1.5\""}},
       "3.8",
       "linux",
       "",
       "",
       "app 1.0 requires lib>=2.0, but lib 1.5 is locked"},
      {"missing-requirement",
       {{"pdm.lock", "\"six>=1.10\"", "\"gone>=1.10\""}},
       {"missing-requirement warning: app 1.0 pdm.lock:19"},
       {{"pdm.lock", "name = \"six\"", "name = \"gone\""}}},
      {"python-incompatible",
       {{"pdm.lock", "version = \"2.1\"\nrequires_python = \">=3.7\"",
         "version = \"2.1\"\nrequires_python = \">=3.9\""}},
       {"python-incompatible error: lib 2.1 pdm.lock:56"},
       {{"pdm.lock", "requires_python = \">=3.9\"", "requires_python = \">=3.8\""}}},
      {"stale-lock (a PEP 735 group in pyproject.toml)",
       {{"pyproject.toml", "\"helper>=1.0\"", "\"helper>=1.1\""}},
       {"stale-lock error: helper 1.0 pdm.lock:50"},
       {{"pdm.lock", "name = \"helper\"\nversion = \"1.0\"",
         "name = \"helper\"\nversion = \"1.1\""}},
       "3.8",
       "linux",
       "",
       "",
       "the project requires helper>=1.1 (pyproject.toml:14"},
      {"matrix rule, pairwise",
       {{"pdm.lock", "name = \"alpha\"\nversion = \"1.9\"", "name = \"alpha\"\nversion = \"1.4\""}},
       {"incompatibility error: alpha 1.4 pdm.lock:13, beta 3.0 pdm.lock:32"},
       {{"pdm.lock", "name = \"beta\"\nversion = \"3.0\"", "name = \"beta\"\nversion = \"2.9\""}}},
      {"matrix rule with a python_version marker",
       {{"pdm.lock", "name = \"delta\"\nversion = \"2.0\"", "name = \"delta\"\nversion = \"1.5\""}},
       {"incompatibility error: delta 1.5 pdm.lock:38"},
       {},
       "3.8",
       "linux",
       "3.9"},
      {"dependency marker sys_platform == \"win32\"",
       {},
       {"missing-requirement warning: app 1.0 pdm.lock:19"},
       {},
       "3.8",
       "win32",
       "",
       "linux"},
      {"dependency marker python_version < \"3.8\"",
       {},
       {"missing-requirement warning: app 1.0 pdm.lock:19"},
       {},
       "3.7",
       "linux",
       "3.8"},
      {"extra-only dependency (an app[feature] entry)",
       {{"pdm.lock", "    \"app>=1.0\",\n]\n",
         "    \"app[feature]>=1.0\",\n]\n" + k_pdm_app_feature}},
       {"unsatisfied-requirement error: app 1.0 pdm.lock:77, extra-dep 1.0 pdm.lock:44"},
       {{"pdm.lock", "    \"app[feature]>=1.0\",\n]\n" + k_pdm_app_feature,
         "    \"app>=1.0\",\n]\n"}}},
      // One name locked twice, for the platforms of its markers.
      {"entry markers",
       {{"pdm.lock", "name = \"alpha\"\nversion = \"1.9\"\n",
         "name = \"alpha\"\nversion = \"1.4\"\nmarker = \"sys_platform == 'darwin'\"\n"
         "requires_python = \">=3.7\"\ngroups = [\"default\"]\n\n[[package]]\nname = \"alpha\"\n"
         "version = \"1.9\"\nmarker = \"sys_platform != 'darwin'\"\n"}},
       {"incompatibility error: alpha 1.4 pdm.lock:13, beta 3.0 pdm.lock:40"},
       {},
       "3.8",
       "darwin",
       "",
       "linux"},
  }));
  check_row(k_pdm, row);
}

// ---------------------------------------------------------------------------------------------
// pylock.toml (PEP 751; + pyproject.toml with PEP 621 dependencies)

const std::vector<File> k_pylock = {
    {"pylock.toml", R"toml(lock-version = "1.0"
requires-python = ">=3.7"
created-by = "pip"

[[packages]]
name = "alpha"
version = "1.9"

[[packages]]
name = "app"
version = "1.0"
dependencies = [
    { name = "helper" },
    { name = "lib" },
    { name = "oldpy" },
    { name = "six" },
    { name = "winonly" },
]

[[packages]]
name = "beta"
version = "3.0"

[[packages]]
name = "delta"
version = "2.0"

[[packages]]
name = "helper"
version = "1.0"

[[packages]]
name = "lib"
version = "2.1"
requires-python = ">=3.7"

[[packages]]
name = "oldpy"
version = "1.0"
marker = "python_version < \"3.8\""

[[packages]]
name = "six"
version = "1.16.0"

[[packages]]
name = "winonly"
version = "1.0"
marker = "sys_platform == \"win32\""
)toml"},
    {"pyproject.toml", R"toml([project]
name = "project"
version = "0.1.0"
requires-python = ">=3.7"
dependencies = [
    "alpha>=1.0",
    "app>=1.0",
    "helper>=1.0",
]
)toml"},
};

// No unsatisfied-requirement: a dependency is a reference to an entry, never a range.
// No extra-only dependencies: nothing in the lock requests an extra (see the table above).
TEST_CASE("checks per format: pylock.toml", "[engine][formats]") {
  const auto row = GENERATE(values<Row>({
      // Also: app's references to oldpy and winonly, entries whose markers do not hold on
      // python 3.8 on linux, are not missing requirements there.
      {"clean project", {}, {}},
      {"references to entries with markers, on a target where they hold",
       {},
       {},
       {},
       "3.7",
       "win32"},
      {"missing-requirement",
       {{"pylock.toml", "{ name = \"six\" }", "{ name = \"gone\" }"}},
       {"missing-requirement warning: app 1.0 pylock.toml:9"},
       {{"pylock.toml", "name = \"six\"\nversion", "name = \"gone\"\nversion"}},
       "3.8",
       "linux",
       "",
       "",
       "app 1.0 requires gone, which is not locked"},
      {"python-incompatible",
       {{"pylock.toml", "version = \"2.1\"\nrequires-python = \">=3.7\"",
         "version = \"2.1\"\nrequires-python = \">=3.9\""}},
       {"python-incompatible error: lib 2.1 pylock.toml:32"},
       {{"pylock.toml", "requires-python = \">=3.9\"", "requires-python = \">=3.8\""}}},
      // pip lock and uv export write it from whatever they were asked to resolve; nothing says
      // it was the pyproject beside it.
      {"no stale-lock from the pyproject beside it",
       {{"pyproject.toml", "\"helper>=1.0\"", "\"helper>=1.1\""}},
       {}},
      {"matrix rule, pairwise",
       {{"pylock.toml", "name = \"alpha\"\nversion = \"1.9\"",
         "name = \"alpha\"\nversion = \"1.4\""}},
       {"incompatibility error: alpha 1.4 pylock.toml:5, beta 3.0 pylock.toml:20"},
       {{"pylock.toml", "name = \"beta\"\nversion = \"3.0\"",
         "name = \"beta\"\nversion = \"2.9\""}}},
      {"matrix rule with a python_version marker",
       {{"pylock.toml", "name = \"delta\"\nversion = \"2.0\"",
         "name = \"delta\"\nversion = \"1.5\""}},
       {"incompatibility error: delta 1.5 pylock.toml:24"},
       {},
       "3.8",
       "linux",
       "3.9"},
      // PEP 751: one name locked twice, for the platforms of its markers.
      {"entry markers",
       {{"pylock.toml", "name = \"alpha\"\nversion = \"1.9\"\n",
         "name = \"alpha\"\nversion = \"1.4\"\nmarker = \"sys_platform == 'darwin'\"\n\n"
         "[[packages]]\nname = \"alpha\"\nversion = \"1.9\"\nmarker = \"sys_platform != "
         "'darwin'\"\n"}},
       {"incompatibility error: alpha 1.4 pylock.toml:5, beta 3.0 pylock.toml:26"},
       {},
       "3.8",
       "darwin",
       "",
       "linux"},
  }));
  check_row(k_pylock, row);
}

// ---------------------------------------------------------------------------------------------
// Pipfile.lock (+ pyproject.toml beside it): pins and markers, no dependency metadata, so no
// unsatisfied-requirement, missing-requirement, python-incompatible or extras.

const std::vector<File> k_pipfile = {
    {"Pipfile.lock", R"json({
    "_meta": {
        "hash": {
            "sha256": "0"
        },
        "pipfile-spec": 6,
        "requires": {
            "python_version": "3.8"
        },
        "sources": [
            {
                "name": "pypi",
                "url": "https://pypi.org/simple",
                "verify_ssl": true
            }
        ]
    },
    "default": {
        "alpha": {
            "hashes": [],
            "index": "pypi",
            "version": "==1.9"
        },
        "beta": {
            "hashes": [],
            "index": "pypi",
            "version": "==3.0"
        },
        "delta": {
            "hashes": [],
            "index": "pypi",
            "version": "==2.0"
        },
        "helper": {
            "hashes": [],
            "index": "pypi",
            "version": "==1.0"
        }
    },
    "develop": {}
}
)json"},
    {"pyproject.toml", R"toml([project]
name = "project"
version = "0.1.0"
dependencies = [
    "helper>=1.0",
]
)toml"},
};

TEST_CASE("checks per format: Pipfile.lock", "[engine][formats]") {
  const auto row = GENERATE(values<Row>({
      {"clean project", {}, {}},
      // Pipenv locks from the Pipfile; a pyproject beside it is for another tool.
      {"no stale-lock from pyproject.toml (pipenv reads the Pipfile)",
       {{"pyproject.toml", "\"helper>=1.0\"", "\"helper>=1.1\""}},
       {}},
      {"matrix rule, pairwise",
       {{"Pipfile.lock", "\"==1.9\"", "\"==1.4\""}},
       {"incompatibility error: alpha 1.4 Pipfile.lock:19, beta 3.0 Pipfile.lock:24"},
       {{"Pipfile.lock", "\"==3.0\"", "\"==2.9\""}}},
      {"matrix rule with a python_version marker",
       {{"Pipfile.lock", "\"==2.0\"", "\"==1.5\""}},
       {"incompatibility error: delta 1.5 Pipfile.lock:29"},
       {},
       "3.8",
       "linux",
       "3.9"},
      {"entry markers",
       {{"Pipfile.lock", "\"version\": \"==1.9\"",
         "\"markers\": \"sys_platform == 'darwin'\",\n            \"version\": \"==1.4\""}},
       {"incompatibility error: alpha 1.4 Pipfile.lock:19, beta 3.0 Pipfile.lock:25"},
       {},
       "3.8",
       "darwin",
       "",
       "linux"},
  }));
  check_row(k_pipfile, row);
}

// ---------------------------------------------------------------------------------------------
// requirements.txt / pip freeze (+ the pyproject.toml pip-compile read): pins and markers only.
// The project's optional dependencies (an extra) and a requirement whose marker does not hold
// are not expected in the lock.

const std::vector<File> k_requirements = {
    {"requirements.txt", R"txt(alpha==1.9
beta==3.0
delta==2.0
helper==1.0
)txt"},
    {"pyproject.toml", R"toml([project]
name = "project"
version = "0.1.0"
requires-python = ">=3.7"
dependencies = [
    "alpha>=1.0",
    "helper>=1.0",
    "oldpy>=1; python_version < '3.8'",
]

[project.optional-dependencies]
feature = [
    "extra-dep>=2.0",
]
)toml"},
};

TEST_CASE("checks per format: requirements.txt", "[engine][formats]") {
  const auto row = GENERATE(values<Row>({
      {"clean project", {}, {}},
      // Only a file compiled from the pyproject (its header says so) is held to it.
      {"stale-lock (compiled from the pyproject.toml beside it)",
       {{"requirements.txt", "alpha==1.9\n", "#    pip-compile pyproject.toml\nalpha==1.9\n"},
        {"pyproject.toml", "\"helper>=1.0\"", "\"helper>=1.1\""}},
       {"stale-lock error: helper 1.0 requirements.txt:5"},
       {{"requirements.txt", "helper==1.0", "helper==1.1"}},
       "3.8",
       "linux",
       "",
       "",
       "the project requires helper>=1.1 (pyproject.toml:7"},
      {"no stale-lock where nothing says the file was compiled from the pyproject",
       {{"pyproject.toml", "\"helper>=1.0\"", "\"helper>=1.1\""}},
       {}},
      {"stale-lock of a declared requirement with a marker that holds",
       {{"requirements.txt", "alpha==1.9\n", "#    pip-compile pyproject.toml\nalpha==1.9\n"}},
       {"stale-lock error:"},
       {},
       "3.7",
       "linux",
       "3.8",
       "",
       "the project requires oldpy>=1; python_version < \"3.8\" (pyproject.toml:8:5), but the "
       "lock does not contain it"},
      {"matrix rule, pairwise",
       {{"requirements.txt", "alpha==1.9", "alpha==1.4"}},
       {"incompatibility error: alpha 1.4 requirements.txt:1, beta 3.0 requirements.txt:2"},
       {{"requirements.txt", "beta==3.0", "beta==2.9"}}},
      {"matrix rule with a python_version marker",
       {{"requirements.txt", "delta==2.0", "delta==1.5"}},
       {"incompatibility error: delta 1.5 requirements.txt:3"},
       {},
       "3.8",
       "linux",
       "3.9"},
      {"entry markers",
       {{"requirements.txt", "alpha==1.9\n",
         "alpha==1.4 ; sys_platform == \"darwin\"\nalpha==1.9 ; sys_platform != \"darwin\"\n"}},
       {"incompatibility error: alpha 1.4 requirements.txt:1, beta 3.0 requirements.txt:3"},
       {},
       "3.8",
       "darwin",
       "",
       "linux"},
  }));
  check_row(k_requirements, row);
}

// ---------------------------------------------------------------------------------------------
// Installed environment (--env): *.dist-info/METADATA with Requires-Dist and Requires-Python.
// A missing requirement is an error here (pip check). No stale-lock, no entry markers.

std::string metadata(const std::string& name, const std::string& version,
                     const std::string& rest = "") {
  return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n" + rest;
}

File dist_info(const std::string& name, const std::string& version, const std::string& rest = "") {
  return {"site-packages/" + name + "-" + version + ".dist-info/METADATA",
          metadata(name, version, rest)};
}

const std::vector<File> k_env = {
    dist_info("alpha", "1.9"),
    dist_info("app", "1.0",
              "Requires-Dist: helper>=1.0\n"
              "Requires-Dist: lib>=2.0\n"
              "Requires-Dist: oldpy>=1; python_version < \"3.8\"\n"
              "Requires-Dist: six>=1.10\n"
              "Requires-Dist: winonly>=1; sys_platform == \"win32\"\n"
              "Provides-Extra: feature\n"
              "Requires-Dist: extra-dep>=2.0; extra == \"feature\"\n"),
    dist_info("beta", "3.0"),
    dist_info("delta", "2.0"),
    dist_info("extra_dep", "1.0"),
    dist_info("helper", "1.0"),
    dist_info("lib", "2.1", "Requires-Python: >=3.7\n"),
    dist_info("six", "1.16.0"),
    dist_info("tool", "1.0", "Requires-Dist: app>=1.0\n"),
};

const std::string k_app = "site-packages/app-1.0.dist-info/METADATA";
const std::string k_lib = "site-packages/lib-2.1.dist-info/METADATA";

TEST_CASE("checks per format: installed environment", "[engine][formats]") {
  const auto row = GENERATE(values<Row>({
      {"clean environment", {}, {}},
      {"unsatisfied-requirement",
       {{k_lib, "\nVersion: 2.1", "\nVersion: 1.5"}},
       {"unsatisfied-requirement error: app 1.0 " + k_app + ":3, lib 1.5 " + k_lib + ":3"},
       {{k_app, "Requires-Dist: lib>=2.0", "Requires-Dist: lib>=1.5"}},
       "3.8",
       "linux",
       "",
       "",
       "app 1.0 requires lib>=2.0, but lib 1.5 is installed"},
      {"missing-requirement (an error for an environment)",
       {{k_app, "six>=1.10", "gone>=1.10"}},
       {"missing-requirement error: app 1.0 " + k_app + ":3"},
       {{"site-packages/six-1.16.0.dist-info/METADATA", "Name: six", "Name: gone"}},
       "3.8",
       "linux",
       "",
       "",
       "app 1.0 requires gone>=1.10, which is not installed"},
      {"python-incompatible",
       {{k_lib, "Requires-Python: >=3.7", "Requires-Python: >=3.9"}},
       {"python-incompatible error: lib 2.1 " + k_lib + ":3"},
       {{k_lib, "Requires-Python: >=3.9", "Requires-Python: >=3.8"}}},
      {"matrix rule, pairwise",
       {{"site-packages/alpha-1.9.dist-info/METADATA", "\nVersion: 1.9", "\nVersion: 1.4"}},
       {"incompatibility error: alpha 1.4 site-packages/alpha-1.9.dist-info/METADATA:3, beta 3.0 "
        "site-packages/beta-3.0.dist-info/METADATA:3"},
       {{"site-packages/beta-3.0.dist-info/METADATA", "\nVersion: 3.0", "\nVersion: 2.9"}}},
      {"matrix rule with a python_version marker",
       {{"site-packages/delta-2.0.dist-info/METADATA", "\nVersion: 2.0", "\nVersion: 1.5"}},
       {"incompatibility error: delta 1.5 site-packages/delta-2.0.dist-info/METADATA:3"},
       {},
       "3.8",
       "linux",
       "3.9"},
      {"dependency marker sys_platform == \"win32\"",
       {},
       {"missing-requirement error: app 1.0 " + k_app + ":3"},
       {},
       "3.8",
       "win32",
       "",
       "linux"},
      {"dependency marker python_version < \"3.8\"",
       {},
       {"missing-requirement error: app 1.0 " + k_app + ":3"},
       {},
       "3.7",
       "linux",
       "3.8"},
      {"extra-only dependency",
       {{"site-packages/tool-1.0.dist-info/METADATA", "Requires-Dist: app>=1.0",
         "Requires-Dist: app[feature]>=1.0"}},
       {"unsatisfied-requirement error: app 1.0 " + k_app +
        ":3, extra-dep 1.0 site-packages/extra_dep-1.0.dist-info/METADATA:3"},
       {{"site-packages/tool-1.0.dist-info/METADATA", "Requires-Dist: app[feature]>=1.0",
         "Requires-Dist: app>=1.0"}}},
  }));
  check_row(k_env, row, true);
}
