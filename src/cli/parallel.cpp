// Worker threads take the next index from a shared counter; each file's Input and messages go
// to its own slot, and the slots are joined in input order at the end. Readers keep no shared state
// (their caches live in the reader object), so they run side by side.
#include "cli/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace depcheck::cli {
namespace {

struct Slot {
  std::unique_ptr<Input> input;
  Diagnostics errors;
  Diagnostics warnings;
  std::exception_ptr failure;
};

void read_into(const InputFile& file, Slot& slot) {
  try {
    slot.input = read_input(file, slot.errors, slot.warnings);
  } catch (...) {
    slot.failure = std::current_exception();
  }
}

}  // namespace

void for_each_parallel(std::size_t count, unsigned threads,
                       const std::function<void(std::size_t)>& body) {
  std::vector<std::exception_ptr> failures(count);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const auto workers = static_cast<unsigned>(std::min<std::size_t>(threads, count));
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        body(i);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    }
  };
  if (workers <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(workers - 1);
    for (unsigned i = 1; i < workers; ++i) pool.emplace_back(work);
    work();  // the calling thread is a worker too
    for (auto& thread : pool) thread.join();
  }
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
}

std::vector<std::unique_ptr<Input>> read_inputs_parallel(const std::vector<InputFile>& files,
                                                         Diagnostics& errors, Diagnostics& warnings,
                                                         unsigned threads, Progress* progress) {
  std::vector<Slot> slots(files.size());
  // Standard input first, here and in order: two "-" must not read it at the same time.
  for (std::size_t i = 0; i < files.size(); ++i)
    if (files[i].path == "-") read_into(files[i], slots[i]);

  for_each_parallel(files.size(), threads, [&](std::size_t i) {
    if (files[i].path != "-") read_into(files[i], slots[i]);
    if (progress) progress->step();
  });

  std::vector<std::unique_ptr<Input>> inputs;
  inputs.reserve(files.size());
  for (auto& slot : slots) {
    errors.insert(errors.end(), std::make_move_iterator(slot.errors.begin()),
                  std::make_move_iterator(slot.errors.end()));
    warnings.insert(warnings.end(), std::make_move_iterator(slot.warnings.begin()),
                    std::make_move_iterator(slot.warnings.end()));
    if (slot.failure) std::rethrow_exception(slot.failure);
    inputs.push_back(std::move(slot.input));
  }
  return inputs;
}

}  // namespace depcheck::cli
