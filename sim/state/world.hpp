#pragma once
// The model during one replicate, in three parts: its state (what the step
// changes), its parameters (what it only reads) and its caches (what can be
// recomputed from the state). Read and written by the mechanisms in the
// order engine/step.cpp lists. Built from a ScenarioDef by
// scenario/build_world.cpp; every buffer the step needs is sized there, so
// the step allocates nothing and looks nothing up by name.
#include <cstddef>
#include <vector>

#include "core/decision_rule.hpp"
#include "core/events.hpp"
#include "core/ids.hpp"
#include "state/agents.hpp"
#include "state/alliance_graph.hpp"
#include "state/world_cache.hpp"
#include "state/world_params.hpp"

namespace alliance {

// A member's dispute with an aspirant (scenario_def.hpp's DisputeDef); its
// weight falls as concessions settle it.
struct Dispute {
  StateId member, aspirant;
  double weight = 0.0;
};

struct World {
  // State.
  int step = 0;
  std::vector<State> states;
  Adversary adversary;
  RuleSpec rule;
  bool sanctions = false;          // a sanction rule is in force (from the start or adopted)
  AllianceGraph graph{0};
  std::vector<Crisis> crises;
  std::vector<Dispute> disputes;
  std::size_t next_event = 0;      // into params.schedule
  std::vector<EventRecord> events; // this step's, cleared each step

  WorldParams params;
  WorldCache cache;

  std::size_t state_count() const { return states.size(); }
  const std::vector<StateId>& members() const { return cache.members; }
};

// Rebuilds the member list and the dense deployment matrix from the states
// and the graph, after any change to either; with transit, the
// reinforcement routes too when the membership changed. (The rivalries
// never change during a run: build_world copies them once.)
void refresh_derived_views(World& world);

// True at steps where a budget year ends (every 12 months from the start):
// M1 accrues capability, M4 builds up forces.
bool is_budget_step(const World& world);

}  // namespace alliance
