#pragma once
// Every random draw of a replicate comes from that replicate's own generator.
//
// Engine: boost::random::mt19937_64, whose output sequence is fixed by its
// specification, with Boost.Random distributions (not <random>'s, whose
// algorithms differ between standard libraries), so a run gives the same
// numbers on every platform.
#include <cstdint>

#include <boost/random/mersenne_twister.hpp>

namespace alliance {

using Rng = boost::random::mt19937_64;

// SplitMix64 finaliser (Steele, Lea & Flood 2014).
constexpr std::uint64_t splitmix64_mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The seed of replicate r (0-based) of a run with scenario seed s: the
// (r+1)-th output of a SplitMix64 generator whose state starts at s.
// Nearby (s, r) pairs give unrelated seeds; documented in sim/MODEL.md.
constexpr std::uint64_t replicate_seed(std::uint64_t scenario_seed, std::uint64_t replicate) {
  return splitmix64_mix(scenario_seed + (replicate + 1) * 0x9E3779B97F4A7C15ULL);
}

}  // namespace alliance
