// Differential tests: thousands of generated markers and requirements, built from parts that
// are known to be tricky, against Debian's python3-packaging (the oracle). Compares validity,
// str() and evaluation in several environments and with several extras. Skips when the oracle
// is absent.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <sstream>

#include "depcheck/pep508/marker.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "support.hpp"

using namespace depcheck::pep508;

namespace {

// A small deterministic generator (splitmix64): the same cases on every platform and run.
class Random {
 public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

 private:
  std::uint64_t m_state;
};

const std::vector<std::string> k_variables = {
    "python_version", "python_full_version", "os_name", "os.name", "sys_platform", "sys.platform",
    "platform_release", "platform_system", "platform_version", "platform.version",
    "platform_machine", "platform.machine", "platform_python_implementation",
    "platform.python_implementation", "python_implementation", "implementation_name",
    "implementation_version", "extra", "extra", "python_version", "python_full_version",
    // not variables
    "platform.release", "Python_version", "extras", "os__name"};

// Values as they appear between the quotes (escapes are Python escapes).
const std::vector<std::string> k_values = {"3.8",
                                           "3.9",
                                           "3.10",
                                           "3.11",
                                           "3.12",
                                           "3.12.0",
                                           "3.13.0rc1",
                                           "3",
                                           "3.*",
                                           "3.1*",
                                           "3.12.*",
                                           "2.7",
                                           "=3.11",
                                           " 3.11 ",
                                           "3.11+local",
                                           "v3.9",
                                           "V3.9",
                                           "1.0",
                                           "1.post0",
                                           "1-0",
                                           "3.12.0.post1",
                                           "3.12.dev0",
                                           "1!3.8",
                                           "3.8.0a1",
                                           "3.10.12",
                                           "3.8,<4",
                                           "posix",
                                           "nt",
                                           "linux",
                                           "win32",
                                           "darwin",
                                           "Linux",
                                           "Windows",
                                           "x86_64",
                                           "AMD64",
                                           "arm64",
                                           "CPython",
                                           "cpython",
                                           "PyPy",
                                           "",
                                           "  ",
                                           "os_name",
                                           "extra",
                                           "sys_platform",
                                           "test",
                                           "Foo_Bar",
                                           "foo.bar",
                                           "TEST",
                                           "foo-bar",
                                           "lin",
                                           "win",
                                           "3.1O",
                                           "a\\x41",
                                           "\\u00e9t\\u00e9",
                                           "\\d",
                                           "5.15.0-1-amd64",
                                           "#1 SMP Debian",
                                           "5.15",
                                           "3.10.12",
                                           "doc"};

const std::vector<std::string> k_operators = {
    "==",     "!=", "<", "<=", ">",  ">=", "~=",     "===",     "in",
    "not in", "==", "<", ">=", "!=", "in", "not in", "not\tin", "not  in"};
const std::vector<std::string> k_bad_operators = {"=", "<>", "!==", "notin", "=>", "is", "=="};
const std::vector<std::string> k_spaces = {"", " ", " ", " ", "  ", "\t"};

std::string quoted(Random& random, const std::string& value) {
  const char quote = random.chance(50) ? '"' : '\'';
  return quote + value + quote;
}

std::string marker_operand(Random& random) {
  if (random.chance(45)) return random.pick(k_variables);
  if (random.chance(3)) return "\"it's\"";
  if (random.chance(3)) return "'say \"hi\"'";
  if (random.chance(2)) return "\"unterminated";
  return quoted(random, random.pick(k_values));
}

std::string marker_item(Random& random) {
  std::string lhs, rhs;
  if (random.chance(70)) {
    lhs = random.pick(k_variables);
    rhs = marker_operand(random);
  } else {
    lhs = marker_operand(random);
    rhs = random.pick(k_variables);
  }
  const auto& op = random.chance(4) ? random.pick(k_bad_operators) : random.pick(k_operators);
  return lhs + random.pick(k_spaces) + op + random.pick(k_spaces) + rhs;
}

std::string marker_expression(Random& random, int depth) {
  std::string text;
  const std::size_t atoms = 1 + random.below(depth > 1 ? 2 : 4);
  for (std::size_t i = 0; i < atoms; ++i) {
    if (i > 0) {
      std::string op = random.chance(50) ? "and" : "or";
      if (random.chance(2)) op = random.chance(50) ? "AND" : "&&";
      text += random.pick(k_spaces) + op + random.pick(k_spaces);
      if (random.chance(85) && text.back() != ' ' && text.back() != '\t') text += ' ';
    }
    if (depth < 3 && random.chance(25)) {
      text += "(" + random.pick(k_spaces) + marker_expression(random, depth + 1) +
              random.pick(k_spaces);
      if (random.chance(97)) text += ")";
      if (random.chance(10)) text = "(" + text + ")";
    } else {
      text += marker_item(random);
    }
  }
  return text;
}

std::string marker_text(Random& random) {
  std::string text = random.pick(k_spaces) + marker_expression(random, 0) + random.pick(k_spaces);
  if (random.chance(5))
    text += random.pick(
        std::vector<std::string>{" garbage", ")", " and", "x", "\n", " andé", " or(", " ;"});
  return text;
}

const std::vector<std::string> k_names = {"requests", "Foo_Bar", "a.b-c_d",  "x",
                                          "1abc",     "name-",   "-name",    "zope.interface",
                                          "A",        "na_",     "requests", "pkg"};
const std::vector<std::string> k_extras = {"",        "",
                                           "",        "[a]",
                                           "[a,b]",   "[ b , a ]",
                                           "[]",      "[a b]",
                                           "[a,]",    "[Foo_Bar,foo-bar]",
                                           "[a",      "[security, socks]",
                                           "[a,b,a]", "[-a]",
                                           "[a.b]"};
const std::vector<std::string> k_specifiers = {">=1.0",
                                               "==1.0.*",
                                               "~=1",
                                               "~=1.0",
                                               "===foo",
                                               ">= 1.0",
                                               "<=1.0+local",
                                               "==1.0+local",
                                               "!=1.*",
                                               ">1.0.post1",
                                               "==v1.0",
                                               "<1.0a1",
                                               ">=1.0dev",
                                               ">=1!2.0",
                                               "==1.0.0",
                                               "<2",
                                               "=1.0",
                                               "==",
                                               ">=1.0.*",
                                               "===1.0",
                                               "~=1.4.5a1",
                                               "!=1.0-1",
                                               "==1.0.post1.dev2+abc.1",
                                               "<V1.0",
                                               ">=1.0RC1",
                                               "==1.0_a1",
                                               "==1.*.0",
                                               ">=1",
                                               ">=1.0",
                                               "<2.0",
                                               "!=1.5",
                                               "== 2.0",
                                               "~=2.2.post3",
                                               "===",
                                               ">=1.0a",
                                               "==1.0.0-1",
                                               "<=2!1.0.dev1",
                                               ">1.0+abc"};
const std::vector<std::string> k_urls = {"https://example.com/x.whl",
                                         "file:///tmp/x.whl",
                                         "file:/tmp/x",
                                         "git+https://g.com/r.git@v1#egg=x",
                                         "http://[::1]/x",
                                         "http://[::1/x",
                                         "foo",
                                         "https://x.org/a;b",
                                         "FILE:///x",
                                         "file://localhost/x",
                                         "http://[1.2.3.4]/",
                                         "file:///x?",
                                         "ssh://git@github.com/o/r",
                                         "https://x.org/a.whl;os_name=='a'",
                                         "http://[v1.x]/",
                                         "http://[fe80::1%eth0]/",
                                         "http://[::ffff:1.2.3.4]/",
                                         "http://[1:2:3:4:5:6:7:8]/",
                                         "file:x",
                                         "https://user@host:8080/p?q=1#f",
                                         "https:///x",
                                         "/local/path",
                                         "C:\\x\\y.whl"};

std::string specifier_list(Random& random) {
  std::string text;
  const std::size_t count = 1 + random.below(3);
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) text += random.pick(k_spaces) + "," + random.pick(k_spaces);
    text += random.pick(k_specifiers);
  }
  if (random.chance(5)) text += ",";
  if (random.chance(30))
    text =
        "(" + random.pick(k_spaces) + text + random.pick(k_spaces) + (random.chance(95) ? ")" : "");
  return text;
}

