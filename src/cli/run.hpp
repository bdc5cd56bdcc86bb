#pragma once
// The command line: parse options (flags, then [tool.depcheck] / .depcheck.toml), run the
// pipeline, render, and return the exit code (SPEC "Exit codes").
namespace depcheck::cli {

int main(int argc, char** argv);

}  // namespace depcheck::cli
