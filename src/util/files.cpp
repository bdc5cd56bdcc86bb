#include "depcheck/util/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <system_error>

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

}  // namespace depcheck::util
