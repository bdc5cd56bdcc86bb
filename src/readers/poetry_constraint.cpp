// Poetry constraint syntax -> PEP 440. Mirrors poetry-core's
// poetry/core/constraints/version/parser.py (parse_constraint, parse_single_constraint,
// _make_x_constraint_range) and Version.next_breaking / next_major / next_minor / next_patch.
#include "readers/poetry_constraint.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "depcheck/pep440/version.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::readers {
namespace {

using pep440::Number;
using pep440::Version;

// One PEP 440 comparison: op is one of >= > <= < == !=; `wildcard` appends ".*" (== and != only).
struct Bound {
  std::string op;
  Version version;
  bool wildcard = false;
};
using Group = std::vector<Bound>;  // all must hold; empty = any version

Number plus_one(const Number& number) {
  std::string digits = number.digits();
  std::size_t i = digits.size();
  while (i > 0) {
    --i;
    if (digits[i] != '9') {
      ++digits[i];
      return Number(digits);
    }
    digits[i] = '0';
  }
  return Number("1" + digits);
}

// poetry-core Version.stable: drops pre and dev; keeps post only without pre.
//   1.2.3rc1 -> 1.2.3, 1.2.post1 -> 1.2.post1
Version stable(const Version& version) {
  if (!version.pre && !version.dev) return version;
  Version result;
  result.epoch = version.epoch;
  result.release = version.release;
  if (!version.pre) result.post = version.post;
  return result;
}

Version with_release(const Version& version, std::vector<Number> release) {
  Version result;
  result.epoch = version.epoch;
  result.release = std::move(release);
  return result;
}

// Release.next_major / next_minor / next_patch keep the precision: ^1.2 -> 2.0, ^1 -> 2.
std::vector<Number> next_major(std::vector<Number> release) {
  release[0] = plus_one(release[0]);
  for (std::size_t i = 1; i < release.size(); ++i) release[i] = Number();
  return release;
}

std::vector<Number> next_minor(std::vector<Number> release) {
  if (release.size() < 2) {
    release.resize(2);  // Release(major, minor=None).next_minor() -> major.1
    release[1] = Number(1ULL);
    return release;
  }
  release[1] = plus_one(release[1]);
  for (std::size_t i = 2; i < release.size(); ++i) release[i] = Number();
  return release;
}

std::vector<Number> next_patch(std::vector<Number> release) {
  if (release.size() < 3) release.resize(3);
  release[2] = plus_one(release[2]);
  for (std::size_t i = 3; i < release.size(); ++i) release[i] = Number();
  return release;
}

// Release.next(): increments the last component written.
std::vector<Number> next_release(std::vector<Number> release) {
  if (release.size() == 1) return next_major(std::move(release));
  if (release.size() == 2) return next_minor(std::move(release));
  if (release.size() == 3) return next_patch(std::move(release));
  release.back() = plus_one(release.back());
  return release;
}

// Version.next_breaking: the first version ^V excludes.
//   ^1.2.3 -> 2.0.0, ^0.2.3 -> 0.3.0, ^0.0.3 -> 0.0.4, ^0.0 -> 0.1, ^0 -> 1
Version next_breaking(const Version& version) {
  const Version base = stable(version);
  const auto& release = base.release;
  if (!release[0].is_zero() || release.size() == 1) return with_release(base, next_major(release));
  if (!release[1].is_zero() || release.size() == 2) return with_release(base, next_minor(release));
  return with_release(base, next_patch(release));
}

Version first_devrelease(Version version) {
  version.dev = Number();
  version.local.clear();
  return version;
}

// _make_x_constraint_range: "1.2.*" is [1.2.dev0, 1.3.dev0), i.e. PEP 440's ==1.2.*;
// "2.0a1.*" is [2.0a1.dev0, 2.0a2.dev0), which PEP 440 can only write as a range.
std::optional<Group> x_range(const Version& version, bool invert) {
  const bool plain = !version.pre && !version.post && !version.dev;
  if (plain) {
    Version release_only = with_release(version, version.release);
    return Group{Bound{invert ? "!=" : "==", std::move(release_only), true}};
  }
  // The complement of such a range is a union, which one specifier set cannot express.
  if (invert) return std::nullopt;
  Version next = version;
  next.local.clear();
  if (version.post) {  // next_postrelease
    next.dev.reset();
    if (!version.dev) next.post = plus_one(*version.post);
  } else if (version.pre) {  // next_prerelease
    next.dev.reset();
    next.post.reset();
    if (!version.dev) next.pre->number = plus_one(version.pre->number);
  } else {  // next_devrelease
    next.dev = plus_one(*version.dev);
  }
  Version low = first_devrelease(version);
  Version high = next.dev ? next : first_devrelease(next);
  return Group{Bound{">=", std::move(low), false}, Bound{"<", std::move(high), false}};
}

bool is_x_char(char c) {
  return c == 'x' || c == 'X' || c == '*';
}

// ^v?[xX*](\.[xX*])*$
bool is_any_pattern(std::string_view text) {
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) text.remove_prefix(1);
  if (text.empty() || !is_x_char(text.front())) return false;
  for (std::size_t i = 1; i < text.size(); i += 2)
    if (text[i] != '.' || i + 1 >= text.size() || !is_x_char(text[i + 1])) return false;
  return true;
}

