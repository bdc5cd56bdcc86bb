// Fuzzes the requirements.txt reader, then the engine and every reporter over what it read
// (SPEC "Bad input"). Invariants: support.hpp. The reader resolves -r/-c includes from disk
// relative to the file's folder, so the file is named inside an empty temporary folder; ${VAR}
// expands from the environment, which is emptied so that runs are reproducible.
#include <cstdlib>
#include <string>

#include "support.hpp"

namespace {

std::string g_path;

// Includes that name a device or a kernel file (/dev/zero, /dev/stdin, /proc/...) would read
// forever or block: skipped. Line joins and the NULs of UTF-16/32 text are removed first, so
// that "-r /de\<newline>v/zero" is caught too.
bool names_a_device(std::string_view text) {
  std::string flat;
  flat.reserve(text.size());
  for (char c : text)
    if (c != '\0') flat += c;
  for (std::string_view join : {"\\\r\n", "\\\n"})
    for (auto at = flat.find(join); at != std::string::npos; at = flat.find(join, at))
      flat.erase(at, join.size());
  for (std::string_view bad : {"/dev", "/proc", "/sys", "dev/", "proc/", "sys/"})
    if (flat.find(bad) != std::string::npos) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_path = depcheck::fuzz::make_temp_dir("depcheck-fuzz-requirements") + "/requirements.txt";
  ::clearenv();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = depcheck::fuzz::as_text(data, size);
  if (names_a_device(text)) return -1;  // not added to the corpus
  depcheck::fuzz::read_and_check("requirements.txt", text, g_path);
  return 0;
}
