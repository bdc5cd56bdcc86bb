#pragma once
// PEP 440 version specifiers and specifier sets (cf. packaging.specifiers).
//   parse_specifier_set(">=1.0,<2")->contains(*parse_version("1.5rc1")) == true
// Containment is packaging's SpecifierSet.contains(v, prereleases=True): a locked
// pre-release is what is installed, so it is never filtered out.
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "depcheck/pep440/version.hpp"
#include "depcheck/util/expected.hpp"

namespace depcheck::pep440 {

enum class Operator {
  compatible,
  equal,
  not_equal,
  less_equal,
  greater_equal,
  less,
  greater,
  arbitrary
};

std::string_view to_string(Operator op);  // "~=", "==", ...

struct Specifier {
  Operator op = Operator::greater_equal;
  std::string version_text;  // as written, without the operator and without a trailing ".*"
  Version version;           // parsed version_text; unused for ===
  bool wildcard = false;     // "==1.2.*" / "!=1.2.*"

  bool contains(const Version& candidate) const;
  // Parses `candidate` first. One that does not parse is in no specifier but "===", which then
  // compares the text case-insensitively ("===foo" contains "FOO"); packaging raises instead.
  bool contains(std::string_view candidate) const;
  // As packaging prints it: the operator and the version as written, whitespace dropped
  // (">= v1.0" -> ">=v1.0", "== 1.2.*" -> "==1.2.*"). ~= and === depend on that text.
  std::string str() const;
};

// One specifier. Error: "invalid specifier '=>1.0'".
Expected<Specifier> parse_specifier(std::string_view text);

// The specifiers of a set, read as a const std::vector. Copies share one array: readers copy
// each dependency's set from a cache of parsed texts, and a lock file repeats the same few
// hundred texts thousands of times. Changing a shared array copies it first.
class SpecifierList {
 public:
  using value_type = Specifier;
  using size_type = std::size_t;
  using const_iterator = std::vector<Specifier>::const_iterator;
  using iterator = const_iterator;

  SpecifierList() = default;
  SpecifierList(std::initializer_list<Specifier> specifiers)
      : SpecifierList(std::vector<Specifier>(specifiers)) {}
  SpecifierList(std::vector<Specifier> specifiers)  // NOLINT: converts like the vector it was
      : m_items(specifiers.empty()
                    ? nullptr
                    : std::make_shared<std::vector<Specifier>>(std::move(specifiers))) {}

  const std::vector<Specifier>& items() const { return m_items ? *m_items : k_empty; }
  const_iterator begin() const { return items().begin(); }
  const_iterator end() const { return items().end(); }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }
  size_type size() const { return m_items ? m_items->size() : 0; }
  bool empty() const { return size() == 0; }
  const Specifier& operator[](size_type i) const { return (*m_items)[i]; }
  const Specifier& at(size_type i) const { return items().at(i); }
  const Specifier& front() const { return m_items->front(); }
  const Specifier& back() const { return m_items->back(); }

  void push_back(Specifier specifier) { own().push_back(std::move(specifier)); }
  template <class... Args>
  Specifier& emplace_back(Args&&... args) {
    return own().emplace_back(std::forward<Args>(args)...);
  }
  template <class It>
  void insert(const_iterator at, It first, It last) {
    const auto offset = at - begin();  // `at` may point into an array that own() leaves
    auto& items = own();
    items.insert(items.begin() + offset, first, last);
  }
  void clear() { m_items.reset(); }
  void reserve(size_type n) { own().reserve(n); }

 private:
  // The array, unshared.
  std::vector<Specifier>& own();

  static const std::vector<Specifier> k_empty;
  std::shared_ptr<std::vector<Specifier>> m_items;  // null = empty
};

class SpecifierSet {
 public:
  SpecifierList specifiers;  // all must hold; empty = any version

  bool contains(const Version& candidate) const;
  // As Specifier::contains(std::string_view) for each; the empty set contains anything.
  bool contains(std::string_view candidate) const;
  bool is_any() const { return specifiers.empty(); }
  // Comma-joined, in the order given (packaging sorts and de-duplicates; same versions allowed).
  std::string str() const;
};

// Comma-separated specifiers, whitespace allowed around each, empty items skipped
// (">=1,,<2" is ">=1,<2"); "" = any version. Error, quoting the whole text:
// "invalid specifier '>=1.0,<<2'".
Expected<SpecifierSet> parse_specifier_set(std::string_view text);

}  // namespace depcheck::pep440