std::string_view skip_space(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

Expected<Version> parse_poetry_version(std::string_view text) {
  if (text == "dev") text = "0.0-dev";  // poetry-core issue 206: ">dev"
  return pep440::parse_version(text);
}

// parse_single_constraint: one comparison, caret, tilde or wildcard; nullopt if invalid.
std::optional<Group> parse_single(std::string_view constraint) {
  if (is_any_pattern(constraint)) return Group{};

  // ~V (not ~=): [V, next minor), or [V, next major) for a one-component V.
  if (constraint.starts_with('~') && !constraint.starts_with("~=")) {
    auto version = pep440::parse_version(skip_space(constraint.substr(1)));
    if (!version) return std::nullopt;
    const Version base = stable(*version);
    Version high = with_release(
        base, version->release.size() == 1 ? next_major(base.release) : next_minor(base.release));
    return Group{Bound{">=", *version, false}, Bound{"<", std::move(high), false}};
  }
  // ~=V: [V, next major) for two components, else [V, next minor).
  if (constraint.starts_with("~=")) {
    auto version = pep440::parse_version(skip_space(constraint.substr(2)));
    if (!version) return std::nullopt;
    const Version base = stable(*version);
    Version high = with_release(
        base, version->release.size() == 2 ? next_major(base.release) : next_minor(base.release));
    return Group{Bound{">=", *version, false}, Bound{"<", std::move(high), false}};
  }
  // ^V: [V, next breaking).
  if (constraint.starts_with('^')) {
    auto version = pep440::parse_version(skip_space(constraint.substr(1)));
    if (!version) return std::nullopt;
    return Group{Bound{">=", *version, false}, Bound{"<", next_breaking(*version), false}};
  }

  // Basic comparator: (<>|!=|>=?|<=?|==?)? version (.*)?
  std::string op;
  std::string_view rest = constraint;
  for (std::string_view candidate : {"<>", "!=", ">=", "<=", "==", ">", "<", "="}) {
    if (rest.starts_with(candidate)) {
      op = candidate;
      rest.remove_prefix(candidate.size());
      break;
    }
  }
  rest = skip_space(rest);
  bool wildcard = false;
  while (rest.ends_with(".*")) {  // "2.*.*" is "2.*"
    wildcard = true;
    rest.remove_suffix(2);
  }
  auto version = parse_poetry_version(rest);
  if (!version) return std::nullopt;

  if (op == "<" || op == "<=" || op == ">" || op == ">=") return Group{Bound{op, *version, false}};
  if (wildcard) return x_range(*version, op == "!=");
  if (op == "!=") return Group{Bound{"!=", *version, false}};
  // "", "=", "==" and (as poetry-core does) "<>" mean exactly this version.
  return Group{Bound{"==", *version, false}};
}

bool is_space_or_comma(char c) {
  return c == ' ' || c == ',';
}

// poetry-core splits an AND group with
//   (?<!^)(?<![\^~=>< ,]) *(?<!-)[, ](?!-) *(?!,|$)
// i.e. on commas and spaces, except right after an operator (">= 1.0" stays one constraint),
// next to a '-', or before a trailing comma.
std::vector<std::string_view> split_and(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  std::size_t i = 1;
  while (i < text.size()) {
    const char before = text[i - 1];
    const bool can_split = std::string_view("^~=>< ,").find(before) == std::string_view::npos;
    if (!can_split || !is_space_or_comma(text[i])) {
      ++i;
      continue;
    }
    std::size_t spaces_end = i;
    while (spaces_end < text.size() && text[spaces_end] == ' ') ++spaces_end;
    // The separator: a comma after the spaces, else (backtracking) the last space.
    std::size_t separator =
        spaces_end < text.size() && text[spaces_end] == ',' ? spaces_end : spaces_end - 1;
    if (separator < i || text[separator - 1] == '-' ||
        (separator + 1 < text.size() && text[separator + 1] == '-')) {
      i = spaces_end + 1;
      continue;
    }
    std::size_t next = separator + 1;
    while (next < text.size() && text[next] == ' ') ++next;
    if (next >= text.size() || text[next] == ',') {
      i = next + 1;
      continue;
    }
    parts.push_back(text.substr(start, i - start));
    start = next;
    i = next + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

// "a || b" and "a | b" separate alternatives.
std::vector<std::string_view> split_or(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '|') continue;
    parts.push_back(util::trim(text.substr(start, i - start)));
    if (i + 1 < text.size() && text[i + 1] == '|') ++i;
    start = i + 1;
  }
  parts.push_back(util::trim(text.substr(start)));
  return parts;
}

// The structured translation: alternatives of AND groups.
Expected<std::vector<Group>> translate(std::string_view text) {
  const auto trimmed = util::trim(text);
  if (trimmed == "*") return std::vector<Group>{Group{}};
  std::vector<Group> alternatives;
  for (auto alternative : split_or(trimmed)) {
    // Trailing commas are allowed ("poetry-core: allow trailing commas for robustness").
    while (!alternative.empty() && alternative.back() == ',') {
      alternative.remove_suffix(1);
      alternative = util::trim(alternative);
    }
    Group group;
    for (auto part : split_and(alternative)) {
      auto single = parse_single(util::trim(part));
      if (!single) return unexpected("invalid version constraint '" + std::string(trimmed) + "'");
      for (auto& bound : *single) group.push_back(std::move(bound));
    }
    alternatives.push_back(std::move(group));
  }
  return alternatives;
}

std::string bound_text(const Bound& bound) {
  return bound.op + bound.version.str() + (bound.wildcard ? ".*" : "");
}

// The release padded to three components: "3.6" -> "3.6.0".
std::string padded(const Version& version) {
  Version copy = version;
  while (copy.release.size() < 3) copy.release.emplace_back();
  return copy.str();
}

std::string quoted(const std::string& text) {
  return "\"" + text + "\"";
}

// create_nested_marker for one comparison on the python version. Precision 3 or more uses
// python_full_version; "> 3.6" and "<= 3.6" use python_full_version with "3.6.0", so that the
// marker stays equivalent to the constraint.
std::string python_clause(const Bound& bound) {
  const auto& version = bound.version;
  const bool full = version.release.size() >= 3;
  const std::string name = full ? "python_full_version" : "python_version";
  if (bound.wildcard) {
    const Version low = with_release(version, version.release);
    const Version high = with_release(version, next_release(version.release));
    const std::string high_name =
        high.release.size() >= 3 ? "python_full_version" : "python_version";
    if (bound.op == "==")
      return name + " >= " + quoted(low.str()) + " and " + high_name + " < " + quoted(high.str());
    return "(" + name + " < " + quoted(low.str()) + ") or (" + high_name +
           " >= " + quoted(high.str()) + ")";
  }
  if (bound.op == ">=" || bound.op == "<")
    return name + " " + bound.op + " " + quoted(stable(version).str());
  if (bound.op == ">" || bound.op == "<=")
    return "python_full_version " + bound.op + " " +
           quoted(full ? stable(version).str() : padded(version));
  if (bound.op == "==") return name + " == " + quoted(version.str());
  // != V: versions below V or above it.
  return "(" + name + " < " + quoted(version.str()) + ") or (python_full_version > " +
         quoted(full ? version.str() : padded(version)) + ")";
}

}  // namespace

