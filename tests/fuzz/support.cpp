#include "support.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli/check_run.hpp"
#include "depcheck/engine.hpp"
#include "depcheck/matrix.hpp"
#include "depcheck/readers/reader.hpp"
#include "depcheck/report.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::fuzz {
namespace {

constexpr std::size_t k_determinism_max_bytes = 8192;

const matrix::Matrix& bundled() {
  static const matrix::Matrix matrix = matrix::bundled_matrix();
  return matrix;
}

std::string render_all(const Input& input, const Diagnostics& diags, std::string_view input_text) {
  report::Report report;
  report.tool_version = "0.0.0";
  report.matrix_version = bundled().matrix_version;
  report.inputs.push_back(&input);
  for (const auto& d : diags)
    (d.severity == Severity::error ? report.errors : report.warnings).push_back(d);
  cli::check_inputs(report, bundled(), cli::Options{});

  std::string json_text;
  for (const auto& info : report::all_formats()) {
    std::ostringstream out;
    report::render(report, info.format, out,
                   report::RenderOptions{info.format == report::Format::text});
    if (info.format == report::Format::json || info.format == report::Format::sarif) {
      if (!nlohmann::json::accept(out.str()))
        fail(std::string(info.name) + " report is not one valid JSON document:\n" + out.str(),
             input_text);
    }
    if (info.format == report::Format::json) json_text = out.str();
  }
  return json_text;
}

}  // namespace

void fail(std::string_view what, std::string_view input) {
  std::fprintf(stderr, "\n*** depcheck fuzz invariant broken: %.*s\n",
               static_cast<int>(what.size()), what.data());
  if (!input.empty()) {
    const auto shown = util::escape_for_terminal(input.substr(0, 4096));
    std::fprintf(stderr, "*** input: %s\n", shown.c_str());
  }
  std::abort();
}

bool round_trip_expected(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\\') return false;
  for (auto open = text.find('\''); open != std::string_view::npos;) {
    const auto close = text.find('\'', open + 1);
    if (close == std::string_view::npos) break;
    if (text.substr(open, close - open).find('"') != std::string_view::npos) return false;
    open = text.find('\'', close + 1);
  }
  return true;
}

std::pair<std::string_view, std::string_view> split_first_line(std::string_view text) {
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) return {text, {}};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

std::string check_input(const Input& input, const Diagnostics& diags, std::string_view input_text) {
  for (const auto& package : input.packages) {
    if (package.name.empty()) fail("a package without a name", input_text);
    if (package.version && package.version_text.empty())
      fail("package '" + package.name + "' has a version but no version_text", input_text);
  }
  for (const auto& package : input.unversioned)
    if (package.name.empty() && package.display_name.empty())
      fail("an unversioned entry without a name or display name", input_text);
  for (const auto& d : diags) {
    if (d.message.empty()) fail("a diagnostic without a message", input_text);
    if (d.where.line < 0 || d.where.column < 0)
      fail("a diagnostic at a negative line or column: " + d.where.str(), input_text);
  }
  return render_all(input, diags, input_text);
}

namespace {

// One read: the rendered JSON report, or "fatal: <message>" when the reader gave up.
std::string read_once(const readers::ReaderInfo& reader, std::string_view text,
                      const std::string& path) {
  Input input;
  input.path = path;
  input.format = std::string(reader.id);
  Diagnostics diags;
  try {
    reader.read(text, path, input, diags);
  } catch (const FatalError& e) {
    if (std::string_view(e.what()).empty()) fail("a FatalError without a message", text);
    if (e.where.line < 0 || e.where.column < 0) fail("a FatalError at a negative position", text);
    return std::string("fatal: ") + e.what() + " at " + e.where.str();
  } catch (const std::exception& e) {
    fail(std::string("reader '") + std::string(reader.id) +
             "' threw a non-FatalError exception: " + e.what(),
         text);
  } catch (...) {
    fail("reader '" + std::string(reader.id) + "' threw a non-std exception", text);
  }
  return check_input(input, diags, text);
}

}  // namespace

void read_and_check(std::string_view id, std::string_view text, const std::string& path) {
  const auto* reader = readers::find_reader(id);
  if (reader == nullptr) fail("no reader '" + std::string(id) + "'");
  (void)readers::sniff_reader(text);
  const auto first = read_once(*reader, text, path);
  // Twice only for small inputs: the check is cheap there, and it halves the speed on large ones.
  if (text.size() > k_determinism_max_bytes) return;
  const auto second = read_once(*reader, text, path);
  if (first != second) fail("reading the same text twice gave different reports", text);
}

namespace {

std::vector<std::string>& temp_dirs() {
  static std::vector<std::string> dirs;
  return dirs;
}

void remove_temp_dirs() {
  for (const auto& dir : temp_dirs()) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
}

}  // namespace

std::string make_temp_dir(std::string_view stem) {
  namespace fs = std::filesystem;
  if (temp_dirs().empty()) std::atexit(remove_temp_dirs);
  const auto base = fs::temp_directory_path();
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const auto dir = base / (std::string(stem) + "-" + std::to_string(::getpid()) + "-" +
                             std::to_string(attempt));
    std::error_code ec;
    if (fs::create_directory(dir, ec)) {
      temp_dirs().push_back(dir.string());
      return dir.string();
    }
  }
  fail("cannot make a temporary folder");
}

}  // namespace depcheck::fuzz
