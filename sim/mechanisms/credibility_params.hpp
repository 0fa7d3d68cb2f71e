#pragma once
// M2's parameters, credibility of the guarantee (sim/MODEL.md, "M2"): read
// from [alliance.credibility], held whole by the world. Declared once
// (core/parameter.hpp): the initialiser is the default, the row the rest.
#include "core/parameter.hpp"

namespace alliance {

struct CredibilityParams {
  double hold_steepness = 4.0;
  double reinforcement = 0.5;
  double mobile_share = 0.3;
  double reinforcement_reach_km = 10000.0;
  double hollow_threshold = 0.5;
  double willingness_base = 4.0;
  double tripwire_weight = 2.5;
  double tripwire_scale = 1.0;
  double distance_weight = 0.1;
  double nuclear_risk_weight = 2.0;
  double affinity_weight = 3.0;
  double willingness_correlation = 0.0;
  friend bool operator==(const CredibilityParams&, const CredibilityParams&) = default;
};

inline constexpr ParamSpec<CredibilityParams> kCredibilityParams[] = {
    param::number("hold_steepness", &CredibilityParams::hold_steepness, {0.0, 100.0, true},
                  "γ: how sharply a member's defence holds around L = A, P_hold = logistic(γ (L/A − 1))"),
    param::number("reinforcement", &CredibilityParams::reinforcement, kUnit,
                  "ρ: share of reinforcements arriving in time"),
    param::number("mobile_share", &CredibilityParams::mobile_share, kUnit,
                  "μ: share of an ally's capability it can move"),
    param::number("reinforcement_reach_km", &CredibilityParams::reinforcement_reach_km, kPositive,
                  "λ_r, km: reinforcements decay with distance as exp(−d/λ_r)"),
    param::number("hollow_threshold", &CredibilityParams::hollow_threshold, kUnit,
                  "a guarantee less credible than this is hollow (C1's false promise)"),
    param::number("willingness_base", &CredibilityParams::willingness_base, {-20.0, 20.0},
                  "ω_0: base log-odds of an ally's willingness to fight for a member"),
    param::number("tripwire_weight", &CredibilityParams::tripwire_weight, {0.0, 20.0},
                  "ω_t: forces stationed in harm's way commit their sender (Schelling's tripwire, C8)"),
    param::number("tripwire_scale", &CredibilityParams::tripwire_scale, kPositive,
                  "τ: stationed capability at which the tripwire is half set"),
    param::number("distance_weight", &CredibilityParams::distance_weight, {0.0, 20.0},
                  "ω_d, per 1000 km: distance lowers willingness"),
    param::number("nuclear_risk_weight", &CredibilityParams::nuclear_risk_weight, {0.0, 20.0},
                  "ω_n: the risk of nuclear war lowers willingness (C1)"),
    param::number("affinity_weight", &CredibilityParams::affinity_weight, {0.0, 20.0},
                  "ω_a: affinity to the adversary lowers willingness (C6)"),
    param::number("willingness_correlation", &CredibilityParams::willingness_correlation, kUnit,
                  "ρ_w: chance that allies follow the leader's decision (a common shock) rather than decide "
                  "independently: P_decide = ρ_w w_leader + (1 − ρ_w) P_independent"),
};
static_assert(declares_every_member(kCredibilityParams));

}  // namespace alliance
