// SPEC "JSON report": findings and packages come out in a stable order, so the same input gives
// the same bytes. Two folders hold the same files, created in different orders (on a tmpfs, a
// folder lists its entries newest first); depcheck run on each gives byte-identical reports.
// Each run is made from inside the folder, on ".", so that the paths in the reports are the same.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "support.hpp"

namespace {

namespace fs = std::filesystem;
using depcheck::test::run_depcheck;
using depcheck::test::RunResult;

using Files = std::vector<std::pair<std::string, std::string>>;  // relative path, content

std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(DEPCHECK_SOURCE_DIR) + "/" + relative, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A project folder with one input of every format: findings (the bundled uvicorn/websockets
// example), unpinned and unversioned entries, bad entries (errors), and a future lock version
// (a warning), so that every part of the report has several items to order.
Files project_files() {
  return {
      {"poetry.lock", read_source("data/examples/uvicorn-websockets/poetry.lock")},
      {"pyproject.toml", read_source("data/examples/uvicorn-websockets/pyproject.toml")},
      {"requirements.txt",
       "uvicorn==0.29.0\nwebsockets==14.1\nhttpx>=0.27\nidna==3..7\n-e "
       "./local-package\nzope.interface==6.4\n"},
      {"requirements-dev.txt",
       "pytest==8.2.0\npluggy==1.5.0\ncolorama==0.4.6 ; sys_platform == 'win32'\nbad line here\n"},
      {"uv.lock",
       "version = 1\nrequires-python = \">=3.9\"\n\n"
       "[[package]]\nname = \"websockets\"\nversion = \"14.1\"\nsource = { registry = "
       "\"https://pypi.org/simple\" }\n\n"
       "[[package]]\nname = \"uvicorn\"\nversion = \"0.29.0\"\nsource = { registry = "
       "\"https://pypi.org/simple\" }\n"
       "dependencies = [{ name = \"h11\" }, { name = \"click\" }]\n\n"
       "[[package]]\nname = \"h11\"\nversion = \"0.14.0\"\nsource = { registry = "
       "\"https://pypi.org/simple\" }\n"},
      {"Pipfile.lock",
       "{\n  \"_meta\": {\"requires\": {\"python_version\": \"3.11\"}},\n"
       "  \"default\": {\n    \"websockets\": {\"version\": \"==14.1\"},\n"
       "    \"uvicorn\": {\"version\": \"==0.29.0\"},\n    \"broken\": {\"version\": \"==1..0\"}\n "
       " },\n"
       "  \"develop\": {\"pytest\": {\"version\": \"==8.2.0\"}}\n}\n"},
      {"pylock.toml",
       "lock-version = \"9.0\"\ncreated-by = \"hand\"\n\n"
       "[[packages]]\nname = \"uvicorn\"\nversion = \"0.29.0\"\n\n"
       "[[packages]]\nname = \"websockets\"\nversion = \"14.1\"\n"},
      {"pdm.lock",
       "[metadata]\ngroups = [\"default\"]\nlock_version = \"4.4.1\"\ncontent_hash = "
       "\"sha256:0\"\n\n"
       "[[package]]\nname = \"websockets\"\nversion = \"14.1\"\n\n"
       "[[package]]\nname = \"uvicorn\"\nversion = \"0.29.0\"\n"},
      {"requirements-extra.txt", "anyio==4.4.0\nsniffio==1.3.1\n"},
  };
}

// An installed environment with several distributions (and one name installed twice).
Files environment_files() {
  const auto metadata = [](const std::string& name, const std::string& version) {
    return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n\n";
  };
  return {
      {"site-packages/uvicorn-0.29.0.dist-info/METADATA", metadata("uvicorn", "0.29.0")},
      {"site-packages/websockets-14.1.dist-info/METADATA", metadata("websockets", "14.1")},
      {"site-packages/h11-0.14.0.dist-info/METADATA", metadata("h11", "0.14.0")},
      {"site-packages/click-8.1.7.dist-info/METADATA", metadata("click", "8.1.7")},
      {"site-packages/idna-3.7.dist-info/METADATA", metadata("idna", "3.7")},
      {"site-packages/idna-3.6.dist-info/METADATA", metadata("idna", "3.6")},
      {"site-packages/anyio.egg-info/PKG-INFO", metadata("anyio", "4.4.0")},
      {"site-packages/broken-1.0.dist-info/METADATA", metadata("broken", "1..0")},
  };
}

// Makes `dir` afresh and writes `files` in the order given.
void create(const fs::path& dir, const Files& files) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [relative, content] : files) {
    fs::create_directories((dir / relative).parent_path());
    std::ofstream(dir / relative, std::ios::binary) << content;
  }
}

