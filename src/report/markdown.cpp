// A Markdown table of findings and fixes, for pull-request comments and job summaries. Text
// from inputs is escaped so that it cannot break the table, add links, emphasis or raw HTML:
// the only tags in the output are the renderer's own <br>, <code> and </code>.
#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "depcheck/report.hpp"
#include "depcheck/util/text.hpp"
#include "engine/dependency_paths.hpp"

namespace depcheck::report {
namespace {

// Text for a table cell or a list item: control characters become visible escapes (so a
// newline cannot end a row), HTML specials become entities, Markdown specials are escaped. A
// backslash needs nothing more: escape_for_terminal already doubles it.
//   "a|b <i>" -> "a\|b &lt;i&gt;"
std::string md(std::string_view text) {
  constexpr std::string_view k_markdown_specials = "|*_`[]#!~";
  std::string out;
  for (char c : util::escape_for_terminal(text)) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      if (k_markdown_specials.find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

// Monospace text that reads back exactly (fix commands are copied from here). Nothing can be
// escaped inside a backtick code span (a backtick needs a longer fence), so this is an HTML
// <code> element whose content is escaped like any other text:
//   poetry add "b<3"  ->  <code>poetry add "b&lt;3"</code>
std::string code(std::string_view text) {
  return "<code>" + md(text) + "</code>";
}

// A link target: only URL characters are kept, the rest is percent-encoded, so a reference
// cannot close the link, end the cell or smuggle in markup. '&' is written as an entity, which
// CommonMark decodes back to '&' in a link destination.
std::string url(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    const bool keep =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        std::string_view("-._~:/?#@!$'*+,;=%").find(static_cast<char>(c)) != std::string_view::npos;
    if (keep)
      out += static_cast<char>(c);
    else if (c == '&')
      out += "&amp;";
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

bool is_web_link(std::string_view reference) {
  return reference.rfind("https://", 0) == 0 || reference.rfind("http://", 0) == 0;
}

std::string_view icon(Severity s) {
  return s == Severity::error ? "🔴 error" : s == Severity::warning ? "🟡 warning" : "🔵 info";
}

// A fix command, and what it replaces or conflicts with.
std::string fix_cell(const engine::FixOption& fix) {
  std::string cell = code(fix.command);
  if (!fix.note.empty()) cell += " (" + md(fix.note) + ")";
  if (!fix.consistent) cell += " ⚠️ conflicts: " + md(fix.reason);
  return cell;
}

void render_plans(const std::vector<engine::Plan>& plans, std::ostream& out) {
  bool any = false;
  for (const auto& plan : plans) {
    if (plan.changes.empty()) continue;
    any = true;
    out << "### Plan for " << code(plan.input) << "\n\n";
    if (plan.resolves_all) {
      out << "Resolves every finding that has a fix.\n\n";
    } else {
      std::string left;
      for (const auto& rule : plan.unresolved) left += (left.empty() ? "" : ", ") + md(rule);
      out << "No single plan resolves everything; left: " << left << "\n\n";
    }
    for (const auto& change : plan.changes) out << "- " << fix_cell(change) << '\n';
    out << '\n';
  }
  if (any) out << "_" << md(k_plan_caveat) << "_\n\n";
}

void render_diagnostics(const Diagnostics& diagnostics, std::string_view heading,
                        std::ostream& out) {
  if (diagnostics.empty()) return;
  out << "### " << heading << "\n\n";
  for (const auto& d : diagnostics)
    out << "- " << code(d.where.str()) << ": " << md(d.message) << '\n';
  out << '\n';
}

// A graph of the dependency paths to each finding's packages (what `depcheck why` draws), so a
// reviewer sees which direct dependency brings them in. Findings about the same packages share
// one graph. At most k_graph_limit graphs: each costs a pass over its input, and a long report
// of graphs helps nobody.
constexpr std::size_t k_graph_limit = 20;

void render_paths(const Report& report, std::ostream& out) {
  struct Graph {
    std::string rules, title, input, mermaid;
  };
  std::vector<Graph> graphs;
  std::map<std::string, std::size_t> by_key;  // input + packages -> index in graphs
  bool truncated = false;
  for (const auto& f : report.findings) {
    const Input* input = nullptr;
    std::size_t input_index = 0;
    for (std::size_t i = 0; i < report.inputs.size(); ++i)
      if (report.inputs[i]->path == f.input) {
        input = report.inputs[i];
        input_index = i;
      }
    if (input == nullptr || f.packages.empty()) continue;
    std::vector<std::string> names;
    std::string title, key = f.input;
    for (const auto& p : f.packages) {
      names.push_back(p.name);
      title += (title.empty() ? "" : ", ") + code(p.name + " " + p.version);
      key += '\n' + p.name + ' ' + p.version;
    }
    if (const auto it = by_key.find(key); it != by_key.end()) {
      if (it->second != SIZE_MAX) graphs[it->second].rules += ", **" + md(f.rule) + "**";
      continue;
    }
    if (graphs.size() == k_graph_limit) {
      truncated = true;
      continue;
    }
    // The edges that are active where the input was checked.
    const auto& target = report.target_of(input_index);
    const auto env = pep508::environment_for(target.python, target.platform);
    auto mermaid = engine::mermaid_paths(*input, names, &env);
    // Without an edge, every package is a direct dependency: the table already says it all.
    if (mermaid.find(" --> ") == std::string::npos) {
      by_key.emplace(key, SIZE_MAX);
      continue;
    }
    by_key.emplace(key, graphs.size());
    graphs.push_back({"**" + md(f.rule) + "**", title, f.input, std::move(mermaid)});
  }
  if (graphs.empty()) return;
  out << "### Dependency paths\n\n";
  if (truncated)
    out << "_The first " << graphs.size()
        << " graphs; `depcheck why PACKAGE` shows any other._\n\n";
  for (const auto& g : graphs)
    out << g.rules << ": " << g.title << " in " << code(g.input) << "\n\n" << g.mermaid << '\n';
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
        if (p.where.line > 0)
          packages += " " + md(p.where.path) + ":" + std::to_string(p.where.line);
      }
      for (const auto& fix : f.fixes) fixes += (fixes.empty() ? "" : "<br>") + fix_cell(fix);
      std::string rule = md(f.rule);
      if (!f.references.empty() && is_web_link(f.references.front()))
        rule = "[" + rule + "](" + url(f.references.front()) + ")";
      out << "| " << icon(f.severity) << " | " << rule << " | " << packages << " | "
          << md(f.summary) << " | " << fixes << " |\n";
    }
    out << '\n';
  }
  render_paths(report, out);
  render_plans(report.plans, out);
  render_diagnostics(report.errors, "Input problems", out);
  render_diagnostics(report.warnings, "Warnings", out);
  if (report.findings.empty() && report.errors.empty())
    out << "No known incompatibilities found.\n";
}

}  // namespace depcheck::report
