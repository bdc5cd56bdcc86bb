#pragma once
// Everything the command line and [tool.depcheck] / .depcheck.toml (cli/config.hpp) can set.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "depcheck/diagnostic.hpp"
#include "depcheck/util/files.hpp"

namespace depcheck::cli {

enum class Command { check, rules, explain, lint_matrix, why, diagnose };
enum class ColorMode { automatic, always, never };

struct Options {
  Command command = Command::check;
  std::vector<std::string> paths;
  std::string input_format;  // "" = detect
  std::string env_dir;       // --env
  std::string format = "text";
  std::string output;  // "" = stdout
  std::vector<std::string> matrices;
  bool no_default_matrix = false;
  std::string fail_on = "error";
  bool fail_on_given = false;       // --fail-on on the command line (it then wins over the config)
  std::vector<std::string> ignore;  // every id ignored: the command line's, then the config's
  std::vector<std::string> cli_ignore;  // those given with --ignore
  std::string python;
  std::string platform;
  ColorMode color = ColorMode::automatic;
  std::string installer;   // "" = the tool that owns the input
  std::string argument;    // rule id / package for subcommands
  bool recursive = false;  // --recursive: every project below each directory
  bool quiet = false;      // -q: the summary line only
  bool verbose = false;    // -v: every finding in full
  bool progress = false;   // inputs done/total on stderr (a terminal, not -q)
  unsigned jobs = 0;       // --jobs: threads for reading and checking (0 = one per core)
  bool no_config = false;  // --no-config: read neither [tool.depcheck] nor .depcheck.toml
  std::uint64_t max_input_bytes = util::k_default_max_input_bytes;  // --max-input-size
  // From the configuration (cli/config.hpp):
  std::map<std::string, Severity> severity_overrides;  // rule id (or finding kind) -> severity
  Diagnostics config_warnings;                         // unknown keys, expired ignores
  // The config's ignores that are in force, with where each is written.
  std::vector<std::pair<std::string, Location>> config_ignore;
};

// Parses argv. Returns the exit code to stop with (0 after --help/--version, 2 on a usage error,
// having printed the message), or nullopt to go on.
std::optional<int> parse_options(int argc, char** argv, Options& options);

}  // namespace depcheck::cli
