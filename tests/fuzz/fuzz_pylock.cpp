// Fuzzes the pylock.toml reader, then the engine and every reporter over what it read
// (SPEC "Bad input": never crash, never hang, JSON stays valid). Invariants: support.hpp.
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  depcheck::fuzz::read_and_check("pylock.toml", depcheck::fuzz::as_text(data, size), "pylock.toml");
  return 0;
}
