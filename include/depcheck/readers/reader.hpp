#pragma once
// Reader interface and registry. A reader turns one input's text into an Input.
// - Whole-file problems (not TOML, not this format): throw FatalError with a Location.
// - One bad entry in a good file: a Diagnostic (severity error) in `diags`; keep reading.
// - Warnings (an unknown future lock version read best-effort): severity warning.
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/diagnostic.hpp"
#include "depcheck/inventory.hpp"

namespace depcheck::readers {

// `text` is the whole file; `path` is used for messages and Location and, for requirements
// files, to resolve -r/-c includes relative to it.
using ReadFunction = void (*)(std::string_view text, const std::string& path, Input& out,
                              Diagnostics& diags);

struct ReaderInfo {
  std::string_view id;  // "poetry.lock": the --input-format value and report "format"
  std::string_view description;
  bool (*matches_file_name)(std::string_view file_name);  // detection by base name
  ReadFunction read;
};

// All readers, in detection priority order. One line per format.
const std::vector<ReaderInfo>& all_readers();
const ReaderInfo* find_reader(std::string_view id);
const ReaderInfo* detect_reader(std::string_view file_name);
// Guess the format of standard input from its content; nullptr if unknown.
const ReaderInfo* sniff_reader(std::string_view text);

void read_poetry_lock(std::string_view text, const std::string& path, Input& out,
                      Diagnostics& diags);
void read_uv_lock(std::string_view text, const std::string& path, Input& out, Diagnostics& diags);
void read_pdm_lock(std::string_view text, const std::string& path, Input& out, Diagnostics& diags);
void read_pipfile_lock(std::string_view text, const std::string& path, Input& out,
                       Diagnostics& diags);
void read_pylock(std::string_view text, const std::string& path, Input& out, Diagnostics& diags);
void read_requirements(std::string_view text, const std::string& path, Input& out,
                       Diagnostics& diags);
void read_pyproject(std::string_view text, const std::string& path, Input& out, Diagnostics& diags);
// An installed environment: `dir` is a virtualenv root or a site-packages folder.
void read_installed_env(const std::string& dir, Input& out, Diagnostics& diags);

}  // namespace depcheck::readers
