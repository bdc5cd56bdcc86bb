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

// The bit of DeclaredIn `where` in FormatTraits::reads.
constexpr unsigned declared_bit(DeclaredIn where) {
  return 1U << static_cast<unsigned>(where);
}

// What a format says about what its tool installs. The environment stage, the checks and the
// fix commands read these; nothing outside the readers compares format names.
struct FormatTraits {
  std::string_view tool;        // "poetry" | "uv" | "pdm" | "pipenv" | "pip": command syntax
  bool locks = true;            // pins versions (a pyproject only declares)
  bool installed = false;       // an installed environment: whatever is there is installed
  bool lists_edges = false;     // entries carry their dependencies (a requirements file does not)
  bool edge_markers = true;     // edges carry markers (PEP 751's do not: entry markers decide)
  bool roots_in_lock = false;   // the lock has the project's own entries and their edges (uv)
  bool groups_in_lock = false;  // the lock names the groups it was made for (pdm)
  // Which pyproject.toml tables the tool reads (declared_bit of each); 0 = none: the lock is
  // not compared with the pyproject beside it.
  unsigned reads = 0;
};

struct ReaderInfo {
  std::string_view id;  // "poetry.lock": the --input-format value and report "format"
  std::string_view description;
  bool (*matches_file_name)(std::string_view file_name);  // detection by base name
  ReadFunction read;
  FormatTraits traits;
};

// The format id of an installed environment (--env): no reader in the table reads it.
inline constexpr std::string_view k_environment_format = "environment";
// The traits of a format id, the installed environment's included; a pip-like default for an
// unknown id.
const FormatTraits& traits_of(std::string_view format);

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
