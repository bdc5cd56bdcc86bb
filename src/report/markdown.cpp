// A Markdown table of findings and fixes, for pull-request comments and job summaries. Text
// from inputs is escaped so that it cannot break the table, add links or raw HTML.
#include <fmt/format.h>

#include "depcheck/report.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::report {
namespace {

std::string md(std::string_view text) {
  std::string out;
  for (char c : util::escape_for_terminal(text)) {
    switch (c) {
      case '|': out += "\\|"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '*': case '_': case '`': case '[': case ']': case '#': case '!':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

// Inside a code span only backticks matter; they are replaced, since a span cannot escape them.
std::string code(std::string_view text) {
  std::string inner = util::escape_for_terminal(text);
  for (char& c : inner)
    if (c == '`') c = '\'';
  std::string out;
  for (char c : inner) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return "`" + out + "`";
}

std::string_view icon(Severity s) {
  return s == Severity::error ? "🔴 error" : s == Severity::warning ? "🟡 warning" : "🔵 info";
}

}  // namespace

void render_markdown(const Report& report, std::ostream& out) {
  out << "## depcheck\n\n";
  const int errors = report.count(Severity::error), warnings = report.count(Severity::warning);
  std::string target = "Python " + md(report.target.python) + " on " + md(report.target.platform);
  if (!report.target.assumed.empty()) target += " (" + md(report.target.assumed) + ")";
  out << fmt::format("**{} error(s), {} warning(s), {} info** · target: {}\n\n", errors, warnings,
                     report.count(Severity::info), target);
  if (!report.findings.empty()) {
    out << "| Severity | Rule | Packages | What breaks | Fix (any one) |\n";
    out << "|---|---|---|---|---|\n";
    for (const auto& f : report.findings) {
      std::string packages, fixes;
      for (const auto& p : f.packages) {
        packages += (packages.empty() ? "" : "<br>") + code(p.name + " " + p.version);
        if (p.where.line > 0) packages += " " + md(p.where.path) + ":" + std::to_string(p.where.line);
      }
      for (const auto& fix : f.fixes) fixes += (fixes.empty() ? "" : "<br>") + code(fix.command);
      std::string rule = md(f.rule);
      if (!f.references.empty() && f.references.front().rfind("https://", 0) == 0)
        rule = "[" + rule + "](" + util::escape_for_terminal(f.references.front()) + ")";
      out << "| " << icon(f.severity) << " | " << rule << " | " << packages << " | " << md(f.summary) << " | "
          << fixes << " |\n";
    }
    out << '\n';
  }
  if (!report.errors.empty()) {
    out << "### Input problems\n\n";
    for (const auto& d : report.errors) out << "- " << code(d.where.str()) << ": " << md(d.message) << '\n';
    out << '\n';
  }
  if (report.findings.empty() && report.errors.empty()) out << "No known incompatibilities found.\n";
}

}  // namespace depcheck::report
