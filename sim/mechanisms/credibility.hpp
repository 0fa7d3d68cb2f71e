#pragma once
// M2: credibility of the alliance's guarantee to each member (claims C1, C8).
// Equations and sources: sim/MODEL.md, "M2".
#include "state/world.hpp"

namespace alliance {

// Force the adversary can bring against a state at this distance:
// A_j = C_adv * exp(-d_j / lambda_adv).
double adversary_local_force(const Adversary& adversary, double distance_km);

// w(i, j), for every pair of states; the diagonal is 1.
void update_willingness(World& world);

// A_j, L_j, P_hold_j, P_decide_j and cred_j = P_hold_j * P_decide_j for
// every member; zero for non-members. Reads willingness.
void update_credibility(World& world);

}  // namespace alliance
