// The fast TOML path for lock files (src/readers/fast_toml_scanner.hpp): the scanner gives the
// tree toml++ gives, or gives up; and poetry.lock / uv.lock read through it give the Input and
// the diagnostics the toml++ readers give, on every fixture and every corpus lock.
#include <toml++/toml.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "depcheck/readers/reader.hpp"
#include "depcheck/util/files.hpp"
#include "readers/fast_scanner_diff.hpp"
#include "readers/fast_toml_scanner.hpp"
#include "support.hpp"

using depcheck::Diagnostics;
using depcheck::FatalError;
using depcheck::Input;
using depcheck::readers::ScannedToml;

namespace {

namespace fs = std::filesystem;

// The scanner accepts `text`, and its tree is toml++'s (keys, types, values, line:column).
void check_same_tree(const std::string& text) {
  CAPTURE(text);
  ScannedToml doc;
  REQUIRE(doc.scan(text));
  toml::table root;
  REQUIRE_NOTHROW(root = toml::parse(text));
  CHECK(depcheck::test::tree_differences(doc, root) == std::vector<std::string>{});
}

struct Outcome {
  Input input;
  Diagnostics diags;
  std::string fatal;  // "where: message" when the reader threw
};

using ReadFunction = void (*)(std::string_view, const std::string&, Input&, Diagnostics&);

Outcome read_with(ReadFunction read, const std::string& text, const std::string& path,
                  const std::string& format) {
  Outcome outcome;
  outcome.input.path = path;
  outcome.input.format = format;
  try {
    read(text, path, outcome.input, outcome.diags);
  } catch (const FatalError& error) {
    outcome.fatal = error.where.str() + ": " + error.what();
  }
  return outcome;
}

struct Format {
  std::string id;          // reader id
  ReadFunction read;       // the reader as registered: fast path first
  ReadFunction read_toml;  // toml++ only
  bool (*read_fast)(std::string_view, const std::string&, Input&);
};

const Format& format_of(const std::string& id) {
  static const std::vector<Format> formats = {
      {"poetry.lock", depcheck::readers::read_poetry_lock, depcheck::readers::read_poetry_lock_toml,
       depcheck::readers::fast_read_poetry_lock},
      {"uv.lock", depcheck::readers::read_uv_lock, depcheck::readers::read_uv_lock_toml,
       depcheck::readers::fast_read_uv_lock},
  };
  for (const auto& format : formats)
    if (format.id == id) return format;
  FAIL("no format " << id);
  return formats.front();
}

// Both paths give the same outcome; returns whether the fast path read the file by itself.
bool check_same_input(const std::string& format_id, const std::string& text,
                      const std::string& path) {
  CAPTURE(format_id, path);
  const auto& format = format_of(format_id);
  const auto registered = read_with(format.read, text, path, format_id);
  const auto toml = read_with(format.read_toml, text, path, format_id);
  CHECK(registered.fatal == toml.fatal);
  CHECK(depcheck::test::input_differences(registered.input, toml.input) ==
        std::vector<std::string>{});
  CHECK(depcheck::test::diagnostic_differences(registered.diags, toml.diags) ==
        std::vector<std::string>{});

  Input fast;
  fast.path = path;
  fast.format = format_id;
  const bool took_fast_path = format.read_fast(text, path, fast);
  if (took_fast_path) {
    // Only where the toml++ reader has nothing to say.
    CHECK(toml.fatal.empty());
    CHECK(toml.diags.empty());
    CHECK(depcheck::test::input_differences(fast, toml.input) == std::vector<std::string>{});
  }
  return took_fast_path;
}

std::vector<std::string> files_in(const std::string& folder, const std::string& pattern = "") {
  std::vector<std::string> files;
  const auto dir = depcheck::test::fixture_path(folder);
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (entry.is_regular_file() && name.find(pattern) != std::string::npos) files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string with_crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace

// --- The subset, and toml++'s reading of it: same keys, types, values and positions.
TEST_CASE("fast scanner: the subset reads as toml++ reads it", "[readers][fast_scanner]") {
  const std::string text = GENERATE(
      as<std::string>{},
      // strings: every TOML 1.0 escape, UTF-8, literal strings, quoted keys
      "a = \"plain\"\nb = \"\"\nc = ''\nd = 'C:\\path\\\"x\"'\n",
      "esc = \"\\b\\t\\n\\f\\r\\\"\\\\ \\u00e9 \\u20AC \\U0001F600 \\u0000 \\u007f\"\n",
      "markers = \"python_version >= \\\"3.8\\\" and sys_platform == 'linux'\"\n",
      "\"quoted key\" = 1\n'literal key' = 2\n\"\\u0041\" = 3\n\"\" = 4\n",
      "text = \"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xC2\x9B\"\ntab = \"a\tb\"\n",
      "# comment \xC3\xA9 with\ttab\nk = 1 # trailing\n\n  # indented\n",
      // integers, booleans
      "i = 0\nj = 123456789012345678\nt = true\nf = false\n",
      // arrays over lines, comments, trailing commas, nesting; inline tables
      "a = [\n  1, # one\n  2,\n]\nb = []\nc = [[1, 2], [\"x\"], []]\nd = [ 'a' , \"b\" ]\n",
      "files = [\n    {file = \"x.whl\", hash = \"sha256:00\"},\n    {file = \"y.tar.gz\", hash = "
      "\"sha256:11\"},\n]\n",
      "t = {}\nu = { a = 1, b = { c = [1, {d = true}] } }\nv = {x = [\n1,\n2]}\n",
      // headers: arrays of tables, sub-tables, implicit tables defined later, spacing
      "[[package]]\nname = \"a\"\n[package.dependencies]\nb = \"^1.0\"\n[[package]]\nname = "
      "\"b\"\n[package.extras]\nx = [\"b\"]\n[metadata]\nlock-version = \"2.1\"\n",
      "[a.b.c]\nx = 1\n[a]\ny = 2\n[a.b]\nz = 3\n",
      "[[p]]\n[p.q.r]\nk = \"v\"\n[[p.s]]\nm = 1\n[[p.s]]\n[ p . t ]\n[[ u ]]\n[\"quoted\".x]\n",
      "[metadata.files]\n" +
          [] {
            std::string many;
            for (int i = 0; i < 40; ++i) many += "pkg-" + std::to_string(i) + " = []\n";
            return many;
          }(),
      // line ends and spacing
      "a = 1\r\n[b]\r\nc = \"x\" # c\r\n\r\nd = [\r\n 1,\r\n]\r\n", "\t a\t=\t\"x\"\t\n", "",
      "\n\n# only a comment", "last = true");
  check_same_tree(text);
}

// --- What it leaves to toml++: everything outside the subset, and everything invalid.
TEST_CASE("fast scanner: gives up outside the subset", "[readers][fast_scanner]") {
  auto [text, why] = GENERATE(table<std::string, std::string>({
      {"a = \"\"\"x\"\"\"\n", "multi-line basic string"},
      {"a = '''x'''\n", "multi-line literal string"},
      {"a.b = 1\n", "dotted key"},
      {"t = {a.b = 1}\n", "dotted key in an inline table"},
      {"a = 1.5\n", "float"},
      {"a = 1e3\n", "float with exponent"},
      {"a = inf\n", "special float"},
      {"a = 1979-05-27\n", "date"},
      {"a = 1979-05-27T07:32:00Z\n", "date-time"},
      {"a = 07:32:00\n", "time"},
      {"a = 0x1F\n", "hexadecimal integer"},
      {"a = +1\n", "signed integer"},
      {"a = -1\n", "negative integer"},
      {"a = 1_000\n", "integer with '_'"},
      {"a = 01\n", "leading zero"},
      {"a = 1234567890123456789\n", "19 digits"},
      {"\xEF\xBB\xBF"
       "a = 1\n",
       "byte order mark"},
      {"a = \"\xC0\xAF\"\n", "overlong UTF-8"},
      {"a = \"\xED\xA0\x80\"\n", "UTF-8 surrogate"},
      {"a = \"\xF4\x90\x80\x80\"\n", "UTF-8 above U+10FFFF"},
      {"a = \"\xE2\x82\"\n", "truncated UTF-8"},
      {"# \xFF\n", "invalid UTF-8 in a comment"},
      {"a = \"x\x01y\"\n", "control character in a string"},
      {"a = 'x\x7Fy'\n", "DEL in a literal string"},
      {"# x\x7F\n", "DEL in a comment"},
      {"a = 1\rb = 2\n", "lone CR"},
      {"a = \"\\e\"\n", "\\e (TOML 1.1)"},
      {"a = \"\\x41\"\n", "\\x (TOML 1.1)"},
      {"a = \"\\q\"\n", "unknown escape"},
      {"a = \"\\uD800\"\n", "escaped surrogate"},
      {"a = \"\\U00110000\"\n", "escape above U+10FFFF"},
      {"a = \"\\u12\"\n", "short \\u escape"},
      {"a = 1\na = 2\n", "repeated key"},
      {"[a]\n[a]\n", "repeated table"},
      {"[a.b]\n[a.b]\n", "repeated sub-table"},
      {"a = 1\n[a]\n", "table over a value"},
      {"a = {b = 1}\n[a.c]\n", "header into an inline table"},
      {"a = [1]\n[[a]]\n", "array of tables over an array"},
      {"[a]\n[[a]]\n", "array of tables over a table"},
      {"[[a]]\n[a]\n", "table over an array of tables"},
      {"t = {a = 1, a = 2}\n", "repeated key in an inline table"},
      {"t = {a = 1,}\n", "trailing comma in an inline table"},
      {"t = {a = 1,\nb = 2}\n", "line end in an inline table"},
      {"a = [1 2]\n", "missing comma"},
      {"a = [,]\n", "lone comma"},
      {"a = \"x\" y\n", "text after a value"},
      {"a = truex\n", "text after a boolean"},
      {"a =\n", "missing value"},
      {"a = \"x\n", "unterminated string"},
      {"[a\n", "unterminated header"},
      {"[[a]\n", "unterminated array-of-tables header"},
      {"[[a] ]\n", "split ']]'"},
      {"[]\n", "empty header"},
      {"a b = 1\n", "space in a bare key"},
      {"\xC3\xA9 = 1\n", "non-ASCII bare key"},
      {std::string(100, '[') + std::string(100, ']'), "deep nesting"},
      {"a = " + std::string(100, '[') + std::string(100, ']') + "\n", "deeply nested arrays"},
  }));
  CAPTURE(text, why);
  ScannedToml doc;
  CHECK_FALSE(doc.scan(text));
}

// Tables with many keys check repeated keys by hash, beyond the first few by a linear search.
TEST_CASE("fast scanner: repeated keys in big tables", "[readers][fast_scanner]") {
  std::string text = "[t]\n";
  for (int i = 0; i < 100; ++i) text += "k" + std::to_string(i) + " = 1\n";
  ScannedToml whole;
  CHECK(whole.scan(text));
  CHECK_FALSE(whole.scan(text + "k57 = 2\n"));
  CHECK_FALSE(whole.scan(text + "k3 = 2\n"));
  CHECK_FALSE(whole.scan(text + "[t.k99]\n"));
}

// Streaming hands over each [[package]] when it is complete, then drops it.
TEST_CASE("fast scanner: streams the elements of top-level arrays of tables",
          "[readers][fast_scanner]") {
  const std::string text =
      "version = 1\n"
      "[[package]]\nname = \"a\"\n[package.dependencies]\nx = \"1\"\n"
      "[[package]]\nname = \"b\"\n"
      "[[other]]\nk = 1\n"
      "[[package]]\nname = \"c\"\n[package.source]\ntype = \"git\"\n[manifest]\nm = 1\n";
  std::vector<std::string> seen;
  ScannedToml doc;
  const ScannedToml::ElementHandler record = [&](const ScannedToml& d, std::string_view array,
                                                 const ScannedToml::Node& element) {
    const auto* name = d.get(element, "name");
    std::string entry = std::string(array) + ":" + (name ? std::string(name->value) : "-") + ":" +
                        std::to_string(element.count) + "@" +
                        std::to_string(d.where(element, "").line);
    seen.push_back(entry);
    return true;
  };
  REQUIRE(doc.scan(text, record));
  CHECK(seen == std::vector<std::string>{"package:a:2@2", "package:b:1@6", "other:-:1@8",
                                         "package:c:2@10"});
  // What stays: the top-level keys, the arrays and their (emptied) elements.
  const auto* package = doc.get(doc.root(), "package");
  REQUIRE(package != nullptr);
  CHECK(package->count == 3);
  CHECK(doc.get(doc.root(), "manifest") != nullptr);

  // A repeated key inside an element, or after it, still ends the scan.
  CHECK_FALSE(doc.scan(text + "[package.source]\n", record));
  CHECK_FALSE(doc.scan("[[package]]\nname = \"a\"\nname = \"b\"\n", record));
  // The handler can stop the scan.
  const ScannedToml::ElementHandler refuse = [](const ScannedToml&, std::string_view,
                                                const ScannedToml::Node&) { return false; };
  CHECK_FALSE(doc.scan(text, refuse));
}

// --- The fast readers: the same Input and diagnostics as the toml++ readers.
TEST_CASE("fast scanner: poetry.lock fixtures read as with toml++", "[readers][fast_scanner]") {
  auto [folder, pattern] = GENERATE(table<std::string, std::string>({
      {"poetry_lock", ""},
  }));
  const auto files = files_in(folder, pattern);
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    const auto text = depcheck::test::read_fixture(folder + "/" + file);
    check_same_input("poetry.lock", text, file);
    check_same_input("poetry.lock", with_crlf(text), file);
  }
}

TEST_CASE("fast scanner: uv.lock fixtures read as with toml++", "[readers][fast_scanner]") {
  auto [folder, pattern] = GENERATE(table<std::string, std::string>({
      {"uv_lock", ""},
  }));
  const auto files = files_in(folder, pattern);
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    const auto text = depcheck::test::read_fixture(folder + "/" + file);
    check_same_input("uv.lock", text, file);
    check_same_input("uv.lock", with_crlf(text), file);
  }
}

