#pragma once
// ScenarioDef -> the World at the start of a run (step 0, before events).
#include "state/world.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

World build_world(const ScenarioDef& def);

// The state the unilateral rule follows: alliance.leader, else the founding
// member with the largest GDP.
StateId resolve_leader(const ScenarioDef& def);

}  // namespace alliance
