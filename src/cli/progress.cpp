#include "cli/progress.hpp"

namespace depcheck::cli {
namespace {

constexpr auto k_delay = std::chrono::milliseconds(500);
constexpr auto k_interval = std::chrono::milliseconds(100);

}  // namespace

Progress::Progress(std::ostream& out, bool enabled, std::string what, std::size_t total)
    : m_out(out),
      m_enabled(enabled && total > 1),
      m_what(std::move(what)),
      m_total(total),
      m_start(std::chrono::steady_clock::now()),
      m_last(m_start) {}

Progress::~Progress() {
  // Carriage return and erase-line: the report starts on a clean line.
  if (m_shown) m_out << "\r\x1b[K" << std::flush;
}

void Progress::step() {
  if (!m_enabled) return;
  const std::lock_guard<std::mutex> lock(m_mutex);
  ++m_done;
  const auto now = std::chrono::steady_clock::now();
  if (now - m_start < k_delay || (m_shown && now - m_last < k_interval)) return;
  m_last = now;
  m_shown = true;
  m_out << "\rdepcheck: " << m_what << ' ' << m_done << '/' << m_total << " inputs\x1b[K"
        << std::flush;
}

}  // namespace depcheck::cli
