#pragma once
// PEP 440 versions: parsing with every normalization PEP 440 allows, and the total order
// (cf. packaging.version.Version).
//   parse_version("v1.0-1")->str() == "1.0.post1"
//   *parse_version("1.0rc1") < *parse_version("1.0")
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "depcheck/util/expected.hpp"

namespace depcheck::pep440 {

// A non-negative integer of any size (PEP 440 puts no bound on release numbers), so that
// "2026011512345678901234" orders correctly. Eight bytes: values below 2^63 (every number seen
// in practice) are held as they are; larger ones as a pointer to their decimal digits, interned
// once per process, so that equal numbers are equal words.
class Number {
 public:
  Number() = default;
  explicit Number(std::string_view digits);  // digits only; leading zeros dropped
  explicit Number(unsigned long long value);
  std::string digits() const;  // decimal, without leading zeros
  bool is_zero() const { return m_value == 0; }
  Number next() const;      // this + 1
  Number previous() const;  // this - 1; 0 stays 0
  std::strong_ordering operator<=>(const Number& other) const;
  bool operator==(const Number& other) const = default;

 private:
  static constexpr std::uint64_t k_big = std::uint64_t{1} << 63;
  bool is_big() const { return (m_value & k_big) != 0; }
  const std::string& big_digits() const;

  std::uint64_t m_value = 0;  // the value, or k_big | the address of the interned digits
};

enum class PreKind { a, b, rc };  // order matters: a < b < rc

struct PreRelease {
  PreKind kind;
  Number number;
  auto operator<=>(const PreRelease&) const = default;
};

// A local version segment is a number or a lowercase alphanumeric string (PEP 440: numbers
// sort above strings; strings compare lexically).
struct LocalSegment {
  bool is_number = false;
  Number number;
  std::string text;  // lowercased

  std::strong_ordering operator<=>(const LocalSegment& other) const;
  bool operator==(const LocalSegment& other) const { return (*this <=> other) == 0; }
};

class Version {
 public:
  Number epoch;
  std::vector<Number> release;  // at least one component
  std::optional<PreRelease> pre;
  std::optional<Number> post;
  std::optional<Number> dev;
  std::vector<LocalSegment> local;

  // The normalized form, as packaging's str(Version(...)).
  std::string str() const;
  // Without the local segment ("1.0+abc" -> "1.0").
  std::string public_str() const;
  // Epoch and release only ("1!1.0rc1.post2" -> "1!1.0").
  std::string base_str() const;
  // The local segment without '+' ("1.0+ubuntu-1" -> "ubuntu.1"); "" when there is none.
  std::string local_str() const;

  bool is_prerelease() const { return pre.has_value() || dev.has_value(); }
  bool is_postrelease() const { return post.has_value(); }
  bool is_devrelease() const { return dev.has_value(); }
  bool has_local() const { return !local.empty(); }

  Version without_local() const;

  // The total order of packaging's _cmpkey: trailing release zeros do not count
  // (1.0 == 1.0.0), 1.0.dev0 < 1.0a0.dev0 < 1.0a0 < 1.0rc0 < 1.0 < 1.0+local < 1.0.post0.
  std::strong_ordering operator<=>(const Version& other) const;
  // The same order on the public parts only ("1.0+a" and "1.0" are equal here).
  std::strong_ordering compare_public(const Version& other) const;
  bool operator==(const Version& other) const { return (*this <=> other) == 0; }
};

// Parses with PEP 440's normalizations (case, leading 'v', '-', '_', '.' separators, implicit
// numbers, alternate spellings alpha/beta/c/pre/preview/rev/r, '-1' post releases,
// surrounding whitespace). Error: "invalid version '1..0'".
Expected<Version> parse_version(std::string_view text);

}  // namespace depcheck::pep440
