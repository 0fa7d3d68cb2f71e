#include "mechanisms/enlargement.hpp"

#include <algorithm>
#include <span>
#include <vector>

#include "mechanisms/deliberation.hpp"
#include "rules/decision_rules.hpp"

namespace alliance {

void admit(World& w, StateId state, bool with_capability, StateId deployer, double capability, bool endogenous) {
  w.states[state.value].joined_step = w.step;
  w.states[state.value].democracy_at_accession = w.states[state.value].democracy;
  w.states[state.value].integration = 0.0;  // the integrated command has yet to plan for it
  double deployed = 0.0;
  if (with_capability) {
    // "With capability": an ally stations forces in the new member (the
    // 2017 enhanced-forward-presence battlegroups are the model case).
    deployed = capability;
    w.graph.set_deployment(deployer, state, w.graph.deployment(deployer, state) + deployed);
  }
  w.events.push_back(logged::Accession{.state = state, .with_capability = with_capability, .deployed = deployed,
                                        .from = deployer, .endogenous = endogenous});
  refresh_derived_views(w);
  w.cache.guarantee_inputs_changed = true;
}

double value_of_admission(const World& w, StateId member, StateId aspirant) {
  double mean_exposure = 0.0;
  for (StateId m : w.members()) mean_exposure += w.cache.credibility.adversary_local[m.value];
  mean_exposure = w.members().empty() ? 0.0 : mean_exposure / double(w.members().size());
  const double exposure =
      mean_exposure > 0.0 ? w.cache.credibility.adversary_local[aspirant.value] / mean_exposure : 1.0;
  const State& i = w.states[member.value];
  return w.params.alliance.institutional_stake * w.states[aspirant.value].democracy -
         i.relative_gains * w.params.enlargement.cost * exposure - i.adversary_affinity -
         dispute_weight(w, member, aspirant);
}

double dispute_weight(const World& w, StateId member, StateId aspirant) {
  double weight = 0.0;
  for (const Dispute& d : w.disputes)
    if (d.member == member && d.aspirant == aspirant) weight += d.weight;
  return weight;
}

double admission_budget(const World& w, StateId aspirant, double best_supporter_value) {
  return std::max(0.0, best_supporter_value) + w.adversary.threat * w.params.border_proximity[aspirant.value];
}

namespace {

// Concessions settle the blocker's dispute with the aspirant first, then
// its grievance on other issues.
void spend_linkage(World& w, StateId member, StateId aspirant, double linked) {
  for (Dispute& d : w.disputes) {
    if (d.member != member || d.aspirant != aspirant) continue;
    const double used = std::min(linked, d.weight);
    d.weight -= used;
    linked -= used;
  }
  w.states[member.value].grievance = std::max(0.0, w.states[member.value].grievance - linked);
}

// The aspirant's side buys every blocker's abstention (buy_blockers, M3's
// side payments) within admission_budget; concessions settle the dispute.
bool buy_admission(World& w, StateId aspirant, double cost_of_blocking, std::span<std::uint8_t> answers) {
  return buy_blockers(
      w, cost_of_blocking, answers,
      {.value_of = [&](StateId m) { return value_of_admission(w, m, aspirant); },
       .linkable = [&](StateId m) { return dispute_weight(w, m, aspirant) + w.states[m.value].grievance; },
       .budget = [&](double best) { return admission_budget(w, aspirant, best); },
       .bought = [&](StateId m, const AbstentionPrice& p) {
         spend_linkage(w, m, aspirant, p.linked);
         w.events.push_back(logged::SidePayment{.member = m, .crisis = -1, .subject = aspirant, .value = p.value,
                                                .linked = p.linked, .cost = p.cost});
       }});
}

// One review of an aspirant as deliberation: support, abstain or block;
// returns whether it is admitted. Appends the answers to the vote buffer.
bool deliberate_admission(World& w, StateId aspirant, logged::Vote& vote) {
  State& a = w.states[aspirant.value];
  const std::size_t first = w.cache.vote_answers.size();
  w.cache.vote_answers.resize(first + w.state_count(), static_cast<std::uint8_t>(logged::VoteAnswer::no_vote));
  const std::span<std::uint8_t> answers = std::span(w.cache.vote_answers).subspan(first, w.state_count());
  double voters = 0.0, in_favour = 0.0;
  for (StateId m : w.members()) {
    if (!is_voter(w.rule, m)) continue;
    voters += 1.0;
    in_favour += value_of_admission(w, m, aspirant) > 0.0;
  }
  const double cost = blocking_cost(w.params.alliance.block_cost, w.params.alliance.institutional_stake,
                                    voters > 0.0 ? in_favour / voters : 0.0,
                                    a.admission_stalled_steps * w.params.years_per_step);
  for (StateId m : w.members())
    if (is_voter(w.rule, m))
      answers[m.value] = static_cast<std::uint8_t>(
          answer_to(value_of_admission(w, m, aspirant), cost, can_block_alone(w.rule, m)));
  bool passed = adopted(w.rule, w.members(), answers);
  if (!passed && w.params.alliance.side_payments) passed = buy_admission(w, aspirant, cost, answers);
  vote.answers = static_cast<std::uint32_t>(first);
  a.admission_stalled_steps = passed ? 0 : a.admission_stalled_steps + w.params.enlargement.review_every;
  return passed;
}

// The answer of member m, whose ratification of `aspirant` is not yet in:
// as in the vote (deliberation: answer_to; otherwise yes when V > 0), every
// answer but block ratifying.
logged::VoteAnswer ratification_answer(const World& w, StateId m, StateId aspirant, double cost_of_blocking) {
  const double value = value_of_admission(w, m, aspirant);
  const bool can_block = can_block_alone(w.rule, m);
  if (w.params.alliance.deliberation) return answer_to(value, cost_of_blocking, can_block);
  if (value > 0.0) return logged::VoteAnswer::support;
  return can_block ? logged::VoteAnswer::block : logged::VoteAnswer::against;
}

// Side payments on a ratification: the aspirant's side buys every
// holdout's ratification (all or none) when the price of all of them,
// M3's price of abstention at the cost of blocking, is within
// admission_budget (the best value any member places on the admission,
// ratified or not); concessions settle the dispute first, as buy_admission.
bool buy_ratifications(World& w, StateId aspirant, double cost_of_blocking, std::span<std::uint8_t> answers) {
  auto price_of = [&](StateId m) {
    const State& s = w.states[m.value];
    return price_of_abstention(-value_of_admission(w, m, aspirant), cost_of_blocking, s.relative_gains,
                               s.rival_gain_share, dispute_weight(w, m, aspirant) + s.grievance,
                               w.params.alliance.linkage_cost);
  };
  constexpr auto kBlock = static_cast<std::uint8_t>(logged::VoteAnswer::block);
  double best = 0.0, price = 0.0;
  for (StateId m : w.members()) {
    best = std::max(best, value_of_admission(w, m, aspirant));
    if (answers[m.value] == kBlock) price += price_of(m).cost;
  }
  if (!(price <= admission_budget(w, aspirant, best))) return false;
  for (StateId m : w.members()) {
    if (answers[m.value] != kBlock) continue;
    const AbstentionPrice p = price_of(m);  // before its own concessions are spent
    spend_linkage(w, m, aspirant, p.linked);
    w.events.push_back(logged::SidePayment{.member = m, .crisis = -1, .subject = aspirant, .value = p.value,
                                           .linked = p.linked, .cost = p.cost});
    answers[m.value] = static_cast<std::uint8_t>(logged::VoteAnswer::abstain);
  }
  return true;
}

// The ratification stage (ratification_months R > 0): from R months after
// its invitation, each member whose ratification of an invited aspirant is
// not yet in decides, every step; the cost of blocking grows with the years
// beyond R, the share in favour is the share of members that have ratified.
// The last ratification admits it. Logged as a `vote` (issue ratification).
void ratify_invitations(World& w) {
  const double months_needed = w.params.enlargement.ratification_months;
  if (months_needed <= 0.0) return;
  for (std::size_t j = 0; j < w.state_count(); ++j) {
    State& a = w.states[j];
    if (a.invited_step == kNotInvited || a.is_member()) continue;
    const double months = double(w.step - a.invited_step) * 12.0 * w.params.years_per_step;
    if (months < months_needed - 1e-9) continue;
    const StateId aspirant{static_cast<std::uint32_t>(j)};
    double members = 0.0, in = 0.0;
    for (StateId m : w.members()) {
      members += 1.0;
      in += a.ratified[m.value] != 0;
    }
    const double cost = blocking_cost(w.params.alliance.block_cost, w.params.alliance.institutional_stake,
                                      members > 0.0 ? in / members : 0.0,
                                      std::max(0.0, months - months_needed) / 12.0);
    const std::size_t first = w.cache.vote_answers.size();
    w.cache.vote_answers.resize(first + w.state_count(), static_cast<std::uint8_t>(logged::VoteAnswer::no_vote));
    const std::span<std::uint8_t> answers = std::span(w.cache.vote_answers).subspan(first, w.state_count());
    bool held = false;
    for (StateId m : w.members()) {
      if (a.ratified[m.value]) continue;
      const logged::VoteAnswer answer = ratification_answer(w, m, aspirant, cost);
      answers[m.value] = static_cast<std::uint8_t>(answer);
      held = held || answer == logged::VoteAnswer::block;
    }
    if (held && w.params.alliance.side_payments && w.params.alliance.deliberation)
      buy_ratifications(w, aspirant, cost, answers);  // the holdouts' answers become abstain
    bool all = true;
    for (StateId m : w.members()) {
      if (answers[m.value] != static_cast<std::uint8_t>(logged::VoteAnswer::block) &&
          answers[m.value] != static_cast<std::uint8_t>(logged::VoteAnswer::no_vote))
        a.ratified[m.value] = 1;
      all = all && a.ratified[m.value];
    }
    w.events.push_back(logged::Vote{.issue = logged::VoteIssue::ratification, .subject = aspirant, .adopted = all,
                                    .answers = static_cast<std::uint32_t>(first)});
    if (all)
      admit(w, aspirant, w.params.enlargement.with_capability, w.rule.leader, w.params.alliance.accession_capability,
            true);
  }
}

// A passed vote with a ratification stage: the aspirant is invited; the
// members at this step must ratify, the others need not.
void invite(World& w, StateId aspirant) {
  State& a = w.states[aspirant.value];
  a.invited_step = w.step;
  for (std::size_t i = 0; i < w.state_count(); ++i) a.ratified[i] = !w.states[i].is_member();
  w.events.push_back(logged::Invitation{.state = aspirant});
}

}  // namespace

void review_aspirants(World& w) {
  ratify_invitations(w);
  const int every = w.params.enlargement.review_every;
  if (every <= 0 || w.step == 0 || w.step % every != 0) return;
  for (std::size_t j = 0; j < w.state_count(); ++j) {
    const State& s = w.states[j];
    if (!s.aspirant || s.is_member() || s.intervened || s.invited_step != kNotInvited ||
        s.democracy < w.params.democracy.accession_threshold)
      continue;
    const StateId aspirant{static_cast<std::uint32_t>(j)};
    logged::Vote vote{.issue = logged::VoteIssue::accession, .subject = aspirant};
    bool admitted = false;
    if (w.params.alliance.deliberation) {
      admitted = deliberate_admission(w, aspirant, vote);
    } else {
      std::fill(w.cache.ballot.begin(), w.cache.ballot.end(), 0);
      for (StateId m : w.members()) w.cache.ballot[m.value] = value_of_admission(w, m, aspirant) > 0.0 ? 1 : 0;
      admitted = aggregate_intensity(w.rule, w.members(), w.cache.ballot) != ActionLevel::none;
      vote.answers = record_votes(w.rule, w.members(), w.cache.ballot, w.state_count(), w.cache.vote_answers);
    }
    vote.adopted = admitted;
    w.events.push_back(std::move(vote));
    if (admitted && w.params.enlargement.ratification_months > 0.0)
      invite(w, aspirant);
    else if (admitted)
      admit(w, aspirant, w.params.enlargement.with_capability, w.rule.leader, w.params.alliance.accession_capability, true);
  }
}

}  // namespace alliance
