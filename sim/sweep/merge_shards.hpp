#pragma once
// `alliance merge`: joins the output directories of a sweep's shards
// (`--shard i/n`, or MPI ranks) into exactly the bytes one unsharded run
// writes: runs, failures and steps merged by run index, points.csv and
// sweep.json computed again from the merged rows.
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "sweep/sweep_metadata.hpp"
#include "sweep/sweep_runner.hpp"

#include "core/error.hpp"

namespace alliance {

// The shard directories do not belong together (exit 2).
class MergeError : public BadInput {
 public:
  using BadInput::BadInput;
};

// A finished sweep (or shard) directory, read back: its sweep.json and the
// sweep prepared from its own inputs/ copies.
struct SweepDirectory {
  std::filesystem::path dir;
  nlohmann::json metadata;
  PreparedSweep sweep;
  Shard shard;
  bool keep_steps = false;
};
SweepDirectory open_sweep_directory(const std::filesystem::path& dir);

// The caller holds `out`'s OutputLock (a process cannot take it twice).
SweepOutcome merge_shards(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out);

}  // namespace alliance
