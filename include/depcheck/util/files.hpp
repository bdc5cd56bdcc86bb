#pragma once
// File access. Errors are thrown as std::runtime_error with the OS's reason; callers turn them
// into FatalError with a Location.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace depcheck::util {

// Real lock files stay under 10 MB; a 100 MB one is refused rather than parsed into gigabytes.
constexpr std::size_t k_default_max_input_bytes = std::size_t{64} << 20;  // 64 MiB

// The limit that read_file() and read_stdin() apply when given none (--max-input-size): one
// setting for the whole run, set before any input is read.
void set_max_input_bytes(std::size_t max_bytes);
std::size_t max_input_bytes();

// Reads a whole file. Throws std::runtime_error("cannot read 'x': No such file or directory").
// Refuses files larger than `max_bytes` (0: max_input_bytes()).
std::string read_file(const std::string& path, std::size_t max_bytes = 0);
// Reads standard input fully, with the same limit.
std::string read_stdin(std::size_t max_bytes = 0);
// Writes `content` to `path` atomically (temporary file in the same folder, then rename).
void write_file_atomic(const std::string& path, const std::string& content);

// The folders under `base` that a glob names, relative to `base`, sorted: `*`, `?` and `[...]`
// within one path segment, `**` for any number of segments (as uv's workspace members).
//   matching_directories("repo", "packages/*") -> {"packages/a", "packages/b"}
std::vector<std::string> matching_directories(const std::string& base, std::string_view pattern);
// Whether a relative path matches a glob of the same kind.
bool path_matches(std::string_view pattern, std::string_view path);

}  // namespace depcheck::util
