#include "engine/step.hpp"

#include <cassert>
#include <cmath>
#include <span>

#include "mechanisms/adversary.hpp"
#include "mechanisms/burden_sharing.hpp"
#include "mechanisms/credibility.hpp"
#include "mechanisms/crisis_decision.hpp"
#include "mechanisms/democracy.hpp"
#include "mechanisms/enlargement.hpp"
#include "mechanisms/scheduled_events.hpp"

namespace alliance {

namespace {

#ifndef NDEBUG
// Debug builds (dev, sanitize) check after every step that no mechanism
// produced NaN or infinity, so a bad formula fails where it happens, not
// in a figure months later. Release builds rely on the recorders' check.
bool world_is_finite(const World& w) {
  auto finite = [](double x) { return std::isfinite(x); };
  for (const State& s : w.states)
    for (double x : {s.gdp, s.capability, s.democracy, s.relative_gains, s.adversary_affinity, s.spending,
                     s.affinity_base, s.security_weight})
      if (!finite(x)) return false;
  const Adversary& a = w.adversary;
  for (double x : {a.capability, a.threat, a.pressure})
    if (!finite(x)) return false;
  const CredibilityState& c = w.cache.credibility;
  for (const auto* v : {&c.adversary_local, &c.local_defence, &c.p_hold, &c.p_decide, &c.credibility})
    for (double x : *v)
      if (!finite(x)) return false;
  if (!c.willingness.allFinite()) return false;
  for (const Crisis& k : w.crises) {
    if (!finite(k.severity)) return false;
    for (double x : k.perceived)
      if (!finite(x)) return false;
  }
  return true;
}

// The credibility cache is only as good as the places that raise
// `guarantee_inputs_changed` (and the willingness rows as the inputs
// update_willingness compares). Debug builds recompute M2 every step, every
// pair, and compare: from the same inputs the same code gives the same
// bits, so the comparison is exact, and a fresh cache is left as it was.
bool guarantee_cache_is_fresh(World& w) {
  CredibilityState& before = w.cache.credibility_check;  // sized when the world was built: no allocation
  const CredibilityState& c = w.cache.credibility;
  before.adversary_local = c.adversary_local;
  before.local_defence = c.local_defence;
  before.p_hold = c.p_hold;
  before.p_decide = c.p_decide;
  before.credibility = c.credibility;
  before.willingness = c.willingness;
  w.cache.credibility.inputs.valid = false;  // every pair again, not only the rows whose inputs moved
  w.cache.credibility.reinforcement_inputs.valid = false;  // and the reinforcement sums
  update_willingness(w);
  update_credibility(w);
  return before.willingness == c.willingness && before.adversary_local == c.adversary_local &&
         before.local_defence == c.local_defence && before.p_hold == c.p_hold && before.p_decide == c.p_decide &&
         before.credibility == c.credibility;
}
#endif

// The events due now, in the scenario's order. Accessions go to M6 and
// sanction-reform proposals to M5; the rest are the timeline's own.
void apply_due_events(World& world) {
  bool graph_changed = false;
  while (const ScheduledEvent* e = next_due_event(world)) {
    switch (e->kind) {
      case EventKind::accession:
        admit(world, e->state, e->with_capability, e->from, e->capability, false);
        break;
      case EventKind::sanction_reform:
        // Repeated proposals stop once one is adopted.
        if (!world.sanctions) vote_sanction_reform(world);
        break;
      default:
        graph_changed |= apply_scheduled_event(world, *e);
    }
  }
  if (graph_changed) {
    refresh_derived_views(world);
    world.cache.guarantee_inputs_changed = true;
  }
}

}  // namespace

void step(World& world, Rng& rng) {
  world.events.clear();
  world.cache.vote_answers.clear();

  // 1. Events due now: accessions, promises, deployments, rule changes,
  //    escalations, sanction-reform proposals (M6, M5).
  apply_due_events(world);

  // 2. Endogenous enlargement: ratifications of invited aspirants, then
  //    eligible aspirants put to the members (M6).
  review_aspirants(world);

  // 3. The adversary: threat perception, build-up, interventions (M4).
  update_adversary(world, rng);

  // 4. Burden sharing: equilibrium spending; capability once a year (M1).
  update_burden_sharing(world);

  // 5. Credibility of the guarantee to each member (M2): allies'
  //    willingness, then hold x decide. A pure function of its inputs, so
  //    it is recomputed only when they changed (integration: yearly).
  advance_integration(world);
  if (world.cache.guarantee_inputs_changed) {
    update_willingness(world);
    update_credibility(world);
    world.cache.guarantee_inputs_changed = false;
    ++world.cache.guarantee_version;
  }
  assert(guarantee_cache_is_fresh(world) && "an input of M2 changed without raising guarantee_inputs_changed");

  // 6. Collective decision on each crisis under the rule in force (M3).
  for (int c = 0; c < static_cast<int>(world.crises.size()); ++c) decide_crisis(world, c, rng);

  // 7. Democracy, conditionality, sanctions, affinity, socialisation (M5):
  //    their effect on willingness and votes shows from the next step.
  update_democracy(world);

  assert(world_is_finite(world) && "a mechanism produced NaN or infinity");
}

World run_replicate(World world, int steps, Rng& rng, std::span<StepObserver* const> observers) {
  run_steps(world, steps, rng, observers);
  return world;
}

void run_steps(World& world, int steps, Rng& rng, std::span<StepObserver* const> observers) {
  // A copied vector keeps its size, not its capacity: reserve again so the
  // step loop never allocates.
  world.events.reserve(world.cache.event_capacity);
  world.cache.vote_answers.reserve(world.cache.vote_capacity);
  world.cache.members.reserve(world.state_count());
  for (int t = 0; t < steps; ++t) {
    world.step = t;
    step(world, rng);
    for (StepObserver* o : observers) o->on_step(world);
  }
}

}  // namespace alliance
