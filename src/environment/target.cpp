// The target environment of one input: which Python and platform its tool installs for.
#include <algorithm>
#include <string>
#include <vector>

#include "depcheck/environment.hpp"
#include "depcheck/pep440/specifier.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::environment {
namespace {

// The CPython lines a target can be; each is checked where a project allows a range.
constexpr const char* k_minors[] = {"3.6",  "3.7",  "3.8",  "3.9",  "3.10",
                                    "3.11", "3.12", "3.13", "3.14", "3.15"};
// More patch releases than any line has had (3.8 ended at 3.8.20).
constexpr int k_max_patch = 40;

// The lowest release of `minor` that `set` allows ("3.8", or "3.8.1" where 3.8.0 is excluded);
// "" if none does.
std::string lowest_release(const pep440::SpecifierSet& set, const std::string& minor) {
  for (int patch = 0; patch <= k_max_patch; ++patch) {
    const std::string text = minor + "." + std::to_string(patch);
    if (set.contains(*pep440::parse_version(text))) return patch == 0 ? minor : text;
  }
  return "";
}

// The alternatives of a constraint: PDM joins its targets' ranges with "||".
std::vector<pep440::SpecifierSet> alternatives(std::string_view constraint) {
  std::vector<pep440::SpecifierSet> sets;
  std::size_t start = 0;
  while (start <= constraint.size()) {
    const auto bar = constraint.find("||", start);
    const auto part =
        util::trim(constraint.substr(start, bar == std::string_view::npos ? bar : bar - start));
    if (auto set = pep440::parse_specifier_set(part)) sets.push_back(std::move(*set));
    if (bar == std::string_view::npos) break;
    start = bar + 2;
  }
  return sets;
}

// The lowest release of each allowed minor, lowest first.
std::vector<std::string> lowest_releases(std::string_view constraint) {
  std::vector<std::string> releases;
  const auto sets = alternatives(constraint);
  for (const char* minor : k_minors) {
    std::string lowest;
    for (const auto& set : sets) {
      auto candidate = lowest_release(set, minor);
      if (!candidate.empty() && (lowest.empty() || candidate.size() < lowest.size() ||
                                 (candidate.size() == lowest.size() && candidate < lowest)))
        lowest = std::move(candidate);
    }
    if (!lowest.empty()) releases.push_back(std::move(lowest));
  }
  return releases;
}

}  // namespace

std::vector<std::string> python_minors_allowed(std::string_view constraint) {
  std::vector<std::string> minors;
  for (const auto& release : lowest_releases(constraint)) {
    const auto second_dot = release.find('.', 2);
    minors.push_back(second_dot == std::string::npos ? release : release.substr(0, second_dot));
  }
  return minors;
}

Target assume_target(const std::string& python, const std::string& platform, const Input& input) {
  Target target;
  target.platform = platform.empty() ? "linux" : platform;
  const std::string on_linux = platform.empty() ? ", platform linux" : "";
  if (!python.empty()) {
    target.python = python;
    if (platform.empty()) target.assumed = "platform linux assumed";
    return target;
  }
  if (!input.python.empty()) {
    // An installed environment knows its interpreter.
    target.python = input.python;
    target.assumed = "the environment's own python" + on_linux;
    return target;
  }
  // The lowest CPython release the project allows: problems on old Pythons show first, and that
  // is the oldest interpreter the project promises to work on. The pyproject's constraint is
  // the project's promise; the lock's is what its tool resolved for.
  const bool from_project = !input.project_requires_python.empty();
  const std::string& constraint =
      from_project ? input.project_requires_python : input.requires_python;
  const std::string& source = from_project ? input.project_file : input.path;
  if (!constraint.empty()) {
    const auto releases = lowest_releases(constraint);
    if (!releases.empty()) {
      target.python = releases.front();
      target.pythons = releases;
      target.assumed = "lowest python allowed by " + source + " ('" + constraint + "')" + on_linux;
      return target;
    }
  }
  target.python = "3.12";
  target.declared = false;
  target.pythons.assign(std::begin(k_minors) + 2, std::end(k_minors));  // 3.8 and later
  target.assumed = "no python constraint declared; assumed 3.12";
  if (platform.empty()) target.assumed += " on linux";
  return target;
}

std::string python_target_problem(std::string_view text) {
  const auto parts = util::split(text, '.');
  const bool numeric =
      (parts.size() == 2 || parts.size() == 3) &&
      std::all_of(parts.begin(), parts.end(), [](std::string_view part) {
        return !part.empty() && part.size() <= 3 &&
               std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
      });
  if (!numeric) return "expected X.Y or X.Y.Z, e.g. 3.12 or 3.12.4";
  const int major = std::stoi(std::string(parts[0])), minor = std::stoi(std::string(parts[1]));
  if ((major == 2 && minor == 7) || (major == 3 && minor <= 16)) return "";
  return "no Python " + std::to_string(major) + "." + std::to_string(minor) +
         " exists (2.7, or 3.0 to 3.16)";
}

}  // namespace depcheck::environment
