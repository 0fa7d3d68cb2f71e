#pragma once
// `alliance verify`: re-runs a random sample of a finished sweep's runs from
// their recorded seeds (with the output's own copies of the inputs) and
// checks that each gives the same runs.csv row, byte for byte.
#include <cstdint>
#include <string>
#include <vector>

#include "sweep/merge_shards.hpp"

namespace alliance {

struct VerifyResult {
  std::size_t checked = 0;
  std::size_t rows = 0;                  // runs.csv rows sampled from
  std::vector<std::string> mismatches;   // "run N: expected ..., got ..."
};

VerifyResult verify_sweep(const SweepDirectory& dir, std::size_t sample, std::uint64_t seed);

}  // namespace alliance
