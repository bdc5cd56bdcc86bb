#include "cli/options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <limits>

#include "depcheck/environment.hpp"
#include "depcheck/matrix.hpp"
#include "depcheck/readers/reader.hpp"
#include "depcheck/report.hpp"
#include "depcheck/util/files.hpp"
#include "depcheck/util/text.hpp"
#include "engine/tools.hpp"

namespace depcheck::cli {
namespace {

std::string tool_version() {
  std::string matrix_version = "unknown";
  try {
    matrix_version = matrix::bundled_matrix().matrix_version;
  } catch (const std::exception&) {
  }
  return std::string("depcheck ") + DEPCHECK_VERSION + " (matrix " + matrix_version + ")";
}

// A CLI11 validator that accepts one of a table's names and suggests the nearest.
CLI::Validator one_of(std::vector<std::string_view> names, std::string what) {
  std::string list;
  for (auto n : names) list += (list.empty() ? "" : "|") + std::string(n);
  return CLI::Validator(
      [names, what](std::string& value) -> std::string {
        for (auto n : names)
          if (n == value) return {};
        const auto guess = util::did_you_mean(value, names);
        return "unknown " + what + " '" + util::escape_for_terminal(value) + "'" +
               (guess.empty() ? "" : " (did you mean '" + guess + "'?)");
      },
      list);
}

}  // namespace

std::optional<int> parse_options(int argc, char** argv, Options& options) {
  CLI::App app{
      "depcheck: finds Python package versions in a lock, requirements file or environment\n"
      "that are known not to work together, says why, and prints the fix."};
  app.name("depcheck");
  app.footer(
      "Environment:\n"
      "  NO_COLOR              no colour with --color auto (wins over FORCE_COLOR)\n"
      "  FORCE_COLOR, CLICOLOR_FORCE\n"
      "                        colour with --color auto even off a terminal\n"
      "  COLUMNS               the width text wraps at (else the terminal's; never in a pipe)\n"
      "  GITHUB_STEP_SUMMARY   --format github appends the Markdown report to this file\n"
      "Exit status: 0 no finding at --fail-on or above, 1 some, 2 an input or usage problem.");
  // A callback: the bundled matrix is parsed for its version only when --version is asked for.
  app.set_version_flag("--version", std::function<std::string()>(tool_version));

  std::vector<std::string_view> format_names, reader_names;
  for (const auto& f : report::all_formats()) format_names.push_back(f.name);
  for (const auto& r : readers::all_readers()) reader_names.push_back(r.id);

  const CLI::Validator python_check(
      [](std::string& value) -> std::string {
        const auto problem = environment::python_target_problem(value);
        return problem.empty()
                   ? std::string()
                   : "invalid python '" + util::escape_for_terminal(value) + "': " + problem;
      },
      "X.Y[.Z]");

  const auto add_matrix_options = [&](CLI::App* sub) {
    // One value per flag, so that `--matrix m.json poetry.lock` leaves the path alone.
    sub->add_option("--matrix", options.matrices, "Add the rules of a matrix file (repeatable)")
        ->allow_extra_args(false)
        ->check(CLI::ExistingFile);
    sub->add_flag("--no-default-matrix", options.no_default_matrix,
                  "Use only the matrices given with --matrix");
  };

  app.add_option("paths", options.paths,
                 "Lock or requirements files, directories, or - for standard input (default: .)");
  app.add_option("--input-format", options.input_format, "Force the reader")
      ->check(one_of(reader_names, "input format"));
  app.add_option("--env", options.env_dir,
                 "Check an installed environment (virtualenv or site-packages)")
      ->check(CLI::ExistingDirectory);
  app.add_option("-f,--format", options.format, "Report format")
      ->check(one_of(format_names, "format"));
  app.add_option("-o,--output", options.output,
                 "Write the report to FILE (atomically); - is standard output");
  add_matrix_options(&app);
  auto* fail_on =
      app.add_option("--fail-on", options.fail_on, "Exit 1 on findings at or above this severity")
          ->check(one_of({"error", "warning", "info", "never"}, "severity"));
  app.add_flag("--no-config", options.no_config,
               "Read neither [tool.depcheck] in pyproject.toml nor .depcheck.toml");
  app.add_option("--ignore", options.ignore, "Ignore a rule id (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--python", options.python, "Target Python, X.Y or X.Y.Z (default: from the lock)")
      ->check(python_check);
  app.add_option("--platform", options.platform, "Target platform (default: linux)")
      ->check(one_of({"linux", "darwin", "win32"}, "platform"));
  std::string color = "auto";
  app.add_option("--color", color,
                 "Colour: auto (only on a terminal, honours NO_COLOR), always, never")
      ->check(one_of({"auto", "always", "never"}, "colour mode"));
  app.add_flag("-q,--quiet", options.quiet, "Print only the summary line (and errors, on stderr)");
  app.add_flag("-v,--verbose", options.verbose,
               "Print each finding in full: details, symptom, sources, fix notes, the plan");
  app.add_flag(
      "-r,--recursive", options.recursive,
      "Walk directories and check every project found (skips .git, virtualenvs, node_modules)");
  app.add_option("--jobs", options.jobs,
                 "Read and check inputs on up to N threads (default 0: one per core); the "
                 "report is the same for any N")
      ->check(CLI::Range(0u, 1024u));
  app.add_option("--installer", options.installer, "Write fix commands for this tool")
      ->check(one_of(engine::tool_names(), "installer"));
  app.add_option("--max-input-size", options.max_input_bytes,
                 "Refuse input files larger than this (bytes, or with a unit: 64MB, 1GB; "
                 "default 64MB)")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(std::uint64_t{1}, std::numeric_limits<std::uint64_t>::max()));

