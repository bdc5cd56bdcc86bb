// The one table of input formats: detection, --input-format and --help come from it.
#include <algorithm>
#include <string>

#include "depcheck/readers/reader.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::readers {
namespace {

bool is_poetry_lock(std::string_view name) {
  return name == "poetry.lock";
}
bool is_uv_lock(std::string_view name) {
  return name == "uv.lock";
}
bool is_pdm_lock(std::string_view name) {
  return name == "pdm.lock";
}
bool is_pipfile_lock(std::string_view name) {
  return name == "Pipfile.lock";
}
// PEP 751: pylock.toml or pylock.<name>.toml
bool is_pylock(std::string_view name) {
  return name == "pylock.toml" ||
         (name.size() > 12 && name.starts_with("pylock.") && name.ends_with(".toml") &&
          name.substr(7, name.size() - 12).find('.') == std::string_view::npos);
}
// requirements.txt, requirements-dev.txt, requirements/base.txt is found by -r only;
// *.in files are pip-compile inputs with unpinned lines, read too.
bool is_requirements(std::string_view name) {
  return (name.starts_with("requirements") || name.ends_with("requirements.txt")) &&
         (name.ends_with(".txt") || name.ends_with(".in"));
}
bool is_pyproject(std::string_view name) {
  return name == "pyproject.toml";
}

}  // namespace

const std::vector<ReaderInfo>& all_readers() {
  static const std::vector<ReaderInfo> readers = {
      {"poetry.lock", "Poetry lock file (lock-version 1.1, 2.0, 2.1)", is_poetry_lock,
       read_poetry_lock},
      {"uv.lock", "uv lock file (version 1)", is_uv_lock, read_uv_lock},
      {"pdm.lock", "PDM lock file (lock_version 4.x)", is_pdm_lock, read_pdm_lock},
      {"Pipfile.lock", "Pipenv lock file", is_pipfile_lock, read_pipfile_lock},
      {"pylock.toml", "PEP 751 lock file (pylock.toml, pylock.*.toml)", is_pylock, read_pylock},
      {"requirements.txt", "requirements file or pip freeze output", is_requirements,
       read_requirements},
      {"pyproject.toml", "the project's declared dependencies (PEP 621, PEP 735, Poetry)",
       is_pyproject, read_pyproject},
  };
  return readers;
}

const ReaderInfo* find_reader(std::string_view id) {
  for (const auto& reader : all_readers())
    if (reader.id == id) return &reader;
  return nullptr;
}

const ReaderInfo* detect_reader(std::string_view file_name) {
  for (const auto& reader : all_readers())
    if (reader.matches_file_name(file_name)) return &reader;
  return nullptr;
}

const ReaderInfo* sniff_reader(std::string_view text) {
  const auto head = text.substr(0, 4096);
  const auto has = [&](std::string_view needle) {
    return head.find(needle) != std::string_view::npos;
  };
  if (util::trim(head).starts_with("{") && has("\"_meta\"")) return find_reader("Pipfile.lock");
  if (has("lock-version") && has("[[package]]")) return find_reader("poetry.lock");
  if (has("[metadata]") && has("lock_version")) return find_reader("pdm.lock");
  if (has("lock-version") && (has("[[packages]]") || has("created-by")))
    return find_reader("pylock.toml");
  if (has("version = 1") && has("[[package]]")) return find_reader("uv.lock");
  if (has("[[package]]") && has("python-versions")) return find_reader("poetry.lock");
  if (has("[project]") || has("[tool.poetry") || has("[build-system]") ||
      has("[dependency-groups]"))
    return find_reader("pyproject.toml");
  return find_reader("requirements.txt");
}

}  // namespace depcheck::readers
