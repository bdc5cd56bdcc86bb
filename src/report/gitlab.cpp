// GitLab Code Quality: a JSON array of CodeClimate issues, of which GitLab reads description,
// check_name, fingerprint, severity, location.path and location.lines.begin (see
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format). The merge request
// widget compares reports by fingerprint, so it is what the finding is about, not its line.
#include <nlohmann/json.hpp>

#include "depcheck/report.hpp"

namespace depcheck::report {
namespace {

using nlohmann::ordered_json;

// GitLab's scale is info, minor, major, critical, blocker: an error fails CI (critical), a
// warning is worth a look (minor).
std::string_view severity_of(Severity s) {
  switch (s) {
    case Severity::error:
      return "critical";
    case Severity::warning:
      return "minor";
    case Severity::info:
      return "info";
  }
  return "info";
}

std::string description_of(const engine::Finding& f) {
  std::string packages;
  for (const auto& p : f.packages)
    packages += (packages.empty() ? "" : " + ") + p.name + " " + p.version;
  std::string text = packages.empty() ? f.summary : packages + ": " + f.summary;
  for (const auto& fix : f.fixes)
    if (fix.consistent && !fix.command.empty()) {
      text += " Fix: " + fix.command;
      break;
    }
  return text;
}

}  // namespace

void render_gitlab(const Report& report, std::ostream& out) {
  ordered_json issues = ordered_json::array();
  for (const auto& f : report.findings) {
    // The first package's line; an input without lines is pointed at as a whole (line 1).
    const Location* at = f.packages.empty() ? nullptr : &f.packages.front().where;
    const std::string path = at && !at->path.empty() ? at->path : f.input;
    const int line = at && at->line > 0 ? at->line : 1;
    issues.push_back({{"type", "issue"},
                      {"check_name", f.rule},
                      {"description", description_of(f)},
                      {"categories", {"Bug Risk"}},
                      {"fingerprint", finding_fingerprint(f)},
                      {"severity", severity_of(f.severity)},
                      {"location", {{"path", path}, {"lines", {{"begin", line}}}}}});
  }
  // dump() escapes control characters; invalid UTF-8 is replaced, never passed on.
  out << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace depcheck::report
