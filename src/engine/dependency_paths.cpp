#include "engine/dependency_paths.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "depcheck/pep508/marker.hpp"
#include "depcheck/pep508/requirement.hpp"

namespace depcheck::engine {
namespace {

constexpr std::size_t k_unreached = std::numeric_limits<std::size_t>::max();
constexpr std::size_t k_count_cap = std::size_t{1} << 40;

// The dependency graph of one input: a node per package name (a name locked twice, as in
// uv's forks, is one node with both versions), an edge per declared dependency on a node.
struct Graph {
  std::vector<std::string> names;  // normalized
  std::vector<std::string> labels;
  std::vector<std::vector<std::size_t>> successors;
  std::vector<std::vector<std::size_t>> predecessors;
  std::unordered_map<std::string, std::size_t> index;
};

// Whether a marker text holds in `env` for some extra ("" and unparsable texts hold: the graph
// leaves out only what is certainly not installed there).
bool may_hold(const std::string& marker_text, const pep508::Environment* env) {
  if (!env || marker_text.empty()) return true;
  const auto marker = pep508::parse_marker(marker_text);
  return !marker || marker->holds_with_some_extra(*env);
}

Graph build_graph(const Input& input, const pep508::Environment* env) {
  Graph g;
  std::vector<const Package*> all;
  // A package (a fork) whose own marker fails in the target is not installed there.
  for (const auto& p : input.packages)
    if (may_hold(p.marker_text, env)) all.push_back(&p);
  for (const auto& p : input.unversioned)
    if (may_hold(p.marker_text, env)) all.push_back(&p);
  std::vector<std::vector<std::string>> versions;
  for (const Package* p : all) {
    const auto name = pep508::normalize_name(p->name);
    auto [it, inserted] = g.index.emplace(name, g.names.size());
    if (inserted) {
      g.names.push_back(name);
      g.labels.push_back(p->display_name.empty() ? p->name : p->display_name);
      versions.emplace_back();
    }
    auto& list = versions[it->second];
    if (!p->version_text.empty() &&
        std::find(list.begin(), list.end(), p->version_text) == list.end())
      list.push_back(p->version_text);
  }
  for (std::size_t i = 0; i < g.names.size(); ++i) {
    std::string joined;
    for (const auto& v : versions[i]) joined += (joined.empty() ? "" : " | ") + v;
    if (!joined.empty()) g.labels[i] += " " + joined;
  }
  g.successors.resize(g.names.size());
  g.predecessors.resize(g.names.size());
  for (const Package* p : all) {
    const auto from = g.index.at(pep508::normalize_name(p->name));
    for (const auto& dependency : p->dependencies) {
      // Only edges that are active in the target (a win32-only dependency is none on linux).
      if (env && dependency.marker && !dependency.marker->holds_with_some_extra(*env)) continue;
      const auto it = g.index.find(pep508::normalize_name(dependency.name));
      if (it == g.index.end() || it->second == from) continue;
      g.successors[from].push_back(it->second);
    }
  }
  // Successors by name: paths come out in a stable order. Duplicate edges (one dependency per
  // marker, or a name locked twice) would duplicate paths.
  for (std::size_t i = 0; i < g.names.size(); ++i) {
    auto& next = g.successors[i];
    std::sort(next.begin(), next.end(), [&](auto a, auto b) { return g.names[a] < g.names[b]; });
    next.erase(std::unique(next.begin(), next.end()), next.end());
    for (const auto n : next) g.predecessors[n].push_back(i);
  }
  return g;
}

// Distance of every node to `target` along dependency edges (backward BFS from the target), and
// the nodes in the order reached (by increasing distance).
std::vector<std::size_t> distances_to(const Graph& g, std::size_t target,
                                      std::vector<std::size_t>& order) {
  std::vector<std::size_t> distance(g.names.size(), k_unreached);
  distance[target] = 0;
  order = {target};
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto node = order[i];
    for (const auto previous : g.predecessors[node]) {
      if (distance[previous] != k_unreached) continue;
      distance[previous] = distance[node] + 1;
      order.push_back(previous);
    }
  }
  return distance;
}

// Iterative throughout: a dependency chain can be as long as the lock.
class PathCollector {
 public:
  PathCollector(const Graph& g, const std::vector<std::size_t>& distance,
                const std::vector<std::size_t>& order, std::size_t limit)
      : m_graph(g), m_distance(distance), m_limit(limit), m_count(g.names.size(), 0) {
    // The number of shortest paths to the target from each node, saturating: in order of
    // increasing distance, each node sums the counts of its successors one step closer.
    for (const auto node : order) {
      if (m_distance[node] == 0) {
        m_count[node] = 1;
        continue;
      }
      for (const auto next : g.successors[node])
        if (m_distance[next] + 1 == m_distance[node])
          m_count[node] = std::min(k_count_cap, m_count[node] + m_count[next]);
    }
  }

