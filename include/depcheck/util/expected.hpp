#pragma once
// A value or a reason. Uses std::expected's member names so it can be swapped for it
// once the project moves to C++23.
//   Expected<int> r = unexpected("bad"); if (!r) print(r.error());
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace depcheck {

struct Unexpected {
  std::string message;
};

inline Unexpected unexpected(std::string message) {
  return Unexpected{std::move(message)};
}

template <class T>
class Expected {
 public:
  Expected(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
  Expected(Unexpected error) : m_data(std::in_place_index<1>, std::move(error.message)) {}

  bool has_value() const noexcept { return m_data.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & { return check(), std::get<0>(m_data); }
  const T& value() const& { return check(), std::get<0>(m_data); }
  T&& value() && { return check(), std::get<0>(std::move(m_data)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Only valid when !has_value().
  const std::string& error() const { return std::get<1>(m_data); }

 private:
  void check() const {
    if (!has_value()) throw std::logic_error("Expected::value() on an error: " + error());
  }
  std::variant<T, std::string> m_data;
};

}  // namespace depcheck
