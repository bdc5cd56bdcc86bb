// Progress on stderr: nothing for a quick run or off a terminal; a counter, then a wiped line.
#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

#include "cli/progress.hpp"

using namespace depcheck;

TEST_CASE("progress: silent when disabled or quick, a wiped counter when slow", "[cli][progress]") {
  {
    std::ostringstream out;
    {
      cli::Progress progress(out, false, "checking", 10);
      std::this_thread::sleep_for(std::chrono::milliseconds(600));
      progress.step();
    }
    CHECK(out.str().empty());
  }
  {
    std::ostringstream out;
    {
      cli::Progress progress(out, true, "checking", 10);
      progress.step();  // before half a second: nothing yet
    }
    CHECK(out.str().empty());
  }
  std::ostringstream out;
  {
    cli::Progress progress(out, true, "checking", 10);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    progress.step();
    progress.step();  // within 100 ms of the last: not redrawn
    CHECK(out.str() == "\rdepcheck: checking 1/10 inputs\x1b[K");
  }
  CHECK(out.str() == "\rdepcheck: checking 1/10 inputs\x1b[K\r\x1b[K");
}
