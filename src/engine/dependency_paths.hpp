#pragma once
// The dependency paths that bring a package into an input, from the project's direct
// dependencies (Input::declared; without any, the packages nothing depends on):
//   fastapi 0.110.3 -> starlette 0.37.2 -> anyio 4.4.0
// For `depcheck why` and for the Markdown report's graph per finding. The graph comes from each
// package's `dependencies`; one backward breadth-first search from the target gives every
// node's distance to it, so the cost is linear in packages + edges (plus the paths printed).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/inventory.hpp"
#include "depcheck/pep508/marker.hpp"

namespace depcheck::engine {

constexpr std::size_t k_why_path_limit = 20;

struct WhyResult {
  bool found = false;          // the package is in the input
  std::string target;          // its label: "anyio 4.4.0"
  bool from_declared = false;  // paths start at declared dependencies (else at roots)
  std::vector<std::vector<std::string>> paths;  // labels, direct dependency first, target last
  std::vector<std::vector<std::string>> ids;    // the same paths as normalized names
  std::size_t total = 0;                        // every shortest path (saturates at a large number)
};

// Every shortest path from each direct dependency that leads to `package` (a direct dependency
// itself yields the one-element path), shortest first, then by name; at most `limit`. With
// `env`, only what is active there: packages whose own marker holds, edges whose marker holds
// for some extra.
WhyResult why_paths(const Input& input, std::string_view package,
                    const pep508::Environment* env = nullptr, std::size_t limit = k_why_path_limit);

// The union of the paths to each of `packages` as a Mermaid flowchart in a Markdown code fence,
// or "" when no path leads to any of them. The packages themselves are drawn bold. Node ids are
// encoded names (safe identifiers), labels are quoted:
//   ```mermaid
//   graph LR
//     p_fastapi["fastapi 0.110.3"]
//     p_starlette["starlette 0.37.2"]
//     p_fastapi --> p_starlette
//   ```
std::string mermaid_paths(const Input& input, const std::vector<std::string>& packages,
                          const pep508::Environment* env = nullptr);
inline std::string mermaid_paths(const Input& input, std::string_view package,
                                 const pep508::Environment* env = nullptr) {
  return mermaid_paths(input, std::vector<std::string>{std::string(package)}, env);
}

// A Mermaid node id for a package name: "p_" + the name with '-' as '_' for normalized names,
// else "x_" + the name with every other byte as _HH. Distinct names give distinct ids.
std::string mermaid_id(std::string_view name);
// A Mermaid label's text, for inside double quotes ('"' -> #quot;, '<' -> #lt; ...).
std::string mermaid_label(std::string_view text);

}  // namespace depcheck::engine
