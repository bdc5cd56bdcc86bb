#include "depcheck/engine.hpp"
#include "depcheck/pep440/specifier.hpp"

namespace depcheck::engine {

Target assume_target(const std::string& python, const std::string& platform,
                     const std::vector<const Input*>& inputs) {
  Target target;
  target.platform = platform.empty() ? "linux" : platform;
  if (!python.empty()) {
    target.python = python;
    if (platform.empty()) target.assumed = "platform linux assumed";
    return target;
  }
  // The lowest CPython minor release the inputs allow: problems on old Pythons show first, and
  // that is the oldest interpreter the lock promises to work on.
  static const char* const k_pythons[] = {"3.6",  "3.7",  "3.8",  "3.9", "3.10",
                                          "3.11", "3.12", "3.13", "3.14"};
  for (const Input* input : inputs) {
    if (input->requires_python.empty()) continue;
    auto constraint = pep440::parse_specifier_set(input->requires_python);
    if (!constraint) continue;
    for (const char* candidate : k_pythons)
      if (constraint->contains(*pep440::parse_version(candidate)))
        target.pythons.push_back(candidate);
    if (target.pythons.empty()) continue;
    target.python = target.pythons.front();
    target.assumed =
        "lowest python allowed by " + input->path + " ('" + input->requires_python + "')";
    if (platform.empty()) target.assumed += ", platform linux";
    return target;
  }
  target.python = "3.12";
  target.declared = false;
  target.pythons.assign(std::begin(k_pythons) + 2, std::end(k_pythons));  // 3.8 and later
  target.assumed = "no python constraint declared; assumed 3.12";
  if (platform.empty()) target.assumed += " on linux";
  return target;
}

}  // namespace depcheck::engine
