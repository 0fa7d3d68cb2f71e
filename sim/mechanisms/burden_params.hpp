#pragma once
// M1's parameters, burden sharing (sim/MODEL.md, "M1"): read from
// [alliance.burden], held whole by the world. Declared once
// (core/parameter.hpp): the initialiser is the default, the row the rest.
#include "core/parameter.hpp"

namespace alliance {

struct BurdenParams {
  double spillover = 0.05;
  double depreciation = 0.1;
  bool calibrate = true;
  double nonrival_weight = 1.0;
  friend bool operator==(const BurdenParams&, const BurdenParams&) = default;
};

inline constexpr ParamSpec<BurdenParams> kBurdenParams[] = {
    param::number("spillover", &BurdenParams::spillover, kUnit,
                  "σ: public share of an ally's spending, the part that protects the others too"),
    param::number("depreciation", &BurdenParams::depreciation, {0.0, 10.0},
                  "δ per year: once a budget year, capability K ← max(0, K + x − δK)"),
    param::boolean("calibrate", &BurdenParams::calibrate,
                   "true: each member's α_i is fitted every step so that the equilibrium spends its recorded "
                   "`defence_share` (free-riding is the gap to α_i Y_i); false: `defence_share` is read as α_i, "
                   "the share it would spend alone"),
    param::number("nonrival_weight", &BurdenParams::nonrival_weight, kUnit,
                  "ν: in a scenario with rivalries, how much an ally that is not a state's rival counts in its "
                  "relative-gains concern k_i (a rival counts 1): 1 (Grieco 1988), every ally's gains count as a "
                  "rival's, as without rivalries; 0 (Powell 1991; Snidal 1991), only its rivals' gains count"),
};
static_assert(declares_every_member(kBurdenParams));

}  // namespace alliance
