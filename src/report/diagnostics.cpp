// Diagnostics about the run, for stderr: one line each, whatever the report's format.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "depcheck/report.hpp"
#include "depcheck/util/text.hpp"
#include "report/terminal_text.hpp"

namespace depcheck::report {
namespace {

using detail::safe;
using detail::where;

// Long input lines (a minified lock, a 4 MB requirement) are shown as a window around the
// column, and long messages (which quote the input) are cut, so that one bad line cannot flood a
// terminal or a CI log. The JSON report keeps them whole.
constexpr std::size_t k_max_shown_line = 160;
constexpr std::size_t k_max_shown_message = 1000;

// `text` cut to at most `max` bytes at a UTF-8 character boundary.
std::string_view cut(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  while (max > 0 && (static_cast<unsigned char>(text[max]) & 0xC0) == 0x80) --max;
  return text.substr(0, max);
}

void render_source_line(const Diagnostic& d, std::ostream& out) {
  std::string_view line = d.source_line;
  auto column = static_cast<std::size_t>(std::max(d.where.column, 0));
  std::string before, after;
  if (line.size() > k_max_shown_line) {
    std::size_t start = column > k_max_shown_line / 2 ? column - k_max_shown_line / 2 : 0;
    while (start > 0 && (static_cast<unsigned char>(line[start]) & 0xC0) == 0x80) --start;
    if (start > 0) before = "...";
    const auto shown = cut(line.substr(start), k_max_shown_line);
    if (start + shown.size() < line.size()) after = "...";
    line = shown;
    if (column > 0) column = column - start + before.size();
  }
  out << "    " << before << safe(line) << after << '\n';
  if (column > 0) out << "    " << std::string(column - 1, ' ') << "^\n";
}

void render_diagnostic(const Diagnostic& d, std::string_view label, const RenderOptions& options,
                       bool source, std::ostream& out) {
  // The start (what is wrong) and the end (where: "at column N") of a long message.
  std::string message = safe(d.message);
  if (d.message.size() > k_max_shown_message) {
    const auto head = cut(d.message, k_max_shown_message * 2 / 3);
    auto tail_start = d.message.size() - k_max_shown_message / 3;
    while (tail_start < d.message.size() &&
           (static_cast<unsigned char>(d.message[tail_start]) & 0xC0) == 0x80)
      ++tail_start;
    message = safe(head) + "... (" + std::to_string(tail_start - head.size()) +
              " bytes not shown) ..." + safe(std::string_view(d.message).substr(tail_start));
  }
  const auto paint = [&](std::string_view code, std::string_view text) {
    return options.color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  };
  out << "depcheck: " << paint(label == "error" ? "1;31" : "1;33", label) << ": ";
  if (!d.where.path.empty())
    out << paint("1",
                 where(d.where) + (d.where.column > 0 ? ":" + std::to_string(d.where.column) : ""))
        << ": ";
  out << message << '\n';
  if (source && !d.source_line.empty()) render_source_line(d, out);
}

}  // namespace

void render_diagnostics(const Diagnostics& errors, const Diagnostics& warnings, std::ostream& out,
                        const RenderOptions& options, bool source) {
  for (const auto& d : errors) render_diagnostic(d, "error", options, source, out);
  for (const auto& d : warnings) render_diagnostic(d, "warning", options, source, out);
}

void render_diagnostic_line(const Diagnostic& d, std::ostream& out) {
  render_diagnostic(d, d.severity == Severity::error ? "error" : "warning", RenderOptions{}, false,
                    out);
}

}  // namespace depcheck::report
