// depcheck: options -> run -> render -> exit code. Only this file decides how the process ends.
#include "cli/run.hpp"

int main(int argc, char** argv) {
  return depcheck::cli::main(argc, argv);
}
