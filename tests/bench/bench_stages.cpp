// Per-stage costs of one depcheck run on one lock: read the file, the lock reader (the fast path
// when the lock takes it: one scan that builds the inventory), engine (rules, requirements,
// fixes), report. For comparison, also toml++'s parse alone and the toml++ reader, which are
// not in the total. Each stage is repeated and the median printed, so one slow run does not
// decide the figure; CPU time is printed beside wall time, for machines shared with others.
//   depcheck_bench_stages poetry.lock matrix.json [repeats]
#include <time.h>

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
#include "engine/checks.hpp"
#include "engine/fixes.hpp"
#include "environment/package_index.hpp"

// The two paths of the poetry.lock reader (src/readers/fast_toml_scanner.hpp; the bench sees only
// the public headers).
namespace depcheck::readers {
bool fast_read_poetry_lock(std::string_view text, const std::string& path, Input& out);
void read_poetry_lock_toml(std::string_view text, const std::string& path, Input& out,
                           Diagnostics& diags);
}  // namespace depcheck::readers

using namespace depcheck;

namespace {

struct Cost {
  double wall_ms = 0;
  double cpu_ms = 0;
};

double cpu_now_ms() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

Cost median(int repeats, const std::function<void()>& stage) {
  std::vector<double> wall, cpu;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_now_ms();
    stage();
    cpu.push_back(cpu_now_ms() - cpu_start);
    wall.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

Input fresh_input(const std::string& path) {
  Input input;
  input.path = path;
  input.format = "poetry.lock";
  return input;
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
  const auto read = median(repeats, [&] { text = util::read_file(lock_path); });
  const double megabytes = static_cast<double>(text.size()) / 1e6;
  const auto* reader = readers::detect_reader("poetry.lock");
  Input input;
  bool fast_path = false;
  // Inputs are built and destroyed outside the timed part, as the command line frees them only
  // at the end.
  std::vector<Input> kept;
  kept.reserve(static_cast<std::size_t>(repeats) * 3);
  const auto reader_cost = median(repeats, [&] {
    kept.push_back(fresh_input(lock_path));
    Diagnostics diags;
    reader->read(text, lock_path, kept.back(), diags);
  });
  input = std::move(kept.back());
  {
    Input probe = fresh_input(lock_path);
    fast_path = readers::fast_read_poetry_lock(text, lock_path, probe);
  }
  const auto parse = median(repeats, [&] { auto table = toml::parse(text, lock_path); });
  const auto toml_reader = median(std::max(1, repeats / 2), [&] {
    kept.push_back(fresh_input(lock_path));
    Diagnostics diags;
    readers::read_poetry_lock_toml(text, lock_path, kept.back(), diags);
  });
  kept.clear();

  std::string matrix_text = util::read_file(matrix_path);
  matrix::Matrix matrix;
  const auto matrix_cost = median(repeats, [&] {
    matrix = matrix::Matrix{};
    matrix.merge(matrix::load_matrix(matrix_text, matrix_path));
  });
  const engine::Target target{"3.9", "linux", ""};
  engine::Result result;
  const auto engine_cost =
      median(repeats, [&] { result = engine::check_input(input, matrix, target, {}); });
  // The engine's parts, each timed alone on the same input (their sum is about the whole).
  const auto env = pep508::environment_for(target.python, target.platform);
  const auto index_cost =
      median(repeats, [&] { const environment::PackageIndex index(input, env); });
  const environment::PackageIndex index(input, env);
  const auto rules_cost =
      median(repeats, [&] { (void)engine::check_matrix(input, matrix, index, target, env, {}); });
  const auto requirements_cost =
      median(repeats, [&] { (void)engine::check_requirements(input, index, target, {}); });
  const auto fixes_cost = median(repeats, [&] {
    const engine::FixPlanner planner(input, matrix, index, env, {});
    for (const auto& finding : result.findings) (void)planner.options_for(finding);
    (void)planner.plan(result.findings);
  });
  const auto& findings = result.findings;
  report::Report report;
  report.tool_version = "bench";
  report.matrix_version = matrix.matrix_version;
  report.target = target;
  report.inputs = {&input};
  report.findings = findings;
  if (!findings.empty()) report.plans.push_back(result.plan);
  std::size_t bytes = 0;
  const auto render = median(repeats, [&] {
    std::ostringstream out;
    report::render_json(report, out);
    bytes = out.str().size();
  });

  const auto line = [](std::string_view name, const Cost& cost, const std::string& note) {
    std::cout << fmt::format("{:<13}{:>9.2f} ms  (cpu {:>8.2f} ms)  {}\n", name, cost.wall_ms,
                             cost.cpu_ms, note);
  };
  const auto rate = [&](const Cost& cost) {
    return fmt::format("{:.0f} MB/s", megabytes / (cost.wall_ms / 1e3));
  };
  std::cout << fmt::format(
      "input        {:>9.2f} MB, {} packages, {} rules, {} findings, report {} bytes\n", megabytes,
      input.packages.size(), matrix.rules.size(), findings.size(), bytes);
  line("read", read, "");
  line("lock reader", reader_cost,
       rate(reader_cost) + (fast_path ? ", fast path: scan + inventory" : ", toml++ path"));
  line("engine", engine_cost, "rules, requirements, fixes");
  line("  index", index_cost, "packages and requirements that apply to the target");
  line("  rules", rules_cost, "matrix rules matched");
  line("  metadata", requirements_cost, "declared requirements, python support");
  line("  fixes", fixes_cost,
       fmt::format("fix options and the plan, {} findings", findings.size()));
  line("report", render, "json");
  const double total = read.wall_ms + reader_cost.wall_ms + engine_cost.wall_ms + render.wall_ms;
  const double total_cpu = read.cpu_ms + reader_cost.cpu_ms + engine_cost.cpu_ms + render.cpu_ms;
  std::cout << fmt::format(
      "total        {:>9.2f} ms  (cpu {:>8.2f} ms); after parsing (engine + report) {:.1f}% "
      "(cpu {:.1f}%)\n",
      total, total_cpu, 100.0 * (engine_cost.wall_ms + render.wall_ms) / total,
      100.0 * (engine_cost.cpu_ms + render.cpu_ms) / total_cpu);
  std::cout << "not in the total:\n";
  line("matrix load", matrix_cost, "JSON matrix, once per run");
  line("toml++ parse", parse, rate(parse) + ", the parse alone");
  line("toml++ reader", toml_reader, rate(toml_reader) + ", parse + inventory without fast path");
  return 0;
}