std::string requirement_text(Random& random) {
  std::string text = random.pick(k_spaces) + random.pick(k_names) + random.pick(k_spaces) +
                     random.pick(k_extras) + random.pick(k_spaces);
  bool url = false;
  if (random.chance(20)) {
    text += "@" + random.pick(k_spaces) + random.pick(k_urls);
    url = true;
  } else if (random.chance(75)) {
    text += specifier_list(random);
  }
  if (random.chance(40)) {
    text += (url ? std::string(random.chance(90) ? " " : "") : random.pick(k_spaces)) + ";" +
            random.pick(k_spaces) + marker_expression(random, 1);
  }
  text += random.pick(k_spaces);
  if (random.chance(3)) text += random.pick(std::vector<std::string>{" garbage", "\n", ")", ";"});
  return text;
}

// Characters that stress the tokenizer: Python's other whitespace (\x0b, \x1c, U+00A0), letters
// that IGNORECASE folds onto ASCII (U+017F, U+0131, U+212A), non-ASCII letters and the grammar's
// punctuation.
const std::vector<std::string> k_mutations = {
    " ",        "\t",       "\n",        "\x0b",     "\x1c",
    "\xc2\xa0", "\xc3\xa9", "\xc5\xbf",  "\xc4\xb1", "\xe2\x84\xaa",
    "(",        ")",        "'",         "\"",       "\\",
    ",",        ";",        "@",         "[",        "]",
    "=",        "<",        ">",         "~",        "!",
    "*",        ".",        "-",         "_",        "+",
    "a",        "1",        "0",         "v",        "r",
    "s",        "i",        "not ",      "in ",      "or ",
    "and ",     "\\x41",    "\\N{DASH}", "\\u00e9",  std::string(1, '\0')};

