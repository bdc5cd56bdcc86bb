#pragma once
// Problems found while reading inputs or matrices (SPEC "errors"), and the one exception type
// that means "cannot continue": caught once in main() -> exit 2.
#include <stdexcept>
#include <string>
#include <vector>

namespace depcheck {

enum class Severity { error, warning, info };

std::string_view to_string(Severity severity);
// "error" | "warning" | "info" -> Severity; false if unknown.
bool parse_severity(std::string_view text, Severity& out);

// 1-based; 0 = unknown.
struct Location {
  std::string path;
  int line = 0;
  int column = 0;
  // "path:line:col", "path:line" or "path", depending on what is known.
  std::string str() const;
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string message;
  Location where;
  std::string source_line;  // the offending line of the input, when known (for the caret display)
};

using Diagnostics = std::vector<Diagnostic>;

struct FatalError : std::runtime_error {
  FatalError(std::string message, Location where_ = {})
      : std::runtime_error(std::move(message)), where(std::move(where_)) {}
  Location where;
};

}  // namespace depcheck
