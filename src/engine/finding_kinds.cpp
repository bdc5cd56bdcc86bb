#include "depcheck/finding_kinds.hpp"

namespace depcheck::engine {

const std::vector<FindingKind>& finding_kinds() {
  static const std::vector<FindingKind> kinds = {
      {"incompatibility", "A combination of versions a matrix rule knows not to work together",
       "Every package the rule names is locked or installed at a version in the rule's range, "
       "and the rule's markers hold for the target. The rule's details say what happens and "
       "what does not; its references are the upstream sources. Fix: move one package out of "
       "the rule's range, as the fix lines say (`depcheck explain RULE` shows the rule).",
       "", FixStyle::rule_fixes, CheckStage::matrix},
      {"unsatisfied-requirement",
       "A locked or installed version lies outside what a dependent declares",
       "A package that is installed in the target environment requires another at versions the "
       "lock or environment does not have (what `pip check` reports). Fix: move the required "
       "package into the declared range, then re-lock.",
       "https://packaging.python.org/en/latest/specifications/dependency-specifiers/",
       FixStyle::into_requirement, CheckStage::requirements},
      {"missing-requirement", "A declared dependency is neither locked nor installed",
       "A package that is installed in the target environment requires another, for the "
       "target's markers and the extras really requested, and it is not there. In an installed "
       "environment this is an error (imports fail), unless it was made with "
       "--system-site-packages (it may import the package from there); in a lock a warning, "
       "since a tool may record less than the metadata says. Fix: add or install the package "
       "in the declared range.",
       "https://packaging.python.org/en/latest/specifications/dependency-specifiers/",
       FixStyle::into_requirement, CheckStage::requirements},
      {"python-incompatible", "A package's Requires-Python excludes the target Python",
       "The target Python was given (--python) or declared by the project, and a locked "
       "package's Requires-Python excludes every release of it: the installer refuses it or "
       "picks another version than the lock says. Fix: narrow the project's requires-python, or "
       "move the package to a release that supports the target.",
       "https://packaging.python.org/en/latest/specifications/core-metadata/", FixStyle::none,
       CheckStage::requirements},
      {"stale-lock", "The lock no longer satisfies the project's own constraints",
       "The pyproject.toml beside the lock (the tables the lock's own tool reads) requires or "
       "overrides a package at versions the lock does not have: the constraints changed after "
       "the lock was made, and the tool would re-resolve or refuse to install it. Fix: re-lock.",
       "https://packaging.python.org/en/latest/specifications/pyproject-toml/", FixStyle::relock,
       CheckStage::requirements},
      {"duplicate-distribution", "One distribution is installed more than once",
       "Two .dist-info or .egg-info folders of one name in one environment: which one Python "
       "imports depends on the order of sys.path, and uninstalling removes only one. Fix: "
       "remove the stale one (pip uninstall it, then reinstall the wanted version).",
       "https://packaging.python.org/en/latest/specifications/recording-installed-packages/",
       FixStyle::none, CheckStage::requirements},
  };
  return kinds;
}

const FindingKind* find_finding_kind(std::string_view id) {
  for (const auto& kind : finding_kinds())
    if (kind.id == id) return &kind;
  return nullptr;
}

}  // namespace depcheck::engine
