#pragma once
// ScenarioDef -> the World at the start of a run (step 0, before events).
#include "state/world.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

// `like`, when given, is a world built before (a sweep's previous point):
// where the states' and the adversary's positions and the reach
// parameters are the same, its geography (distances and the exp(-d /
// lambda) reach terms, O(n^2) haversines) is copied instead of computed
// again, the same bits either way.
World build_world(const ScenarioDef& def, const World* like = nullptr);

// The state the unilateral rule follows: alliance.leader, else the founding
// member with the largest GDP.
StateId resolve_leader(const ScenarioDef& def);

}  // namespace alliance
