// PEP 440 specifiers, as packaging 23.0's packaging.specifiers evaluates them with
// prereleases=True (SPEC, "Version semantics"). Where packaging works on the specifier's text
// rather than on the parsed version (~= and ==X.*), this file does the same string operations,
// so that its quirks are reproduced too (see compatible_prefix and equal_prefix).
#include "depcheck/pep440/specifier.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <utility>

#include "pep440/python_text.hpp"
#include "pep440/specifier_detail.hpp"

namespace depcheck::pep440 {

using detail::is_digit;

std::string_view to_string(Operator op) {
  switch (op) {
    case Operator::compatible:
      return "~=";
    case Operator::equal:
      return "==";
    case Operator::not_equal:
      return "!=";
    case Operator::less_equal:
      return "<=";
    case Operator::greater_equal:
      return ">=";
    case Operator::less:
      return "<";
    case Operator::greater:
      return ">";
    case Operator::arbitrary:
      return "===";
  }
  return "";
}

namespace detail {

// packaging.utils.canonicalize_version: str(Version) with, by default, trailing ".0"s of the
// release removed (re.sub(r"(\.0)+$", "", release)).
//   canonical(1.0.0rc1, true) -> "1rc1";  canonical(1!2.0, false) -> "1!2.0"
std::string canonical(const Version& version, bool strip_trailing_zero) {
  Version base;
  base.release = version.release;
  std::string release = base.base_str();
  if (strip_trailing_zero)
    while (release.size() >= 2 && release.compare(release.size() - 2, 2, ".0") == 0)
      release.resize(release.size() - 2);
  // Everything after the release: str() of the same version with release "0", minus the "0".
  Version rest = version;
  rest.epoch = Number();
  rest.release = {Number()};
  const std::string epoch = version.epoch.is_zero() ? "" : version.epoch.digits() + "!";
  return epoch + release + rest.str().substr(1);
}

// canonicalize_version on a string: a string that is not a version is returned unchanged.
std::string canonical(std::string_view text, bool strip_trailing_zero) {
  auto version = parse_version(text);
  return version ? canonical(*version, strip_trailing_zero) : std::string(text);
}

// packaging's _version_split: split at '.', and split "<digits><a|b|c|rc><digits>" items in two.
//   "1.0rc1.post2" -> ["1", "0", "rc1", "post2"];  "1!2.0" -> ["1!2", "0"]
std::vector<std::string> version_split(std::string_view text) {
  std::vector<std::string> result;
  std::size_t start = 0;
  for (;;) {
    const auto end = std::min(text.find('.', start), text.size());
    const auto item = text.substr(start, end - start);
    // ^([0-9]+)((?:a|b|c|rc)[0-9]+)$, case-sensitive.
    std::size_t i = 0;
    while (i < item.size() && is_digit(item[i])) ++i;
    std::size_t j = i;
    if (i > 0 && j < item.size()) {
      if (item.compare(j, 2, "rc") == 0)
        j += 2;
      else if (item[j] == 'a' || item[j] == 'b' || item[j] == 'c')
        j += 1;
    }
    const bool split = j > i && j < item.size() &&
                       std::all_of(item.begin() + static_cast<std::ptrdiff_t>(j), item.end(),
                                   [](char c) { return is_digit(c); });
    if (split) {
      result.emplace_back(item.substr(0, i));
      result.emplace_back(item.substr(i));
    } else {
      result.emplace_back(item);
    }
    if (end == text.size()) return result;
    start = end + 1;
  }
}

bool is_all_digits(const std::string& text) {
  // str.isdigit(): false for "".
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return is_digit(c); });
}

// packaging's _is_not_suffix (case-sensitive, so "RC1" or "c1" count as not a suffix).
bool is_not_suffix(const std::string& segment) {
  for (std::string_view prefix : {"dev", "a", "b", "rc", "post"})
    if (segment.compare(0, prefix.size(), prefix) == 0) return false;
  return true;
}

// packaging's _pad_version: zero-pad the leading numeric run of each side to the other's length.
std::pair<std::vector<std::string>, std::vector<std::string>> pad_version(
    const std::vector<std::string>& left, const std::vector<std::string>& right) {
  const auto numeric_run = [](const std::vector<std::string>& parts) {
    std::size_t n = 0;
    while (n < parts.size() && is_all_digits(parts[n])) ++n;
    return n;
  };
  const auto nl = numeric_run(left), nr = numeric_run(right);
  const auto pad = [](const std::vector<std::string>& parts, std::size_t run, std::size_t zeros) {
    std::vector<std::string> out(parts.begin(), parts.begin() + static_cast<std::ptrdiff_t>(run));
    out.insert(out.end(), zeros, "0");
    out.insert(out.end(), parts.begin() + static_cast<std::ptrdiff_t>(run), parts.end());
    return out;
  };
  return {pad(left, nl, nr > nl ? nr - nl : 0), pad(right, nr, nl > nr ? nl - nr : 0)};
}

