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
// V = kappa D_j - k_i c_enl (A_j / mean A over members) - phi_i - w_ij,
// w_ij the weight left of i's dispute with j (0 without one).
double value_of_admission(const World& world, StateId member, StateId aspirant);

// The weight left of `member`'s disputes with `aspirant`.
double dispute_weight(const World& world, StateId member, StateId aspirant);

// What the aspirant's side can spend to buy a blocker's abstention: the
// largest value any supporter places on its admission, plus the aspirant's
// own stake theta g_j (the adversary's threat times its closeness: an
// aspirant under threat concedes more).
double admission_budget(const World& world, StateId aspirant, double best_supporter_value);

// Every `review_every` steps: each eligible aspirant (democracy at least the
// accession threshold, not intervened against) is put to the members, who
// vote yes when V > 0; the rule in force decides. With deliberation, as for
// a crisis: a voter abstains when its loss is within the cost of blocking,
// which grows with the years the aspirant has been held up; with side
// payments, the aspirant's side may buy the blockers' abstention, first by
// concessions on their disputes with it, then by transfers.
// With a ratification stage (ratification_months R > 0) a passed vote
// invites the aspirant instead (it is not put to the vote again), and every
// step from R months after the invitation each member that has not yet
// ratified decides as in the vote, the cost of blocking growing with the
// years beyond R; the last ratification admits it. These come first, every
// step; the reviews follow.
void review_aspirants(World& world);

}  // namespace alliance
