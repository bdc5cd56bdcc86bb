// GitHub Actions workflow commands, one line per finding:
//   ::error file=poetry.lock,line=812,title=depcheck uvicorn-websockets::message
// Values are escaped as GitHub's own toolkit does (escapeData: % CR LF; escapeProperty: also
// : and ,), and every other control character or invalid UTF-8 byte is made visible first, so
// no text from a lock can end the line, start a command, or colour the log.
#include <fmt/format.h>

#include "depcheck/report.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::report {
namespace {

// "50%\nx" -> "50%25%0Ax"; "\x1b[31m" -> "\\x1b[31m". CR and LF are cut out before the terminal
// escape (they cannot sit inside a UTF-8 sequence), so they keep the toolkit's own escapes.
std::string escape_data(std::string_view text) {
  std::string out;
  const auto add_visible = [&](std::string_view part) {
    for (char c : util::escape_for_terminal(part)) {
      if (c == '%')
        out += "%25";
      else
        out += c;
    }
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r' && text[i] != '\n') continue;
    add_visible(text.substr(start, i - start));
    out += text[i] == '\r' ? "%0D" : "%0A";
    start = i + 1;
  }
  add_visible(text.substr(start));
  return out;
}

// "a,b:c" -> "a%2Cb%3Ac": a property value cannot end the property list or the command.
std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

std::string_view command_for(Severity severity) {
  return severity == Severity::error     ? "error"
         : severity == Severity::warning ? "warning"
                                         : "notice";
}

std::string properties(const Location& where, std::string_view title) {
  std::string props;
  if (!where.path.empty()) props += "file=" + escape_property(where.path) + ",";
  if (where.line > 0) props += "line=" + std::to_string(where.line) + ",";
  if (where.line > 0 && where.column > 0) props += "col=" + std::to_string(where.column) + ",";
  return props + "title=" + escape_property(title);
}

}  // namespace

void render_github(const Report& report, std::ostream& out) {
  for (const auto& d : report.errors)
    out << "::error " << properties(d.where, "depcheck: input error")
        << "::" << escape_data(d.message) << '\n';
  for (const auto& d : report.warnings)
    out << "::warning " << properties(d.where, "depcheck: input warning")
        << "::" << escape_data(d.message) << '\n';
  for (const auto& f : report.findings) {
    // The annotation sits on the first package's lock line; the others are named in the text.
    Location where{f.input};
    if (!f.packages.empty() && f.packages.front().where.line > 0) where = f.packages.front().where;
    // Our own line breaks become %0A along with any in the text: the annotation is multi-line,
    // the log line is one.
    std::string message = f.summary;
    std::string packages;
    for (const auto& p : f.packages)
      packages += (packages.empty() ? "" : ", ") + p.name + " " + p.version +
                  (p.where.line > 0 ? " (line " + std::to_string(p.where.line) + ")" : "");
    message += "\nPackages: " + packages;
    for (const auto& fix : f.fixes) {
      message += "\nFix: " + fix.command;
      if (!fix.note.empty()) message += " (" + fix.note + ")";
      if (!fix.consistent) message += " (conflicts: " + fix.reason + ")";
    }
    for (const auto& r : f.references) message += "\nSee: " + r;
    out << "::" << command_for(f.severity) << ' ' << properties(where, "depcheck " + f.rule)
        << "::" << escape_data(message) << '\n';
  }
  out << fmt::format("depcheck: {} error(s), {} warning(s), {} info, {} input problem(s)\n",
                     report.count(Severity::error), report.count(Severity::warning),
                     report.count(Severity::info), report.errors.size());
}

}  // namespace depcheck::report
