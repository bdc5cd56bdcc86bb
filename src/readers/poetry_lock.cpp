// PLACEHOLDER: being implemented.
#include "depcheck/readers/reader.hpp"
namespace depcheck::readers {
void read_poetry_lock(std::string_view, const std::string& path, Input&, Diagnostics&) { throw FatalError("reader not implemented yet", Location{path}); }
}  // namespace depcheck::readers
