// PLACEHOLDER: being implemented.
#include "depcheck/readers/reader.hpp"
namespace depcheck::readers {
void read_installed_env(const std::string& dir, Input&, Diagnostics&) { throw FatalError("reader not implemented yet", Location{dir}); }
}  // namespace depcheck::readers
