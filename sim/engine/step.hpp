#pragma once
// One step of the model and one replicate of a run.
#include <span>

#include "core/rng.hpp"
#include "state/world.hpp"

namespace alliance {

// What wants to see the world after each step (recorders, summaries).
class StepObserver {
 public:
  virtual ~StepObserver() = default;
  virtual void on_step(const World& world) = 0;
};

// Advances the world by one step; see the phase list in step.cpp.
void step(World& world, Rng& rng);

// Runs `steps` steps from the world as given, calling each observer after
// every step. The world is taken by value: each replicate owns its copy.
World run_replicate(World world, int steps, Rng& rng, std::span<StepObserver* const> observers);
// The same in place, on a world the caller keeps (a thread's world,
// overwritten by each replicate: see run_one_replicate).
void run_steps(World& world, int steps, Rng& rng, std::span<StepObserver* const> observers);

}  // namespace alliance
