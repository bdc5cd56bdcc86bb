#include <catch2/catch.hpp>

#include "environment/package_index.hpp"

using namespace depcheck;

namespace {

Package package(const std::string& name) {
  Package p;
  p.name = p.display_name = name;
  p.version_text = "1.0";
  p.version = *pep440::parse_version("1.0");
  return p;
}

Dependency dependency(const std::string& name, const pep508::Marker& marker) {
  Dependency d;
  d.name = name;
  d.marker_text = marker.str();
  d.marker = marker;  // a copy shares the parsed tree, as the lock readers' marker caches do
  return d;
}

}  // namespace

// Requirements apply where their markers hold: answers kept per parsed tree stay right for every
// dependency that shares the tree, also for markers on extras.
TEST_CASE("package index: dependencies sharing one parsed marker", "[engine][package-index]") {
  const auto old_python = *pep508::parse_marker("python_version < \"3.8\"");
  const auto new_python = *pep508::parse_marker("python_version >= \"3.8\"");
  const auto with_extra = *pep508::parse_marker("extra == \"fast\"");
  Input input;
  input.format = "poetry.lock";
  for (const char* name : {"a", "b", "c"}) {
    auto p = package(name);
    p.dependencies = {dependency("x", old_python), dependency("y", new_python),
                      dependency("z", with_extra)};
    input.packages.push_back(std::move(p));
  }
  // Only c is asked for its extra.
  Dependency wants_extra;
  wants_extra.name = "c";
  wants_extra.extras = {"fast"};
  input.packages[0].dependencies.push_back(wants_extra);
  input.packages.push_back(package("x"));
  input.packages.push_back(package("y"));
  input.packages.push_back(package("z"));

  const environment::PackageIndex index(input, pep508::environment_for("3.9", "linux"));
  std::vector<std::string> applied;
  for (const auto& r : index.requirements())
    applied.push_back(r.dependent->name + "->" + r.dependency->name);
  CHECK(applied == std::vector<std::string>{"a->y", "a->c", "b->y", "c->y", "c->z"});
}