// The fixtures that are valid locks take the fast path (else it would only ever fall back).
TEST_CASE("fast scanner: valid fixtures take the fast path", "[readers][fast_scanner]") {
  auto [format, file] = GENERATE(table<std::string, std::string>({
      {"poetry.lock", "poetry_lock/one-package.lock"},
      {"poetry.lock", "poetry_lock/dependency-forms.lock"},
      {"poetry.lock", "poetry_lock/sources.lock"},
      {"poetry.lock", "poetry_lock/legacy-hashes.lock"},
      {"uv.lock", "uv_lock/one-package.lock"},
      {"uv.lock", "uv_lock/workspace.lock"},
      {"uv.lock", "uv_lock/script.lock"},
      {"uv.lock", "uv_lock/distribution.lock"},
  }));
  CAPTURE(file);
  CHECK(check_same_input(format, depcheck::test::read_fixture(file), file));
}

// A synthetic lock in the benchmark's shape, with the forms poetry writes: escaped quotes in
// markers, marker tables per group, a quoted key, a git source, extras, a list of constraints.
TEST_CASE("fast scanner: a generated poetry.lock", "[readers][fast_scanner]") {
  std::string text = "# generated\n";
  for (int i = 0; i < 300; ++i) {
    const auto name = "pkg-" + std::to_string(i);
    text += "\n[[package]]\nname = \"" + name + "\"\nversion = \"" + std::to_string(i % 7) + "." +
            std::to_string(i % 13) + "\"\ndescription = \"Package \\u00e9 " + std::to_string(i) +
            "\"\noptional = false\npython-versions = \">=3.8\"\ngroups = [\"main\", \"test\"]\n" +
            (i % 4 == 0   ? "markers = {test = \"sys_platform == \\\"win32\\\"\"}\n"
             : i % 4 == 1 ? "markers = {main = \"os_name == 'nt'\", test = \"python_version < "
                            "'3.9'\"}\n"
             : i % 4 == 2 ? "markers = \"extra == 'x'\"\n"
                          : "") +
            "files = [\n"
            "    {file = \"" +
            name + ".whl\", hash = \"sha256:abc\"},\n]\n";
    if (i % 5 == 0) text += "\n[package.source]\ntype = \"git\"\nurl = \"https://e.com/x.git\"\n";
    text += "\n[package.dependencies]\n\"Zope.Interface\" = \"^5.1\"\n";
    text += "pkg-" + std::to_string((i * 7) % 300) +
            " = {version = \">=1.0\", markers = \"python_version >= \\\"3.8\\\"\", optional = "
            "true}\n";
    text +=
        "multi = [\n    {version = \"<2\", python = \"<3.8\"},\n    {version = \">=2\", "
        "python = \">=3.8\"},\n]\n";
    if (i % 3 == 0)
      text +=
          "\n[package.extras]\nfast = [\"pkg-" + std::to_string((i * 7) % 300) + " (>=1.0)\"]\n";
  }
  text += "\n[metadata]\nlock-version = \"2.1\"\npython-versions = \"^3.9\"\n";
  CHECK(check_same_input("poetry.lock", text, "poetry.lock"));
}

