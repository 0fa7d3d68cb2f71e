#pragma once
// M6's parameters, endogenous enlargement (sim/MODEL.md, "M6"): read from
// [alliance.enlargement], held whole by the world. Declared once
// (core/parameter.hpp): the initialiser is the default, the row the rest.
#include "core/limits.hpp"
#include "core/parameter.hpp"

namespace alliance {

struct EnlargementParams {
  int review_every = 12;
  double cost = 0.5;
  bool with_capability = false;
  double ratification_months = 0.0;
  friend bool operator==(const EnlargementParams&, const EnlargementParams&) = default;
};

inline constexpr ParamSpec<EnlargementParams> kEnlargementParams[] = {
    param::integer("review_every", &EnlargementParams::review_every, 0, kMaxSteps,
                   "steps between reviews of the aspirants; 0 = never"),
    param::number("cost", &EnlargementParams::cost, {0.0, 100.0},
                  "c_enl: weight of an aspirant's exposure in a member's vote on admitting it"),
    param::boolean("with_capability", &EnlargementParams::with_capability,
                   "endogenous accessions, and accession events that do not say, bring a deployment of "
                   "`alliance.accession_capability`"),
    param::number("ratification_months", &EnlargementParams::ratification_months, {0.0, 1200.0},
                  "R, months: a passed admission vote invites the aspirant, and it becomes a member once every "
                  "member has ratified, each deciding from R months after the invitation (0: no ratification "
                  "stage, the vote admits at once)"),
};
static_assert(declares_every_member(kEnlargementParams));

}  // namespace alliance
