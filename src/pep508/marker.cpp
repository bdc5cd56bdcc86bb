// PLACEHOLDER: being implemented.
#include "depcheck/pep508/marker.hpp"
namespace depcheck::pep508 {
struct MarkerNode {};
Environment environment_for(std::string_view, std::string_view) { return {}; }
Marker::Marker() = default;
Marker::~Marker() = default;
Marker::Marker(const Marker&) = default;
Marker& Marker::operator=(const Marker&) = default;
Marker::Marker(Marker&&) noexcept = default;
Marker& Marker::operator=(Marker&&) noexcept = default;
bool Marker::evaluate(const Environment&, std::string_view) const { return true; }
std::string Marker::str() const { return ""; }
bool Marker::mentions(std::string_view) const { return false; }
Expected<Marker> parse_marker(std::string_view) { return Marker{}; }
}  // namespace depcheck::pep508
