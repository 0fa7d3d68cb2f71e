#pragma once
// M5's parameters, democracy, conditionality and sanctions (sim/MODEL.md,
// "M5"): read from [alliance.democracy], held whole by the world. Declared
// once (core/parameter.hpp): the initialiser is the default, the row the rest.
#include "core/parameter.hpp"

namespace alliance {

struct DemocracyParams {
  double conditionality_pull = 0.3;
  double drift = 0.2;
  double affinity_slope = 1.0;
  double accession_threshold = 0.7;
  double sanction_threshold = 0.5;
  double sanction_pull = 0.5;
  friend bool operator==(const DemocracyParams&, const DemocracyParams&) = default;
};

inline constexpr ParamSpec<DemocracyParams> kDemocracyParams[] = {
    param::number("conditionality_pull", &DemocracyParams::conditionality_pull, {0.0, 10.0},
                  "π per year: an aspirant's democracy pulled toward 1 while membership is conditional"),
    param::number("drift", &DemocracyParams::drift, {0.0, 10.0},
                  "ν per year: a member's democracy drifts toward its `democracy_baseline`"),
    param::number("affinity_slope", &DemocracyParams::affinity_slope, {0.0, 10.0},
                  "ψ: affinity to the adversary gained per unit of democracy lost"),
    param::number("accession_threshold", &DemocracyParams::accession_threshold, kUnit,
                  "democracy an aspirant needs to be put to the members"),
    param::number("sanction_threshold", &DemocracyParams::sanction_threshold, kUnit,
                  "s: members below it are backsliders, the targets of a sanction rule"),
    param::number("sanction_pull", &DemocracyParams::sanction_pull, {0.0, 10.0},
                  "π_s per year: while a sanction rule is in force, backsliders are pulled back toward s"),
};
static_assert(declares_every_member(kDemocracyParams));

}  // namespace alliance
