#pragma once
// Private to the text renderers (text.cpp, diagnostics.cpp): input text made safe for a
// terminal, and a location as "path:line".
#include <string>
#include <string_view>

#include "depcheck/diagnostic.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::report::detail {

inline std::string safe(std::string_view text) {
  return util::escape_for_terminal(text);
}

inline std::string where(const Location& location) {
  return location.line > 0 ? safe(location.path) + ":" + std::to_string(location.line)
                           : safe(location.path);
}

}  // namespace depcheck::report::detail
