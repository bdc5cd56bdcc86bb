// The report for a person. Everything that comes from an input or a matrix is escaped: a
// package name must never move the cursor or forge a line.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>

#include "depcheck/readers/reader.hpp"
#include "depcheck/report.hpp"
#include "depcheck/util/text.hpp"
#include "report/terminal_text.hpp"

namespace depcheck::report {
namespace {

using detail::safe;
using detail::where;

struct Style {
  bool color;
  std::string paint(std::string_view code, std::string_view text) const {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
  std::string severity(Severity s) const {
    const std::string_view code = s == Severity::error     ? "1;31"
                                  : s == Severity::warning ? "1;33"
                                                           : "1;36";
    return paint(code, fmt::format("{:<7}", to_string(s)));
  }
  std::string bold(std::string_view text) const { return paint("1", text); }
  std::string dim(std::string_view text) const { return paint("2", text); }
};

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

namespace {

// Lines wrapped to the width the terminal has, each with `indent`; one line when there is no
// width (not a terminal, COLUMNS unset).
std::string wrapped(std::string_view text, const RenderOptions& options, std::string_view indent) {
  const std::size_t width =
      options.width > indent.size() + 20 ? options.width - indent.size() : std::size_t{0};
  if (width == 0) return std::string(indent) + std::string(text) + '\n';
  return util::wrap(text, width, indent);
}

// "poetry.lock:181: uvicorn 0.29.0 + websockets 14.1 (line 198)": the first package's place,
// then each other package with its line (its place, when in another file).
std::string packages_line(const engine::Finding& f) {
  if (f.packages.empty()) return safe(f.input);
  const auto& first = f.packages.front().where;
  std::string text = (first.path.empty() ? safe(f.input) : where(first)) + ": ";
  for (std::size_t i = 0; i < f.packages.size(); ++i) {
    const auto& p = f.packages[i];
    text += (i ? " + " : "") + safe(p.name) + " " + safe(p.version);
    if (i == 0 || p.where.line <= 0) continue;
    text += p.where.path == first.path ? " (line " + std::to_string(p.where.line) + ")"
                                       : " (" + where(p.where) + ")";
  }
  return text;
}

// Findings that say the same to the person who fixes them: one input, severity, packages and
// fix commands. They are printed as one block naming every rule.
std::string group_key(const engine::Finding& f) {
  std::string key =
      f.input + '\n' + std::to_string(static_cast<int>(f.severity)) + '\n' + f.condition + '\n';
  for (const auto& p : f.packages) key += p.name + ' ' + p.version + '\n';
  key += "fix\n";
  for (const auto& fix : f.fixes) key += fix.command + '\n';
  return key;
}

void render_full(const engine::Finding& f, const Style& style, const RenderOptions& options,
                 std::ostream& out) {
  out << style.severity(f.severity) << ' ' << style.bold(safe(f.rule)) << '\n';
  std::string packages;
  for (const auto& p : f.packages) {
    if (!packages.empty()) packages += " + ";
    packages += safe(p.name) + " " + safe(p.version) + " " + style.dim("(" + where(p.where) + ")");
  }
  if (!packages.empty()) out << "  " << packages << '\n';
  out << wrapped(safe(f.summary), options, "  ");
  if (!f.condition.empty()) out << "  " << style.paint("33", safe(f.condition)) << '\n';
  if (!f.details.empty()) out << '\n' << wrapped(safe(f.details), options, "    ");
  if (!f.symptom.empty()) out << "  symptom: " << safe(f.symptom) << '\n';
  // The first sources; `depcheck explain` lists them all.
  constexpr std::size_t k_shown_references = 3;
  for (std::size_t i = 0; i < f.references.size() && i < k_shown_references; ++i)
    out << "  see: " << safe(f.references[i]) << '\n';
  if (f.references.size() > k_shown_references)
    out << "  "
        << style.dim(fmt::format("(+{} more: depcheck explain {})",
                                 f.references.size() - k_shown_references, safe(f.rule)))
        << '\n';
  if (!f.fixes.empty()) {
    out << "  fix" << (f.fixes.size() > 1 ? " (any one of):" : ":") << '\n';
    for (const auto& fix : f.fixes) {
      out << "    " << safe(fix.command) << '\n';
      if (!fix.consistent)
        out << "      " << style.paint("33", "conflicts: " + safe(fix.reason)) << '\n';
      if (!fix.note.empty()) out << "      " << style.dim(safe(fix.note)) << '\n';
    }
  }
  out << '\n';
}

// The short block: severity and rule ids, where and which packages, what happens, what to run.
void render_short(const std::vector<const engine::Finding*>& group, const Style& style,
                  const RenderOptions& options, std::ostream& out) {
  const auto& f = *group.front();
  std::string ids;
  for (const auto* g : group) ids += (ids.empty() ? "" : ", ") + safe(g->rule);
  // The ids wrap under themselves; the severity word is 7 columns and a space.
  const auto id_lines = wrapped(ids, options, "        ");
  out << style.severity(f.severity) << ' ' << style.bold(id_lines.substr(8));
  out << "  " << style.dim(packages_line(f)) << '\n';
  out << wrapped(safe(f.summary), options, "  ");
  if (group.size() > 1)
    out << "  "
        << style.dim(fmt::format("(and {} more rule{} on these versions, with the same fix)",
                                 group.size() - 1, group.size() == 2 ? "" : "s"))
        << '\n';
  if (!f.condition.empty()) out << "  " << style.paint("33", safe(f.condition)) << '\n';
  // The options that can be applied; where none can, the first with why it cannot.
  bool first = true;
  for (const auto& fix : f.fixes) {
    if (!fix.consistent) continue;
    out << (first ? "  fix: " : "   or: ") << safe(fix.command) << '\n';
    // A second step the command needs ("then update the pin ..."), unlike a note that only
    // informs, is part of the fix.
    if (fix.note.starts_with("then ")) out << "       " << safe(fix.note) << '\n';
    first = false;
  }
  if (first && !f.fixes.empty())
    out << "  fix: " << safe(f.fixes.front().command) << '\n'
        << "       " << style.paint("33", "conflicts: " + safe(f.fixes.front().reason)) << '\n';
  out << '\n';
}

void render_plans(const Report& report, const Style& style, const RenderOptions& options,
                  const std::map<std::string, std::size_t>& blocks_per_input, std::ostream& out) {
  for (const auto& plan : report.plans) {
    if (plan.changes.empty()) continue;
    // One block for the input already says what to run.
    const auto blocks = blocks_per_input.find(plan.input);
    if (!options.verbose && (blocks == blocks_per_input.end() || blocks->second < 2)) continue;
    out << style.bold("plan for " + safe(plan.input)) << " ("
        << (plan.resolves_all
                ? "resolves every finding that has a fix"
                : "no single plan resolves everything; left: " + safe(join(plan.unresolved)))
        << "):\n";
    for (const auto& change : plan.changes) {
      out << "    " << safe(change.command) << '\n';
      if (!change.consistent)
        out << "      " << style.paint("33", "conflicts: " + safe(change.reason)) << '\n';
    }
    if (options.verbose) out << wrapped(k_plan_caveat, options, "  ");
    out << '\n';
  }
}

}  // namespace

void render_text(const Report& report, std::ostream& out, const RenderOptions& options) {
  // Diagnostics about the run go to stderr (render_diagnostics), not into the report.
  const Style style{options.color};
  std::map<std::string, std::size_t> blocks_per_input;
  if (!options.quiet) {
    if (options.verbose) {
      for (const auto& f : report.findings) {
        render_full(f, style, options, out);
        ++blocks_per_input[f.input];
      }
    } else {
      // Groups in the order of their first finding.
      std::vector<std::vector<const engine::Finding*>> groups;
      std::map<std::string, std::size_t> index;
      for (const auto& f : report.findings) {
        const auto [it, added] = index.try_emplace(group_key(f), groups.size());
        if (added) groups.emplace_back();
        groups[it->second].push_back(&f);
      }
      for (const auto& group : groups) {
        render_short(group, style, options, out);
        ++blocks_per_input[group.front()->input];
      }
    }
    render_plans(report, style, options, blocks_per_input, out);
    if (!options.verbose && !report.findings.empty())
      out << style.dim("details, sources and fix notes: depcheck -v, or depcheck explain RULE")
          << "\n\n";
  }

  std::size_t packages = 0;
  for (const Input* input : report.inputs) packages += input->packages.size();
  const int errors = report.count(Severity::error), warnings = report.count(Severity::warning),
            infos = report.count(Severity::info);
  const auto describe_target = [&](const engine::Target& t) {
    std::string text = "python " + safe(t.python) + " on " + safe(t.platform);
    if (!t.assumed.empty()) text += " (" + safe(t.assumed) + ")";
    return text;
  };
  // Each input has its own target; one line says it when they all agree.
  bool one_target = true;
  for (std::size_t i = 0; i < report.inputs.size(); ++i)
    if (describe_target(report.target_of(i)) != describe_target(report.target)) one_target = false;
  const std::string target = one_target ? describe_target(report.target) : "per input, below";
  const std::string counts =
      fmt::format("{} error{}, {} warning{}, {} info", errors, errors == 1 ? "" : "s", warnings,
                  warnings == 1 ? "" : "s", infos);
  std::string line = counts + fmt::format(" in {} package{} from {} input{}; target {}", packages,
                                          packages == 1 ? "" : "s", report.inputs.size(),
                                          report.inputs.size() == 1 ? "" : "s", target);
  if (!report.errors.empty())
    line += fmt::format("; {} input problem{}", report.errors.size(),
                        report.errors.size() == 1 ? "" : "s");
  if (!report.ignored_by_flag.empty() || !report.ignored_in_config.empty()) {
    std::vector<std::string> where;
    if (!report.ignored_by_flag.empty())
      where.push_back(std::to_string(report.ignored_by_flag.size()) + " by --ignore");
    if (!report.ignored_in_config.empty())
      where.push_back(std::to_string(report.ignored_in_config.size()) + " in config");
    const auto n = report.ignored_by_flag.size() + report.ignored_in_config.size();
    line += fmt::format("; {} rule{} ignored ({})", n, n == 1 ? "" : "s", join(where));
  }
  // Wrapped as one text; the counts at its start keep their colour.
  const auto text = wrapped(line, options, "");
  out << (errors     ? style.paint("1;31", counts)
          : warnings ? style.paint("1;33", counts)
                     : style.paint("1;32", counts))
      << text.substr(counts.size());
  if (!one_target && !options.quiet)
    for (std::size_t i = 0; i < report.inputs.size(); ++i)
      if (readers::traits_of(report.inputs[i]->format).locks)
        out << "  " << safe(report.inputs[i]->path) << ": " << describe_target(report.target_of(i))
            << '\n';
}

}  // namespace depcheck::report
