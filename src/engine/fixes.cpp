#include "engine/fixes.hpp"

#include <algorithm>

namespace depcheck::engine {
namespace {

bool declares(const Input& input, const std::string& package) {
  return std::any_of(input.declared.begin(), input.declared.end(),
                     [&](const Dependency& d) { return d.name == package; });
}

}  // namespace

std::string installer_for(const std::string& format) {
  if (format == "poetry.lock") return "poetry";
  if (format == "uv.lock") return "uv";
  if (format == "pdm.lock") return "pdm";
  if (format == "Pipfile.lock") return "pipenv";
  return "pip";
}

std::string fix_command(const std::string& installer, const std::string& package,
                        const std::string& versions, bool direct) {
  const std::string requirement = package + versions;
  const std::string quoted = "\"" + requirement + "\"";
  if (installer == "poetry") return "poetry add " + quoted;
  if (installer == "uv") {
    if (direct) return "uv add " + quoted;
    // uv keeps transitive pins out of the project's dependencies with constraint-dependencies.
    return "add " + quoted + " to [tool.uv] constraint-dependencies in pyproject.toml, then run: uv lock";
  }
  if (installer == "pdm") {
    if (direct) return "pdm add " + quoted;
    return "add " + quoted + " to [tool.pdm.resolution] overrides in pyproject.toml, then run: pdm lock";
  }
  if (installer == "pipenv") return "pipenv install " + quoted;
  return "add the line '" + requirement + "' to a constraints file and install with: pip install -c constraints.txt -r requirements.txt";
}

std::vector<FixOption> fix_options(const matrix::Rule& rule, const Input& input) {
  std::vector<FixOption> options;
  const auto installer = installer_for(input.format);
  for (const auto& fix : rule.fixes) {
    FixOption option;
    option.package = fix.package;
    option.versions = fix.versions_text;
    option.command = fix_command(installer, fix.package, fix.versions_text, declares(input, fix.package));
    options.push_back(std::move(option));
  }
  return options;
}

}  // namespace depcheck::engine
