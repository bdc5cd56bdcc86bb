// PLACEHOLDER: being implemented.
#include <stdexcept>
#include "depcheck/report.hpp"
namespace depcheck::report {
void render_markdown(const Report&, std::ostream&) { throw std::runtime_error("format 'markdown' is not implemented yet"); }
}  // namespace depcheck::report
