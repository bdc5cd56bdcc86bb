#pragma once
// PEP 508 environment markers (cf. packaging.markers.Marker).
//   parse_marker("python_version >= \"3.8\" and sys_platform == 'linux'")->evaluate(env)
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/util/expected.hpp"

namespace depcheck::pep508 {

// Values of the marker variables (python_version, sys_platform, ...). `extra` is set per
// evaluation. Built for a target with environment_for().
struct Environment {
  std::map<std::string, std::string, std::less<>> values;
};

// A target python "3.12" or "3.12.1" and platform "linux" | "darwin" | "win32" -> the marker
// values a CPython on that platform reports (os_name, platform_system, ...).
Environment environment_for(std::string_view python, std::string_view platform);

struct MarkerNode;  // the parsed expression tree (private)

class Marker {
 public:
  Marker();
  ~Marker();
  Marker(const Marker&);
  Marker& operator=(const Marker&);
  Marker(Marker&&) noexcept;
  Marker& operator=(Marker&&) noexcept;

  // PEP 508 evaluation, as packaging does it: version comparison (PEP 440) where the operator
  // is a version operator and both sides parse as versions, string comparison otherwise;
  // `in` / `not in` are substring tests; `extra` is compared PEP 685-normalized.
  // `extra` is the extra being evaluated ("" = none).
  bool evaluate(const Environment& env, std::string_view extra = "") const;
  // The normalized form, as packaging prints it: python_version >= "3.8" and extra == "x".
  std::string str() const;
  // Whether the expression mentions the variable (e.g. "extra", "python_version").
  bool mentions(std::string_view variable) const;

  std::shared_ptr<const MarkerNode> root;
};

// Error: "invalid marker 'python_version >>= \"3\"': expected ..."
Expected<Marker> parse_marker(std::string_view text);

}  // namespace depcheck::pep508
