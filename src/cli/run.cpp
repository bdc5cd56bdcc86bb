#include "cli/run.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/config.hpp"
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
  std::string where = e.where.str();
  std::cerr << (where.empty() ? "depcheck" : util::escape_for_terminal(where))
            << ": error: " << util::escape_for_terminal(e.what()) << '\n';
}

bool use_color(const Options& options) {
  if (options.color == ColorMode::always) return true;
  if (options.color == ColorMode::never || !options.output.empty()) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

// The process ends right after a check: freeing the matrix, the inputs and the report node by
// node (millions of small blocks on a large lock) only delays the exit, so they are handed to
// the operating system with the process instead. They stay reachable from here, so leak
// checkers do not report them.
void keep_until_exit(matrix::Matrix matrix, std::vector<std::unique_ptr<Input>> inputs,
                     report::Report report) {
  struct Kept {
    matrix::Matrix matrix;
    std::vector<std::unique_ptr<Input>> inputs;
    report::Report report;
  };
  static auto* const kept = new std::vector<std::unique_ptr<Kept>>();
  kept->push_back(
      std::make_unique<Kept>(Kept{std::move(matrix), std::move(inputs), std::move(report)}));
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
int check(const Options& options, const std::optional<Diagnostic>& config_error) {
  report::Report report;
  report.tool_version = DEPCHECK_VERSION;
  // Problems from here on go into the report, so that --format json still writes one document;
  // they make the run end with 2.
  if (config_error) report.errors.push_back(*config_error);
  matrix::Matrix matrix;
  try {
    matrix = load_matrices(options);
  } catch (const FatalError& e) {
    report.errors.push_back({Severity::error, e.what(), e.where, {}});
  }
  report.matrix_version = matrix.matrix_version;

  // In parallel where there are many (a recursive scan); the result is the sequential one.
  auto inputs = read_inputs_parallel(find_inputs(options, report.errors), report.errors,
                                     report.warnings, options.jobs);
  attach_project_constraints(inputs, report.errors, report.warnings);
  for (const auto& input : inputs) report.inputs.push_back(input.get());
  report.target = engine::assume_target(options.python, options.platform, report.inputs);

  engine::Options engine_options;
  engine_options.ignore = options.ignore;
  engine_options.installer = options.installer;
  // Each input on its own (in parallel where a recursive scan found many), joined in order.
  std::vector<engine::Result> results(report.inputs.size());
  for_each_parallel(report.inputs.size(), options.jobs, [&](std::size_t i) {
    // A pyproject declares; it locks nothing. Its constraints were given to the locks beside it.
    if (report.inputs[i]->format == "pyproject.toml") return;
    results[i] = engine::check_input(*report.inputs[i], matrix, report.target, engine_options);
  });
  for (auto& result : results) {
    if (!result.findings.empty()) report.plans.push_back(std::move(result.plan));
    report.findings.insert(report.findings.end(), std::make_move_iterator(result.findings.begin()),
                           std::make_move_iterator(result.findings.end()));
  }
  // A pyproject.toml that is both the settings file and an input is reported broken once, by
  // the reader (which shows the line).
  if (config_error) {
    const auto same = [&](const Diagnostic& d) {
      return d.message == config_error->message && d.where.str() == config_error->where.str();
    };
    if (std::count_if(report.errors.begin(), report.errors.end(), same) > 1)
      report.errors.erase(report.errors.begin());
  }
  apply_severity_overrides(report.findings, options);
  engine::sort_findings(report.findings);
  report.warnings.insert(report.warnings.begin(), options.config_warnings.begin(),
                         options.config_warnings.end());

  const auto format = report::find_format(options.format)->format;
  const report::RenderOptions render_options{use_color(options)};
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
  keep_until_exit(std::move(matrix), std::move(inputs), std::move(report));
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
    }
  } catch (const FatalError& e) {
    print_fatal(e);
  } catch (const std::exception& e) {
    std::cerr << "depcheck: error: " << util::escape_for_terminal(e.what()) << '\n';
  }
  return 2;
}

}  // namespace depcheck::cli
