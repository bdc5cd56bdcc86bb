// read_inputs_parallel (src/cli/parallel.hpp): the same Inputs, errors and warnings, in the
// same order, as reading the files one after the other (SPEC: the same input gives the same
// bytes), on every fixture of every format, whatever the number of threads.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/inputs.hpp"
#include "cli/parallel.hpp"
#include "depcheck/util/files.hpp"
#include "readers/fast_scanner_diff.hpp"
#include "support.hpp"

using depcheck::Diagnostics;
using depcheck::Input;
using depcheck::cli::InputFile;

namespace {

namespace fs = std::filesystem;

// Fixture folders and the reader each holds (their file names do not say it).
const std::vector<std::pair<std::string, std::string>> k_fixture_formats = {
    {"poetry_lock", "poetry.lock"}, {"uv_lock", "uv.lock"},
    {"pdm_lock", "pdm.lock"},       {"pipfile_lock", "Pipfile.lock"},
    {"pylock", "pylock.toml"},      {"requirements_txt", "requirements.txt"},
    {"pyproject", "pyproject.toml"}};

std::vector<InputFile> fixture_files() {
  std::vector<InputFile> files;
  for (const auto& [folder, format] : k_fixture_formats) {
    const auto dir = depcheck::test::fixture_path(folder);
    if (!fs::is_directory(dir)) continue;
    std::vector<std::string> paths;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
      if (entry.is_regular_file()) paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) files.push_back({path, format});
  }
  return files;
}

std::vector<InputFile> corpus_files() {
  std::vector<InputFile> files;
  const auto shared = depcheck::test::shared_dir();
  if (shared.empty()) return files;
  const auto manifest =
      nlohmann::json::parse(depcheck::util::read_file(shared + "/corpus/MANIFEST.json"));
  for (const auto& entry : manifest)
    files.push_back({shared + "/corpus/" + entry["file"].get<std::string>(),
                     entry["format"].get<std::string>()});
  return files;
}

struct Result {
  std::vector<std::unique_ptr<Input>> inputs;
  Diagnostics errors;
  Diagnostics warnings;
};

Result sequential(const std::vector<InputFile>& files) {
  Result result;
  for (const auto& file : files)
    result.inputs.push_back(depcheck::cli::read_input(file, result.errors, result.warnings));
  return result;
}

Result parallel(const std::vector<InputFile>& files, unsigned threads) {
  Result result;
  result.inputs =
      depcheck::cli::read_inputs_parallel(files, result.errors, result.warnings, threads);
  return result;
}

void check_same(const Result& a, const Result& b) {
  REQUIRE(a.inputs.size() == b.inputs.size());
  for (std::size_t i = 0; i < a.inputs.size(); ++i) {
    CAPTURE(i, a.inputs[i]->path);
    CHECK(depcheck::test::input_differences(*a.inputs[i], *b.inputs[i]) ==
          std::vector<std::string>{});
  }
  CHECK(depcheck::test::diagnostic_differences(a.errors, b.errors) == std::vector<std::string>{});
  CHECK(depcheck::test::diagnostic_differences(a.warnings, b.warnings) ==
        std::vector<std::string>{});
}

}  // namespace

// --- In input order, whatever the threads.
TEST_CASE("parallel: every fixture reads as it reads sequentially", "[cli][parallel]") {
  auto files = fixture_files();
  // Files that cannot be read are errors in their place too.
  files.push_back({depcheck::test::fixture_path("no-such-file.lock"), "poetry.lock"});
  files.insert(files.begin() + static_cast<std::ptrdiff_t>(files.size() / 2),
               {depcheck::test::fixture_path("poetry_lock/not-toml.txt"), "poetry.lock"});
  REQUIRE(files.size() > 20);
  const auto expected = sequential(files);
  REQUIRE_FALSE(expected.errors.empty());  // the fixtures include bad files
  const unsigned threads = GENERATE(0u, 1u, 2u, 3u, 8u, 64u);
  CAPTURE(threads);
  check_same(expected, parallel(files, threads));
}

TEST_CASE("parallel: the corpus reads as it reads sequentially", "[cli][parallel][corpus]") {
  const auto files = corpus_files();
  if (files.empty()) {
    WARN("shared corpus not found: skipped");
    return;
  }
  const auto expected = sequential(files);
  check_same(expected, parallel(files, 4));
}

TEST_CASE("parallel: no files", "[cli][parallel]") {
  Diagnostics errors, warnings;
  CHECK(depcheck::cli::read_inputs_parallel({}, errors, warnings, 4).empty());
  CHECK(errors.empty());
  CHECK(warnings.empty());
}

// An unknown format throws, as the sequential loop would, after the files before it.
TEST_CASE("parallel: an exception is rethrown in its place", "[cli][parallel]") {
  const std::vector<InputFile> files = {
      {depcheck::test::fixture_path("poetry_lock/not-toml.txt"), "poetry.lock"},
      {depcheck::test::fixture_path("poetry_lock/one-package.lock"), "no-such-format"},
      {depcheck::test::fixture_path("uv_lock/not-toml.txt"), "uv.lock"},
  };
  Diagnostics errors, warnings;
  CHECK_THROWS_AS(depcheck::cli::read_inputs_parallel(files, errors, warnings, 3),
                  depcheck::FatalError);
  // The first file's error is there; the third's is not (the loop never got to it).
  REQUIRE(errors.size() == 1);
  CHECK(errors.front().where.path == files.front().path);
}

// --- SPEC "Determinism", end to end: a recursive scan of 300 projects, each with findings, bad
// entries or nothing wrong, gives the same bytes on 1 thread as on 8, in every format.
TEST_CASE("parallel: a recursive scan of hundreds of projects is the same on 1 and 8 threads",
          "[cli][parallel]") {
  const auto root = fs::temp_directory_path() / ("depcheck-parallel-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const auto example = depcheck::util::read_file(std::string(DEPCHECK_SOURCE_DIR) +
                                                 "/data/examples/uvicorn-websockets/poetry.lock");
  for (int i = 0; i < 300; ++i) {
    const auto dir = root / ("team-" + std::to_string(i % 7)) / ("service-" + std::to_string(i));
    fs::create_directories(dir);
    std::ofstream out;
    switch (i % 3) {
      case 0:  // the uvicorn/websockets findings
        out.open(dir / "poetry.lock", std::ios::binary);
        out << example;
        break;
      case 1:  // a matrix finding and a bad entry
        out.open(dir / "requirements.txt", std::ios::binary);
        out << "flake8==4.0.1\nidna==3..7\nrequests==2." << i << ".0\n";
        break;
      default:  // nothing wrong
        out.open(dir / "requirements.txt", std::ios::binary);
        out << "idna==3.7\n";
    }
  }
  for (const std::string format : {"json", "text", "sarif", "markdown"}) {
    CAPTURE(format);
    const auto args = depcheck::test::shell_quote(root.string()) +
                      " --recursive --python 3.12 --color never --format " + format;
    const auto one = depcheck::test::run_depcheck(args + " --jobs 1");
    const auto many = depcheck::test::run_depcheck(args + " --jobs 8");
    CHECK(one.exit_code == 2);  // the bad entries
    CHECK(many.exit_code == one.exit_code);
    CHECK(many.err == one.err);
    CHECK(many.out == one.out);  // byte for byte (Catch shows only the first difference)
    if (format == "json") {
      const auto report = nlohmann::json::parse(one.out);
      CHECK(report.at("inputs").size() == 300);
      CHECK(report.at("findings").size() == 100 * 3 + 100);
    }
  }
  fs::remove_all(root);
}
