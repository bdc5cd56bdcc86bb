#include "depcheck/diagnostic.hpp"

#include <string>

namespace depcheck {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "info";
  }
  return "error";
}

bool parse_severity(std::string_view text, Severity& out) {
  for (Severity s : {Severity::error, Severity::warning, Severity::info}) {
    if (text == to_string(s)) {
      out = s;
      return true;
    }
  }
  return false;
}

std::string Location::str() const {
  std::string text = path;
  if (line > 0) {
    text += ':' + std::to_string(line);
    if (column > 0) text += ':' + std::to_string(column);
  }
  return text;
}

}  // namespace depcheck
