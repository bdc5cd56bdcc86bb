// Fuzzes PEP 508 requirement parsing. Invariants:
//   - a parsed requirement's str() re-parses to the same str(), name, extras and url;
//   - normalize_name() is idempotent;
//   - a syntax error's span lies inside the text (the requirements reader puts a caret there).
#include <string>

#include "depcheck/pep508/requirement.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace depcheck::pep508;
  using depcheck::fuzz::fail;
  const auto text = depcheck::fuzz::as_text(data, size);
  const auto name = normalize_name(text);
  if (normalize_name(name) != name) fail("normalize_name() is not idempotent", text);

  SyntaxErrorDetail detail;
  const auto requirement = parse_requirement(text, &detail);
  if (!requirement) {
    if (requirement.error().empty()) fail("an error without a message", text);
    if (detail.start > detail.end || detail.end > text.size())
      fail("error span [" + std::to_string(detail.start) + ", " + std::to_string(detail.end) +
               ") outside the text",
           text);
    return 0;
  }
  if (requirement->name.empty()) fail("a requirement without a name", text);
  if (!depcheck::fuzz::round_trip_expected(text)) return 0;
  const auto normal = requirement->str();
  const auto again = parse_requirement(normal);
  if (!again) fail("str() '" + normal + "' does not re-parse: " + again.error(), text);
  if (again->str() != normal)
    fail("str() is not stable: '" + normal + "' -> '" + again->str() + "'", text);
  if (again->name != requirement->name || again->extras != requirement->extras ||
      again->url != requirement->url)
    fail("str() re-parses to a different name, extras or url", text);
  if (again->marker.has_value() != requirement->marker.has_value())
    fail("str() gains or loses the marker", text);
  return 0;
}
