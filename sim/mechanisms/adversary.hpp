#pragma once
// M4: the adversary and the security dilemma (claim C5). sim/MODEL.md, "M4".
//
// Its threat perception rises with the alliance's capability and membership
// near its borders and with promises of membership to buffer states,
// whatever the alliance intends (Jervis 1978; Kay 2020 on Bucharest 2008).
// It answers by building capability and, with a hazard that rises with
// threat and falls with the target's credibility, by intervening against a
// promised state.
#include "core/rng.hpp"
#include "state/world.hpp"

namespace alliance {

// P = L_b / (L_b + C) + omega_m sum_{members} g_j + omega_p sum_{promised non-members} g_j,
// L_b = sum_{members} (K_j + forward-deployed_j) g_j.
double threat_pressure(const World& world);

// Per-step chance of an intervention against a promised state:
// 1 - exp(-dt h0 theta g (1 - cred)); zero for a state never promised.
double intervention_hazard(const Adversary& adversary, bool promised, double border_proximity,
                           double credibility, double years_per_step);

// theta moves toward P at rate eta; once a budget year, capability grows by
// build_rate theta C0 and decays toward C0 at its depreciation rate; then one
// uniform draw per state, in state order, decides interventions.
void update_adversary(World& world, Rng& rng);

}  // namespace alliance
