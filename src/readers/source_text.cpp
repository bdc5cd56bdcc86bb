#include "readers/source_text.hpp"

#include <algorithm>

namespace depcheck::readers {

void SourceText::index() const {
  if (!m_line_starts.empty()) return;
  m_line_starts.push_back(0);
  for (std::size_t i = 0; i < m_text.size(); ++i)
    if (m_text[i] == '\n') m_line_starts.push_back(i + 1);
}

std::string_view SourceText::line(int line) const {
  index();
  if (line < 1 || static_cast<std::size_t>(line) > m_line_starts.size()) return {};
  const auto start = m_line_starts[static_cast<std::size_t>(line) - 1];
  auto end = m_text.find('\n', start);
  if (end == std::string_view::npos) end = m_text.size();
  auto result = m_text.substr(start, end - start);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

std::pair<int, int> SourceText::position(std::size_t offset) const {
  index();
  offset = std::min(offset, m_text.size());
  const auto next = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  const auto line = static_cast<int>(next - m_line_starts.begin());
  return {line, static_cast<int>(offset - *(next - 1)) + 1};
}

}  // namespace depcheck::readers
