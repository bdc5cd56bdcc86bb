// GitHub Actions workflow commands, one line per finding:
//   ::error file=poetry.lock,line=812,title=depcheck uvicorn-websockets::message
// Values are escaped as GitHub's own toolkit does (escapeData / escapeProperty), after control
// characters are made visible, so no text from a lock can end the line or start a command.
#include <fmt/format.h>

#include "depcheck/report.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::report {
namespace {

std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : util::escape_for_terminal(text)) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string_view command_for(Severity severity) {
  return severity == Severity::error ? "error" : severity == Severity::warning ? "warning" : "notice";
}

std::string properties(const Location& where, std::string_view title) {
  std::string props = "file=" + escape_property(where.path);
  if (where.line > 0) props += ",line=" + std::to_string(where.line);
  if (where.column > 0) props += ",col=" + std::to_string(where.column);
  return props + ",title=" + escape_property(title);
}

}  // namespace

void render_github(const Report& report, std::ostream& out) {
  for (const auto& d : report.errors)
    out << "::error " << properties(d.where, "depcheck: input error") << "::" << escape_data(d.message) << '\n';
  for (const auto& d : report.warnings)
    out << "::warning " << properties(d.where, "depcheck: input warning") << "::" << escape_data(d.message) << '\n';
  for (const auto& f : report.findings) {
    // The annotation sits on the first package's lock line; the others are named in the text.
    Location where{f.input};
    if (!f.packages.empty() && f.packages.front().where.line > 0) where = f.packages.front().where;
    std::string message = f.summary;
    std::string packages;
    for (const auto& p : f.packages)
      packages += (packages.empty() ? "" : ", ") + p.name + " " + p.version +
                  (p.where.line > 0 ? " (line " + std::to_string(p.where.line) + ")" : "");
    message += "\nPackages: " + packages;
    for (const auto& fix : f.fixes) message += "\nFix: " + fix.command;
    for (const auto& r : f.references) message += "\nSee: " + r;
    // Our own line breaks are data escapes; those inside input text were made visible above.
    std::string escaped;
    for (auto part : util::split(message, '\n')) escaped += (escaped.empty() ? "" : "%0A") + escape_data(part);
    out << "::" << command_for(f.severity) << ' ' << properties(where, "depcheck " + f.rule) << "::" << escaped
        << '\n';
  }
  out << fmt::format("depcheck: {} error(s), {} warning(s), {} info, {} input problem(s)\n",
                     report.count(Severity::error), report.count(Severity::warning),
                     report.count(Severity::info), report.errors.size());
}

}  // namespace depcheck::report
