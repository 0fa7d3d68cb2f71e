#pragma once
// M6: enlargement, scheduled (an accession event) or endogenous (an
// aspirant that meets the criteria, admitted when the members agree under
// the rule). sim/MODEL.md, "M6".
#include "state/world.hpp"

namespace alliance {

// Makes `state` a member now; with capability, `deployer` stations
// `capability` there. Records the accession.
void admit(World& world, StateId state, bool with_capability, StateId deployer, double capability, bool endogenous);

// Member i's value of admitting aspirant j:
// V = kappa D_j - k_i c_enl (A_j / mean A over members) - phi_i.
double value_of_admission(const World& world, StateId member, StateId aspirant);

// Every `review_every` steps: each eligible aspirant (democracy at least the
// accession threshold, not intervened against) is put to the members, who
// vote yes when V > 0; the rule in force decides.
void review_aspirants(World& world);

}  // namespace alliance
