#pragma once
// Everything the command line (and later [tool.depcheck] / .depcheck.toml) can set.
#include <optional>
#include <string>
#include <vector>

#include "depcheck/diagnostic.hpp"

namespace depcheck::cli {

enum class Command { check, rules, explain, lint_matrix, why };
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
  std::vector<std::string> ignore;
  std::string python;
  std::string platform;
  ColorMode color = ColorMode::automatic;
  std::string installer;  // "" = the tool that owns the input
  std::string argument;   // rule id / package for subcommands
};

// Parses argv. Returns the exit code to stop with (0 after --help/--version, 2 on a usage error,
// having printed the message), or nullopt to go on.
std::optional<int> parse_options(int argc, char** argv, Options& options);

}  // namespace depcheck::cli
