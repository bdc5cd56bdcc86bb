#include "engine/tools.hpp"

#include <algorithm>

namespace depcheck::engine {
namespace {

using Kind = Placement::Kind;

// A tool's syntax: how to add a requirement to each place, and how to re-lock.
struct Tool {
  std::string_view name;
  std::string_view add;     // "poetry add": main dependencies
  std::string_view relock;  // "poetry lock"
  // The option that adds to group `g` / extra `e`, and the option for the "dev" group.
  std::string (*group_option)(const std::string& group, std::string_view lock_version);
  std::string (*extra_option)(const std::string& extra, std::string_view lock_version);
};

// Groups came with Poetry 1.2; a lock-version 1.1 may be Poetry 1.1's, whose only group is
// --dev (still a shortcut for --group dev in Poetry 2).
std::string poetry_group(const std::string& g, std::string_view lock_version) {
  if (lock_version == "1.1" && g == "dev") return "--dev";
  return "--group " + g;
}
// Poetry 2 (lock-version 2.1) adds to an extra with --optional=EXTRA; Poetry 1's --optional
// is a flag that leaves [tool.poetry.extras] alone.
std::string poetry_extra(const std::string& e, std::string_view lock_version) {
  if (lock_version == "1.1" || lock_version == "2.0") return "--optional";
  return e.empty() ? "" : "--optional=" + e;
}
std::string uv_group(const std::string& g, std::string_view) {
  return g == "dev" ? "--dev" : "--group " + g;
}
std::string uv_extra(const std::string& e, std::string_view) {
  return e.empty() ? "" : "--optional " + e;
}
std::string pdm_group(const std::string& g, std::string_view) {
  return "-dG " + g;
}
std::string pdm_extra(const std::string& e, std::string_view) {
  return e.empty() ? "" : "-G " + e;
}
std::string pipenv_group(const std::string&, std::string_view) {
  return "--dev";
}
std::string no_extra(const std::string&, std::string_view) {
  return "";
}

const Tool k_tools[] = {
    {"poetry", "poetry add", "poetry lock", poetry_group, poetry_extra},
    {"uv", "uv add", "uv lock", uv_group, uv_extra},
    {"pdm", "pdm add", "pdm lock", pdm_group, pdm_extra},
    {"pipenv", "pipenv install", "pipenv lock", pipenv_group, no_extra},
    {"pip", "pip install", "pip-compile (or re-run pip freeze)", nullptr, no_extra},
};

const Tool& tool_of(std::string_view name) {
  for (const auto& tool : k_tools)
    if (tool.name == name) return tool;
  return k_tools[std::size(k_tools) - 1];
}

}  // namespace

std::vector<std::string_view> tool_names() {
  std::vector<std::string_view> names;
  for (const auto& tool : k_tools) names.push_back(tool.name);
  return names;
}

Placement placement_of(const std::string& package, const std::vector<Dependency>& declared,
                       const std::vector<std::string>& lock_groups) {
  Placement placement;
  // The project's own file wins over the lock's record of it (a fix edits the project), and
  // the main declaration over a group's: moving it moves what every install gets.
  const bool in_project = std::any_of(declared.begin(), declared.end(), [&](const Dependency& d) {
    return d.name == package && d.declared_in != DeclaredIn::lock;
  });
  for (const auto& d : declared) {
    if (d.name != package || (in_project && d.declared_in == DeclaredIn::lock)) continue;
    Placement here;
    here.declared = &d;
    here.name = d.group;
    here.kind = d.optional                             ? Kind::extra
                : d.group.empty() || d.group == "main" ? Kind::main
                                                       : Kind::group;
    if (here.kind == Kind::main) return here;
    if (!placement.declared) placement = here;
  }
  if (placement.declared) return placement;
  // Pipenv: a package locked only in "develop" is a dev package.
  if (!lock_groups.empty() && std::all_of(lock_groups.begin(), lock_groups.end(),
                                          [](const std::string& g) { return g == "develop"; }))
    return Placement{Kind::group, "develop", nullptr};
  return placement;
}

std::string add_command(std::string_view tool_name, const std::string& package,
                        const std::string& versions, const Placement& placement,
                        std::string_view lock_version) {
  const Tool& tool = tool_of(tool_name);
  const std::string requirement = package + versions;
  const std::string quoted = "\"" + requirement + "\"";
  const auto with = [&](const std::string& option) {
    return std::string(tool.add) + (option.empty() ? "" : " " + option) + " " + quoted;
  };
  // An edit the command line cannot say: change the declaration where it is written.
  const auto edit = [&] {
    return "change " + package + " to '" + versions + "' at " + placement.declared->where.str() +
           ", then run: " + std::string(tool.relock);
  };
  switch (placement.kind) {
    case Kind::main:
      return with("");
    case Kind::group:
      return tool.group_option ? with(tool.group_option(placement.name, lock_version)) : with("");
    case Kind::extra: {
      const auto option = tool.extra_option(placement.name, lock_version);
      if (option.empty())
        return placement.declared && placement.declared->declared_in != DeclaredIn::lock ? edit()
                                                                                         : with("");
      return with(option);
    }
    case Kind::transitive:
      break;
  }
  // Keeps a transitive package's range out of the project's own dependencies where the tool
  // has a mechanism for it.
  if (tool.name == "uv")
    return "add " + quoted +
           " to [tool.uv] constraint-dependencies in pyproject.toml, then run: uv lock";
  if (tool.name == "pdm")
    return "add " + package + " = \"" + versions +
           "\" under [tool.pdm.resolution.overrides] in pyproject.toml, then run: pdm lock";
  if (tool.name == "pip")
    return "add the line '" + requirement +
           "' to a constraints file and install with: pip install -c constraints.txt -r "
           "requirements.txt";
  return with("");
}

std::string relock_command(std::string_view tool) {
  return std::string(tool_of(tool).relock);
}

}  // namespace depcheck::engine
