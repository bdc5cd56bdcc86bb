// Real tracebacks and build logs quoted in upstream issues (tests/diagnose/tracebacks/<rule>.txt,
// first line the URL): `depcheck diagnose` must name the rule each one is about, among
// the first matches shown.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "depcheck/diagnose.hpp"
#include "depcheck/matrix.hpp"

using namespace depcheck;
namespace fs = std::filesystem;

TEST_CASE("diagnose: every quoted upstream traceback finds its rule", "[diagnose][bundled]") {
  const auto matrix = matrix::bundled_matrix();
  const fs::path folder = fs::path(DEPCHECK_SOURCE_DIR) / "tests" / "diagnose" / "tracebacks";
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    const std::string rule = entry.path().stem().string();
    CAPTURE(rule);
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string log = text.str();
    CHECK(log.rfind("# source: https://", 0) == 0);
    REQUIRE(matrix.find(rule) != nullptr);
    const auto scan = diagnose::scan_log(log, matrix);
    const auto it = std::find_if(scan.matches.begin(), scan.matches.end(),
                                 [&](const auto& m) { return m.rule->id == rule; });
    REQUIRE(it != scan.matches.end());
    CHECK(it - scan.matches.begin() < 5);  // shown without --verbose
  }
  CHECK(files >= 50);
}
