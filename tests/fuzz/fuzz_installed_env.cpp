// Fuzzes the installed-environment reader through a temporary site-packages folder (the reader
// takes a folder, not text). The input is up to four NUL-separated parts, written as
//   foo-1.0.dist-info/METADATA, foo-1.0.dist-info/direct_url.json,
//   bar.egg-info/PKG-INFO, bar.egg-info/requires.txt
// (a missing part is a missing file). Then the engine and every reporter run over what was
// read. Invariants: support.hpp.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "depcheck/readers/reader.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;
fs::path g_site;

void put(const fs::path& path, const std::vector<std::string_view>& parts, std::size_t index) {
  std::error_code ec;
  if (index >= parts.size()) {
    fs::remove(path, ec);
    return;
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(parts[index].data(), static_cast<std::streamsize>(parts[index].size()));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_site = fs::path(depcheck::fuzz::make_temp_dir("depcheck-fuzz-env")) / "site-packages";
  fs::create_directories(g_site / "foo-1.0.dist-info");
  fs::create_directories(g_site / "bar.egg-info");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace depcheck;
  const auto text = fuzz::as_text(data, size);
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto nul = text.find('\0', start);
    parts.push_back(text.substr(start, nul == std::string_view::npos ? nul : nul - start));
    if (nul == std::string_view::npos || parts.size() == 4) break;
    start = nul + 1;
  }
  put(g_site / "foo-1.0.dist-info" / "METADATA", parts, 0);
  put(g_site / "foo-1.0.dist-info" / "direct_url.json", parts, 1);
  put(g_site / "bar.egg-info" / "PKG-INFO", parts, 2);
  put(g_site / "bar.egg-info" / "requires.txt", parts, 3);

  Input input;
  input.path = g_site.string();
  input.format = "environment";
  Diagnostics diags;
  try {
    readers::read_installed_env(g_site.string(), input, diags);
  } catch (const FatalError&) {
    fuzz::fail("a FatalError for a readable site-packages folder", text);
  } catch (const std::exception& e) {
    fuzz::fail(std::string("non-FatalError exception: ") + e.what(), text);
  }
  fuzz::check_input(input, diags, text);
  return 0;
}
