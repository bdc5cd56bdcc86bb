#include "cli/check_run.hpp"

#include <algorithm>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "cli/inputs.hpp"
#include "cli/parallel.hpp"
#include "cli/progress.hpp"
#include "depcheck/engine.hpp"
#include "depcheck/environment.hpp"
#include "depcheck/readers/reader.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::cli {
namespace {

// Every ignored id must name a rule of the loaded matrices or a finding kind. On the command
// line a typo is a usage error (exit 2); in the config a warning, so that a rule renamed or
// removed by an upgrade does not break CI.
void check_ignored_ids(const matrix::Matrix& matrix, const Options& options,
                       Diagnostics& warnings) {
  const auto known = [&](const std::string& id) {
    return matrix.find(id) != nullptr || engine::find_finding_kind(id) != nullptr;
  };
  const auto guess_for = [&](const std::string& id) {
    std::vector<std::string_view> ids;
    for (const auto& kind : engine::finding_kinds()) ids.push_back(kind.id);
    for (const auto& rule : matrix.rules) ids.push_back(rule.id);
    const auto guess = util::did_you_mean(id, ids);
    return guess.empty() ? std::string() : " (did you mean '" + guess + "'?)";
  };
  for (const auto& id : options.cli_ignore)
    if (!known(id))
      throw FatalError("--ignore '" + id + "': no rule or finding kind has this id" +
                       guess_for(id));
  for (const auto& [id, where] : options.config_ignore)
    if (!known(id))
      warnings.push_back({Severity::warning,
                          "ignore of '" + id +
                              "': no rule or finding kind has this id (renamed or removed?)" +
                              guess_for(id),
                          where,
                          {}});
}

}  // namespace

void check_inputs(report::Report& report, const matrix::Matrix& matrix, const Options& options) {
  // Each input in the environment its own tool installs into: the results for one input do not
  // depend on which others are checked with it.
  report.targets.clear();
  std::optional<environment::Target> first;
  for (const Input* input : report.inputs) {
    report.targets.push_back(environment::assume_target(options.python, options.platform, *input));
    if (!first && readers::traits_of(input->format).locks) first = report.targets.back();
  }
  report.target =
      first ? *first : environment::assume_target(options.python, options.platform, Input{});
  // A pyproject locks nothing: it is read for the locks beside it, and shown with the run's.
  for (std::size_t i = 0; i < report.inputs.size(); ++i)
    if (!readers::traits_of(report.inputs[i]->format).locks) report.targets[i] = report.target;

  engine::Options engine_options;
  engine_options.ignore = options.ignore;
  engine_options.installer = options.installer;
  // Each input on its own (in parallel where a recursive scan found many), joined in order.
  std::vector<engine::Result> results(report.inputs.size());
  Progress progress(std::cerr, options.progress, "checking", report.inputs.size());
  for_each_parallel(report.inputs.size(), options.jobs, [&](std::size_t i) {
    progress.step();
    // A pyproject declares; it locks nothing. Its constraints were given to the locks beside it.
    if (!readers::traits_of(report.inputs[i]->format).locks) return;
    results[i] = engine::check_input(*report.inputs[i], matrix, report.targets[i], engine_options);
  });
  for (auto& result : results) {
    if (!result.findings.empty()) report.plans.push_back(std::move(result.plan));
    report.findings.insert(report.findings.end(), std::make_move_iterator(result.findings.begin()),
                           std::make_move_iterator(result.findings.end()));
  }
  apply_severity_overrides(report.findings, options);
  engine::sort_findings(report.findings);
}

std::unique_ptr<CheckRun> run_check(const Options& options,
                                    const std::optional<Diagnostic>& config_error) {
  auto run = std::make_unique<CheckRun>();
  auto& report = run->report;
  report.tool_version = DEPCHECK_VERSION;
  if (config_error) report.errors.push_back(*config_error);
  try {
    run->matrix = load_matrices(options);
  } catch (const FatalError& e) {
    report.errors.push_back({Severity::error, e.what(), e.where, {}});
  }
  report.matrix_version = run->matrix.matrix_version;
  if (report.errors.empty()) check_ignored_ids(run->matrix, options, report.warnings);

  // In parallel where there are many (a recursive scan); the result is the sequential one.
  {
    const auto files = find_inputs(options, report.errors);
    Progress progress(std::cerr, options.progress, "reading", files.size());
    run->inputs =
        read_inputs_parallel(files, report.errors, report.warnings, options.jobs, &progress);
  }
  attach_project_constraints(run->inputs, report.errors, report.warnings);
  for (const auto& input : run->inputs) report.inputs.push_back(input.get());
  check_inputs(report, run->matrix, options);

  // A pyproject.toml that is both the settings file and an input is reported broken once, by
  // the reader (which shows the line).
  if (config_error) {
    const auto same = [&](const Diagnostic& d) {
      return d.message == config_error->message && d.where.str() == config_error->where.str();
    };
    if (std::count_if(report.errors.begin(), report.errors.end(), same) > 1)
      report.errors.erase(report.errors.begin());
  }
  report.ignored_by_flag = options.cli_ignore;
  for (const auto& [id, where] : options.config_ignore)
    if (std::find(options.cli_ignore.begin(), options.cli_ignore.end(), id) ==
        options.cli_ignore.end())
      report.ignored_in_config.push_back(id);
  report.warnings.insert(report.warnings.begin(), options.config_warnings.begin(),
                         options.config_warnings.end());
  return run;
}

}  // namespace depcheck::cli
