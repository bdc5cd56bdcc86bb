// toml++'s implementation, compiled once into depcheck_core (see src/CMakeLists.txt).
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
