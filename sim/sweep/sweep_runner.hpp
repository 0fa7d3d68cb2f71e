#pragma once
// Runs a sweep: every (point, replicate) of the design, on every core, into
// an output directory that appears whole when the sweep ends. Work in
// progress lives in a staging directory beside it (".<out>.sweep-partial"),
// which `resume` continues after a Ctrl-C or kill -9.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>

#include "sweep/ordered_writer.hpp"
#include "sweep/sweep_reader.hpp"

namespace alliance {

// An interrupted sweep is in the way, or cannot be resumed as asked: exit 2.
class SweepStateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SweepPlan {
  std::filesystem::path out;
  int threads = 0;  // 0: every core
  Shard shard;
  bool resume = false;
  bool keep_steps = false;
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct SweepOutcome {
  std::size_t runs = 0, ok = 0, failed = 0;
  bool written = true;  // false on MPI ranks other than the first, which write nothing themselves
};

SweepOutcome run_sweep(const PreparedSweep& sweep, const SweepPlan& plan);

// ".<out>.sweep-partial" beside `out`: where the sweep's work in progress lives.
std::filesystem::path sweep_staging_path(const std::filesystem::path& out);

}  // namespace alliance
