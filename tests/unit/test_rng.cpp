#include <doctest/doctest.h>

#include <set>

#include <boost/random/normal_distribution.hpp>

#include "core/rng.hpp"

using namespace alliance;

TEST_CASE("the engine gives the sequence its specification fixes") {
  // C++ [rand.predef]: the 10000th output of a default-constructed
  // mt19937_64 is 9981545732273789042.
  Rng rng;
  Rng::result_type x = 0;
  for (int i = 0; i < 10000; ++i) x = rng();
  CHECK(x == 9981545732273789042ULL);
}

TEST_CASE("replicate seeds are SplitMix64 outputs and all distinct") {
  // SplitMix64 from state 0: first output 0xE220A8397B1DCDAF.
  CHECK(replicate_seed(0, 0) == 0xE220A8397B1DCDAFULL);
  std::set<std::uint64_t> seen;
  for (std::uint64_t s = 0; s < 20; ++s)
    for (std::uint64_t r = 0; r < 500; ++r) seen.insert(replicate_seed(s, r));
  CHECK(seen.size() == 20 * 500);
}

TEST_CASE("Boost's normal distribution is pinned for a fixed seed") {
  // A stored answer: if a platform or Boost version draws differently, runs
  // are no longer comparable across machines and this fails.
  Rng rng(replicate_seed(42, 0));
  boost::random::normal_distribution<double> normal(0.0, 1.0);
  double sum = 0.0;
  for (int i = 0; i < 1000; ++i) sum += normal(rng);
  CHECK(sum == doctest::Approx(-5.6749815359607014).epsilon(1e-12));
}
