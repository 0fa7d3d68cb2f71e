#pragma once
// Runs a sweep: every (point, replicate) of the design, on every core, into
// an output directory that appears whole when the sweep ends. Work in
// progress lives in a staging directory beside it (".<out>.sweep-partial"),
// described by a state file (".<out>.sweep-state.json"), which `resume`
// continues after a Ctrl-C or kill -9 at any moment, the final renames
// included. The output's lock (io/output_lock.hpp) is held throughout.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>

#include "sweep/ordered_writer.hpp"
#include "sweep/sweep_reader.hpp"

#include "core/error.hpp"

namespace alliance {

// An interrupted sweep is in the way, or cannot be resumed as asked: exit 2.
class SweepStateError : public BadInput {
 public:
  using BadInput::BadInput;
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
  bool already_finished = false;  // --resume found the sweep finished: nothing was run
};

SweepOutcome run_sweep(const PreparedSweep& sweep, const SweepPlan& plan);

// ".<out>.sweep-partial" beside `out`: where the sweep's work in progress lives.
std::filesystem::path sweep_staging_path(const std::filesystem::path& out);
// ".<out>.sweep-state.json" beside `out`: what is in progress, and its phase.
std::filesystem::path sweep_state_path(const std::filesystem::path& out);

// `out` holds this very sweep (inputs, shard, --keep-steps, version), finished
// and untouched, with nothing of it in progress: `--resume` has nothing to do.
bool sweep_already_finished(const PreparedSweep& sweep, const std::filesystem::path& out, const Shard& shard,
                            bool keep_steps);

}  // namespace alliance
