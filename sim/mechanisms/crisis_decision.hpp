#pragma once
// M3: the alliance's collective decision on a crisis (claims C2, C6).
// Equations and sources: sim/MODEL.md, "M3".
#include "core/rng.hpp"
#include "state/world.hpp"

namespace alliance {

// What member i brings to the valuation of an action; plain numbers, so the
// valuation is testable without a world.
struct MemberView {
  double interest = 1.0;       // beta_i
  double proximity = 1.0;      // p_i
  double perceived = 0.0;      // s_hat_i
  double risk_tolerance = 0.5; // r_i
  double relative_gains = 0.0; // k_i
  double affinity = 0.0;       // phi_i
  double guarantee = 0.0;      // g w~_ij when the crisis' target j is a member (issue 16, item 4), else 0
  double escalation = 0.0;     // x_c: omega_x when the crisis' aggressor is the nuclear [adversary], else 0
};

// V_i(a) = beta_i p~_i s_hat_i E(a) + kappa stake(a) - 2(1 - r_i)(1 + x_c) c(a) - k_i G(a) - phi_i O(a),
// p~_i = p_i + g w~_ij (1 - p_i): an attack on a member brings the crisis home to each ally
// as far as it is willing to defend that member (p~_i = p_i without a member attacked);
// x_c = omega_x against a nuclear aggressor: acting against it risks escalation (0 otherwise).
double value_of_action(const MemberView& m, const Crisis& crisis, double institutional_stake, ActionLevel a);

// The highest level with V_i(a) > 0; none when no level is worth it.
ActionLevel accepted_level(const MemberView& m, const Crisis& crisis, double institutional_stake);

// w~_ij: ally i's willingness to defend the crisis' target j, M2's w_ij
// (world.cache.credibility.willingness, as of this step), without M2's
// nuclear-risk term when the aggressor is non-state; w~_jj = 1. Needs a target.
double guarantee_willingness(const World& world, const Crisis& crisis, std::size_t ally);

// crisis.guarantee this step: g w~_ij for every member i while the target j
// is a member, else 0 for every state.
void update_guarantee(const World& world, Crisis& crisis);

// x_c: the adversary's escalation_weight when it is the crisis' aggressor
// and nuclear, else 0.
double escalation_risk(const World& world, const Crisis& crisis);

// What state i brings to the valuation of `crisis` this step.
MemberView member_view(const World& world, const Crisis& crisis, std::size_t i);

// Severity at `step` from the path, the escalation shocks and the random walk.
double path_severity(const Crisis& crisis, int step);

// Model 1 of the decision: the rule aggregates this step's accepted levels,
// with no memory of earlier steps; vetoes, deadlock and the vote event.
void decide_afresh(World& world, Crisis& crisis, int crisis_index);

// One step of one crisis: severity, each state's perceived severity and
// accepted level, the rule's decision, deadlock, vetoes and bypass; events
// are appended to world.events.
void decide_crisis(World& world, int crisis_index, Rng& rng);

}  // namespace alliance
