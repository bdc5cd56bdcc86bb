#pragma once
// Reading many inputs at once (a recursive scan finds many): each file on a worker thread, the
// results in input order, so that the report is byte for byte the one a sequential read gives.
//   auto inputs = read_inputs_parallel(find_inputs(options, errors), errors, warnings, 0);
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "cli/inputs.hpp"
#include "cli/progress.hpp"
#include "depcheck/diagnostic.hpp"
#include "depcheck/inventory.hpp"

namespace depcheck::cli {

// body(i) for every i in [0, count), on up to `threads` threads (0: one per hardware thread; 1:
// all on the calling thread). Each body writes only its own slot; callers join the slots in
// order, so results do not depend on scheduling. The exception of the lowest i that threw is
// rethrown after all have run.
void for_each_parallel(std::size_t count, unsigned threads,
                       const std::function<void(std::size_t)>& body);

// read_input() for every file, on up to `threads` threads (0: one per hardware thread; 1: all on
// the calling thread). Returns one Input per file, in `files` order, and appends each file's
// errors and warnings to `errors` and `warnings` in that order, exactly as
//   for (const auto& file : files) inputs.push_back(read_input(file, errors, warnings));
// does. An exception from read_input() (an unknown format) is rethrown once the files before it
// have been appended, as that loop would have thrown it there. Standard input ("-") is read on
// the calling thread, before the others.
// `progress`, when given, steps once per file read.
std::vector<std::unique_ptr<Input>> read_inputs_parallel(const std::vector<InputFile>& files,
                                                         Diagnostics& errors, Diagnostics& warnings,
                                                         unsigned threads,
                                                         Progress* progress = nullptr);

}  // namespace depcheck::cli