  std::size_t count(std::size_t node) const { return m_count[node]; }

  // Every shortest path from `start` in name order, until `out` holds `limit` paths.
  void collect(std::size_t start, std::vector<std::vector<std::size_t>>& out) const {
    std::vector<std::size_t> path{start};
    std::vector<std::size_t> next_edge{0};  // per path position: the next successor to try
    while (!path.empty() && out.size() < m_limit) {
      const auto node = path.back();
      if (m_distance[node] == 0) {
        out.push_back(path);
        path.pop_back();
        next_edge.pop_back();
        continue;
      }
      const auto& successors = m_graph.successors[node];
      auto& i = next_edge.back();
      while (i < successors.size() && m_distance[successors[i]] + 1 != m_distance[node]) ++i;
      if (i == successors.size()) {
        path.pop_back();
        next_edge.pop_back();
        continue;
      }
      path.push_back(successors[i++]);
      next_edge.push_back(0);
    }
  }

 private:
  const Graph& m_graph;
  const std::vector<std::size_t>& m_distance;
  std::size_t m_limit;
  std::vector<std::size_t> m_count;
};

bool is_normalized_name(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '-' && name[i - 1] == '-') return false;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

std::string mermaid_id(std::string_view name) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string id;
  if (is_normalized_name(name)) {
    id = "p_";
    for (const char c : name) id += c == '-' ? '_' : c;
    return id;
  }
  id = "x_";
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      id += c;
    } else {
      id += '_';
      id += k_hex[byte >> 4];
      id += k_hex[byte & 15];
    }
  }
  return id;
}

std::string mermaid_label(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '`':
        out += "#96;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

WhyResult why_paths(const Input& input, std::string_view package, const pep508::Environment* env,
                    std::size_t limit) {
  WhyResult result;
  const Graph g = build_graph(input, env);
  const auto target_it = g.index.find(pep508::normalize_name(package));
  if (target_it == g.index.end()) return result;
  const auto target = target_it->second;
  result.found = true;
  result.target = g.labels[target];
  std::vector<std::size_t> order;
  const auto distance = distances_to(g, target, order);

  // Direct dependencies: what the project declares; without a declared one that leads to the
  // target, the packages nothing depends on.
  std::vector<std::size_t> starts;
  for (const auto& dependency : input.declared) {
    const auto it = g.index.find(pep508::normalize_name(dependency.name));
    if (it != g.index.end() && distance[it->second] != k_unreached) starts.push_back(it->second);
  }
  result.from_declared = !starts.empty();
  // In a target, what the project's dependencies do not reach is not installed there; the
  // packages nothing depends on stand in for the project only where it declares nothing.
  if (starts.empty() && (!env || input.declared.empty()))
    for (std::size_t i = 0; i < g.names.size(); ++i)
      if (g.predecessors[i].empty() && distance[i] != k_unreached) starts.push_back(i);
  std::sort(starts.begin(), starts.end(), [&](auto a, auto b) {
    return std::pair(distance[a], std::string_view(g.names[a])) <
           std::pair(distance[b], std::string_view(g.names[b]));
  });
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());

  const PathCollector collector(g, distance, order, limit);
  std::vector<std::vector<std::size_t>> paths;
  for (const auto start : starts) {
    result.total = std::min(k_count_cap, result.total + collector.count(start));
    collector.collect(start, paths);
  }
  for (const auto& path : paths) {
    std::vector<std::string> labels, ids;
    for (const auto node : path) {
      labels.push_back(g.labels[node]);
      ids.push_back(g.names[node]);
    }
    result.paths.push_back(std::move(labels));
    result.ids.push_back(std::move(ids));
  }
  return result;
}

std::string mermaid_paths(const Input& input, const std::vector<std::string>& packages,
                          const pep508::Environment* env) {
  std::string nodes, edges, styles;
  std::unordered_set<std::string> seen_nodes, seen_edges, seen_targets;
  for (const auto& package : packages) {
    const auto result = why_paths(input, package, env);
    if (result.paths.empty()) continue;
    for (std::size_t p = 0; p < result.paths.size(); ++p) {
      const auto& ids = result.ids[p];
      for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto id = mermaid_id(ids[i]);
        if (seen_nodes.insert(id).second)
          nodes += "  " + id + "[\"" + mermaid_label(result.paths[p][i]) + "\"]\n";
        if (i == 0) continue;
        const auto edge = mermaid_id(ids[i - 1]) + " --> " + id;
        if (seen_edges.insert(edge).second) edges += "  " + edge + '\n';
      }
    }
    const auto target = mermaid_id(result.ids.front().back());
    if (seen_targets.insert(target).second) styles += "  style " + target + " stroke-width:3px\n";
  }
  if (nodes.empty()) return {};
  return "```mermaid\ngraph LR\n" + nodes + edges + styles + "```\n";
}

}  // namespace depcheck::engine
