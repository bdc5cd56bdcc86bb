#pragma once
// The record every reader produces: what one input (a lock, a requirements file, an installed
// environment, a pyproject) says is locked or installed, and what it declares.
#include <optional>
#include <string>
#include <vector>

#include "depcheck/diagnostic.hpp"
#include "depcheck/pep440/specifier.hpp"
#include "depcheck/pep440/version.hpp"
#include "depcheck/pep508/marker.hpp"

namespace depcheck {

// Where a declared requirement was written: a lock is compared only with what its own tool
// reads (a uv.lock never with [tool.poetry.group.*] of a project that also keeps a poetry.lock).
enum class DeclaredIn : unsigned char {
  lock,               // the lock's own record of what was declared (uv [manifest], metadata)
  project,            // pyproject [project] (PEP 621)
  dependency_groups,  // pyproject [dependency-groups] (PEP 735)
  poetry,             // [tool.poetry.*]
  uv,                 // [tool.uv] dev-dependencies, constraint- and override-dependencies
  pdm,                // [tool.pdm] dev-dependencies, resolution overrides
};

// One declared dependency (of a package, or of the project itself).
struct Dependency {
  std::string name;            // PEP 503-normalized
  std::string specifier_text;  // as written (after translating poetry's ^ ~ * forms to PEP 440)
  pep440::SpecifierSet specifiers;
  // Poetry's "||": the version must lie in one of these (then `specifiers` is unused).
  std::vector<pep440::SpecifierSet> any_of;
  std::string marker_text;  // "" = always applies
  std::optional<pep508::Marker> marker;
  std::vector<std::string> extras;  // extras requested of the dependency
  bool optional = false;            // only with an extra of the dependent
  std::string group;                // "" main; "dev", an extra's name, a dependency group, ...
  std::string url;                  // direct reference, if any
  std::string locked_version;       // the version the edge points at, where the lock says (uv)
  DeclaredIn declared_in = DeclaredIn::lock;
  Location where;

  // Whether `version` satisfies this dependency's version constraint.
  bool allows(const pep440::Version& version) const {
    if (any_of.empty()) return specifiers.contains(version);
    for (const auto& set : any_of)
      if (set.contains(version)) return true;
    return false;
  }
};

// One locked or installed distribution.
struct Package {
  std::string name;          // PEP 503-normalized
  std::string display_name;  // as written
  std::string version_text;  // exactly as written ("" = unversioned: path/git/virtual sources)
  std::optional<pep440::Version> version;  // parsed; absent if unversioned
  Location where;                          // line of the entry (1-based), when the input has lines
  std::vector<Dependency> dependencies;
  std::string requires_python;  // as written ("" = unknown)
  std::string marker_text;      // when the package applies (uv forks, pylock, requirements)
  std::string source;  // "registry" | "git" | "url" | "path" | "directory" | "editable" | "virtual"
  std::vector<std::string> groups;  // categories / groups the input names ("main", "dev", ...)
};

// What one input file yields.
struct Input {
  std::string path;                     // as given on the command line or found in a directory
  std::string format;                   // reader id: "poetry.lock", "uv.lock", ...
  std::vector<Package> packages;        // versioned entries, in file order
  std::vector<Package> unversioned;     // entries without a version (listed, not checked)
  std::vector<Dependency> unpinned;     // requirements lines that do not pin one version
  std::vector<Dependency> constraints;  // requirements from -c files
  std::vector<Dependency> declared;     // the project's own constraints (pyproject, lock roots)
  std::string requires_python;          // the input's python constraint, as written
  std::string lock_version;             // the format's own version field, if any

  // What the project beside the input says (pyproject.toml), and what the lock's tool applied.
  std::string project_name;             // PEP 503-normalized; "" unknown
  std::string project_requires_python;  // the pyproject's, as written ("" = none)
  std::string project_file;             // the pyproject it came from
  // uv override-dependencies, pdm resolution overrides: each replaces every requirement on its
  // name while resolving, so the lock follows the override, not the dependents.
  std::vector<Dependency> overrides;
  std::vector<std::string> locked_groups;  // pdm [metadata] groups: what the lock was made for
  // The project declares its dependencies dynamically (a build backend fills them in): its
  // declared list is not the whole story.
  bool dynamic_dependencies = false;
  // A requirements file whose header says pip-compile or uv made it from pyproject.toml.
  bool compiled_from_project = false;
  // [tool.uv.workspace] members and exclude: globs of member folders, relative to the project.
  std::vector<std::string> workspace_members;
  std::vector<std::string> workspace_exclude;
  // An installed environment's own interpreter ("3.11.4", from pyvenv.cfg or lib/pythonX.Y).
  std::string python;
  // A virtualenv made with --system-site-packages (pyvenv.cfg): it also imports what the base
  // interpreter has installed, which is not read.
  bool sees_system_packages = false;
};

}  // namespace depcheck
