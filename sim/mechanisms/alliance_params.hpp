#pragma once
// The alliance's own scalar parameters, read from [alliance] and held whole
// by the world: the institution's terms, which several mechanisms read (M2,
// M3, M5, M6). Declared once (core/parameter.hpp): the initialiser is the
// default, the row the rest.
#include "core/parameter.hpp"

namespace alliance {

struct AllianceParams {
  double information_sharing = 0.5;
  double institutional_stake = 0.5;
  bool sanctions = false;  // at the start; World::sanctions says whether one is in force now
  double accession_capability = 5.0;
  double socialisation = 0.0;
  bool deliberation = false;
  double block_cost = 1.0;
  double forum_switch_months = 0.0;
  friend bool operator==(const AllianceParams&, const AllianceParams&) = default;
};

inline constexpr ParamSpec<AllianceParams> kAllianceParams[] = {
    param::number("information_sharing", &AllianceParams::information_sharing, kUnit,
                  "ι: narrows the spread of perceived severity (M3)"),
    param::number("institutional_stake", &AllianceParams::institutional_stake, {0.0, 10.0},
                  "κ: value placed on the alliance's credibility (M2, M3, M6)"),
    param::boolean("sanctions", &AllianceParams::sanctions, "a sanction rule exists from the start (M5)"),
    param::number("accession_capability", &AllianceParams::accession_capability, kNonNegative,
                  "forces deployed with an accession \"with capability\" that names no amount"),
    param::number("socialisation", &AllianceParams::socialisation, {0.0, 10.0},
                  "ρ_s per year: members' `relative_gains` and affinity drawn to the members' mean (M5)"),
    param::boolean("deliberation", &AllianceParams::deliberation,
                   "M3 as deliberation with memory: a level adopted stays in force until rescinded; members support, "
                   "abstain or block a tabled level (false: each step decides afresh)"),
    param::number("block_cost", &AllianceParams::block_cost, {0.0, 100.0},
                  "c_b per year: with deliberation, blocking costs c_b κ f D (f: share of voters in favour, D: years "
                  "stalled); a member whose loss from the action is no more abstains"),
    param::number("forum_switch_months", &AllianceParams::forum_switch_months, {0.0, 1200.0},
                  "F, months: after F months of deadlock in the institution the `directorate`'s states act among "
                  "themselves, outside it, at the level each of them accepts (the Quad over Kosovo; 0: never)"),
};
static_assert(declares_every_member(kAllianceParams));

}  // namespace alliance
