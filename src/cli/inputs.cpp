#include "cli/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"
#include "depcheck/util/files.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::cli {
namespace fs = std::filesystem;

namespace {

const readers::ReaderInfo& reader_for(const std::string& id) {
  const auto* reader = readers::find_reader(id);
  if (!reader) throw FatalError("unknown input format '" + id + "'");
  return *reader;
}

// Keeps the line of each diagnostic's source, for the caret display.
void add_source_lines(Diagnostics& diags, std::size_t first, std::string_view text,
                      const std::string& path) {
  for (std::size_t i = first; i < diags.size(); ++i) {
    auto& d = diags[i];
    if (d.source_line.empty() && d.where.line > 0 && d.where.path == path)
      d.source_line = std::string(util::line_at(text, d.where.line));
  }
}

// What a recursive scan never enters: version control, caches, installed packages.
bool is_skipped_directory(const fs::path& dir) {
  static const std::vector<std::string_view> k_skipped = {
      ".git",          ".hg",         ".svn",  "node_modules", "site-packages",
      "dist-packages", "__pycache__", ".tox",  ".nox",         ".mypy_cache",
      ".pytest_cache", ".ruff_cache", ".venv", "venv"};
  const auto name = dir.filename().string();
  if (std::find(k_skipped.begin(), k_skipped.end(), name) != k_skipped.end()) return true;
  std::error_code ec;
  return fs::exists(dir / "pyvenv.cfg", ec);  // a virtualenv under any name
}

// The inputs a directory holds (or, recursively, everything below it), sorted by path.
// Throws FatalError when the directory cannot be read.
std::vector<InputFile> inputs_in(const std::string& path, bool recursive) {
  std::vector<InputFile> in_dir;
  std::error_code ec;
  const auto add_file = [&](const fs::directory_entry& entry) {
    std::error_code file_ec;
    if (!entry.is_regular_file(file_ec)) return;
    const auto name = entry.path().filename().string();
    if (const auto* reader = readers::detect_reader(name))
      in_dir.push_back({entry.path().lexically_normal().string(), std::string(reader->id)});
  };
  if (recursive) {
    // Directory symlinks are not followed, so a link loop cannot trap the walk.
    fs::recursive_directory_iterator walk(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && walk != fs::recursive_directory_iterator(); walk.increment(ec)) {
      std::error_code dir_ec;
      if (walk->is_directory(dir_ec) && !walk->is_symlink(dir_ec) &&
          is_skipped_directory(walk->path())) {
        walk.disable_recursion_pending();
        continue;
      }
      add_file(*walk);
    }
  } else {
    for (const auto& entry : fs::directory_iterator(path, ec)) add_file(entry);
  }
  if (ec) throw FatalError("cannot read directory '" + path + "': " + ec.message(), Location{path});
  std::sort(in_dir.begin(), in_dir.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  return in_dir;
}

}  // namespace

std::vector<InputFile> find_inputs(const Options& options) {
  Diagnostics errors;
  auto found = find_inputs(options, errors);
  if (!errors.empty()) throw FatalError(errors.front().message, errors.front().where);
  return found;
}

std::vector<InputFile> find_inputs(const Options& options, Diagnostics& errors) {
  std::vector<InputFile> found;
  std::vector<std::string> paths = options.paths;
  if (paths.empty() && options.env_dir.empty()) paths.push_back(".");
  for (const auto& path : paths) try {
      if (path == "-") {
        found.push_back({"-", options.input_format});  // format sniffed once the text is read
        continue;
      }
      std::error_code ec;
      const auto status = fs::status(path, ec);
      if (ec || !fs::exists(status))
        throw FatalError("cannot read '" + path + "': No such file or directory", Location{path});
      if (fs::is_directory(status)) {
        auto in_dir = inputs_in(path, options.recursive);
        if (in_dir.empty()) {
          // Like a monorepo root: say what lies below and how to check it.
          std::string hint;
          if (!options.recursive) {
            const auto below = inputs_in(path, true);
            if (!below.empty())
              hint = " (" + std::to_string(below.size()) +
                     (below.size() == 1 ? " input" : " inputs") + " below it, e.g. '" +
                     below.front().path + "': check them with --recursive)";
          }
          throw FatalError("no lock, requirements or pyproject file in '" + path + "'" + hint,
                           Location{path});
        }
        found.insert(found.end(), in_dir.begin(), in_dir.end());
        continue;
      }
      std::string format = options.input_format;
      if (format.empty()) {
        if (const auto* reader = readers::detect_reader(fs::path(path).filename().string()))
          format = reader->id;
      }
      found.push_back({path, format});
    } catch (const FatalError& e) {
      errors.push_back({Severity::error, e.what(), e.where, {}});
    }
  if (!options.env_dir.empty())
    found.push_back({options.env_dir, std::string(k_environment_format)});
  return found;
}

std::unique_ptr<Input> read_input(const InputFile& file, Diagnostics& errors,
                                  Diagnostics& warnings) {
  auto input = std::make_unique<Input>();
  input->path = file.path == "-" ? "<stdin>" : file.path;
  if (file.format == k_environment_format) {
    input->format = file.format;
    Diagnostics diags;
    try {
      readers::read_installed_env(file.path, *input, diags);
    } catch (const FatalError& e) {
      diags.push_back(
          {Severity::error, e.what(), e.where.path.empty() ? Location{file.path} : e.where, {}});
    }
    for (auto& d : diags)
      (d.severity == Severity::error ? errors : warnings).push_back(std::move(d));
    return input;
  }
  std::string text;
  try {
    text = file.path == "-" ? util::read_stdin() : util::read_file(file.path);
  } catch (const std::exception& e) {
    errors.push_back({Severity::error, e.what(), Location{input->path}, {}});
    return input;
  }
  const readers::ReaderInfo* reader = nullptr;
  if (!file.format.empty()) {
    reader = &reader_for(file.format);
  } else {
    reader = readers::sniff_reader(text);
  }
  input->format = std::string(reader->id);
  Diagnostics diags;
  try {
    reader->read(text, input->path, *input, diags);
  } catch (const FatalError& e) {
    Location where = e.where;
    if (where.path.empty()) where.path = input->path;
    diags.push_back({Severity::error, e.what(), where, {}});
    input->packages.clear();
  } catch (const std::exception& e) {
    diags.push_back(
        {Severity::error, std::string("cannot read: ") + e.what(), Location{input->path}, {}});
    input->packages.clear();
  }
  add_source_lines(diags, 0, text, input->path);
  for (auto& d : diags) (d.severity == Severity::error ? errors : warnings).push_back(std::move(d));
  return input;
}

void attach_project_constraints(std::vector<std::unique_ptr<Input>>& inputs, Diagnostics& errors,
                                Diagnostics& warnings) {
  std::vector<std::unique_ptr<Input>> companions;
  const auto project_in = [&](const fs::path& dir) -> const Input* {
    for (const auto* list : {&inputs, &companions})
      for (const auto& input : *list)
        if (input->format == "pyproject.toml" && fs::path(input->path).parent_path() == dir)
          return input.get();
    const auto path = dir / "pyproject.toml";
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return nullptr;
    companions.push_back(read_input({path.string(), "pyproject.toml"}, errors, warnings));
    return companions.back().get();
  };
  for (auto& input : inputs) {
    const auto& traits = readers::traits_of(input->format);
    if (!traits.locks || traits.installed || input->path == "<stdin>") continue;
    const Input* project = project_in(fs::path(input->path).parent_path());
    if (!project) continue;
    // A requirements file compiled from the pyproject holds its main [project] dependencies.
    const unsigned reads =
        input->compiled_from_project ? readers::declared_bit(DeclaredIn::project) : traits.reads;
    // PDM locks the groups its [metadata] names; a requirement of another group is not locked.
    const auto& locked = input->locked_groups;
    const auto group_locked = [&](const Dependency& d) {
      const std::string group = d.group.empty() ? "default" : pep508::normalize_name(d.group);
      return locked.empty() || std::find(locked.begin(), locked.end(), group) != locked.end();
    };
    const auto read_by_tool = [&](const Dependency& d) {
      if (input->compiled_from_project && !d.group.empty()) return false;
      if (!group_locked(d)) return false;
      return (reads & readers::declared_bit(d.declared_in)) != 0;
    };
    input->project_file = project->path;
    input->project_name = project->project_name;
    input->project_requires_python = project->requires_python;
    if (reads == 0) continue;
    input->dynamic_dependencies = project->dynamic_dependencies;
    // A uv.lock carries what the project declared when it was locked; the pyproject beside it
    // says what it declares now, and a difference is what makes the lock stale.
    std::copy_if(project->declared.begin(), project->declared.end(),
                 std::back_inserter(input->declared), read_by_tool);
    std::copy_if(project->overrides.begin(), project->overrides.end(),
                 std::back_inserter(input->overrides), read_by_tool);
    std::copy_if(project->constraints.begin(), project->constraints.end(),
                 std::back_inserter(input->constraints), read_by_tool);
    // A uv workspace locks every member: what each member's pyproject declares is part of what
    // the lock must satisfy (overrides and constraints are the root's alone).
    if (!traits.roots_in_lock) continue;
    const auto root = fs::path(project->path).parent_path();
    for (const auto& pattern : project->workspace_members) {
      for (const auto& member : util::matching_directories(root.string(), pattern)) {
        const bool excluded =
            std::any_of(project->workspace_exclude.begin(), project->workspace_exclude.end(),
                        [&](const std::string& p) { return util::path_matches(p, member); });
        if (excluded) continue;
        const Input* member_project = project_in(root / member);
        if (!member_project || member_project == project) continue;
        std::copy_if(member_project->declared.begin(), member_project->declared.end(),
                     std::back_inserter(input->declared), read_by_tool);
      }
    }
  }
}

}  // namespace depcheck::cli