// "==<prefix>.*": compares canonical strings, not versions (packaging's _compare_equal).
//   equal_prefix(1.0a1, "1.0") -> true  (["1", "0", "a1"] shortened to ["1", "0"])
//   equal_prefix(1!2.0, "1!2.0") -> false: "1!2" is not a number, so nothing is padded. That is
//   packaging 23.0's behaviour, reproduced as is.
bool equal_prefix(const Version& candidate, std::string_view prefix) {
  const auto split_prospective = version_split(canonical(candidate.without_local(), true));
  const auto split_spec = version_split(canonical(prefix, false));
  auto padded = pad_version(split_prospective, split_spec).first;
  if (padded.size() > split_spec.size()) padded.resize(split_spec.size());
  return padded == split_spec;
}

// "~=V" is ">=V" plus "==P.*", with P = V's text cut at the first suffix item, minus one item.
//   "1.4.5a4" -> "1.4";  "2.2" -> "2";  "1.4.5c1" -> "1.4.5" ("c1" is not a suffix to packaging)
std::string compatible_prefix(std::string_view spec_text) {
  const auto parts = version_split(spec_text);
  std::size_t n = 0;
  while (n < parts.size() && is_not_suffix(parts[n])) ++n;
  std::string prefix;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (i) prefix += '.';
    prefix += parts[i];
  }
  return prefix;
}

// Same base version: epoch and release equal, trailing zeros ignored (1.0 and 1 are the same).
bool same_base(const Version& a, const Version& b) {
  Version x, y;
  x.epoch = a.epoch;
  x.release = a.release;
  y.epoch = b.epoch;
  y.release = b.release;
  return x == y;
}

}  // namespace detail

bool Specifier::contains(const Version& candidate) const {
  switch (op) {
    case Operator::compatible:
      return candidate.compare_public(version) >= 0 &&
             detail::equal_prefix(candidate, detail::compatible_prefix(version_text));
    case Operator::equal:
    case Operator::not_equal: {
      bool equal = false;
      if (wildcard)
        equal = detail::equal_prefix(candidate, version_text);
      else if (version.has_local())
        equal = candidate == version;
      else
        // A specifier without a local label ignores the candidate's: ==1.0 matches 1.0+ubuntu1.
        equal = candidate.compare_public(version) == 0;
      return op == Operator::equal ? equal : !equal;
    }
    case Operator::less_equal:
      return candidate.compare_public(version) <= 0;
    case Operator::greater_equal:
      return candidate.compare_public(version) >= 0;
    case Operator::less:
      if (!(candidate < version)) return false;
      // PEP 440: <V excludes pre-releases of V unless V is one: <3.1 excludes 3.1.dev0 and
      // 3.1rc1, but not 3.0.dev0.
      if (!version.is_prerelease() && candidate.is_prerelease() &&
          detail::same_base(candidate, version))
        return false;
      return true;
    case Operator::greater:
      if (!(candidate > version)) return false;
      // PEP 440: >V excludes post-releases of V unless V is one: >3.1 excludes 3.1.post0.
      if (!version.is_postrelease() && candidate.is_postrelease() &&
          detail::same_base(candidate, version))
        return false;
      // ... and local versions of V's base: >1.0 excludes 1.0+local (also >1.0a1 excludes it).
      if (candidate.has_local() && detail::same_base(candidate, version)) return false;
      return true;
    case Operator::arbitrary:
      // packaging compares str(Version(candidate)).lower() with the specifier's text lowered.
      return detail::python_lower(candidate.str()) == detail::python_lower(version_text);
  }
  return false;
}

bool Specifier::contains(std::string_view candidate) const {
  auto version_candidate = parse_version(candidate);
  if (version_candidate) return contains(*version_candidate);
  // packaging raises InvalidVersion here. Only "===" can sensibly match a string that is not a
  // version, by comparing the text (what PEP 440 describes for ===).
  return op == Operator::arbitrary &&
         detail::python_lower(detail::strip(candidate)) == detail::python_lower(version_text);
}

std::string Specifier::str() const {
  return std::string(to_string(op)) + version_text + (wildcard ? ".*" : "");
}

