#include "engine/step.hpp"

#include <span>

#include "mechanisms/adversary.hpp"
#include "mechanisms/burden_sharing.hpp"
#include "mechanisms/credibility.hpp"
#include "mechanisms/crisis_decision.hpp"
#include "mechanisms/democracy.hpp"
#include "mechanisms/enlargement.hpp"
#include "mechanisms/scheduled_events.hpp"

namespace alliance {

void step(World& world, Rng& rng) {
  world.events.clear();

  // 1. Events due now: accessions, promises, deployments, rule changes,
  //    escalations, sanction-reform proposals (M6, M5).
  apply_scheduled_events(world);

  // 2. Endogenous enlargement: eligible aspirants put to the members (M6).
  review_aspirants(world);

  // 3. The adversary: threat perception, build-up, interventions (M4).
  update_adversary(world, rng);

  // 4. Burden sharing: equilibrium spending; capability once a year (M1).
  update_burden_sharing(world);

  // 5. Credibility of the guarantee to each member (M2): allies'
  //    willingness, then hold x decide. A pure function of its inputs, so
  //    it is recomputed only when they changed.
  if (world.guarantee_inputs_changed) {
    update_willingness(world);
    update_credibility(world);
    world.guarantee_inputs_changed = false;
  }

  // 6. Collective decision on each crisis under the rule in force (M3).
  for (int c = 0; c < static_cast<int>(world.crises.size()); ++c) decide_crisis(world, c, rng);

  // 7. Democracy, conditionality, sanctions, affinity, socialisation (M5):
  //    their effect on willingness and votes shows from the next step.
  update_democracy(world);
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
