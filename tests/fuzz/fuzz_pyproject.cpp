// Fuzzes the pyproject.toml reader, then the engine and every reporter over what it read; and
// checks a lock of every declared package at 1.0 against the declared constraints (what
// attach_project_constraints() does for a lock beside a pyproject). Invariants: support.hpp.
#include <exception>

#include "depcheck/engine.hpp"
#include "depcheck/readers/reader.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace depcheck;
  const auto text = fuzz::as_text(data, size);
  fuzz::read_and_check("pyproject.toml", text, "pyproject.toml");

  Input project;
  Diagnostics diags;
  try {
    readers::read_pyproject(text, "pyproject.toml", project, diags);
  } catch (const FatalError&) {
    return 0;
  } catch (const std::exception& e) {
    fuzz::fail(std::string("non-FatalError exception: ") + e.what(), text);
  }
  Input lock;
  lock.path = "poetry.lock";
  lock.format = "poetry.lock";
  lock.declared = project.declared;
  lock.requires_python = project.requires_python;
  for (const auto& dependency : project.declared) {
    if (dependency.name.empty()) fuzz::fail("a declared dependency without a name", text);
    Package package;
    package.name = package.display_name = dependency.name;
    package.version_text = "1.0";
    package.version = *pep440::parse_version("1.0");
    package.where = Location{lock.path, 1, 1};
    lock.packages.push_back(std::move(package));
  }
  fuzz::check_input(lock, {}, text);
  return 0;
}
