// depcheck why PACKAGE: dependency paths from the project's direct dependencies.
#include <catch2/catch.hpp>

#include "cli/why.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"
#include "engine/dependency_paths.hpp"
#include "support.hpp"

using namespace depcheck;

namespace {

Package pkg(const std::string& name, const std::string& version,
            const std::vector<std::string>& deps) {
  Package p;
  p.name = pep508::normalize_name(name);
  p.display_name = name;
  p.version_text = version;
  p.version = *pep440::parse_version(version);
  for (const auto& d : deps) {
    Dependency dependency;
    dependency.name = pep508::normalize_name(d);
    p.dependencies.push_back(dependency);
  }
  return p;
}

Dependency declared(const std::string& name) {
  Dependency d;
  d.name = name;
  return d;
}

Input read_poetry(const std::string& fixture) {
  Input input;
  input.path = "poetry.lock";
  input.format = "poetry.lock";
  Diagnostics diags;
  readers::read_poetry_lock(test::read_fixture(fixture), "poetry.lock", input, diags);
  REQUIRE(diags.empty());
  return input;
}

std::vector<std::string> joined(const engine::WhyResult& result) {
  std::vector<std::string> lines;
  for (const auto& path : result.paths) {
    std::string line;
    for (const auto& label : path) line += (line.empty() ? "" : " -> ") + label;
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("why: shortest paths from the declared dependencies of a poetry.lock", "[cli][why]") {
  auto input = read_poetry("why/project/poetry.lock");
  input.declared = {declared("fastapi"), declared("httpx"), declared("uvicorn")};
  auto [package, expected] = GENERATE(table<std::string, std::vector<std::string>>({
      {"anyio",
       {"httpx 0.27.0 -> anyio 4.4.0", "fastapi 0.110.3 -> starlette 0.37.2 -> anyio 4.4.0"}},
      {"h11", {"uvicorn 0.30.1 -> h11 0.14.0", "httpx 0.27.0 -> httpcore 1.0.5 -> h11 0.14.0"}},
      // Only the shortest path from each start: not fastapi -> pydantic -> pydantic-core -> ...
      {"typing-extensions", {"fastapi 0.110.3 -> typing-extensions 4.12.2"}},
      {"Typing_Extensions",
       {"fastapi 0.110.3 -> typing-extensions 4.12.2"}},  // names are normalized
      {"fastapi", {"fastapi 0.110.3"}},
      {"colorama", {"uvicorn 0.30.1 -> click 8.1.7 -> colorama 0.4.6"}},
  }));
  CAPTURE(package);
  const auto result = engine::why_paths(input, package);
  CHECK(result.found);
  CHECK(result.from_declared);
  CHECK(joined(result) == expected);
  CHECK(result.total == expected.size());
}

TEST_CASE("why: without declared dependencies, paths start at the packages nothing depends on",
          "[cli][why]") {
  const auto input = read_poetry("why/roots/poetry.lock");
  const auto result = engine::why_paths(input, "leaf");
  CHECK_FALSE(result.from_declared);
  CHECK(joined(result) == std::vector<std::string>{"app-a 1.0 -> mid-1 1.0 -> leaf 3.0",
                                                   "app-a 1.0 -> mid-2 1.0 -> leaf 3.0",
                                                   "app-b 2.0 -> mid-2 1.0 -> leaf 3.0"});
  // A cycle that nothing leads into: locked, but no path.
  const auto cycle = engine::why_paths(input, "cyc-x");
  CHECK(cycle.found);
  CHECK(cycle.paths.empty());
  CHECK_FALSE(engine::why_paths(input, "nothing-like-it").found);
}

TEST_CASE("why: declared dependencies that do not lead to the package fall back to roots",
          "[cli][why]") {
  Input input;
  input.packages = {pkg("app", "1", {"lib"}), pkg("lib", "2", {}), pkg("tool", "3", {})};
  input.declared = {declared("tool"), declared("not-locked")};
  CHECK(joined(engine::why_paths(input, "lib")) == std::vector<std::string>{"app 1 -> lib 2"});
  CHECK_FALSE(engine::why_paths(input, "lib").from_declared);
}

TEST_CASE("why: a name locked twice is one node with both versions", "[cli][why]") {
  Input input;
  input.packages = {pkg("app", "1", {"numpy"}), pkg("numpy", "1.26.4", {}),
                    pkg("numpy", "2.1.0", {})};
  CHECK(joined(engine::why_paths(input, "numpy")) ==
        std::vector<std::string>{"app 1 -> numpy 1.26.4 | 2.1.0"});
}

TEST_CASE("why: many paths are counted, and the first 20 listed", "[cli][why]") {
  // 30 layers of two packages, each depending on both of the next layer: 2^30 paths.
  Input input;
  constexpr int k_layers = 30;
  const auto name = [](int layer, int which) {
    return "l" + std::to_string(layer) + (which ? "b" : "a");
  };
  input.packages.push_back(pkg("root", "1", {name(0, 0), name(0, 1)}));
  for (int layer = 0; layer < k_layers; ++layer)
    for (int which = 0; which < 2; ++which)
      input.packages.push_back(pkg(
          name(layer, which), "1",
          layer + 1 < k_layers ? std::vector<std::string>{name(layer + 1, 0), name(layer + 1, 1)}
                               : std::vector<std::string>{"target"}));
  input.packages.push_back(pkg("target", "1", {}));
  const auto result = engine::why_paths(input, "target");
  CHECK(result.total == std::size_t{1} << k_layers);
  CHECK(result.paths.size() == engine::k_why_path_limit);
  CHECK(result.paths.front().size() == k_layers + 2);
}

// The walk is iterative: a chain as long as a lock gives its one path, without recursion.
TEST_CASE("why: a 100000-package chain gives its one path", "[cli][why]") {
  Input input;
  constexpr int k_length = 100000;
  for (int i = 0; i < k_length; ++i)
    input.packages.push_back(pkg("p" + std::to_string(i), "1",
                                 i + 1 < k_length
                                     ? std::vector<std::string>{"p" + std::to_string(i + 1)}
                                     : std::vector<std::string>{}));
  const auto result = engine::why_paths(input, "p" + std::to_string(k_length - 1));
  REQUIRE(result.paths.size() == 1);
  CHECK(result.paths[0].size() == k_length);
  CHECK(result.paths[0].front() == "p0 1");
}

// Mermaid: node ids must be identifiers whatever the name; labels are quoted and escaped.
TEST_CASE("why: Mermaid node ids and labels", "[cli][why]") {
  auto [name, id] = GENERATE(table<std::string, std::string>({
      {"anyio", "p_anyio"},
      {"typing-extensions", "p_typing_extensions"},
      {"end", "p_end"},  // a Mermaid keyword, made safe by the prefix
      {"zope-interface2", "p_zope_interface2"},
      {"a_b", "x_a_5fb"},
      {"a--b", "x_a_2d_2db"},
      {"A\"]; click", "x__41_22_5d_3b_20click"},
  }));
  CAPTURE(name);
  CHECK(engine::mermaid_id(name) == id);
  CHECK(engine::mermaid_label("a \"quoted\" <b> #1 `x`\n") ==
        "a #quot;quoted#quot; #lt;b#gt; #35;1 #96;x#96; ");
}

TEST_CASE("why: mermaid_paths draws the union of the paths", "[cli][why]") {
  auto input = read_poetry("why/project/poetry.lock");
  input.declared = {declared("fastapi"), declared("httpx"), declared("uvicorn")};
  CHECK(engine::mermaid_paths(input, "idna") ==
        "```mermaid\n"
        "graph LR\n"
        "  p_httpx[\"httpx 0.27.0\"]\n"
        "  p_idna[\"idna 3.7\"]\n"
        "  p_fastapi[\"fastapi 0.110.3\"]\n"
        "  p_starlette[\"starlette 0.37.2\"]\n"
        "  p_anyio[\"anyio 4.4.0\"]\n"
        "  p_httpx --> p_idna\n"
        "  p_fastapi --> p_starlette\n"
        "  p_starlette --> p_anyio\n"
        "  p_anyio --> p_idna\n"
        "  style p_idna stroke-width:3px\n"
        "```\n");
  CHECK(engine::mermaid_paths(input, "no-such-package").empty());
}

TEST_CASE("why: mermaid_paths of several packages draws each node and edge once", "[cli][why]") {
  auto input = read_poetry("why/project/poetry.lock");
  input.declared = {declared("fastapi"), declared("httpx"), declared("uvicorn")};
  const auto graph =
      engine::mermaid_paths(input, std::vector<std::string>{"idna", "anyio", "no-such-package"});
  const auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto at = graph.find(needle); at != std::string::npos; at = graph.find(needle, at + 1))
      ++n;
    return n;
  };
  CHECK(count("p_anyio[\"anyio 4.4.0\"]") == 1);
  CHECK(count("p_starlette --> p_anyio\n") == 1);
  CHECK(count("style p_idna stroke-width:3px") == 1);
  CHECK(count("style p_anyio stroke-width:3px") == 1);
  CHECK(count("```") == 2);
  CHECK(engine::mermaid_paths(input, std::vector<std::string>{"no-such-package"}).empty());
}

TEST_CASE("why: an unknown package is an error with did-you-mean", "[cli][why]") {
  const auto input = read_poetry("why/project/poetry.lock");
  auto [package, message] = GENERATE(table<std::string, std::string>({
      {"anyoi", "package 'anyoi' is not in poetry.lock (did you mean 'anyio'?)"},
      {"Star_lette", "package 'Star_lette' is not in poetry.lock (did you mean 'starlette'?)"},
      {"django", "package 'django' is not in poetry.lock"},
  }));
  CAPTURE(package);
  try {
    cli::render_why({&input}, package, false);
    FAIL("no error");
  } catch (const FatalError& e) {
    CHECK(std::string(e.what()) == message);
  }
}

TEST_CASE("why: text output", "[cli][why]") {
  auto input = read_poetry("why/project/poetry.lock");
  input.declared = {declared("fastapi"), declared("httpx"), declared("uvicorn")};
  Input project;
  project.path = "pyproject.toml";
  project.format = "pyproject.toml";  // locks nothing: skipped
  CHECK(cli::render_why({&project, &input}, "anyio", false) ==
        "anyio 4.4.0 in poetry.lock: 2 shortest paths from the project's dependencies\n"
        "  httpx 0.27.0 -> anyio 4.4.0\n"
        "  fastapi 0.110.3 -> starlette 0.37.2 -> anyio 4.4.0\n");
  CHECK(cli::render_why({&input}, "fastapi", false) ==
        "fastapi 0.110.3 in poetry.lock: 1 shortest path from the project's dependencies\n"
        "  fastapi 0.110.3 (direct dependency)\n");
}

TEST_CASE("why: only the edges active in the target", "[cli][why]") {
  auto input = read_poetry("why/project/poetry.lock");
  input.declared = {declared("fastapi"), declared("httpx"), declared("uvicorn")};
  // click requires colorama only where platform_system == "Windows".
  const auto linux_env = pep508::environment_for("3.12", "linux");
  const auto windows_env = pep508::environment_for("3.12", "win32");
  CHECK(engine::why_paths(input, "colorama", &linux_env).paths.empty());
  CHECK(engine::why_paths(input, "colorama", &linux_env).found);
  CHECK(joined(engine::why_paths(input, "colorama", &windows_env)) ==
        std::vector<std::string>{"uvicorn 0.30.1 -> click 8.1.7 -> colorama 0.4.6"});
  CHECK(cli::render_why({&input}, "colorama", false, "3.12", "linux") ==
        "colorama 0.4.6 in poetry.lock: locked, but no dependency path leads to it on python "
        "3.12, linux\n");
  CHECK(engine::mermaid_paths(input, "colorama", &linux_env).empty());
}
