#pragma once
// M1's parameters, burden sharing (sim/MODEL.md, "M1"): read from
// [alliance.burden], held whole by the world. Declared once
// (core/parameter.hpp): the initialiser is the default, the row the rest.
#include "core/parameter.hpp"

namespace alliance {

struct BurdenParams {
  double spillover = 0.05;
  double depreciation = 0.1;
  friend bool operator==(const BurdenParams&, const BurdenParams&) = default;
};

inline constexpr ParamSpec<BurdenParams> kBurdenParams[] = {
    param::number("spillover", &BurdenParams::spillover, kUnit,
                  "σ: public share of an ally's spending, the part that protects the others too"),
    param::number("depreciation", &BurdenParams::depreciation, {0.0, 10.0},
                  "δ per year: once a budget year, capability K ← max(0, K + x − δK)"),
};
static_assert(declares_every_member(kBurdenParams));

}  // namespace alliance