// Inserts, deletes or replaces a few characters (whole UTF-8 sequences).
std::string mutate(Random& random, std::string text) {
  const std::size_t edits = 1 + random.below(3);
  for (std::size_t i = 0; i < edits; ++i) {
    std::size_t at = random.below(text.size() + 1);
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
    std::size_t length = at < text.size() ? 1 : 0;
    while (at + length < text.size() &&
           (static_cast<unsigned char>(text[at + length]) & 0xC0) == 0x80)
      ++length;
    switch (random.below(3)) {
      case 0:
        text.insert(at, random.pick(k_mutations));
        break;
      case 1:
        text.erase(at, length);
        break;
      default:
        text.replace(at, length, random.pick(k_mutations));
    }
  }
  return text;
}

// "name" and a short random run of the characters specifiers are made of: exercises the
// SPECIFIER token's regular expression (operators, look-behinds, the optional parts).
std::string specifier_soup(Random& random) {
  static const std::vector<std::string> pieces = {
      "0",        "1",     "2",    "9",   "10",      ".",        ".",        "*",
      "!",        "+",     "-",    "_",   "a",       "b",        "c",        "rc",
      "RC",       "alpha", "beta", "pre", "preview", "post",     "rev",      "r",
      "dev",      "v",     "V",    "x",   "local",   " ",        "\t",       ",",
      ";",        "(",     ")",    "=",   "==",      "===",      "!=",       "<",
      "<=",       ">",     ">=",   "~=",  "~",       "\xc5\xbf", "\xc4\xb1", "\xe2\x84\xaa",
      "\xc2\xa0", "\x0c"};
  std::string text = random.chance(50) ? "name" : "name ";
  const std::size_t count = 1 + random.below(10);
  for (std::size_t i = 0; i < count; ++i) text += random.pick(pieces);
  return text;
}

std::string hex(std::string_view text) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string unhex(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16));
  return out;
}

const char* k_oracle = R"PY(
import sys, warnings
warnings.simplefilter("ignore")
from packaging.markers import Marker
from packaging.requirements import Requirement
import packaging.markers

# Every evaluation passes a complete environment, so the host's values are never used:
# compute them once instead of once per evaluation.
_host = packaging.markers.default_environment()
packaging.markers.default_environment = lambda: dict(_host)

def h(s):
    return s.encode("utf-8", "surrogatepass").hex()

def u(x):
    return bytes.fromhex(x).decode("utf-8", "surrogateescape")

lines = sys.stdin.read().split("\n")
n_env = int(lines[0])
envs = []
for line in lines[1:1 + n_env]:
    env = {}
    for pair in line.split():
        key, value = pair.split("=", 1)
        env[key] = u(value)
    envs.append(env)
extras = [u(x[1:]) for x in lines[1 + n_env].split()]
out = []
for line in lines[2 + n_env:]:
    if not line:
        continue
    kind, text = line.split(" ", 1)
    text = u(text)
    try:
        if kind == "m":
            parsed = Marker(text)
            marker = parsed
        else:
            parsed = Requirement(text)
            marker = parsed.marker
        shown = str(parsed)
    except Exception:
        out.append("I")
        continue
    results = ""
    if marker is None:
        results = "-"
    else:
        for env in envs:
            for extra in extras:
                values = dict(env)
                values["extra"] = extra
                try:
                    results += "T" if marker.evaluate(values) else "F"
                except Exception:
                    results += "E"
    out.append("V " + h(shown) + " " + results)
