// Per-stage costs of one depcheck run on one lock: read, TOML parse, inventory (the reader's own
// work after parsing), engine, fix recommendations, report. Each stage is repeated and the
// median printed, so one slow run does not decide the figure.
//   depcheck_bench_stages poetry.lock matrix.json [repeats]
#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "depcheck/engine.hpp"
#include "depcheck/matrix.hpp"
#include "depcheck/readers/reader.hpp"
#include "depcheck/report.hpp"
#include "depcheck/util/files.hpp"

using namespace depcheck;

namespace {

double median_ms(int repeats, const std::function<void()>& stage) {
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    stage();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: depcheck_bench_stages LOCK MATRIX [REPEATS]\n";
    return 2;
  }
  const std::string lock_path = argv[1], matrix_path = argv[2];
  const int repeats = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;

  std::string text;
  const double read = median_ms(repeats, [&] { text = util::read_file(lock_path); });
  const double parse = median_ms(repeats, [&] { auto table = toml::parse(text, lock_path); });
  const auto* reader = readers::detect_reader("poetry.lock");
  Input input;
  const double parse_and_inventory = median_ms(repeats, [&] {
    input = Input{};
    input.path = lock_path;
    input.format = "poetry.lock";
    Diagnostics diags;
    reader->read(text, lock_path, input, diags);
  });
  const auto matrix = matrix::load_matrix(util::read_file(matrix_path), matrix_path);
  const engine::Target target{"3.9", "linux", ""};
  std::vector<engine::Finding> findings;
  const double engine_ms = median_ms(repeats, [&] { findings = engine::check(input, matrix, target, {}); });
  const double fixes_ms = 0.0;  // computed inside the engine with each finding (see engine_ms)
  report::Report report;
  report.tool_version = "bench";
  report.matrix_version = matrix.matrix_version;
  report.target = target;
  report.inputs = {&input};
  report.findings = findings;
  std::size_t bytes = 0;
  const double render = median_ms(repeats, [&] {
    std::ostringstream out;
    report::render_json(report, out);
    bytes = out.str().size();
  });
  const double total = read + parse_and_inventory + engine_ms + fixes_ms + render;
  const double megabytes = static_cast<double>(text.size()) / 1e6;
  std::cout << fmt::format("input        {:>9.2f} MB, {} packages, {} rules, {} findings, report {} bytes\n", megabytes,
                           input.packages.size(), matrix.rules.size(), findings.size(), bytes);
  std::cout << fmt::format("read         {:>9.2f} ms\n", read);
  std::cout << fmt::format("parse        {:>9.2f} ms  ({:.1f} MB/s, toml++)\n", parse, megabytes / (parse / 1e3));
  std::cout << fmt::format("inventory    {:>9.2f} ms  (reader after parsing)\n", std::max(0.0, parse_and_inventory - parse));
  std::cout << fmt::format("engine       {:>9.2f} ms  (rules, requirements, fixes)\n", engine_ms);
  std::cout << fmt::format("report       {:>9.2f} ms  (json)\n", render);
  std::cout << fmt::format("total        {:>9.2f} ms; after parsing {:.1f}%\n", total,
                           100.0 * (total - read - parse) / total);
  return 0;
}
