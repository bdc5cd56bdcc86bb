// The report for a person. Everything that comes from an input or a matrix is escaped: a
// package name must never move the cursor or forge a line.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "depcheck/readers/reader.hpp"
#include "depcheck/report.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::report {
namespace {

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

std::string safe(std::string_view text) {
  return util::escape_for_terminal(text);
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string where(const Location& location) {
  return location.line > 0 ? safe(location.path) + ":" + std::to_string(location.line)
                           : safe(location.path);
}

}  // namespace

void render_text(const Report& report, std::ostream& out, const RenderOptions& options) {
  // Diagnostics about the run go to stderr (render_diagnostics), not into the report.
  const Style style{options.color};

  for (const auto& f : report.findings) {
    out << style.severity(f.severity) << ' ' << style.bold(safe(f.rule)) << '\n';
    std::string packages;
    for (const auto& p : f.packages) {
      if (!packages.empty()) packages += " + ";
      packages +=
          safe(p.name) + " " + safe(p.version) + " " + style.dim("(" + where(p.where) + ")");
    }
    if (!packages.empty()) out << "  " << packages << '\n';
    out << util::wrap(safe(f.summary), 96, "  ");
    if (!f.condition.empty()) out << "  " << style.paint("33", safe(f.condition)) << '\n';
    if (!f.details.empty()) {
      out << '\n' << util::wrap(safe(f.details), 96, "    ");
    }
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

  for (const auto& plan : report.plans) {
    if (plan.changes.empty()) continue;
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
    out << util::wrap(std::string(k_plan_caveat), 96, "  ") << '\n';
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
  out << (errors     ? style.paint("1;31", counts)
          : warnings ? style.paint("1;33", counts)
                     : style.paint("1;32", counts))
      << fmt::format(" in {} package{} from {} input{}; target {}", packages,
                     packages == 1 ? "" : "s", report.inputs.size(),
                     report.inputs.size() == 1 ? "" : "s", target);
  if (!report.errors.empty())
    out << fmt::format("; {} input problem{}", report.errors.size(),
                       report.errors.size() == 1 ? "" : "s");
  out << '\n';
  if (!one_target)
    for (std::size_t i = 0; i < report.inputs.size(); ++i)
      if (readers::traits_of(report.inputs[i]->format).locks)
        out << "  " << safe(report.inputs[i]->path) << ": " << describe_target(report.target_of(i))
            << '\n';
}

}  // namespace depcheck::report