namespace {

// ^ v? ([0-9]+!)? [0-9]+ (\.[0-9]+)* $, case-insensitive: the part before ".*" of a wildcard.
bool is_wildcard_prefix(std::string_view text) {
  std::size_t at = 0;
  if (at < text.size() && (text[at] == 'v' || text[at] == 'V')) ++at;
  const auto digits = [&] {
    const auto start = at;
    while (at < text.size() && is_digit(text[at])) ++at;
    return at > start;
  };
  if (!digits()) return false;
  if (at < text.size() && text[at] == '!') {
    ++at;
    if (!digits()) return false;
  }
  while (at < text.size()) {
    if (text[at] != '.') return false;
    ++at;
    if (!digits()) return false;
  }
  return true;
}

}  // namespace

// specifier = \s* operator \s* version \s*, where which versions are allowed depends on the
// operator (packaging's Specifier._regex):
//   ===      any text without whitespace, ';' or ')', even ""
//   == !=    a version, local label allowed, or v?(N!)?N(.N)*.* (a wildcard)
//   ~=       a version without local label, with at least two release numbers
//   <= >= < >  a version without local label
Expected<Specifier> parse_specifier(std::string_view text) {
  const auto fail = [&] { return unexpected("invalid specifier '" + std::string(text) + "'"); };
  const auto s = detail::strip(text);
  static constexpr std::array<std::pair<std::string_view, Operator>, 8> k_operators = {{
      {"===", Operator::arbitrary},
      {"~=", Operator::compatible},
      {"==", Operator::equal},
      {"!=", Operator::not_equal},
      {"<=", Operator::less_equal},
      {">=", Operator::greater_equal},
      {"<", Operator::less},
      {">", Operator::greater},
  }};
  Specifier spec;
  std::size_t op_length = 0;
  for (const auto& [op_text, op] : k_operators) {
    if (s.substr(0, op_text.size()) == op_text) {
      spec.op = op;
      op_length = op_text.size();
      break;
    }
  }
  if (op_length == 0) return fail();
  const auto version_text = detail::strip(s.substr(op_length));

  if (spec.op == Operator::arbitrary) {
    if (detail::contains_space(version_text) ||
        version_text.find_first_of(";)") != std::string_view::npos)
      return fail();
    spec.version_text = std::string(version_text);
    return spec;
  }
  const bool equality = spec.op == Operator::equal || spec.op == Operator::not_equal;
  if (equality && version_text.size() >= 2 &&
      version_text.substr(version_text.size() - 2) == ".*") {
    const auto prefix = version_text.substr(0, version_text.size() - 2);
    if (!is_wildcard_prefix(prefix)) return fail();
    spec.wildcard = true;
    spec.version_text = std::string(prefix);
    spec.version = *parse_version(prefix);
    return spec;
  }
  auto version = parse_version(version_text);
  if (!version) return fail();
  if (version->has_local() && !equality) return fail();
  if (spec.op == Operator::compatible && version->release.size() < 2) return fail();
  spec.version_text = std::string(version_text);
  spec.version = std::move(*version);
  return spec;
}

const std::vector<Specifier> SpecifierList::k_empty;

std::vector<Specifier>& SpecifierList::own() {
  if (!m_items) {
    m_items = std::make_shared<std::vector<Specifier>>();
  } else if (m_items.use_count() == 1) {
    // The last other owner may have let go on another thread: see its reads before writing.
    std::atomic_thread_fence(std::memory_order_acquire);
  } else {
    m_items = std::make_shared<std::vector<Specifier>>(*m_items);
  }
  return *m_items;
}

bool SpecifierSet::contains(const Version& candidate) const {
  return std::all_of(specifiers.begin(), specifiers.end(),
                     [&](const Specifier& spec) { return spec.contains(candidate); });
}

bool SpecifierSet::contains(std::string_view candidate) const {
  auto version = parse_version(candidate);
  if (version) return contains(*version);
  return std::all_of(specifiers.begin(), specifiers.end(),
                     [&](const Specifier& spec) { return spec.contains(candidate); });
}

std::string SpecifierSet::str() const {
  std::string text;
  for (const auto& spec : specifiers) {
    if (!text.empty()) text += ',';
    text += spec.str();
  }
  return text;
}

// specifier_set = specifier? (',' specifier?)*: packaging splits at ',' and skips empty items.
Expected<SpecifierSet> parse_specifier_set(std::string_view text) {
  SpecifierSet set;
  std::size_t start = 0;
  for (;;) {
    const auto end = std::min(text.find(',', start), text.size());
    const auto item = detail::strip(text.substr(start, end - start));
    if (!item.empty()) {
      auto spec = parse_specifier(item);
      if (!spec) return unexpected("invalid specifier '" + std::string(text) + "'");
      set.specifiers.push_back(std::move(*spec));
    }
    if (end == text.size()) return set;
    start = end + 1;
  }
}

}  // namespace depcheck::pep440
