// data/coverage.json, the sweep behind the matrix: every rule added by the sweep is in it, and
// every rule id it names is a bundled rule (or is marked as left out).
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "depcheck/matrix.hpp"

using namespace depcheck;

TEST_CASE("coverage ledger: names only real rules, and every swept rule", "[matrix][bundled]") {
  std::ifstream in(std::string(DEPCHECK_SOURCE_DIR) + "/data/coverage.json");
  REQUIRE(in);
  const auto ledger = nlohmann::json::parse(in);
  const auto matrix = matrix::bundled_matrix();
  REQUIRE(ledger["packages"].size() >= 150);
  std::set<std::string> named;
  std::set<std::string> packages;
  // A rule id: lowercase words joined by at least four hyphens (no package name has that many).
  const std::regex id_like("[a-z0-9][a-z0-9._]*(-[a-z0-9._]+){4,}");
  // A package as PEP 503 normalizes it (so each is listed once), or a group in parentheses.
  const std::regex normalized("[a-z0-9]+(-[a-z0-9]+)*|\\(.+\\)");
  for (const auto& package : ledger["packages"]) {
    const auto name = package["package"].get<std::string>();
    CAPTURE(name);
    CHECK(std::regex_match(name, normalized));
    CHECK(packages.insert(name).second);
    REQUIRE_FALSE(package["releases"].empty());
    for (const auto& release : package["releases"]) {
      const auto result = release["result"].get<std::string>();
      CHECK_FALSE(result.empty());
      for (std::sregex_iterator it(result.begin(), result.end(), id_like), end; it != end; ++it) {
        std::string id = it->str();
        while (!id.empty() && id.back() == '.') id.pop_back();
        const auto after = result.substr(it->position() + it->length(), 11);
        if (after.rfind(" (left out", 0) == 0) continue;
        CAPTURE(id);
        CHECK(matrix.find(id) != nullptr);
        named.insert(id);
      }
    }
  }
  for (const auto& rule : matrix.rules) {
    if (rule.added < "2026-12-03") continue;  // the sweep began then
    CAPTURE(rule.id);
    CHECK(named.count(rule.id) == 1);
  }
}
