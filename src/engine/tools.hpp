#pragma once
// The tools that own inputs and their command syntax, in one table: the fix planner writes its
// commands with it, and --installer takes its names. Which tool owns a format is a reader trait
// (FormatTraits::tool).
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/inventory.hpp"

namespace depcheck::engine {

// Where the project declares a package that a fix moves.
struct Placement {
  enum class Kind : unsigned char {
    transitive,  // not declared: only required by other packages
    main,        // the project's main dependencies
    group,       // a dependency group (Poetry group, PEP 735, uv/pdm dev groups, Pipenv develop)
    extra,       // an optional dependency of an extra
  };
  Kind kind = Kind::transitive;
  std::string name;                      // the group or extra ("" = not known)
  const Dependency* declared = nullptr;  // the declaration, where there is one
};

// The names --installer accepts: "poetry", "uv", "pdm", "pipenv", "pip".
std::vector<std::string_view> tool_names();

// Where `package` is declared among `declared` (the project's constraints), for a tool; a
// Pipenv lock says it through the package's own sections (`groups`).
Placement placement_of(const std::string& package, const std::vector<Dependency>& declared,
                       const std::vector<std::string>& lock_groups);

// One command that applies `package` + `versions` (e.g. "websockets", "<14") with `tool`, in
// the group or extra the project declares it in. A transitive package goes through the tool's
// own constraint mechanism where it has one. `lock_version` tells Poetry 1 from 2.
std::string add_command(std::string_view tool, const std::string& package,
                        const std::string& versions, const Placement& placement,
                        std::string_view lock_version);

// The command that re-locks after the project's constraints changed.
std::string relock_command(std::string_view tool);

}  // namespace depcheck::engine
