#pragma once
// The report model (SPEC "JSON report", schema_version 1) and its renderers. A reporter sees
// only a Report, never the engine or the readers.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/diagnostic.hpp"
#include "depcheck/engine.hpp"
#include "depcheck/inventory.hpp"

namespace depcheck::report {

enum class Format { text, json, sarif, github, markdown, gitlab };

struct FormatInfo {
  Format format;
  std::string_view name;
  std::string_view description;
};
const std::vector<FormatInfo>& all_formats();
const FormatInfo* find_format(std::string_view name);

struct Report {
  std::string tool_version;
  std::string matrix_version;
  engine::Target target;                       // the first input's (SPEC "target")
  std::vector<const Input*> inputs;            // not owned
  std::vector<engine::Target> targets;         // each input's own, in the order of `inputs`
  std::vector<engine::Finding> findings;       // sorted
  std::vector<engine::Plan> plans;             // one per input that has findings
  Diagnostics errors;                          // input problems that did not stop the run
  Diagnostics warnings;                        // e.g. unknown future lock versions
  std::vector<std::string> ignored_by_flag;    // rule ids or kinds given with --ignore
  std::vector<std::string> ignored_in_config;  // and those the config ignores (in force)
  int count(Severity severity) const;
  // The target of inputs[i]: its own where known, else the report's.
  const engine::Target& target_of(std::size_t i) const {
    return i < targets.size() ? targets[i] : target;
  }
};

// What depcheck cannot know about a plan, said with every plan.
inline constexpr std::string_view k_plan_caveat =
    "depcheck checks these changes against the constraints and rules it knows; an upgrade may "
    "bring new "
    "dependencies that are not in the lock yet, so run depcheck again after re-locking.";

struct RenderOptions {
  bool color = false;
  std::size_t width = 0;  // columns to wrap text to; 0 = never wrap (not a terminal)
  bool verbose = false;   // text: every finding in full (details, symptom, sources, notes)
  bool quiet = false;     // text: the summary line only
};

void render(const Report& report, Format format, std::ostream& out, const RenderOptions& options);

// Every error and warning about the run, for stderr, whatever the report's format: one line
// each, "depcheck: error: poetry.lock:12:5: message". With `source` (a person at a terminal),
// the input's line and a caret under the column follow.
void render_diagnostics(const Diagnostics& errors, const Diagnostics& warnings, std::ostream& out,
                        const RenderOptions& options, bool source);
// One diagnostic as that line, without colour.
void render_diagnostic_line(const Diagnostic& d, std::ostream& out);

// The individual renderers.
void render_text(const Report& report, std::ostream& out, const RenderOptions& options);
void render_json(const Report& report, std::ostream& out);
void render_sarif(const Report& report, std::ostream& out);
void render_github(const Report& report, std::ostream& out);
void render_markdown(const Report& report, std::ostream& out);
void render_gitlab(const Report& report, std::ostream& out);

// What a finding is about (rule, input, packages, the requirement), not where it sits: 16 hex
// digits that stay when lines move, for SARIF and GitLab to follow a finding across runs.
std::string finding_fingerprint(const engine::Finding& f);

}  // namespace depcheck::report
