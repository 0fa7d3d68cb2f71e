#pragma once
// The adversary's parameters, M4's security dilemma and its reach (read by
// M2) (sim/MODEL.md, "M2" and "M4"): read from [adversary], held whole by
// the world's adversary. Declared once (core/parameter.hpp): the initialiser
// is the default, the row the rest.
#include "core/parameter.hpp"

namespace alliance {

struct AdversaryParams {
  bool nuclear = true;
  double reach_km = 1500.0;
  double initial_threat = 0.0;
  double threat_rate = 0.5;
  double border_km = 1000.0;
  double membership_weight = 0.3;
  double promise_weight = 0.5;
  double build_rate = 0.2;
  double depreciation = 0.1;
  double intervention_rate = 0.5;
  double revisionism_rate = 0.0;
  double escalation_weight = 0.0;
  friend bool operator==(const AdversaryParams&, const AdversaryParams&) = default;
};

inline constexpr ParamSpec<AdversaryParams> kAdversaryParams[] = {
    param::boolean("nuclear", &AdversaryParams::nuclear,
                   "a nuclear adversary makes defending the states near it a nuclear risk (M2)"),
    param::number("reach_km", &AdversaryParams::reach_km, kPositive,
                  "λ_adv, km: its local force decays as exp(−d/λ_adv)"),
    param::number("initial_threat", &AdversaryParams::initial_threat, {0.0, 100.0}, "θ at step 0 (M4)"),
    param::number("threat_rate", &AdversaryParams::threat_rate, {0.0, 100.0},
                  "η per year: speed of its threat perception toward the pressure"),
    param::number("border_km", &AdversaryParams::border_km, kPositive,
                  "λ_b, km: what counts as near its borders, g = exp(−d/λ_b)"),
    param::number("membership_weight", &AdversaryParams::membership_weight, {0.0, 100.0},
                  "ω_m: pressure per member at its border"),
    param::number("promise_weight", &AdversaryParams::promise_weight, {0.0, 100.0},
                  "ω_p: pressure per promised non-member at its border"),
    param::number("build_rate", &AdversaryParams::build_rate, {0.0, 100.0},
                  "β_C per year: capability built at threat 1, as a share of its initial capability"),
    param::number("depreciation", &AdversaryParams::depreciation, {0.0, 10.0},
                  "δ_adv per year: decay back toward its initial capability"),
    param::number("intervention_rate", &AdversaryParams::intervention_rate, {0.0, 1000.0},
                  "h_0 per year in the intervention hazard 1 − exp(−dt (h_0 [promised] + h_r [non-member]) θ g (1 − cred))"),
    param::number("revisionism_rate", &AdversaryParams::revisionism_rate, {0.0, 1000.0},
                  "h_r per year: the same hazard toward any non-member near its borders, promised or not (0: "
                  "only promised states are at risk)"),
    param::number("escalation_weight", &AdversaryParams::escalation_weight, {0.0, 100.0},
                  "ω_x: in a crisis it is the aggressor of, with `nuclear`, the risk of escalating against it "
                  "scales every level's cost in M3 by 1 + ω_x (0: rungs against it cost what they cost elsewhere)"),
};
static_assert(declares_every_member(kAdversaryParams));

}  // namespace alliance
