#pragma once
// `depcheck diagnose`: from an error a user already has (a traceback, a pytest or CI log) to the
// matrix rules that produce it. Each rule lists the text its breakage prints (Rule::messages);
// a log matches a rule where one of those texts appears in it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/matrix.hpp"

namespace depcheck::diagnose {

// One place a rule's message was found.
struct Evidence {
  std::size_t line = 0;  // 1-based line of the log
  std::string message;   // the rule's message that matched
  std::string text;      // that log line, cleaned (no colour codes, trimmed); untrusted
};

struct Match {
  const matrix::Rule* rule = nullptr;
  std::vector<Evidence> evidence;      // first place of each message found, in log order
  std::vector<std::string> mentioned;  // packages of the rule's `when` named in the log
  std::size_t score = 0;               // higher ranks first
};

struct Scan {
  std::size_t lines = 0;
  std::size_t rules_with_messages = 0;
  std::vector<Match> matches;  // ranked: best first
};

// A log line as the matcher sees it: ANSI escape sequences and carriage returns removed, runs of
// blanks made one space, typographic quotes made ASCII, trimmed.
std::string clean_line(std::string_view line);

// Every rule of `matrix` with a message in `log`. Ranked by how many of its messages appear, then
// by how many of its packages the log names (the paths of a traceback, pip's output), then by
// the length of the text matched, then by id.
Scan scan_log(std::string_view log, const matrix::Matrix& matrix);

}  // namespace depcheck::diagnose
