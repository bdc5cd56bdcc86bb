#pragma once
// Check settings from `[tool.depcheck]` in the project's pyproject.toml and from a
// `.depcheck.toml` (the same keys at top level). Command-line flags override the files; the
// lists (ignore, matrix) are merged.
//   # pyproject.toml
//   [tool.depcheck]
//   fail-on = "warning"
//   ignore = ["alpha-beta-3", { id = "gamma-1", reason = "pinned by the vendor", expires =
//   "2026-06-30" }] severity = { "delta-2" = "info" } matrix = ["ci/extra-rules.json"]   # relative
//   to the file python = "3.12" platform = "linux"
// A wrong type or value is a FatalError at file:line:col (exit 2); an unknown key is a warning
// with "did you mean".
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.hpp"
#include "depcheck/diagnostic.hpp"
#include "depcheck/engine.hpp"

namespace depcheck::cli {

// One key of the configuration: the single table that drives parsing, validation and
// "did you mean".
struct ConfigKey {
  std::string_view name;
  std::string_view type;  // as in messages: "string", "array", "table"
  std::string_view description;
};
const std::vector<ConfigKey>& config_keys();

struct IgnoreEntry {
  std::string id;
  std::string reason;   // required in the table form
  std::string expires;  // "YYYY-MM-DD", "" = never
  Location where;
  std::string source_line;  // for the caret display of warnings
};

struct Config {
  std::vector<std::string> files;  // the files read, in order
  std::optional<std::string> fail_on;
  std::vector<IgnoreEntry> ignore;
  std::map<std::string, Severity> severity;  // rule id (or finding kind) -> severity
  std::vector<std::string> matrices;         // resolved against the config file's folder
  std::optional<std::string> python;
  std::optional<std::string> platform;
  Diagnostics warnings;  // unknown keys, ...
  std::string today;     // "YYYY-MM-DD", for `expires`; load_config fills in the local date
};

// Parses one configuration text. `pyproject` selects `[tool.depcheck]` of a pyproject.toml
// (absent: nothing set); otherwise the top level is read. Values are added to `config` (a later
// file overrides the scalars of an earlier one; lists are appended). `path` names the file in
// messages and anchors relative matrix paths. Returns whether the text holds settings (a
// .depcheck.toml always does; a pyproject.toml when it has [tool.depcheck]).
bool parse_config(std::string_view text, const std::string& path, bool pyproject, Config& config);

// Reads pyproject.toml ([tool.depcheck]) and then .depcheck.toml from the folder of the first
// PATH (a directory: itself; a file: its folder; none or "-": the current directory), or from
// the current directory when that folder holds no settings.
Config load_config(const Options& options);

// Fills `options` from `config` where the command line left them unset; merges ignore and
// matrix lists; copies severity overrides; turns expired ignores into warnings
// (Options::config_warnings).
void apply_config(const Config& config, Options& options);

// load_config + apply_config.
void configure(Options& options);

// Applies Options::severity_overrides to findings, by rule id (or finding kind). Call before
// engine::sort_findings: severity is part of the report order.
void apply_severity_overrides(std::vector<engine::Finding>& findings, const Options& options);

// Whether `text` is a valid calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view text);
// Today's local date as YYYY-MM-DD.
std::string today_iso_date();

}  // namespace depcheck::cli
