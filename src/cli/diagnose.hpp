#pragma once
// `depcheck diagnose [LOG|-]`: the rules whose messages a log shows, and whether they hold for
// the project's lock or environment, with its fix commands.
#include "cli/options.hpp"

namespace depcheck::cli {

// Exit 0 when a rule matches, 1 when none does (as grep), 2 when the log or an input cannot
// be read.
int diagnose(Options options);

}  // namespace depcheck::cli
