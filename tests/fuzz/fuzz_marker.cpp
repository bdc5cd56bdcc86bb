// Fuzzes PEP 508 marker parsing and evaluation. Invariants:
//   - a parsed marker's str() re-parses (strictly), prints stably from then on, and evaluates
//     the same;
//   - evaluate() is try_evaluate() with errors as false;
//   - a syntax error's span lies inside the text;
//   - parse_marker_strict() accepts only what parse_marker() accepts, with the same str().
#include <string>
#include <vector>

#include "depcheck/pep508/marker.hpp"
#include "support.hpp"

namespace {

using namespace depcheck::pep508;

const std::vector<Environment>& environments() {
  static const std::vector<Environment> envs = {
      environment_for("3.12", "linux"), environment_for("2.7.18", "win32"),
      environment_for("3.8.1", "darwin"), environment_for("3.13", "freebsd")};
  return envs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using depcheck::fuzz::fail;
  const auto text = depcheck::fuzz::as_text(data, size);
  SyntaxErrorDetail detail;
  const auto marker = parse_marker(text, &detail);
  SyntaxErrorDetail strict_detail;
  const auto strict = parse_marker_strict(text, &strict_detail);
  if (!marker) {
    if (marker.error().empty()) fail("an error without a message", text);
    if (detail.start > detail.end || detail.end > text.size())
      fail("error span [" + std::to_string(detail.start) + ", " + std::to_string(detail.end) +
               ") outside the text",
           text);
    if (strict) fail("parse_marker_strict() accepts what parse_marker() refuses", text);
    return 0;
  }
  if (strict && strict->str() != marker->str())
    fail("strict and lenient parses print differently", text);
  if (!strict && (strict_detail.start > strict_detail.end || strict_detail.end > text.size()))
    fail("strict error span outside the text", text);

  if (!depcheck::fuzz::round_trip_expected(text)) return 0;
  const auto normal = marker->str();
  const auto again = parse_marker_strict(normal);
  if (!again) fail("str() '" + normal + "' does not re-parse: " + again.error(), text);
  // packaging normalizes `extra` values only at the top level of a marker, so the first print
  // of "(extra == 'A_b')" keeps 'A_b' and the second gives "a-b": stable from the second print.
  const auto second = again->str();
  const auto third = parse_marker_strict(second);
  if (!third || third->str() != second)
    fail("str() is not stable: '" + normal + "' -> '" + second + "' -> '" +
             (third ? third->str() : third.error()) + "'",
         text);

  for (const auto& env : environments()) {
    for (std::string_view extra : {"", "test", "Test_X"}) {
      const bool value = marker->evaluate(env, extra);
      const auto tried = marker->try_evaluate(env, extra);
      if (value != (tried && *tried)) fail("evaluate() disagrees with try_evaluate()", text);
      if (again->evaluate(env, extra) != value) fail("str() evaluates differently", text);
    }
  }
  (void)marker->mentions("extra");
  (void)python_versions_where(*marker, environments()[0], {"2.7", "3.8", "3.12.1", "3.14"});
  return 0;
}
