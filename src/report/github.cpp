// PLACEHOLDER: being implemented.
#include <stdexcept>
#include "depcheck/report.hpp"
namespace depcheck::report {
void render_github(const Report&, std::ostream&) { throw std::runtime_error("format 'github' is not implemented yet"); }
}  // namespace depcheck::report