  auto* rules = app.add_subcommand("rules", "List the rules, or those about PACKAGE");
  rules->add_option("package", options.argument, "A package name");
  add_matrix_options(rules);
  auto* explain = app.add_subcommand("explain", "Show one rule, or what a finding kind means");
  explain->add_option("rule", options.argument, "A rule id or a finding kind")->required();
  add_matrix_options(explain);
  auto* lint = app.add_subcommand("lint-matrix", "Validate a matrix file");
  lint->add_option("file", options.argument, "The matrix file")->required();
  lint->add_flag("--no-default-matrix", options.no_default_matrix,
                 "Do not compare rule ids with the bundled matrix");
  auto* why = app.add_subcommand("why", "Show the dependency paths that bring in PACKAGE");
  why->add_option("package", options.argument, "A package name")->required();
  why->add_option("path", options.paths, "A lock file or directory (default: .)");
  why->add_option("--input-format", options.input_format, "Force the reader")
      ->check(one_of(reader_names, "input format"));
  why->add_option("--format", options.format, "text or markdown (a Mermaid graph)");
  why->add_option("--python", options.python, "Target Python whose edges are shown")
      ->check(python_check);
  why->add_option("--platform", options.platform, "Target platform (default: linux)")
      ->check(one_of({"linux", "darwin", "win32"}, "platform"));
  auto* diagnose = app.add_subcommand(
      "diagnose", "Name the known breakages a traceback, pytest or CI log shows, and the fix");
  diagnose->add_option("log", options.argument, "The log file, or - for standard input");
  diagnose->add_option("--lock", options.paths,
                       "A lock or requirements file, or a folder, to check the matches against "
                       "(repeatable; default: the current folder's)");
  diagnose->add_option("--env", options.env_dir, "Check the matches against this environment")
      ->check(CLI::ExistingDirectory);
  diagnose->add_option("-f,--format", options.format, "text or json");
  diagnose->add_option("--python", options.python, "Target Python, X.Y or X.Y.Z")
      ->check(python_check);
  diagnose->add_option("--platform", options.platform, "Target platform (default: linux)")
      ->check(one_of({"linux", "darwin", "win32"}, "platform"));
  diagnose->add_option("--installer", options.installer, "Write fix commands for this tool")
      ->check(one_of(engine::tool_names(), "installer"));
  diagnose->add_flag("-v,--verbose", options.verbose,
                     "Show every match, with the rule's details and sources");
  add_matrix_options(diagnose);
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << '\n';
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "depcheck: error: " << util::escape_for_terminal(e.what()) << "\n"
              << "Run 'depcheck --help' for usage.\n";
    return 2;
  }
  options.fail_on_given = fail_on->count() > 0;
  if (options.output == "-") options.output.clear();
  if (options.quiet && options.verbose) {
    std::cerr << "depcheck: error: --quiet and --verbose cannot be used together\n"
              << "Run 'depcheck --help' for usage.\n";
    return 2;
  }
  options.cli_ignore = options.ignore;
  util::set_max_input_bytes(static_cast<std::size_t>(
      std::min<std::uint64_t>(options.max_input_bytes, std::numeric_limits<std::size_t>::max())));
  if (rules->parsed()) options.command = Command::rules;
  if (explain->parsed()) options.command = Command::explain;
  if (lint->parsed()) options.command = Command::lint_matrix;
  if (why->parsed()) options.command = Command::why;
  if (diagnose->parsed()) options.command = Command::diagnose;
  options.color = color == "always"  ? ColorMode::always
                  : color == "never" ? ColorMode::never
                                     : ColorMode::automatic;
  return std::nullopt;
}

}  // namespace depcheck::cli
