// Differential fuzzing of the fast TOML path (src/readers/fast_toml_scanner.hpp) against toml++:
//   - whatever the scanner accepts, toml++ accepts too, with the same tree (keys, types, values,
//     line and column of every value);
//   - streaming the [[...]] elements accepts nothing that the whole-tree scan rejects;
//   - where a fast reader (poetry.lock, uv.lock) reads a file, the toml++ reader reads it too,
//     with no diagnostic and the same Input, field by field.
// A difference aborts with the list of differences (fuzz::fail).
#include <toml++/toml.h>

#include <string>

#include "depcheck/diagnostic.hpp"
#include "depcheck/inventory.hpp"
#include "readers/fast_scanner_diff.hpp"
#include "readers/fast_toml_scanner.hpp"
#include "support.hpp"

namespace {

using namespace depcheck;

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

void check_tree(std::string_view text) {
  readers::ScannedToml doc;
  const bool scanned = doc.scan(text);
  readers::ScannedToml streamed;
  const bool streamed_ok =
      streamed.scan(text, [](const readers::ScannedToml&, std::string_view,
                             const readers::ScannedToml::Node&) { return true; });
  // Streaming may give up where the whole tree does not (a header back into an element already
  // handed over), never the other way round.
  if (streamed_ok && !scanned)
    fuzz::fail("streaming accepted what the whole-tree scan rejects", text);
  if (!scanned) return;
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& error) {
    fuzz::fail("the scanner accepted what toml++ rejects: " + std::string(error.description()),
               text);
  }
  const auto differences = test::tree_differences(doc, root);
  if (!differences.empty()) fuzz::fail("trees differ:\n" + joined(differences), text);
}

using FastReader = bool (*)(std::string_view, const std::string&, Input&);
using TomlReader = void (*)(std::string_view, const std::string&, Input&, Diagnostics&);

void check_reader(std::string_view text, const std::string& path, const std::string& format,
                  FastReader fast_read, TomlReader toml_read) {
  Input fast;
  fast.path = path;
  fast.format = format;
  if (!fast_read(text, path, fast)) return;
  Input slow;
  slow.path = path;
  slow.format = format;
  Diagnostics diags;
  try {
    toml_read(text, path, slow, diags);
  } catch (const FatalError& error) {
    fuzz::fail(format + ": the fast reader read what the toml++ reader rejects: " + error.what(),
               text);
  }
  auto differences = test::input_differences(fast, slow);
  const auto diag_differences = test::diagnostic_differences({}, diags);
  differences.insert(differences.end(), diag_differences.begin(), diag_differences.end());
  if (!differences.empty())
    fuzz::fail(format + ": fast and toml++ readers differ:\n" + joined(differences), text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  check_tree(text);
  check_reader(text, "poetry.lock", "poetry.lock", readers::fast_read_poetry_lock,
               readers::read_poetry_lock_toml);
  check_reader(text, "uv.lock", "uv.lock", readers::fast_read_uv_lock, readers::read_uv_lock_toml);
  return 0;
}