// --- The shared corpus: every poetry.lock and uv.lock, both paths.
TEST_CASE("fast scanner: corpus locks read as with toml++", "[readers][fast_scanner][corpus]") {
  const auto shared = depcheck::test::shared_dir();
  if (shared.empty()) {
    WARN("shared corpus not found: skipped");
    return;
  }
  const std::string corpus = shared + "/corpus";
  const auto manifest = nlohmann::json::parse(depcheck::util::read_file(corpus + "/MANIFEST.json"));
  int files = 0;
  int fast = 0;
  std::vector<std::string> slow_real_world;
  for (const auto& entry : manifest) {
    const auto format = entry["format"].get<std::string>();
    if (format != "poetry.lock" && format != "uv.lock") continue;
    const auto file = entry["file"].get<std::string>();
    ++files;
    const bool took_fast_path =
        check_same_input(format, depcheck::util::read_file(corpus + "/" + file), file);
    fast += took_fast_path ? 1 : 0;
    // Real projects' locks (not the edge/ test fixtures of other tools) are machine-written.
    if (!took_fast_path && file.rfind("edge/", 0) != 0) slow_real_world.push_back(file);
  }
  CAPTURE(files, fast);
  CHECK(files > 0);
  CHECK(slow_real_world == std::vector<std::string>{});
}
