// The step loop allocates nothing: every buffer is sized when the world is
// built. Counted by replacing the global operator new in this test alone.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "engine/step.hpp"
#include "scenario/build_world.hpp"
#include "scenario/reader.hpp"

namespace {
std::atomic<long> allocations{0};
std::atomic<bool> counting{false};
}  // namespace

void* operator new(std::size_t size) {
  if (counting) ++allocations;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
// Every form that plain delete may be paired with is replaced together, so
// that no allocation of ours is freed by another allocator (AddressSanitizer
// checks the pairing). Array forms call these by default.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  if (counting) ++allocations;
  return std::malloc(size ? size : 1);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }

using namespace alliance;

TEST_CASE("a replicate of the Kosovo scenario steps without allocating, accessions included") {
  const ScenarioDef def =
      read_scenario_file(std::string(ALLIANCE_SOURCE_DIR) + "/scenarios/kosovo_1998.toml", {"simulation.replicates=1"});
  World world = build_world(def);
  Rng rng(replicate_seed(def.simulation.seed, 0));
  long during_steps = 0;
  for (int t = 0; t < def.simulation.steps; ++t) {
    world.step = t;
    allocations = 0;
    counting = true;
    step(world, rng);
    counting = false;
    during_steps += allocations;
  }
  CHECK(world.members().size() == 19);  // the 1999 accessions happened
  CHECK(during_steps == 0);
}
