#pragma once
// Line and column lookups in an input's text, for messages and for readers whose parser does
// not report positions (nlohmann::json). The line index is built on first use, once.
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace depcheck::readers {

// The text of one input, with a line index built on first use (only messages need it).
class SourceText {
 public:
  explicit SourceText(std::string_view text) : m_text(text) {}
  std::string_view text() const { return m_text; }
  // The 1-based line `line` without its line end; "" if out of range.
  std::string_view line(int line) const;
  // 1-based line and column of byte `offset`.
  std::pair<int, int> position(std::size_t offset) const;

 private:
  void index() const;
  std::string_view m_text;
  mutable std::vector<std::size_t> m_line_starts;
};

}  // namespace depcheck::readers