// The names in `dir` in the order the folder lists them.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  return names;
}

// Runs depcheck from inside `dir`.
RunResult run_in(const fs::path& dir, const std::string& args) {
  const auto previous = fs::current_path();
  fs::current_path(dir);
  auto result = run_depcheck(args);
  fs::current_path(previous);
  return result;
}

Files reordered(Files files, int order) {
  if (order == 1) std::reverse(files.begin(), files.end());
  if (order == 2) {  // odd positions first, then even ones
    Files mixed;
    for (std::size_t i = 1; i < files.size(); i += 2) mixed.push_back(files[i]);
    for (std::size_t i = 0; i < files.size(); i += 2) mixed.push_back(files[i]);
    files = std::move(mixed);
  }
  return files;
}

// A tmpfs (/dev/shm) lists a folder's entries newest first, so there the creation order shows
// in the listing; other file systems (ext4: hash order) may list both folders alike.
fs::path temp_root() {
  std::error_code ec;
  const fs::path shm = "/dev/shm";
  const auto base = fs::is_directory(shm, ec) && ::access("/dev/shm", W_OK) == 0
                        ? shm
                        : fs::temp_directory_path();
  return base / ("depcheck-determinism-" + std::to_string(::getpid()));
}

}  // namespace

// --- SPEC "JSON report": the same input gives the same bytes.
TEST_CASE("determinism: a folder's reports do not depend on the order its files were created",
          "[reliability][determinism]") {
  auto [args, files_of] = GENERATE(table<std::string, Files (*)()>({
      {". --format json", project_files},
      {". --format text", project_files},
      {". --format sarif", project_files},
      {"--env site-packages --format json", environment_files},
      {"--env site-packages --format text", environment_files},
  }));
  CAPTURE(args);
  const auto root = temp_root();
  const auto first = root / "a", second = root / "b";
  create(first, reordered(files_of(), 0));
  const auto expected = run_in(first, args);
  CAPTURE(expected.out.substr(0, 3000), expected.err.substr(0, 3000));
  // The project has bad entries: exit 2, and still a full report.
  CHECK(expected.exit_code == 2);
  CHECK(!expected.out.empty());
  if (args.find("json") != std::string::npos || args.find("sarif") != std::string::npos)
    CHECK(nlohmann::json::accept(expected.out));

  for (int order : {1, 2}) {
    CAPTURE(order);
    create(second, reordered(files_of(), order));
    CAPTURE(listing(first), listing(second));
    const auto again = run_in(second, args);
    CHECK(again.exit_code == expected.exit_code);
    CHECK(again.out == expected.out);
    CHECK(again.err == expected.err);
    // And the same folder twice.
    CHECK(run_in(first, args).out == expected.out);
  }
  fs::remove_all(root);
}

TEST_CASE("determinism: the reports do not depend on the order of the folder's listing",
          "[reliability][determinism]") {
  // The check above can only vary what the file system varies; this one checks the premise on
  // the machine it runs on, so that a file system that lists in creation order is noticed.
  const auto root = temp_root();
  create(root / "a", reordered(project_files(), 0));
  create(root / "b", reordered(project_files(), 1));
  const auto a = listing(root / "a"), b = listing(root / "b");
  if (a == b)
    WARN("this file system lists both folders in the same order; the check above is weaker here");
  auto sorted_a = a, sorted_b = b;
  std::sort(sorted_a.begin(), sorted_a.end());
  std::sort(sorted_b.begin(), sorted_b.end());
  CHECK(sorted_a == sorted_b);
  CHECK(run_in(root / "a", ". --format json").out == run_in(root / "b", ". --format json").out);
  fs::remove_all(root);
}
