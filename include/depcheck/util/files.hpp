#pragma once
// File access. Errors are thrown as std::runtime_error with the OS's reason; callers turn them
// into FatalError with a Location.
#include <cstddef>
#include <string>

namespace depcheck::util {

constexpr std::size_t k_default_max_input_bytes = std::size_t{256} << 20;  // 256 MiB

// Reads a whole file. Throws std::runtime_error("cannot read 'x': No such file or directory").
// Refuses files larger than `max_bytes`.
std::string read_file(const std::string& path, std::size_t max_bytes = k_default_max_input_bytes);
// Reads standard input fully, with the same limit.
std::string read_stdin(std::size_t max_bytes = k_default_max_input_bytes);
// Writes `content` to `path` atomically (temporary file in the same folder, then rename).
void write_file_atomic(const std::string& path, const std::string& content);

}  // namespace depcheck::util
