#pragma once
// Helpers shared by the tests: fixture paths, running the depcheck binary, the optional
// python3-packaging oracle.
#include <filesystem>
#include <string>

namespace depcheck::test {

// <source>/tests/fixtures/<relative>
std::string fixture_path(const std::string& relative);
std::string read_fixture(const std::string& relative);
// The shared corpus folder, or "" when it is absent (tests then skip).
std::string shared_dir();

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs the built depcheck with `args` (a shell-quoted string) and optional stdin text.
RunResult run_depcheck(const std::string& args, const std::string& stdin_text = "");

// Debian's python3 with python3-packaging, or "" when absent.
std::string packaging_python();
// Runs `python` on `script` with `input` on stdin; returns stdout.
std::string run_python(const std::string& python, const std::string& script,
                       const std::string& input);

// Debian's python3 with python3-jsonschema, or "" when absent (schema tests then skip).
std::string jsonschema_python();
// Validates `document` (JSON text) against the JSON Schema at `schema_path` with the validator of
// the draft the schema declares ("$schema": draft-04 for SARIF, 2020-12 for the report).
// Returns "" when valid, else the errors, one per line ("at /runs/0: 'version' is a required
// property"). Needs jsonschema_python().
std::string validate_json(const std::string& schema_path, const std::string& document);

// Quotes for the shell.
std::string shell_quote(const std::string& text);

// A new folder under the temporary directory, removed with everything in it (chmod 000 entries
// included) when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::string operator/(const std::string& name) const { return (m_path / name).string(); }
  // Writes `content` to `name` (folders made as needed); returns the file's path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path m_path;
};

}  // namespace depcheck::test
