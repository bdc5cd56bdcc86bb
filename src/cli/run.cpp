#include "cli/run.hpp"
namespace depcheck::cli {
int main(int, char**) { return 0; }
}  // namespace depcheck::cli
