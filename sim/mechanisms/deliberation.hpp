#pragma once
// M3, model 2: the crisis decision as deliberation with memory (issue 16,
// item 1; sim/MODEL.md, "M3 Deliberation"). On with
// [alliance] deliberation = true; otherwise M3 decides each step afresh.
//
// A level adopted stays in force until rescinded. Each step an agenda setter
// (the leader, else the member asking for most) tables the highest level it
// wants that would pass, or else the next level up; each voter supports it
// (V_i > 0), abstains (its loss -V_i no greater than the cost of blocking)
// or blocks. Blocking costs b = block_cost * kappa * f * D: the institution's
// stake, the share f of voters in favour and the years D the proposal has
// been stalled, so deadlock can end by the members' own choice.
#include <functional>
#include <span>

#include "state/world.hpp"

namespace alliance {

// The cost to a voter of blocking a proposal that `share_in_favour` of the
// voters support, after `stalled_years` of deadlock.
double blocking_cost(double block_cost, double institutional_stake, double share_in_favour, double stalled_years);

// A voter's answer to a proposal it values at `value` (V_i of the level).
logged::VoteAnswer answer_to(double value, double cost_of_blocking, bool can_block);

// What buying a blocker's abstention costs its supporters (side payments,
// issue 16 item 2). The blocker must be given its net loss from abstaining,
// loss - cost_of_blocking, and values each unit given at 1 - r h (r its
// relative-gains weight, h the share that also benefits a rival: Grieco
// 1988). Units are delivered first as a concession on its grievance (issue
// linkage), costing the payers linkage_cost each, then as a transfer at
// 1 + linkage_cost. Not possible (infinite cost) when r h = 1.
struct AbstentionPrice {
  double value = 0.0;   // units delivered to the blocker
  double linked = 0.0;  // of which a concession on its grievance
  double cost = 0.0;    // to the supporters
};
AbstentionPrice price_of_abstention(double loss, double cost_of_blocking, double relative_gains,
                                    double rival_gain_share, double grievance, double linkage_cost);

// Side payments, shared by crisis raises (M3) and admissions (M6): buys
// every blocker's abstention, all or none, when the price of all of them is
// within budget(the largest value any supporter places on the proposal) and
// the rule would then adopt it. value_of(m) is voter m's value of the
// proposal, linkable(m) what concessions can give it; bought(m, price) is
// called for each blocker bought (spend its concessions, record the event),
// whose answer becomes abstain. Returns whether the deal was made.
struct SidePaymentTerms {
  std::function<double(StateId)> value_of;
  std::function<double(StateId)> linkable;
  std::function<double(double)> budget;
  std::function<void(StateId, const AbstentionPrice&)> bought;
};
bool buy_blockers(World& world, double cost_of_blocking, std::span<std::uint8_t> answers,
                  const SidePaymentTerms& terms);

// Whether the rule adopts a proposal, given each state's answer (by state).
bool adopted(const RuleSpec& rule, std::span<const StateId> members, std::span<const std::uint8_t> answers);

// One step of deliberation on crisis `crisis_index`, after its perceived
// severities and accepted levels are set: tables, votes (a `vote` event with
// every answer), rescinds, and sets decision, deadlock and vetoes.
void deliberate(World& world, int crisis_index);

}  // namespace alliance
