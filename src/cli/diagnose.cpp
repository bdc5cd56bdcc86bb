#include "cli/diagnose.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/check_run.hpp"
#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "cli/parallel.hpp"
#include "depcheck/diagnose.hpp"
#include "depcheck/report.hpp"
#include "depcheck/util/files.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::cli {
namespace {

using nlohmann::json;

constexpr std::size_t k_shown = 5;             // matches shown without --verbose
constexpr std::size_t k_evidence_width = 160;  // a log line is cut to this many bytes

std::string safe(std::string_view text) {
  return util::escape_for_terminal(text);
}

// A log line for the report: cut at a character boundary, then escaped.
std::string excerpt(std::string_view line) {
  if (line.size() <= k_evidence_width) return safe(line);
  std::size_t cut = k_evidence_width;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return safe(line.substr(0, cut)) + " ...";
}

// What one input says about one matched rule.
struct Verdict {
  const Input* input = nullptr;
  bool holds = false;
  const engine::Finding* finding = nullptr;  // when it holds
  std::vector<const Package*> packages;      // the rule's packages in the input, else
};

struct Diagnosis {
  diagnose::Match match;
  std::vector<Verdict> verdicts;
  bool holds_somewhere() const {
    return std::any_of(verdicts.begin(), verdicts.end(), [](const auto& v) { return v.holds; });
  }
};

std::string generic_fixes(const matrix::Rule& rule) {
  std::string text;
  for (const auto& fix : rule.fixes)
    text += (text.empty() ? "" : ", or ") + fix.package + fix.versions_text;
  return text;
}

std::string package_list(const std::vector<const Package*>& packages) {
  std::string text;
  for (const auto* p : packages) {
    text += (text.empty() ? "" : ", ") + p->name + " " +
            (p->version_text.empty() ? "(unversioned)" : p->version_text);
    if (p->where.line > 0) text += " (line " + std::to_string(p->where.line) + ")";
  }
  return text;
}

std::string finding_packages(const engine::Finding& finding) {
  std::string text;
  for (const auto& p : finding.packages) {
    text += (text.empty() ? "" : " + ") + p.name + " " + p.version;
    if (p.where.line > 0) text += " (line " + std::to_string(p.where.line) + ")";
  }
  return text;
}

std::string read_log(const std::string& path) {
  try {
    return path == "-" ? util::read_stdin() : util::read_file(path);
  } catch (const FatalError&) {
    throw;
  } catch (const std::exception& e) {
    throw FatalError(e.what(), Location{path == "-" ? "<stdin>" : path});
  }
}

// The inputs to judge the matches against: those given, else what the current folder holds.
struct Project {
  std::vector<std::unique_ptr<Input>> inputs;
  report::Report report;
  bool searched_here = false;  // nothing given: the current folder was looked at
};

void check_project(Project& project, Options options, const matrix::Matrix& matched) {
  project.searched_here = options.paths.empty() && options.env_dir.empty();
  Diagnostics find_errors;
  const auto files = find_inputs(options, find_errors);
  // A folder without a lock is not an error here: the log alone is diagnosed.
  if (!project.searched_here)
    project.report.errors.insert(project.report.errors.end(), find_errors.begin(),
                                 find_errors.end());
  if (files.empty()) return;
  project.inputs =
      read_inputs_parallel(files, project.report.errors, project.report.warnings, options.jobs);
  attach_project_constraints(project.inputs, project.report.errors, project.report.warnings);
  for (const auto& input : project.inputs) project.report.inputs.push_back(input.get());
  options.ignore.clear();  // the log shows the error: an ignored rule is still its cause
  check_inputs(project.report, matched, options);
}

std::vector<Diagnosis> judge(const diagnose::Scan& scan, const Project& project) {
  std::vector<Diagnosis> out;
  for (const auto& match : scan.matches) {
    Diagnosis d{match, {}};
    for (const Input* input : project.report.inputs) {
      if (!readers::traits_of(input->format).locks) continue;
      Verdict verdict{input, false, nullptr, {}};
      for (const auto& f : project.report.findings)
        if (f.rule == match.rule->id && f.input == input->path) {
          verdict.holds = true;
          verdict.finding = &f;
          break;
        }
      if (!verdict.holds)
        for (const auto& condition : match.rule->when)
          for (const auto& p : input->packages)
            if (p.name == condition.package) verdict.packages.push_back(&p);
      d.verdicts.push_back(std::move(verdict));
    }
    out.push_back(std::move(d));
  }
  // Rules that hold for the project first; the scan's order otherwise.
  std::stable_sort(out.begin(), out.end(), [](const Diagnosis& a, const Diagnosis& b) {
    return a.holds_somewhere() && !b.holds_somewhere();
  });
  return out;
}

void render_text(const std::string& log_name, const diagnose::Scan& scan,
                 const std::vector<Diagnosis>& diagnoses, const Project& project, bool verbose,
                 std::ostream& out) {
  if (diagnoses.empty()) {
    out << log_name << ": no known breakage matches (" << scan.lines
        << (scan.lines == 1 ? " line" : " lines") << " read; " << scan.rules_with_messages
        << " rules know their error messages)\n";
    return;
  }
  std::size_t holding = 0;
  for (const auto& d : diagnoses) holding += d.holds_somewhere() ? 1 : 0;
  const std::size_t n = diagnoses.size();
  out << log_name << ": " << n << (n == 1 ? " rule matches" : " rules match");
  const std::size_t locks =
      std::count_if(project.report.inputs.begin(), project.report.inputs.end(),
                    [](const Input* input) { return readers::traits_of(input->format).locks; });
  if (locks > 0) {
    if (n == 1)
      out << (holding == 1 ? "; it holds for the project" : "; it does not hold for the project");
    else
      out << "; " << holding << (holding == 1 ? " holds" : " hold") << " for the project";
  }
  out << "\n";
  const std::size_t shown = verbose ? diagnoses.size() : std::min(diagnoses.size(), k_shown);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& d = diagnoses[i];
    const auto& rule = *d.match.rule;
    out << "\n" << safe(rule.id) << "  [" << to_string(rule.severity) << "]\n";
    out << "  " << safe(rule.summary) << "\n";
    for (const auto& e : d.match.evidence)
      out << "  log line " << e.line << ": " << excerpt(e.text) << "\n";
    out << "  when: " << safe(rule.when_text());
    if (!rule.markers_text.empty()) out << " (" << safe(rule.markers_text) << ")";
    out << "\n";
    for (const auto& v : d.verdicts) {
      if (v.holds) {
        out << "  holds in " << safe(v.input->path) << ": " << safe(finding_packages(*v.finding))
            << "\n";
        const char* lead = "  fix: ";
        for (const auto& fix : v.finding->fixes) {
          if (!fix.consistent) continue;
          out << lead << safe(fix.command.empty() ? fix.package + fix.versions : fix.command);
          if (!fix.note.empty()) out << "  (" << safe(fix.note) << ")";
          out << "\n";
          lead = "  or:  ";
        }
      } else if (v.packages.empty()) {
        out << "  not in " << safe(v.input->path) << ": it locks none of these packages\n";
      } else {
        out << "  not in " << safe(v.input->path) << ", which locks "
            << safe(package_list(v.packages)) << "\n";
      }
    }
    if (d.verdicts.empty() && !rule.fixes.empty())
      out << "  fix: " << safe(generic_fixes(rule)) << "\n";
    if (verbose) {
      if (!rule.details.empty()) out << "\n" << util::wrap(safe(rule.details), 96, "  ");
      for (const auto& ref : rule.references) out << "  source: " << safe(ref) << "\n";
    }
  }
  if (shown < diagnoses.size())
    out << "\n... and " << diagnoses.size() - shown << " more (-v shows them all)\n";
  if (locks == 0)
    out << "\nhint: run it in the project's folder, or give --lock FILE or --env DIR, to see "
           "which of these hold for the project and get its fix commands\n";
  else if (holding == 0)
    out << "\nhint: none holds for the versions locked here; the log may come from another "
           "environment (check it with --env DIR)\n";
}

