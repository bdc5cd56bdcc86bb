#pragma once
// "depcheck: checking 40/150 inputs" on stderr while a long run works (a recursive scan of a
// monorepo, a large environment): only on a terminal, only once the work has taken half a
// second, redrawn at most ten times a second, and wiped when done, so a quick run and a CI log
// never see it.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>

namespace depcheck::cli {

class Progress {
 public:
  Progress(std::ostream& out, bool enabled, std::string what, std::size_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // One more item done; safe to call from several threads.
  void step();

 private:
  std::ostream& m_out;
  bool m_enabled;
  std::string m_what;
  std::size_t m_total;
  std::size_t m_done = 0;
  bool m_shown = false;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last;
  std::mutex m_mutex;
};

}  // namespace depcheck::cli
