#pragma once
// Helpers for the lock reader tests: read a fixture through a reader and compare whole
// vectors of (name, version, line) and messages in full.
#include <catch2/catch.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "depcheck/readers/reader.hpp"
#include "support.hpp"

namespace depcheck::test {

// One package as the tests compare it: normalized name, version as written, 1-based line.
struct Pkg {
  std::string name;
  std::string version;
  int line = 0;
  bool operator==(const Pkg&) const = default;
};

inline Pkg pkg(std::string name, std::string version, int line) {
  return Pkg{std::move(name), std::move(version), line};
}

inline std::ostream& operator<<(std::ostream& out, const Pkg& p) {
  return out << "pkg(\"" << p.name << "\", \"" << p.version << "\", " << p.line << ")";
}

inline std::vector<Pkg> pkgs(const std::vector<Package>& packages) {
  std::vector<Pkg> result;
  for (const auto& p : packages) result.push_back(pkg(p.name, p.version_text, p.where.line));
  return result;
}

struct ReadResult {
  Input input;
  Diagnostics diags;
  std::string fatal;  // "file:line:col: error: message" when the reader threw FatalError
};

// Reads tests/fixtures/<folder>/<file> with `read`; messages name the file as `file`.
inline ReadResult read_lock(readers::ReadFunction read, const std::string& folder,
                            const std::string& file) {
  ReadResult result;
  const auto text = read_fixture(folder + "/" + file);
  try {
    read(text, file, result.input, result.diags);
  } catch (const FatalError& error) {
    result.fatal = error.where.str() + ": error: " + error.what();
  }
  return result;
}

// "file:line:col: severity: message", one per diagnostic.
inline std::vector<std::string> messages(const Diagnostics& diags) {
  std::vector<std::string> result;
  for (const auto& d : diags)
    result.push_back(d.where.str() + ": " + std::string(to_string(d.severity)) + ": " + d.message);
  return result;
}

}  // namespace depcheck::test
