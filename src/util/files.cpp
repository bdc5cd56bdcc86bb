#include "depcheck/util/files.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <system_error>

#include "depcheck/util/text.hpp"

namespace depcheck::util {

namespace {

std::string too_large(const std::string& what, std::size_t max_bytes) {
  return what + " is larger than the input limit of " + std::to_string(max_bytes) +
         " bytes (see --max-input-size)";
}

std::size_t g_max_input_bytes = k_default_max_input_bytes;

}  // namespace

void set_max_input_bytes(std::size_t max_bytes) {
  g_max_input_bytes = max_bytes;
}

std::size_t max_input_bytes() {
  return g_max_input_bytes;
}

std::string read_file(const std::string& path, std::size_t max_bytes) {
  if (max_bytes == 0) max_bytes = g_max_input_bytes;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw std::runtime_error("cannot read '" + path + "': Is a directory");
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) throw std::runtime_error("cannot read '" + path + "': " + std::strerror(errno));
  std::string content;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    if (content.size() + n > max_bytes) {
      std::fclose(file);
      throw std::runtime_error(too_large("'" + path + "'", max_bytes));
    }
    content.append(buffer, n);
  }
  const bool failed = std::ferror(file) != 0;
  const int error = errno;
  std::fclose(file);
  if (failed) throw std::runtime_error("cannot read '" + path + "': " + std::strerror(error));
  return content;
}

std::string read_stdin(std::size_t max_bytes) {
  if (max_bytes == 0) max_bytes = g_max_input_bytes;
  std::string content;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    if (content.size() + n > max_bytes)
      throw std::runtime_error(too_large("standard input", max_bytes));
    content.append(buffer, n);
  }
  return content;
}

void write_file_atomic(const std::string& path, const std::string& content) {
  const std::filesystem::path target(path);
  auto temp = target;
  temp += ".depcheck-tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw std::runtime_error("cannot write '" + temp.string() + "': " + std::strerror(errno));
    out << content;
    out.flush();
    if (!out) throw std::runtime_error("cannot write '" + temp.string() + "'");
  }
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp);
    throw std::runtime_error("cannot write '" + path + "': " + ec.message());
  }
}

namespace {

// Segment by segment: a "**" matches zero or more folders.
void match_segments(const std::filesystem::path& base, const std::string& relative,
                    const std::vector<std::string_view>& segments, std::size_t at,
                    std::vector<std::string>& out) {
  namespace fs = std::filesystem;
  const auto here = relative.empty() ? base : base / relative;
  if (at == segments.size()) {
    if (!relative.empty()) out.push_back(relative);
    return;
  }
  const std::string segment(segments[at]);
  std::error_code ec;
  if (segment == "**") match_segments(base, relative, segments, at + 1, out);
  for (fs::directory_iterator it(here, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory(ec)) continue;
    const auto name = it->path().filename().string();
    const auto child = relative.empty() ? name : relative + "/" + name;
    if (segment == "**") {
      if (name.front() != '.') match_segments(base, child, segments, at, out);
    } else if (fnmatch(segment.c_str(), name.c_str(), FNM_PERIOD) == 0) {
      match_segments(base, child, segments, at + 1, out);
    }
  }
}

std::vector<std::string_view> segments_of(std::string_view pattern) {
  std::vector<std::string_view> segments;
  for (auto part : split(pattern, '/'))
    if (!part.empty() && part != ".") segments.push_back(part);
  return segments;
}

}  // namespace

std::vector<std::string> matching_directories(const std::string& base, std::string_view pattern) {
  std::vector<std::string> out;
  match_segments(base, "", segments_of(pattern), 0, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool path_matches(std::string_view pattern, std::string_view path) {
  const auto want = segments_of(pattern);
  const auto have = segments_of(path);
  // Plain recursion over both segment lists; "**" takes zero or more.
  const auto match = [&](std::size_t p, std::size_t h, const auto& self) -> bool {
    if (p == want.size()) return h == have.size();
    if (want[p] == "**") return self(p + 1, h, self) || (h < have.size() && self(p, h + 1, self));
    if (h == have.size()) return false;
    const std::string segment(want[p]), name(have[h]);
    return fnmatch(segment.c_str(), name.c_str(), FNM_PERIOD) == 0 && self(p + 1, h + 1, self);
  };
  return match(0, 0, match);
}

}  // namespace depcheck::util
