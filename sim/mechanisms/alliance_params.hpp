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
  double integrated_command = 0.0;
  double integration_years = 5.0;
  double founding_integration = 1.0;
  double consultation = 0.0;
  bool side_payments = false;
  double linkage_cost = 1.0;
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
    param::number("integrated_command", &AllianceParams::integrated_command, kUnit,
                  "χ: an integrated command's plans, exercises and host-nation support bring reinforcements to an "
                  "integrated member in time: ρ_j = ρ + χ (1 − ρ) I_j (M2; 0: no such command)"),
    param::number("integration_years", &AllianceParams::integration_years, {0.0, 100.0, true},
                  "τ_I, years: a member's integration I_j grows as 1 − exp(−years of membership / τ_I), yearly"),
    param::number("founding_integration", &AllianceParams::founding_integration, kUnit,
                  "I_j at step 0 of the members the scenario starts with (1: long integrated; 0: a new alliance)"),
    param::number("consultation", &AllianceParams::consultation, kUnit,
                  "ψ: consultation with the adversary and transparency about intent discount the pressure it reads "
                  "from members and promises at its border (M4; 0: none)"),
    param::boolean("side_payments", &AllianceParams::side_payments,
                   "with deliberation, the supporters of a blocked raise may buy each blocker's abstention with a "
                   "concession on its `grievance` or a transfer (M3)"),
    param::number("linkage_cost", &AllianceParams::linkage_cost, {0.0, 10.0},
                  "λ: transaction cost of a side payment inside the institution, per unit of value delivered: a "
                  "linked concession costs the payers λ, a transfer 1 + λ"),
};
static_assert(declares_every_member(kAllianceParams));

}  // namespace alliance
