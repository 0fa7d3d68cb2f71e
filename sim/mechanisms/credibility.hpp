#pragma once
// M2: credibility of the alliance's guarantee to each member (claims C1, C8).
// Equations and sources: sim/MODEL.md, "M2".
#include "state/world.hpp"

namespace alliance {

// Force the adversary can bring against a state at this distance:
// A_j = C_adv * exp(-d_j / lambda_adv).
double adversary_local_force(const Adversary& adversary, double distance_km);

// Once a budget year, each member's integration into the integrated
// command grows toward 1: I <- I + (1 - I)(1 - exp(-1 / tau_I)). Raises the
// guarantee's cache flag when the command matters (chi > 0).
void advance_integration(World& world);

// The share of reinforcements that arrives in time at member j:
// rho_j = rho + chi (1 - rho) I_j.
double reinforcement_in_time(double rho, double integrated_command, double integration);

// w(i, j), for every pair of states; the diagonal is 1.
void update_willingness(World& world);

// A_j, L_j, P_hold_j, P_decide_j and cred_j = P_hold_j * P_decide_j for
// every member; zero for non-members. Reads willingness.
void update_credibility(World& world);

}  // namespace alliance
