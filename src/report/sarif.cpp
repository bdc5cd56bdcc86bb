// PLACEHOLDER: being implemented.
#include <stdexcept>
#include "depcheck/report.hpp"
namespace depcheck::report {
void render_sarif(const Report&, std::ostream&) { throw std::runtime_error("format 'sarif' is not implemented yet"); }
}  // namespace depcheck::report
