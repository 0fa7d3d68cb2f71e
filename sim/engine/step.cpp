#include "engine/step.hpp"

#include <span>

#include "mechanisms/credibility.hpp"
#include "mechanisms/crisis_decision.hpp"
#include "mechanisms/scheduled_events.hpp"

namespace alliance {

void step(World& world, Rng& rng) {
  world.events.clear();

  // 1. Events due now: accessions (M6), deployments, rule changes, escalations.
  apply_scheduled_events(world);

  // 2. Credibility of the guarantee to each member (M2): allies'
  //    willingness, then hold x decide. A pure function of its inputs, so
  //    it is recomputed only when they changed.
  if (world.guarantee_inputs_changed) {
    update_willingness(world);
    update_credibility(world);
    world.guarantee_inputs_changed = false;
  }

  // 3. Collective decision on each crisis under the rule in force (M3).
  for (int c = 0; c < static_cast<int>(world.crises.size()); ++c) decide_crisis(world, c, rng);
}

World run_replicate(World world, int steps, Rng& rng, std::span<StepObserver* const> observers) {
  // A copied vector keeps its size, not its capacity: reserve again so the
  // step loop never allocates.
  world.events.reserve(world.event_capacity);
  world.members.reserve(world.state_count());
  for (int t = 0; t < steps; ++t) {
    world.step = t;
    step(world, rng);
    for (StepObserver* o : observers) o->on_step(world);
  }
  return world;
}

}  // namespace alliance
