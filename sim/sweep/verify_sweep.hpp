#pragma once
// `alliance verify`: checks that a finished sweep (or shard) output is
// complete and untouched, then re-runs runs from their recorded seeds.
//
// Completeness: every file against manifest.json (sizes and SHA-256, no file
// missing or added); the copies in inputs/ against the hashes in sweep.json;
// the run indices of runs.csv and failures.csv against the design (each run
// of the shard exactly once, in order); the counts in sweep.json; points.csv
// computed again from runs.csv and compared byte for byte.
// Re-runs: a random sample of runs.csv rows (or every row), each compared
// byte for byte with the row the same seed gives now.
#include <cstdint>
#include <string>
#include <vector>

#include "sweep/merge_shards.hpp"

namespace alliance {

struct VerifyResult {
  std::size_t checked = 0;
  std::size_t rows = 0;                  // runs.csv rows sampled from
  std::vector<std::string> problems;     // completeness: a missing, added or edited row or file
  std::vector<std::string> mismatches;   // "run N: recorded ..., re-run ..."
};

// `sample` = 0: re-run every row.
VerifyResult verify_sweep(const SweepDirectory& dir, std::size_t sample, std::uint64_t seed);

}  // namespace alliance
