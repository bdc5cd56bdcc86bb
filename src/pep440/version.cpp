// PEP 440 versions, as packaging 23.0's packaging.version.Version parses, prints and orders them.
#include "depcheck/pep440/version.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <unordered_set>
#include <utility>

#include "pep440/python_text.hpp"

namespace depcheck::pep440 {

using detail::ascii_lower;
using detail::is_digit;

namespace {

// The digits of numbers of 2^63 and above, never freed, so that a Number can point at them.
// Such numbers are rare (fuzzed or hostile input); the set keeps them to one copy each.
const std::string& intern_digits(std::string_view digits) {
  static std::mutex mutex;
  // Elements never move; never destroyed, so that no Number outlives its digits at exit.
  static auto* const interned = new std::unordered_set<std::string>;
  const std::lock_guard lock(mutex);
  return *interned->emplace(digits).first;
}

// digits + 1 or digits - 1 in decimal (`digits` is not "0" when decrementing).
std::string step_digits(std::string digits, bool up) {
  auto i = digits.size();
  while (i > 0) {
    --i;
    if (digits[i] != (up ? '9' : '0')) {
      digits[i] = static_cast<char>(digits[i] + (up ? 1 : -1));
      return digits;
    }
    digits[i] = up ? '0' : '9';
  }
  return "1" + digits;  // only reached going up
}

}  // namespace

Number::Number(std::string_view digits) {
  // int("007") == 7: leading zeros carry no meaning.
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  // Up to 19 digits fit in 64 bits; what reaches 2^63 is kept as text.
  if (digits.size() <= 19) {
    std::uint64_t value = 0;
    for (const char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
    if (value < k_big) {
      m_value = value;
      return;
    }
  }
  const auto address = reinterpret_cast<std::uintptr_t>(&intern_digits(digits));
  // User-space addresses leave the top bit clear on every 64-bit platform we build for.
  static_assert(sizeof(std::uintptr_t) <= sizeof(std::uint64_t));
  m_value = k_big | static_cast<std::uint64_t>(address);
}

Number::Number(unsigned long long value) {
  if (value < k_big) {
    m_value = value;
  } else {
    *this = Number(std::to_string(value));
  }
}

const std::string& Number::big_digits() const {
  return *reinterpret_cast<const std::string*>(static_cast<std::uintptr_t>(m_value & ~k_big));
}

std::string Number::digits() const {
  return is_big() ? big_digits() : std::to_string(m_value);
}

std::strong_ordering Number::operator<=>(const Number& other) const {
  // Every big number is above every small one, and so is its word (top bit set).
  if (!is_big() || !other.is_big()) return m_value <=> other.m_value;
  if (m_value == other.m_value) return std::strong_ordering::equal;
  const auto& a = big_digits();
  const auto& b = other.big_digits();
  if (a.size() != b.size()) return a.size() <=> b.size();
  return a.compare(b) <=> 0;
}

Number Number::next() const {
  if (!is_big() && m_value + 1 < k_big) {
    Number n;
    n.m_value = m_value + 1;
    return n;
  }
  return Number(step_digits(digits(), true));
}

Number Number::previous() const {
  if (is_zero()) return *this;
  if (!is_big()) {
    Number n;
    n.m_value = m_value - 1;
    return n;
  }
  return Number(step_digits(big_digits(), false));
}

std::strong_ordering LocalSegment::operator<=>(const LocalSegment& other) const {
  // packaging's _cmpkey: a number n becomes (n, ""), a string s becomes (-Infinity, s), so
  // every string sorts below every number.
  if (is_number != other.is_number)
    return is_number ? std::strong_ordering::greater : std::strong_ordering::less;
  if (is_number) return number <=> other.number;
  return text.compare(other.text) <=> 0;
}

namespace {

std::string_view pre_kind_text(PreKind kind) {
  switch (kind) {
    case PreKind::a:
      return "a";
    case PreKind::b:
      return "b";
    case PreKind::rc:
      return "rc";
  }
  return "";
}

std::string join_release(const std::vector<Number>& release) {
  std::string text;
  for (std::size_t i = 0; i < release.size(); ++i) {
    if (i) text += '.';
    text += release[i].digits();
  }
  return text;
}

// Release numbers without trailing zeros: _cmpkey compares (1, 0) and (1,) as equal.
std::size_t significant_length(const std::vector<Number>& release) {
  auto n = release.size();
  while (n > 0 && release[n - 1].is_zero()) --n;
  return n;
}

// The pieces of _cmpkey that are "Infinity"/"-Infinity" in packaging become ranks.
// pre: dev-only releases (1.0.dev0) sort before every pre-release, plain releases after.
//   1.0.dev0 < 1.0a0 < 1.0b0 < 1.0rc0 < 1.0 ; 1.0a0.dev0 < 1.0a0 (pre present: normal rules)
int pre_rank(const Version& v) {
  if (!v.pre && !v.post && v.dev) return 0;
  if (!v.pre) return 2;
  return 1;
}

// Matches one of `words` (ASCII case-insensitively) at `text[at]`; returns its index or -1.
// packaging's alternations only ever succeed on the longest word that fits (after "pre" the
// "view" of "preview" could not be consumed by anything else), so longest-first is the same.
template <std::size_t N>
int match_word(std::string_view text, std::size_t at,
               const std::array<std::string_view, N>& words) {
  for (std::size_t w = 0; w < N; ++w) {
    const auto word = words[w];
    if (at + word.size() > text.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < word.size() && same; ++i)
      same = ascii_lower(text[at + i]) == word[i];
    if (same) return static_cast<int>(w);
  }
  return -1;
}

bool is_separator(std::string_view text, std::size_t at) {
  return at < text.size() && (text[at] == '-' || text[at] == '_' || text[at] == '.');
}

std::string_view take_digits(std::string_view text, std::size_t& at) {
  const auto start = at;
  while (at < text.size() && is_digit(text[at])) ++at;
  return text.substr(start, at - start);
}

// One local segment: lowercased, and a number when it is all digits (packaging: part.isdigit()).
LocalSegment make_local_segment(std::string_view part) {
  LocalSegment segment;
  segment.is_number = std::all_of(part.begin(), part.end(), [](char c) { return is_digit(c); });
  if (segment.is_number)
    segment.number = Number(part);
  else
    segment.text = detail::python_lower(part);
  return segment;
}

}  // namespace

std::string Version::base_str() const {
  std::string text;
  if (!epoch.is_zero()) text += epoch.digits() + "!";
  return text + join_release(release);
}

std::string Version::public_str() const {
  std::string text = base_str();
  if (pre) text += std::string(pre_kind_text(pre->kind)) + pre->number.digits();
  if (post) text += ".post" + post->digits();
  if (dev) text += ".dev" + dev->digits();
  return text;
}

std::string Version::local_str() const {
  std::string text;
  for (std::size_t i = 0; i < local.size(); ++i) {
    if (i) text += '.';
    text += local[i].is_number ? local[i].number.digits() : local[i].text;
  }
  return text;
}

std::string Version::str() const {
  return local.empty() ? public_str() : public_str() + "+" + local_str();
}

Version Version::without_local() const {
  Version copy = *this;
  copy.local.clear();
  return copy;
}

std::strong_ordering Version::compare_public(const Version& other) const {
  if (auto c = epoch <=> other.epoch; c != 0) return c;
  const auto n = significant_length(release), m = significant_length(other.release);
  for (std::size_t i = 0; i < std::min(n, m); ++i)
    if (auto c = release[i] <=> other.release[i]; c != 0) return c;
  if (n != m) return n <=> m;
  const int rank = pre_rank(*this), other_rank = pre_rank(other);
  if (rank != other_rank) return rank <=> other_rank;
  if (rank == 1) {
    if (auto c = *pre <=> *other.pre; c != 0) return c;
  }
  // post: absent sorts first (-Infinity).
  if (post.has_value() != other.post.has_value())
    return post.has_value() <=> other.post.has_value();
  if (post) {
    if (auto c = *post <=> *other.post; c != 0) return c;
  }
  // dev: absent sorts last (+Infinity).
  if (dev.has_value() != other.dev.has_value()) return other.dev.has_value() <=> dev.has_value();
  if (dev) {
    if (auto c = *dev <=> *other.dev; c != 0) return c;
  }
  return std::strong_ordering::equal;
}

std::strong_ordering Version::operator<=>(const Version& other) const {
  if (auto c = compare_public(other); c != 0) return c;
  // local: absent sorts first; then segment by segment, a shorter prefix first.
  return std::lexicographical_compare_three_way(local.begin(), local.end(), other.local.begin(),
                                                other.local.end());
}

// packaging.version.VERSION_PATTERN, anchored, re.VERBOSE | re.IGNORECASE, with \s* either side:
//   v? (N!)? N(.N)*
//   ([-_.]? (a|b|c|rc|alpha|beta|pre|preview) [-_.]? N?)?
//   (-N | [-_.]? (post|rev|r) [-_.]? N?)?
//   ([-_.]? dev [-_.]? N?)?
//   (+ [a-z0-9]+ ([-_.][a-z0-9]+)*)?
// Each optional part is taken greedily; no later part can start where an earlier one could
// have continued, so the regex engine's backtracking never picks a different split, e.g.
//   "1.0a-1" -> 1.0a1 (the '-' belongs to the pre-release, not an implicit post-release)
Expected<Version> parse_version(std::string_view text) {
  const auto fail = [&] { return unexpected("invalid version '" + std::string(text) + "'"); };
  const std::string_view s = detail::strip(text);
  std::size_t at = 0;
  Version v;

  if (at < s.size() && ascii_lower(s[at]) == 'v') ++at;
  auto digits = take_digits(s, at);
  if (digits.empty()) return fail();
  if (at < s.size() && s[at] == '!') {
    v.epoch = Number(digits);
    ++at;
    digits = take_digits(s, at);
    if (digits.empty()) return fail();
  }
  v.release.emplace_back(digits);
  while (at + 1 < s.size() && s[at] == '.' && is_digit(s[at + 1])) {
    ++at;
    v.release.emplace_back(take_digits(s, at));
  }

  // Pre-release; alpha/beta/c/pre/preview are spellings of a/b/rc, a missing number is 0.
  {
    static constexpr std::array<std::string_view, 8> k_words = {"alpha", "beta", "preview", "pre",
                                                                "rc",    "a",    "b",       "c"};
    static constexpr std::array<PreKind, 8> k_kinds = {PreKind::a,  PreKind::b,  PreKind::rc,
                                                       PreKind::rc, PreKind::rc, PreKind::a,
                                                       PreKind::b,  PreKind::rc};
    auto p = at + (is_separator(s, at) ? 1 : 0);
    if (const int w = match_word(s, p, k_words); w >= 0) {
      p += k_words[static_cast<std::size_t>(w)].size();
      if (is_separator(s, p)) ++p;
      v.pre = PreRelease{k_kinds[static_cast<std::size_t>(w)], Number(take_digits(s, p))};
      at = p;
    }
  }
  // Post-release: "-N" (implicit), or post/rev/r with an optional number.
  if (at + 1 < s.size() && s[at] == '-' && is_digit(s[at + 1])) {
    ++at;
    v.post = Number(take_digits(s, at));
  } else {
    static constexpr std::array<std::string_view, 3> k_words = {"post", "rev", "r"};
    auto p = at + (is_separator(s, at) ? 1 : 0);
    if (const int w = match_word(s, p, k_words); w >= 0) {
      p += k_words[static_cast<std::size_t>(w)].size();
      if (is_separator(s, p)) ++p;
      v.post = Number(take_digits(s, p));
      at = p;
    }
  }
  // Development release.
  {
    static constexpr std::array<std::string_view, 1> k_words = {"dev"};
    auto p = at + (is_separator(s, at) ? 1 : 0);
    if (match_word(s, p, k_words) == 0) {
      p += 3;
      if (is_separator(s, p)) ++p;
      v.dev = Number(take_digits(s, p));
      at = p;
    }
  }
  // Local version: segments separated by '-', '_' or '.', all printed with '.'.
  if (at < s.size() && s[at] == '+') {
    ++at;
    for (;;) {
      const auto start = at;
      while (auto n = detail::local_char_length_at(s, at)) at += n;
      if (at == start) return fail();
      v.local.push_back(make_local_segment(s.substr(start, at - start)));
      if (!is_separator(s, at)) break;
      ++at;
    }
  }
  if (at != s.size()) return fail();
  return v;
}

}  // namespace depcheck::pep440
