#pragma once
// Runs a sweep: every (point, replicate) of the design, on every core, into
// an output directory that appears whole when the sweep ends. Work in
// progress lives in a staging directory beside it (".<out>.sweep-partial"),
// which `resume` continues after a Ctrl-C or kill -9.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

// Where the inputs came from, as sweep.json records them.
struct SweepProvenance {
  std::string sweep_file, scenario_file;
};

// Runs one run of the sweep at a time, keeping the last point's scenario and
// world so that a point's replicates read and build them once. One per thread.
class RunExecutor {
 public:
  RunExecutor(const PreparedSweep& sweep, bool keep_steps);
  ~RunExecutor();
  SweepRecord execute(std::size_t run);

 private:
  struct PointCache;
  const PreparedSweep& sweep_;
  bool keep_steps_;
  std::unique_ptr<PointCache> cache_;
};

SweepOutcome run_sweep(const PreparedSweep& sweep, const SweepPlan& plan);

std::filesystem::path sweep_staging_path(const std::filesystem::path& out);

// sweep.json: equal inputs give equal bytes, whatever the threads, shards or resumes.
nlohmann::json sweep_metadata(const PreparedSweep& sweep, const SweepProvenance& provenance, const Shard& shard,
                              bool keep_steps, std::size_t ok, std::size_t failed);

// Writes points.csv (unsharded), sweep.json, datapackage.json and inputs/
// into `dir`, next to its runs.csv and failures.csv.
void write_sweep_summary(const std::filesystem::path& dir, const PreparedSweep& sweep,
                         const nlohmann::json& metadata, const Shard& shard, bool keep_steps);

// The base scenario's steps.csv columns.
std::vector<Column> step_columns(const PreparedSweep& sweep);

}  // namespace alliance
