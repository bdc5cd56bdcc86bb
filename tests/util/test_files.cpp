// Folder globs, as uv's [tool.uv.workspace] members and exclude use them.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "depcheck/util/files.hpp"

using namespace depcheck;
namespace fs = std::filesystem;

TEST_CASE("files: matching_directories expands folder globs", "[util][files]") {
  const auto base = fs::temp_directory_path() / "depcheck-glob-test";
  fs::remove_all(base);
  for (const auto* dir :
       {"packages/a", "packages/b", "packages/.hidden", "libs/x/inner", "libs/y", "docs"})
    fs::create_directories(base / dir);
  std::ofstream(base / "packages" / "file.txt") << "not a folder";

  using V = std::vector<std::string>;
  CHECK(util::matching_directories(base.string(), "packages/*") == V{"packages/a", "packages/b"});
  CHECK(util::matching_directories(base.string(), "./packages/a") == V{"packages/a"});
  CHECK(util::matching_directories(base.string(), "packages/[ab]") ==
        V{"packages/a", "packages/b"});
  CHECK(util::matching_directories(base.string(), "libs/**") ==
        V{"libs", "libs/x", "libs/x/inner", "libs/y"});
  CHECK(util::matching_directories(base.string(), "missing/*").empty());
  fs::remove_all(base);
}

TEST_CASE("files: path_matches", "[util][files]") {
  CHECK(util::path_matches("packages/old", "packages/old"));
  CHECK(util::path_matches("packages/*", "packages/old"));
  CHECK_FALSE(util::path_matches("packages/*", "packages/old/inner"));
  CHECK(util::path_matches("packages/**", "packages/old/inner"));
  CHECK(util::path_matches("**/old", "a/b/old"));
  CHECK_FALSE(util::path_matches("packages/n*", "packages/old"));
}
