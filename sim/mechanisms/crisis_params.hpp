#pragma once
// M3's per-crisis parameters (sim/MODEL.md, "M3"): read from each
// [[crisis]], held whole by the world's crisis. Declared once
// (core/parameter.hpp): the initialiser is the default, the row the rest.
#include <cstdint>
#include <string_view>

#include "core/parameter.hpp"

namespace alliance {

// Who attacks in a crisis (issue 16, item 4): the scenario's [adversary]
// (its nuclear weapons and position enter the guarantee through M2's
// willingness, and the risk of escalating against it M3's cost of acting),
// a non-state actor with no capital, no nuclear weapons and no territory,
// or another state than the [adversary] (Yugoslavia over Kosovo), with no
// nuclear weapons in the model. Against the last two neither M2's
// nuclear-risk term nor M3's escalation risk applies.
enum class Aggressor : std::uint8_t { adversary, non_state, other_state };

// Indexed by Aggressor.
inline constexpr std::string_view kAggressorNames[] = {"adversary", "non_state", "other_state"};

struct CrisisParams {
  double perception_noise = 0.3;
  double escalation_sd = 0.0;
  double reach_km = 2000.0;
  double guarantee_weight = 1.0;
  friend bool operator==(const CrisisParams&, const CrisisParams&) = default;
};

inline constexpr ParamSpec<CrisisParams> kCrisisParams[] = {
    param::number("perception_noise", &CrisisParams::perception_noise, {0.0, 10.0},
                  "σ_s: spread of the members' perceived severity, before information sharing"),
    param::number("escalation_sd", &CrisisParams::escalation_sd, {0.0, 10.0},
                  "σ_e: sd per step of the random walk added to severity"),
    param::number("reach_km", &CrisisParams::reach_km, kPositive,
                  "λ_c, km: a member's proximity 1 / (1 + d/λ_c)"),
    param::number("guarantee_weight", &CrisisParams::guarantee_weight, {0.0, 1.0},
                  "g: with a member as `target`, ally i's proximity becomes p_i + g w_ij (1 − p_i), w_ij its M2 "
                  "willingness to defend the target (Article 5: an attack on one is an attack on all)"),
};
static_assert(declares_every_member(kCrisisParams));

}  // namespace alliance