bool PoetryConstraint::is_any() const {
  for (const auto& alternative : alternatives)
    if (alternative.specifiers.is_any()) return true;
  return alternatives.empty();
}

std::string PoetryConstraint::str() const {
  if (is_any()) return "";
  std::string text;
  for (const auto& alternative : alternatives) {
    if (!text.empty()) text += " || ";
    text += alternative.text;
  }
  return text;
}

void PoetryConstraint::apply_to(Dependency& dependency) const {
  dependency.specifier_text = str();
  dependency.specifiers = {};
  dependency.any_of.clear();
  if (is_any()) return;
  if (alternatives.size() == 1) {
    dependency.specifiers = alternatives.front().specifiers;
    return;
  }
  for (const auto& alternative : alternatives) dependency.any_of.push_back(alternative.specifiers);
}

Expected<PoetryConstraint> parse_poetry_constraint(std::string_view text) {
  auto groups = translate(text);
  if (!groups) return unexpected(groups.error());
  PoetryConstraint result;
  for (const auto& group : *groups) {
    PoetryConstraint::Alternative alternative;
    for (const auto& bound : group) {
      if (!alternative.text.empty()) alternative.text += ',';
      alternative.text += bound_text(bound);
    }
    auto parsed = pep440::parse_specifier_set(alternative.text);
    if (!parsed)
      return unexpected("invalid version constraint '" + std::string(util::trim(text)) + "'");
    alternative.specifiers = std::move(*parsed);
    result.alternatives.push_back(std::move(alternative));
  }
  return result;
}

Expected<std::string> poetry_python_marker(std::string_view text) {
  auto groups = translate(text);
  if (!groups) return unexpected(groups.error());
  for (const auto& group : *groups)
    if (group.empty()) return std::string();
  std::string marker;
  for (const auto& group : *groups) {
    std::string conjunction;
    for (const auto& bound : group) {
      if (!conjunction.empty()) conjunction += " and ";
      auto clause = python_clause(bound);
      const bool is_union = clause.starts_with('(');
      conjunction += is_union && group.size() > 1 ? "(" + clause + ")" : clause;
    }
    if (!marker.empty()) marker += " or ";
    marker += groups->size() > 1 ? "(" + conjunction + ")" : conjunction;
  }
  return marker;
}

}  // namespace depcheck::readers
