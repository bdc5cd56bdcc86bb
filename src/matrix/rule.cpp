#include "depcheck/matrix.hpp"

namespace depcheck::matrix {

std::string Rule::when_text() const {
  std::string text;
  for (const auto& c : when) {
    if (!text.empty()) text += " + ";
    text += c.package + (c.versions_text.empty() ? "" : " " + c.versions_text);
  }
  return text;
}

}  // namespace depcheck::matrix
