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

// Per-step chance of an intervention against a state:
// 1 - exp(-dt (h0 [promised] + h_r [non-member]) theta g (1 - cred)). With
// h_r = 0 (the default) zero for a state never promised; h_r > 0 is a
// revisionism toward any unprotected neighbour, promised or not, the
// baseline against which the promise's own effect is measured (claim C5).
double intervention_hazard(const Adversary& adversary, bool promised, bool member, double border_proximity,
                           double credibility, double years_per_step);

// theta moves toward P at rate eta; once a budget year, capability grows by
// build_rate theta C0 and decays toward C0 at its depreciation rate; then one
// uniform draw per state, in state order, decides interventions.
void update_adversary(World& world, Rng& rng);

}  // namespace alliance
