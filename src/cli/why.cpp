#include "cli/why.hpp"

#include "depcheck/diagnostic.hpp"
#include "depcheck/environment.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "depcheck/util/text.hpp"
#include "engine/dependency_paths.hpp"

namespace depcheck::cli {
namespace {

using engine::mermaid_paths;
using engine::why_paths;

// Markdown outside code: escapes the characters that would format.
std::string markdown_text(std::string_view text) {
  std::string out;
  for (const char c : util::escape_for_terminal(text)) {
    if (std::string_view("\\`*_[]<>#|").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

}  // namespace

std::string render_why(const std::vector<const Input*>& inputs, std::string_view package,
                       bool markdown, const std::string& python, const std::string& platform) {
  std::vector<const Input*> locks;
  for (const Input* input : inputs)
    if (input->format != "pyproject.toml") locks.push_back(input);

  std::string out;
  bool found = false;
  for (const Input* input : locks) {
    // What is active in the input's target: a win32-only edge is no path on linux.
    const auto target = environment::assume_target(python, platform, *input);
    const auto env = pep508::environment_for(target.python, target.platform);
    const auto result = why_paths(*input, package, &env);
    if (!result.found) continue;
    found = true;
    const std::string source =
        result.from_declared ? "the project's dependencies" : "the top-level packages";
    std::string summary;
    if (result.paths.empty()) {
      summary = "locked, but no dependency path leads to it on python " + target.python + ", " +
                target.platform;
    } else {
      summary = plural(result.total, "shortest path") + " from " + source;
      if (result.total > result.paths.size())
        summary += " (the first " + std::to_string(result.paths.size()) + " shown)";
    }
    if (markdown) {
      if (!out.empty()) out += '\n';
      out += "**" + markdown_text(result.target) + "** in " + markdown_text(input->path) + ": " +
             summary + "\n\n";
      out += mermaid_paths(*input, package, &env);
      continue;
    }
    out += util::escape_for_terminal(result.target) + " in " +
           util::escape_for_terminal(input->path) + ": " + summary + '\n';
    for (const auto& path : result.paths) {
      std::string line;
      for (const auto& label : path)
        line += (line.empty() ? "" : " -> ") + util::escape_for_terminal(label);
      if (path.size() == 1) line += " (direct dependency)";
      out += "  " + line + '\n';
    }
    if (result.total > result.paths.size())
      out += "  ... and " + plural(result.total - result.paths.size(), "more path") + '\n';
  }
  if (found) return out;

  std::vector<std::string> names;
  std::string where;
  for (const Input* input : locks) {
    where += (where.empty() ? "" : ", ") + input->path;
    for (const auto* list : {&input->packages, &input->unversioned})
      for (const auto& p : *list) names.push_back(p.name);
  }
  std::vector<std::string_view> candidates(names.begin(), names.end());
  const auto wanted = pep508::normalize_name(package);
  const auto guess = util::did_you_mean(wanted, candidates);
  throw FatalError("package '" + std::string(package) + "' is not in " +
                   (where.empty() ? "any lock" : where) +
                   (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
}

}  // namespace depcheck::cli
