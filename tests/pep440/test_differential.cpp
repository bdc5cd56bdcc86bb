// Differential test against packaging (Debian's python3-packaging): thousands of generated
// versions and specifiers, sent in one batch, must parse, print, order and match as packaging
// 23.0 says. Skips when python3-packaging is not installed.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "depcheck/pep440/specifier.hpp"
#include "support.hpp"

using depcheck::pep440::parse_specifier_set;
using depcheck::pep440::parse_version;

namespace {

// splitmix64: the same sequence on every platform and standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(N)];
  }

 private:
  std::uint64_t m_state;
};

// Parts that exercise every normalization and ordering rule; small numbers so that versions
// and specifiers often share a release, and numbers either side of 2^63, where Number changes
// how it holds them.
constexpr std::array<const char*, 11> k_numbers = {"0",
                                                   "1",
                                                   "2",
                                                   "1",
                                                   "0",
                                                   "10",
                                                   "01",
                                                   "00",
                                                   "99999999999999999999",
                                                   "9223372036854775807",
                                                   "09223372036854775808"};
constexpr std::array<const char*, 28> k_pre = {
    "",   "",      "",      "",    "",         "",    "a",    "a1",   "b2", "rc1",
    "c1", "alpha", "beta3", "pre", "preview2", ".a1", "-rc2", "_b",   "A1", "RC",
    ".c", "a-1",   "rc.0",  "a_",  "c",        ".C1", "-c2",  "pre.1"};
constexpr std::array<const char*, 18> k_post = {
    "",    "",    "",       "",      "",       "",   ".post1", "-1",     "post",
    ".r2", "rev", "_post3", "-post", ".POST2", "-0", "r",      ".post0", "-r-1"};
constexpr std::array<const char*, 12> k_dev = {"",      "",    "",      "",     "",      "",
                                               ".dev0", "dev", ".dev3", "-dev", "_DEV1", ".dev."};
constexpr std::array<const char*, 16> k_local = {
    "",   "",       "",          "",   "",     "",       "",       "+abc",
    "+1", "+abc.1", "+ubuntu-2", "+0", "+A_b", "+x.0.y", "+1.abc", "+007"};
constexpr std::array<const char*, 8> k_epoch = {"", "", "", "", "", "1!", "0!", "2!"};
constexpr std::array<const char*, 7> k_lead = {"", "", "", "", "v", "V", " "};
constexpr std::array<const char*, 14> k_junk = {".", "..", "*", "x",        "+",    "-", "_",
                                                "!", " ",  "a", "\xc2\xa0", "post", "1", "+a."};
constexpr std::array<const char*, 10> k_operators = {"==", "!=", "<=",  ">=", "<",
                                                     ">",  "~=", "===", "==", "!="};

// A version as its generated pieces, so that a "neighbour" (same release prefix, other
// suffixes) can be made: neighbours are where the pre/post/local/prefix rules decide.
struct Pieces {
  std::string lead, epoch;
  std::vector<std::string> release;
  std::string pre, post, dev, local, junk_tail;

  std::string text(Random& random) const {
    std::string out = lead + epoch;
    for (std::size_t i = 0; i < release.size(); ++i) out += (i ? "." : "") + release[i];
    out += pre + post + dev + local;
    if (random.chance(10)) out.insert(random.below(out.size() + 1), random.pick(k_junk));
    return out + junk_tail;
  }
};

Pieces make_pieces(Random& random) {
  Pieces p;
  p.lead = random.pick(k_lead);
  p.epoch = random.pick(k_epoch);
  const auto parts = 1 + random.below(4);
  for (std::size_t i = 0; i < parts; ++i) p.release.emplace_back(random.pick(k_numbers));
  p.pre = random.pick(k_pre);
  p.post = random.pick(k_post);
  p.dev = random.pick(k_dev);
  p.local = random.pick(k_local);
  if (random.chance(5)) p.junk_tail = " ";
  return p;
}

Pieces make_neighbour(Random& random, Pieces p) {
  if (random.chance(10)) p.epoch = random.pick(k_epoch);
  if (random.chance(30) && p.release.size() > 1) p.release.pop_back();
  if (random.chance(30)) p.release.emplace_back(random.pick(k_numbers));
  if (random.chance(30)) p.release[random.below(p.release.size())] = random.pick(k_numbers);
  if (random.chance(50)) p.pre = random.pick(k_pre);
  if (random.chance(50)) p.post = random.pick(k_post);
  if (random.chance(50)) p.dev = random.pick(k_dev);
  if (random.chance(50)) p.local = random.pick(k_local);
  return p;
}

std::string make_version(Random& random) {
  return make_pieces(random).text(random);
}

std::string make_specifier(Random& random, Pieces pieces) {
  std::string text = random.chance(5) ? " " : "";
  text += random.pick(k_operators);
  if (random.chance(10)) text += " ";
  if (random.chance(50)) pieces.local.clear();  // keep ordered operators mostly valid
  if (random.chance(15)) {  // a wildcard: only the release is allowed before ".*"
    pieces.pre = pieces.post = pieces.dev = pieces.local = "";
    return text + pieces.text(random) + ".*";
  }
  return text + pieces.text(random);
}

