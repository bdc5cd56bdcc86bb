#include "cli/commands.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/inputs.hpp"
#include "cli/lint.hpp"
#include "cli/why.hpp"
#include "depcheck/finding_kinds.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "depcheck/report.hpp"
#include "depcheck/util/files.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::cli {
namespace {

std::string safe(std::string_view text) {
  return util::escape_for_terminal(text);
}

}  // namespace

matrix::Matrix load_matrices(const Options& options) {
  matrix::Matrix matrix;
  if (!options.no_default_matrix) matrix = matrix::bundled_matrix();
  for (const auto& path : options.matrices) {
    std::string text;
    try {
      text = util::read_file(path);
    } catch (const std::exception& e) {
      throw FatalError(e.what(), Location{path});
    }
    matrix.merge(matrix::load_matrix(text, path));
  }
  return matrix;
}

int list_rules(const Options& options) {
  const auto matrix = load_matrices(options);
  const auto wanted = pep508::normalize_name(options.argument);
  std::vector<const matrix::Rule*> rules;
  for (const auto& rule : matrix.rules) {
    if (!wanted.empty() && std::none_of(rule.when.begin(), rule.when.end(),
                                        [&](const auto& c) { return c.package == wanted; }))
      continue;
    rules.push_back(&rule);
  }
  std::sort(rules.begin(), rules.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  for (const auto* rule : rules)
    std::cout << safe(rule->id) << "  [" << to_string(rule->severity) << "]  "
              << safe(rule->when_text()) << "\n    " << safe(rule->summary) << '\n';
  std::cout << rules.size() << " rule" << (rules.size() == 1 ? "" : "s")
            << (wanted.empty() ? "" : " about " + safe(wanted)) << '\n';
  return 0;
}

int explain_rule(const Options& options) {
  const auto matrix = load_matrices(options);
  const auto* rule = matrix.find(options.argument);
  if (!rule) {
    // The checks from the inputs' own metadata (and "incompatibility") explain themselves.
    if (const auto* kind = engine::find_finding_kind(options.argument)) {
      std::cout << kind->id << "\n" << kind->title << "\n\n" << util::wrap(kind->help, 96);
      if (!kind->help_uri.empty()) std::cout << "\nreference: " << kind->help_uri << '\n';
      std::cout << "\nignore with: --ignore " << kind->id << '\n';
      return 0;
    }
    std::vector<std::string_view> ids;
    for (const auto& kind : engine::finding_kinds()) ids.push_back(kind.id);
    for (const auto& r : matrix.rules) ids.push_back(r.id);
    const auto guess = util::did_you_mean(options.argument, ids);
    throw FatalError("unknown rule '" + options.argument + "'" +
                     (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
  }
  std::cout << safe(rule->id) << "  [" << to_string(rule->severity) << "]\n"
            << safe(rule->summary) << "\n\n";
  std::cout << "when:      " << safe(rule->when_text()) << '\n';
  if (!rule->markers_text.empty()) std::cout << "markers:   " << safe(rule->markers_text) << '\n';
  if (!rule->symptom.empty()) std::cout << "symptom:   " << safe(rule->symptom) << '\n';
  if (!rule->details.empty()) std::cout << "\n" << safe(rule->details) << "\n\n";
  for (const auto& fix : rule->fixes)
    std::cout << "fix:       " << safe(fix.package + fix.versions_text) << '\n';
  for (const auto& message : rule->messages) std::cout << "message:   " << safe(message) << '\n';
  for (const auto& ref : rule->references) std::cout << "reference: " << safe(ref) << '\n';
  const auto print_examples = [](std::string_view label,
                                 const std::vector<matrix::ExampleSet>& sets) {
    for (const auto& set : sets) {
      std::string text;
      for (const auto& [name, version] : set)
        text += (text.empty() ? "" : ", ") + name + " " + version;
      std::cout << label << safe(text) << '\n';
    }
  };
  print_examples("fires on:  ", rule->bad_examples);
  print_examples("not on:    ", rule->good_examples);
  if (!rule->added.empty()) std::cout << "added:     " << safe(rule->added) << '\n';
  if (!rule->reviewed.empty()) std::cout << "reviewed:  " << safe(rule->reviewed) << '\n';
  std::cout << "source:    " << safe(rule->origin) << '\n';
  return 0;
}

int lint_matrix(const Options& options) {
  const auto& path = options.argument;
  std::string text;
  try {
    text = util::read_file(path);
  } catch (const std::exception& e) {
    throw FatalError(e.what(), Location{path});
  }
  const auto matrix = matrix::load_matrix(text, path);  // a load error ends the run: exit 2
  // Rule ids are compared with the bundled matrix, unless this file is a version of it.
  std::optional<matrix::Matrix> bundled;
  if (!options.no_default_matrix) {
    bundled = matrix::bundled_matrix();
    if (!matrix.matrix_version.empty() && bundled->matrix_version == matrix.matrix_version)
      bundled.reset();
  }
  const auto problems = lint_rules(matrix, text, bundled ? &*bundled : nullptr);
  std::size_t errors = 0, warnings = 0;
  for (const auto& p : problems) {
    (p.severity == Severity::error ? errors : warnings) += 1;
    // Streamed piece by piece: GCC 12's -Wrestrict misfires on ":" + std::to_string(...) at -O2.
    std::cout << safe(path);
    if (p.line > 0) std::cout << ':' << p.line;
    std::cout << ": " << to_string(p.severity) << ": rule '" << safe(p.rule)
              << "': " << safe(p.message) << '\n';
  }
  const auto count = [](std::size_t n, std::string_view word) {
    return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
  };
  std::cout << safe(path) << ": " << count(matrix.rules.size(), "rule") << ", "
            << (errors == 0 ? "no problems" : count(errors, "problem"))
            << (warnings == 0 ? "" : ", " + count(warnings, "warning")) << '\n';
  return errors == 0 ? 0 : 1;
}

int why(const Options& options) {
  if (options.format != "text" && options.format != "markdown") {
    const auto guess = util::did_you_mean(options.format, {"text", "markdown"});
    throw FatalError("why prints text or markdown, not '" + options.format + "'" +
                     (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
  }
  Diagnostics errors, warnings;
  std::vector<std::unique_ptr<Input>> inputs;
  for (const auto& file : find_inputs(options))
    inputs.push_back(read_input(file, errors, warnings));
  attach_project_constraints(inputs, errors, warnings);
  report::render_diagnostics(errors, warnings, std::cerr, report::RenderOptions{}, false);
  std::vector<const Input*> view;
  for (const auto& input : inputs) view.push_back(input.get());
  std::cout << render_why(view, options.argument, options.format == "markdown", options.python,
                          options.platform)
            << std::flush;
  return errors.empty() ? 0 : 2;
}

}  // namespace depcheck::cli