void render_json(const std::string& log_name, const diagnose::Scan& scan,
                 const std::vector<Diagnosis>& diagnoses, const Project& project,
                 std::ostream& out) {
  json doc = {{"schema_version", 1},
              {"tool", {{"name", "depcheck"}, {"version", DEPCHECK_VERSION}}},
              {"log", log_name},
              {"lines", scan.lines},
              {"rules_with_messages", scan.rules_with_messages},
              {"inputs", json::array()},
              {"matches", json::array()},
              {"errors", json::array()}};
  for (const Input* input : project.report.inputs)
    if (readers::traits_of(input->format).locks)
      doc["inputs"].push_back({{"path", input->path}, {"format", input->format}});
  for (const auto& d : diagnoses) {
    const auto& rule = *d.match.rule;
    json match = {{"rule", rule.id},           {"severity", to_string(rule.severity)},
                  {"summary", rule.summary},   {"score", d.match.score},
                  {"evidence", json::array()}, {"mentioned", d.match.mentioned},
                  {"fixes", json::array()},    {"verdicts", json::array()}};
    for (const auto& e : d.match.evidence)
      match["evidence"].push_back({{"line", e.line}, {"message", e.message}, {"text", e.text}});
    for (const auto& fix : rule.fixes)
      match["fixes"].push_back({{"package", fix.package}, {"versions", fix.versions_text}});
    for (const auto& v : d.verdicts) {
      json verdict = {{"input", v.input->path}, {"holds", v.holds}, {"packages", json::array()}};
      if (v.holds) {
        for (const auto& p : v.finding->packages)
          verdict["packages"].push_back(
              {{"name", p.name}, {"version", p.version}, {"line", p.where.line}});
        verdict["fixes"] = json::array();
        for (const auto& fix : v.finding->fixes)
          if (fix.consistent)
            verdict["fixes"].push_back({{"package", fix.package},
                                        {"versions", fix.versions},
                                        {"command", fix.command},
                                        {"note", fix.note}});
      } else {
        for (const auto* p : v.packages)
          verdict["packages"].push_back(
              {{"name", p->name}, {"version", p->version_text}, {"line", p->where.line}});
      }
      match["verdicts"].push_back(std::move(verdict));
    }
    doc["matches"].push_back(std::move(match));
  }
  for (const auto& e : project.report.errors)
    doc["errors"].push_back({{"message", e.message},
                             {"file", e.where.path},
                             {"line", e.where.line},
                             {"column", e.where.column}});
  // Invalid UTF-8 in a log line becomes U+FFFD rather than aborting the document.
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace

int diagnose(Options options) {
  if (options.format != "text" && options.format != "json") {
    const auto guess = util::did_you_mean(options.format, {"text", "json"});
    throw FatalError("diagnose prints text or json, not '" + options.format + "'" +
                     (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
  }
  std::string log_path = options.argument;
  if (log_path.empty()) {
    if (::isatty(STDIN_FILENO) == 1)
      throw FatalError(
          "diagnose reads a log: give a file, or - for standard input (e.g. pytest 2>&1 | "
          "depcheck diagnose -)");
    log_path = "-";
  }
  const std::string log = read_log(log_path);
  const std::string log_name = log_path == "-" ? "standard input" : log_path;

  const auto matrix = load_matrices(options);
  const auto scan = diagnose::scan_log(log, matrix);

  // Only the matched rules are checked against the project: its other findings are not what
  // the log is about.
  Project project;
  if (!scan.matches.empty()) {
    matrix::Matrix matched;
    matched.matrix_version = matrix.matrix_version;
    for (const auto& m : scan.matches) matched.rules.push_back(*m.rule);
    matched.reindex();
    check_project(project, options, matched);
    auto judged = judge(scan, project);
    report::render_diagnostics(project.report.errors, project.report.warnings, std::cerr,
                               report::RenderOptions{}, false);
    std::ostringstream rendered;
    if (options.format == "json")
      render_json(log_name, scan, judged, project, rendered);
    else
      render_text(safe(log_name), scan, judged, project, options.verbose, rendered);
    std::cout << rendered.str() << std::flush;
    return project.report.errors.empty() ? 0 : 2;
  }
  std::ostringstream rendered;
  if (options.format == "json")
    render_json(log_name, scan, {}, project, rendered);
  else
    render_text(safe(log_name), scan, {}, project, options.verbose, rendered);
  std::cout << rendered.str() << std::flush;
  return 1;
}

}  // namespace depcheck::cli
