#include "cli/run.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/check_run.hpp"
#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "cli/diagnose.hpp"
#include "cli/inputs.hpp"
#include "cli/options.hpp"
#include "cli/parallel.hpp"
#include "depcheck/engine.hpp"
#include "depcheck/matrix.hpp"
#include "depcheck/report.hpp"
#include "depcheck/util/files.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::cli {
namespace {

void print_fatal(const FatalError& e) {
  report::render_diagnostic_line(Diagnostic{Severity::error, e.what(), e.where, {}}, std::cerr);
}

bool env_set(const char* name) {
  const char* value = std::getenv(name);
  return value && *value;
}

// --color first; then NO_COLOR, which wins over FORCE_COLOR (and CLICOLOR_FORCE) as in the
// common conventions (no-color.org, force-color.org); then whether `fd` is a terminal. A file
// (--output) is never coloured unless asked.
bool use_color(const Options& options, int fd, bool to_file) {
  if (options.color == ColorMode::always) return true;
  if (options.color == ColorMode::never || to_file) return false;
  if (env_set("NO_COLOR")) return false;
  const char* force = std::getenv("FORCE_COLOR");
  if ((force && *force && std::string_view(force) != "0") || env_set("CLICOLOR_FORCE")) return true;
  return ::isatty(fd) == 1;
}

// Where text wraps: COLUMNS when set, else the terminal's width, else nowhere (a CI log or a
// pipe keeps each paragraph on one line).
std::size_t text_width(const Options& options) {
  if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
    char* end = nullptr;
    const long value = std::strtol(columns, &end, 10);
    if (end && *end == '\0' && value > 0) return static_cast<std::size_t>(value);
  }
  if (!options.output.empty() || ::isatty(STDOUT_FILENO) != 1) return 0;
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

// The process ends right after a check: freeing the matrix, the inputs and the report node by
// node (millions of small blocks on a large lock) only delays the exit, so they are handed to
// the operating system with the process instead. They stay reachable from here, so leak
// checkers do not report them.
void keep_until_exit(std::unique_ptr<CheckRun> run) {
  static auto* const kept = new std::vector<std::unique_ptr<CheckRun>>();
  kept->push_back(std::move(run));
}

int exit_code_for(const report::Report& report, const std::string& fail_on) {
  if (!report.errors.empty()) return 2;
  if (fail_on == "never") return 0;
  Severity threshold = Severity::error;
  parse_severity(fail_on, threshold);
  for (const auto& f : report.findings)
    if (static_cast<int>(f.severity) <= static_cast<int>(threshold)) return 1;
  return 0;
}

// `config_error`: the settings file could not be read; the run goes on with the command line's
// settings and reports it, so that --format json still writes one document.
int check(Options options, const std::optional<Diagnostic>& config_error) {
  options.progress = !options.quiet && ::isatty(STDERR_FILENO) == 1;
  auto run = run_check(options, config_error);
  const auto& report = run->report;
  const auto format = report::find_format(options.format)->format;
  report::RenderOptions render_options;
  render_options.color = use_color(options, STDOUT_FILENO, !options.output.empty());
  render_options.width = text_width(options);
  render_options.verbose = options.verbose;
  render_options.quiet = options.quiet;
  // Why the run ends as it does, on stderr whatever the format: a person at the terminal sees it
  // even when the report is JSON or goes to a file. The text report's reader also gets the
  // input's line under each.
  report::render_diagnostics(report.errors, report.warnings, std::cerr,
                             report::RenderOptions{use_color(options, STDERR_FILENO, false)},
                             format == report::Format::text);
  if ((!report.errors.empty() || !report.warnings.empty()) && format == report::Format::text &&
      options.output.empty())
    std::cerr << '\n';
  std::cerr << std::flush;
  // Rendered fully before anything is written: never half a document.
  std::ostringstream stream;
  report::render(report, format, stream, render_options);
  const std::string rendered = std::move(stream).str();  // moved out, not copied
  if (options.output.empty()) {
    std::cout << rendered << std::flush;
  } else {
    util::write_file_atomic(options.output, rendered);
  }
  // GitHub shows this file on the run's summary page; annotations alone are easy to miss.
  if (format == report::Format::github) {
    if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary) {
      std::ostringstream markdown;
      report::render_markdown(report, markdown);
      std::ofstream(summary, std::ios::app) << markdown.str();
    }
  }
  const int code = exit_code_for(report, options.fail_on);
  keep_until_exit(std::move(run));
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (const auto code = parse_options(argc, argv, options)) return *code;
  try {
    std::optional<Diagnostic> config_error;
    if (options.command != Command::lint_matrix && options.command != Command::why) {
      try {
        configure(options);
      } catch (const FatalError& e) {
        if (options.command != Command::check) throw;
        config_error = Diagnostic{Severity::error, e.what(), e.where, {}};
      }
    }
    switch (options.command) {
      case Command::check:
        return check(options, config_error);
      case Command::rules:
        return list_rules(options);
      case Command::explain:
        return explain_rule(options);
      case Command::lint_matrix:
        return lint_matrix(options);
      case Command::why:
        return why(options);
      case Command::diagnose:
        return diagnose(options);
    }
  } catch (const FatalError& e) {
    print_fatal(e);
  } catch (const std::exception& e) {
    std::cerr << "depcheck: error: " << util::escape_for_terminal(e.what()) << '\n';
  }
  return 2;
}

}  // namespace depcheck::cli
