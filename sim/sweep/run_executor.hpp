#pragma once
// One run of a sweep, from its index alone: the point's values applied to the
// base scenario with `--set`, replicate 0 of that scenario under the run's
// seed, and its runs.csv row (or failures.csv row, with the error). The
// same index gives the same bytes in any process: run_sweep, verify and
// --dry-run use it.
#include <cstddef>
#include <memory>

#include "sweep/ordered_writer.hpp"
#include "state/world.hpp"
#include "sweep/sweep_reader.hpp"

namespace alliance {

// Keeps the last point's scenario and world, so that a point's replicates
// read and build them once, and a world each run overwrites. One per thread.
class RunExecutor {
 public:
  RunExecutor(const PreparedSweep& sweep, bool keep_steps);
  ~RunExecutor();
  RunExecutor(const RunExecutor&) = delete;
  RunExecutor& operator=(const RunExecutor&) = delete;

  SweepRecord execute(std::size_t run);

 private:
  struct PointCache;
  const PreparedSweep& sweep_;
  bool keep_steps_;
  std::unique_ptr<PointCache> cache_;
  World scratch_;  // where each run steps: the thread's world, its memory reused (run_one_replicate)
};

}  // namespace alliance
