#pragma once
// Shared by the fuzz targets: invariant failures, and the body of the reader targets.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "depcheck/inventory.hpp"

namespace depcheck::fuzz {

// A broken invariant: prints `what` (and the input, escaped) and aborts, so that libFuzzer keeps
// the input as a crash.
[[noreturn]] void fail(std::string_view what, std::string_view input = {});

// The fuzzer's bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Whether packaging's own str() of `text` re-parses, so that depcheck's must too. packaging
// (and depcheck, which follows it) breaks the round trip in two places: a local version label
// may hold the four non-ASCII letters that case-fold to ASCII ones ("1.0+İ" prints "1.0+i̇",
// which does not parse); a marker value is read as a Python string literal (ast.literal_eval:
// '\\' is one backslash, '\b' a backspace) but printed without escapes, so each round trip
// halves its backslashes; and a value with a '"' inside single quotes prints inside double
// quotes unescaped ('a"b' -> "a"b").
bool round_trip_expected(std::string_view text);

// Splits at the first '\n': {"a", "b\nc"} for "a\nb\nc"; {text, ""} without one.
std::pair<std::string_view, std::string_view> split_first_line(std::string_view text);

// Checks what every reader must guarantee of the Input it produced (and of its Diagnostics):
//   - every versioned package has a name, and a parsed version only with its version_text;
//   - every unversioned entry has a name or a display name;
//   - every Diagnostic has a message and a non-negative line and column;
// then runs the engine (bundled matrix) and every reporter over it: the JSON and SARIF
// documents must parse. Returns the JSON report. `input_text` is only for the failure message.
std::string check_input(const Input& input, const Diagnostics& diags, std::string_view input_text);

// Runs reader `id` on `text` as the file `path`: a FatalError is an accepted outcome, any other
// exception is a failure; then check_input(). Reading a small input twice must give the same
// JSON report (SPEC: the same input gives the same bytes).
void read_and_check(std::string_view id, std::string_view text, const std::string& path);

// A new empty folder under the temporary directory, removed when the process exits.
std::string make_temp_dir(std::string_view stem);

}  // namespace depcheck::fuzz
