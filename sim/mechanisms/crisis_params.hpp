#pragma once
// M3's per-crisis parameters (sim/MODEL.md, "M3"): read from each
// [[crisis]], held whole by the world's crisis. Declared once
// (core/parameter.hpp): the initialiser is the default, the row the rest.
#include "core/parameter.hpp"

namespace alliance {

struct CrisisParams {
  double perception_noise = 0.3;
  double escalation_sd = 0.0;
  double reach_km = 2000.0;
  friend bool operator==(const CrisisParams&, const CrisisParams&) = default;
};

inline constexpr ParamSpec<CrisisParams> kCrisisParams[] = {
    param::number("perception_noise", &CrisisParams::perception_noise, {0.0, 10.0},
                  "σ_s: spread of the members' perceived severity, before information sharing"),
    param::number("escalation_sd", &CrisisParams::escalation_sd, {0.0, 10.0},
                  "σ_e: sd per step of the random walk added to severity"),
    param::number("reach_km", &CrisisParams::reach_km, kPositive,
                  "λ_c, km: a member's proximity 1 / (1 + d/λ_c)"),
};
static_assert(declares_every_member(kCrisisParams));

}  // namespace alliance
