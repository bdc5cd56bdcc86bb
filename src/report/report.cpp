#include "depcheck/report.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

namespace depcheck::report {

const std::vector<FormatInfo>& all_formats() {
  static const std::vector<FormatInfo> formats = {
      {Format::text, "text", "for a person, with fixes as commands"},
      {Format::json, "json", "the JSON report of SPEC.md (schema_version 1)"},
      {Format::sarif, "sarif", "SARIF 2.1.0 for code-scanning tools"},
      {Format::github, "github", "GitHub Actions workflow commands (annotations)"},
      {Format::markdown, "markdown", "a Markdown table for pull-request comments"},
      {Format::gitlab, "gitlab", "GitLab Code Quality (CodeClimate JSON) for merge requests"},
  };
  return formats;
}

const FormatInfo* find_format(std::string_view name) {
  for (const auto& info : all_formats())
    if (info.name == name) return &info;
  return nullptr;
}

std::string finding_fingerprint(const engine::Finding& f) {
  // FNV-1a, 64-bit: stable across runs, platforms and releases (unlike std::hash).
  std::uint64_t hash = 1469598103934665603ULL;
  const auto add = [&](std::string_view text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 1099511628211ULL;
    }
    hash ^= 0xff;  // separator, so ("ab","c") differs from ("a","bc")
    hash *= 1099511628211ULL;
  };
  add(f.rule);
  add(f.input);
  for (const auto& p : f.packages) {
    add(p.name);
    add(p.version);
  }
  // One package can miss several requirements: each is its own finding.
  if (f.requirement) add(f.requirement->name);
  return fmt::format("{:016x}", hash);
}

int Report::count(Severity severity) const {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(),
                    [&](const engine::Finding& f) { return f.severity == severity; }));
}

void render(const Report& report, Format format, std::ostream& out, const RenderOptions& options) {
  switch (format) {
    case Format::text:
      return render_text(report, out, options);
    case Format::json:
      return render_json(report, out);
    case Format::sarif:
      return render_sarif(report, out);
    case Format::github:
      return render_github(report, out);
    case Format::markdown:
      return render_markdown(report, out);
    case Format::gitlab:
      return render_gitlab(report, out);
  }
}

}  // namespace depcheck::report