// Specifiers near `near`, sometimes unrelated ones.
std::string make_specifier_set(Random& random, const Pieces& near) {
  const auto roll = random.below(100);  // mostly one specifier, sometimes none (= any version)
  const std::size_t count = roll < 10 ? 0 : roll < 65 ? 1 : roll < 90 ? 2 : 3;
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    const auto pieces = random.chance(75) ? make_neighbour(random, near) : make_pieces(random);
    text += (i ? "," : "") + make_specifier(random, pieces);
  }
  if (random.chance(3)) text += ",";
  return text;
}

// One request per line, tab-separated; one answer line per request.
//   V <version>            -> "ok <str(Version)>" | "invalid"
//   C <specifiers> <version> -> "1" | "0" | "bad-spec" | "bad-version"
//   O <a> <b>              -> "-1" | "0" | "1"
const char* const k_oracle = R"PY(
import sys
import packaging
from packaging.version import Version, InvalidVersion
from packaging.specifiers import SpecifierSet, InvalidSpecifier

out = ["packaging " + packaging.__version__]
for line in sys.stdin.buffer.read().decode("utf-8").split("\n"):
    if not line:
        continue
    kind, *args = line.split("\t")
    if kind == "V":
        try:
            out.append("ok " + str(Version(args[0])))
        except InvalidVersion:
            out.append("invalid")
    elif kind == "C":
        try:
            s = SpecifierSet(args[0])
        except InvalidSpecifier:
            out.append("bad-spec")
            continue
        try:
            v = Version(args[1])
        except InvalidVersion:
            out.append("bad-version")
            continue
        out.append("1" if s.contains(v, prereleases=True) else "0")
    elif kind == "O":
        a, b = Version(args[0]), Version(args[1])
        out.append(str((a > b) - (a < b)))
sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8"))
)PY";

struct Request {
  std::string line;
  std::string ours;  // our answer, in the oracle's format
};

}  // namespace

TEST_CASE("pep440: differential test against packaging", "[pep440][differential]") {
  const auto python = depcheck::test::packaging_python();
  if (python.empty()) {
    WARN("python3-packaging not installed: differential test skipped");
    return;
  }
  // DEPCHECK_DIFFERENTIAL_SEED=<n> explores other cases; the default keeps runs reproducible.
  const char* seed = std::getenv("DEPCHECK_DIFFERENTIAL_SEED");
  Random random(seed ? std::strtoull(seed, nullptr, 10) : 20261126);
  CAPTURE(seed ? seed : "default");
  std::vector<Request> requests;

  // Parse validity and normalized str().
  std::vector<std::string> valid;
  for (int i = 0; i < 6000; ++i) {
    const auto text = make_version(random);
    auto version = parse_version(text);
    requests.push_back({"V\t" + text, version ? "ok " + version->str() : "invalid"});
    if (version) valid.push_back(text);
  }
  // Containment, specifier parse validity.
  for (int i = 0; i < 8000; ++i) {
    const auto candidate = make_pieces(random);
    const auto spec_text = make_specifier_set(random, candidate);
    auto version_text = candidate.text(random);
    if (random.chance(5)) version_text.insert(random.below(version_text.size() + 1), "*");
    auto set = parse_specifier_set(spec_text);
    auto version = parse_version(version_text);
    std::string ours = !set                      ? "bad-spec"
                       : !version                ? "bad-version"
                       : set->contains(*version) ? "1"
                                                 : "0";
    requests.push_back({"C\t" + spec_text + "\t" + version_text, ours});
  }
  // Ordering.
  for (int i = 0; i < 4000 && !valid.empty(); ++i) {
    const auto& a = valid[random.below(valid.size())];
    const auto& b = random.chance(20) ? a : valid[random.below(valid.size())];
    const auto order = *parse_version(a) <=> *parse_version(b);
    requests.push_back({"O\t" + a + "\t" + b, order < 0 ? "-1" : order > 0 ? "1" : "0"});
  }

  std::string input;
  for (const auto& request : requests) input += request.line + "\n";
  std::istringstream answers(depcheck::test::run_python(python, k_oracle, input));
  std::string header;
  std::getline(answers, header);
  if (header.rfind("packaging 23.", 0) != 0) {
    WARN("differential test expects packaging 23.x, found '" << header << "': skipped");
    return;
  }
  std::vector<std::string> mismatches;
  std::size_t answered = 0;
  std::map<std::string, std::size_t> counts;  // kind + answer, to see that the mix is useful
  for (const auto& request : requests) {
    std::string theirs;
    if (!std::getline(answers, theirs)) break;
    ++answered;
    ++counts[request.line.substr(0, 1) + (theirs.rfind("ok ", 0) == 0 ? "ok" : theirs)];
    if (theirs != request.ours)
      mismatches.push_back(request.line + "  packaging: " + theirs + "  depcheck: " + request.ours);
  }
  CHECK(answered == requests.size());
  std::string mix;
  for (const auto& [key, count] : counts) mix += key + "=" + std::to_string(count) + " ";
  INFO("answers: " << mix);
  // Every kind of answer occurs often enough to mean something.
  for (const char* key :
       {"Vok", "Vinvalid", "C1", "C0", "Cbad-spec", "Cbad-version", "O-1", "O0", "O1"})
    CHECK(counts[key] >= 200);
  for (std::size_t i = 0; i < mismatches.size() && i < 25; ++i) UNSCOPED_INFO(mismatches[i]);
  CHECK(mismatches.size() == 0);
}