print("\n".join(out))
)PY";

struct Case {
  char kind;  // 'm' marker, 'r' requirement
  std::string text;
};

std::vector<Environment> oracle_environments() {
  std::vector<Environment> envs = {
      environment_for("3.8", "linux"), environment_for("3.12", "darwin"),
      environment_for("3.11.4", "win32"), environment_for("3.13.0rc1", "linux")};
  Environment custom = environment_for("3.10.12", "linux");
  custom.values["platform_release"] = "5.15.0-1-amd64";
  custom.values["platform_version"] = "#1 SMP Debian";
  custom.values["platform_python_implementation"] = "PyPy";
  custom.values["implementation_name"] = "pypy";
  custom.values["implementation_version"] = "7.3.12";
  envs.push_back(custom);
  return envs;
}

const std::vector<std::string> k_oracle_extras = {"", "test", "Foo_Bar", "1.0"};

std::string our_result(const Case& c, const std::vector<Environment>& envs) {
  std::string shown;
  const Marker* marker = nullptr;
  std::optional<Marker> parsed_marker;
  std::optional<Requirement> parsed_requirement;
  if (c.kind == 'm') {
    auto parsed = parse_marker(c.text);
    if (!parsed) return "I";
    parsed_marker = std::move(*parsed);
    shown = parsed_marker->str();
    marker = &*parsed_marker;
  } else {
    auto parsed = parse_requirement(c.text);
    if (!parsed) return "I";
    parsed_requirement = std::move(*parsed);
    shown = parsed_requirement->str();
    if (parsed_requirement->marker) marker = &*parsed_requirement->marker;
  }
  std::string results;
  if (!marker) {
    results = "-";
  } else {
    for (const auto& env : envs) {
      for (const auto& extra : k_oracle_extras) {
        const auto value = marker->try_evaluate(env, extra);
        results += !value ? 'E' : *value ? 'T' : 'F';
      }
    }
  }
  return "V " + hex(shown) + " " + results;
}

std::string describe(const std::string& line) {
  if (line.size() < 2) return line;
  const auto space = line.find(' ', 2);
  return "valid, str '" + unhex(line.substr(2, space - 2)) + "', evaluations " +
         line.substr(space + 1);
}

}  // namespace

TEST_CASE("pep508: generated markers and requirements agree with packaging",
          "[pep508][differential]") {
  const auto python = depcheck::test::packaging_python();
  if (python.empty()) {
    WARN("python3-packaging not found: differential test skipped");
    return;
  }
  Random random(20261126);
  std::vector<Case> cases;
  for (int i = 0; i < 3000; ++i) cases.push_back({'m', marker_text(random)});
  for (int i = 0; i < 3000; ++i) cases.push_back({'r', requirement_text(random)});
  for (int i = 0; i < 1500; ++i) cases.push_back({'r', specifier_soup(random)});
  for (int i = 0; i < 1500; ++i) cases.push_back({'m', mutate(random, marker_text(random))});
  for (int i = 0; i < 1500; ++i) cases.push_back({'r', mutate(random, requirement_text(random))});

  const auto envs = oracle_environments();
  std::ostringstream input;
  input << envs.size() << "\n";
  for (const auto& env : envs) {
    for (const auto& [key, value] : env.values) input << key << "=" << hex(value) << " ";
    input << "\n";
  }
  for (const auto& extra : k_oracle_extras) input << "x" << hex(extra) << " ";
  input << "\n";
  for (const auto& c : cases) input << c.kind << " " << hex(c.text) << "\n";

  const auto output = depcheck::test::run_python(python, k_oracle, input.str());
  std::istringstream lines(output);
  std::string line;
  std::size_t index = 0, mismatches = 0, valid = 0;
  while (std::getline(lines, line) && index < cases.size()) {
    const auto& c = cases[index++];
    const auto ours = our_result(c, envs);
    if (line[0] == 'V') ++valid;
    if (ours == line) continue;
    if (++mismatches <= 25) {
      CAPTURE(c.kind, c.text);
      CAPTURE(describe(line), describe(ours));
      FAIL_CHECK("differs from packaging");
    }
  }
  CHECK(index == cases.size());
  CHECK(mismatches == 0);
  // The generator must exercise both sides: plenty of valid and of invalid inputs.
  CHECK(valid > cases.size() / 8);
  CHECK(valid < cases.size() * 3 / 4);
}
