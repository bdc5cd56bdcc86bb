#include "support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace depcheck::test {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string temp_path(const std::string& stem) {
  static int counter = 0;
  return (std::filesystem::temp_directory_path() /
          ("depcheck-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + stem))
      .string();
}

}  // namespace

std::string fixture_path(const std::string& relative) {
  return std::string(DEPCHECK_SOURCE_DIR) + "/tests/fixtures/" + relative;
}

std::string read_fixture(const std::string& relative) {
  const auto path = fixture_path(relative);
  if (!std::filesystem::exists(path)) throw std::runtime_error("missing fixture " + relative);
  return slurp(path);
}

std::string shared_dir() {
  const std::string dir = DEPCHECK_SHARED_DIR;
  return std::filesystem::is_directory(dir + "/corpus") ? dir : "";
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

RunResult run_depcheck(const std::string& args, const std::string& stdin_text) {
  const auto in = temp_path(".in"), out = temp_path(".out"), err = temp_path(".err");
  std::ofstream(in, std::ios::binary) << stdin_text;
  const std::string command = shell_quote(DEPCHECK_BINARY) + " " + args + " <" + shell_quote(in) +
                              " >" + shell_quote(out) + " 2>" + shell_quote(err);
  const int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

std::string packaging_python() {
  // Debian's own interpreter: the python3 first on PATH may lack python3-packaging.
  for (const char* candidate : {"/usr/bin/python3", "python3"}) {
    const std::string command =
        std::string(candidate) + " -c 'import packaging.specifiers' >/dev/null 2>&1";
    if (std::system(command.c_str()) == 0) return candidate;
  }
  return "";
}

std::string run_python(const std::string& python, const std::string& script,
                       const std::string& input) {
  const auto script_path = temp_path(".py"), in = temp_path(".in"), out = temp_path(".out");
  std::ofstream(script_path) << script;
  std::ofstream(in, std::ios::binary) << input;
  const std::string command =
      python + " " + shell_quote(script_path) + " <" + shell_quote(in) + " >" + shell_quote(out);
  if (std::system(command.c_str()) != 0) throw std::runtime_error("python oracle failed");
  auto result = slurp(out);
  std::filesystem::remove(script_path);
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  return result;
}

std::string jsonschema_python() {
  const std::string command = "/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0 ? "/usr/bin/python3" : "";
}

std::string validate_json(const std::string& schema_path, const std::string& document) {
  static const char* const k_script = R"(
import json, sys
import jsonschema
sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
schema = json.load(open(SCHEMA_PATH, encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema, default=None)
if cls is None:
    print("the schema names no known draft in $schema")
    sys.exit(0)
cls.check_schema(schema)
try:
    document = json.loads(sys.stdin.buffer.read().decode("utf-8"))
except ValueError as e:
    print("not JSON: %s" % e)
    sys.exit(0)
checker = getattr(cls, "FORMAT_CHECKER", None)
errors = sorted(cls(schema, format_checker=checker).iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
for e in errors[:20]:
    print("at /%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:300]))
)";
  const auto python = jsonschema_python();
  if (python.empty()) return "python3-jsonschema is not available";
  // A JSON string literal is also a Python one.
  const std::string script =
      "SCHEMA_PATH = " + nlohmann::json(schema_path).dump() + "\n" + k_script;
  return run_python(python, script, document);
}

TempDir::TempDir() {
  namespace fs = std::filesystem;
  static std::atomic<int> counter{0};
  m_path = fs::temp_directory_path() /
           ("depcheck-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(m_path);
  fs::create_directories(m_path);
}

TempDir::~TempDir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(m_path, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (!it->is_symlink(ec))
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(m_path, ec);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
  const auto file = m_path / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << content;
  return file.string();
}

}  // namespace depcheck::test
