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

constexpr unsigned k_project = declared_bit(DeclaredIn::project);
constexpr unsigned k_groups = declared_bit(DeclaredIn::dependency_groups);

// Poetry reads [project] and [tool.poetry]; [dependency-groups] only from 2.2 on, so a lock is
// not held to it (a project that keeps them for uv would look stale). uv and PDM read the
// standard tables and their own. Pipenv reads the Pipfile, not pyproject.toml.
constexpr FormatTraits k_poetry{
    "poetry", true, false, true, true, false, false, k_project | declared_bit(DeclaredIn::poetry)};
constexpr FormatTraits k_uv{"uv", true, false, true,
                            true, true, false, k_project | k_groups | declared_bit(DeclaredIn::uv)};
constexpr FormatTraits k_pdm{
    "pdm", true,  false, true,
    true,  false, true,  k_project | k_groups | declared_bit(DeclaredIn::pdm)};
constexpr FormatTraits k_pipenv{"pipenv", true, false, false, true, false, false, 0};
constexpr FormatTraits k_pylock{"pip", true, false, true, false, false, false, 0};
// Which pyproject a requirements file was compiled from is not known in general: see
// requirements_txt.cpp for the header that says so.
constexpr FormatTraits k_requirements{"pip", true, false, false, true, false, false, 0};
constexpr FormatTraits k_pyproject{"pip", false, false, false, true, false, false, 0};
constexpr FormatTraits k_environment{"pip", true, true, true, true, false, false, 0};

}  // namespace

const std::vector<ReaderInfo>& all_readers() {
  static const std::vector<ReaderInfo> readers = {
      {"poetry.lock", "Poetry lock file (lock-version 1.1, 2.0, 2.1)", is_poetry_lock,
       read_poetry_lock, k_poetry},
      {"uv.lock", "uv lock file (version 1)", is_uv_lock, read_uv_lock, k_uv},
      {"pdm.lock", "PDM lock file (lock_version 4.x)", is_pdm_lock, read_pdm_lock, k_pdm},
      {"Pipfile.lock", "Pipenv lock file", is_pipfile_lock, read_pipfile_lock, k_pipenv},
      {"pylock.toml", "PEP 751 lock file (pylock.toml, pylock.*.toml)", is_pylock, read_pylock,
       k_pylock},
      {"requirements.txt", "requirements file or pip freeze output", is_requirements,
       read_requirements, k_requirements},
      {"pyproject.toml", "the project's declared dependencies (PEP 621, PEP 735, Poetry)",
       is_pyproject, read_pyproject, k_pyproject},
  };
  return readers;
}

const FormatTraits& traits_of(std::string_view format) {
  if (format == k_environment_format) return k_environment;
  if (const auto* reader = find_reader(format)) return reader->traits;
  return k_requirements;
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
