#include "mechanisms/deliberation.hpp"

#include <limits>

#include "mechanisms/crisis_decision.hpp"
#include "rules/decision_rules.hpp"

namespace alliance {

namespace {

constexpr auto kSupport = static_cast<std::uint8_t>(logged::VoteAnswer::support);
constexpr auto kBlock = static_cast<std::uint8_t>(logged::VoteAnswer::block);
constexpr auto kAbstain = static_cast<std::uint8_t>(logged::VoteAnswer::abstain);

double member_value(const World& w, const Crisis& c, std::size_t i, int level) {
  return value_of_action(member_view(w, c, i), c, w.params.alliance.institutional_stake, static_cast<ActionLevel>(level));
}

// Side payments (issue 16, item 2): when blocks alone stop a raise, the
// supporter that values it most may buy every blocker's abstention if the
// price, all blockers together, is within its own surplus from the raise,
// V_p(a): the largest beneficiary pays for the collective good, the others
// ride free (Olson 1965). A grievance traded is spent. All or none: under
// the rules with a block, one blocker left unbought still stops it.
bool buy_abstentions(World& w, const Crisis& c, int level, double cost_of_blocking, std::span<std::uint8_t> answers) {
  const int crisis_index = static_cast<int>(&c - w.crises.data());
  return buy_blockers(
      w, cost_of_blocking, answers,
      {.value_of = [&](StateId m) { return member_value(w, c, m.value, level); },
       .linkable = [&](StateId m) { return w.states[m.value].grievance; },
       .budget = [](double best) { return best; },
       .bought = [&](StateId m, const AbstentionPrice& p) {
         w.states[m.value].grievance -= p.linked;
         w.events.push_back(logged::SidePayment{.member = m, .crisis = crisis_index, .value = p.value,
                                                .linked = p.linked, .cost = p.cost});
       }});
}

// Appends every state's answer to raising the level to `level` to the
// world's vote buffer; returns whether the rule adopts it.
bool answers_to_raise(World& w, const Crisis& c, int level) {
  const std::size_t first = w.cache.vote_answers.size();
  w.cache.vote_answers.resize(first + w.state_count(), static_cast<std::uint8_t>(logged::VoteAnswer::no_vote));
  double voters = 0.0, in_favour = 0.0;
  for (StateId m : w.members()) {
    if (!is_voter(w.rule, m)) continue;
    voters += 1.0;
    in_favour += member_value(w, c, m.value, level) > 0.0;
  }
  const double cost = blocking_cost(w.params.alliance.block_cost, w.params.alliance.institutional_stake,
                                    voters > 0.0 ? in_favour / voters : 0.0,
                                    c.stalled_steps * w.params.years_per_step);
  for (StateId m : w.members())
    if (is_voter(w.rule, m))
      w.cache.vote_answers[first + m.value] = static_cast<std::uint8_t>(
          answer_to(member_value(w, c, m.value, level), cost, can_block_alone(w.rule, m)));
  const std::span<std::uint8_t> answers = std::span(w.cache.vote_answers).subspan(first, w.state_count());
  if (adopted(w.rule, w.members(), answers)) return true;
  return w.params.alliance.side_payments && buy_abstentions(w, c, level, cost, answers);
}

// Every state's answer to rescinding `level` (to the level below): those
// who no longer value it support; the others keep it (a block where their
// "no" alone stops the rule). Appended like answers_to_raise.
bool answers_to_rescind(World& w, const Crisis& c, int level) {
  const std::size_t first = w.cache.vote_answers.size();
  w.cache.vote_answers.resize(first + w.state_count(), static_cast<std::uint8_t>(logged::VoteAnswer::no_vote));
  for (StateId m : w.members())
    if (is_voter(w.rule, m))
      w.cache.vote_answers[first + m.value] = static_cast<std::uint8_t>(
          member_value(w, c, m.value, level) <= 0.0 ? logged::VoteAnswer::support
          : can_block_alone(w.rule, m)             ? logged::VoteAnswer::block
                                                   : logged::VoteAnswer::against);
  return adopted(w.rule, w.members(), std::span(w.cache.vote_answers).subspan(first, w.state_count()));
}

}  // namespace

AbstentionPrice price_of_abstention(double loss, double cost_of_blocking, double relative_gains,
                                    double rival_gain_share, double grievance, double linkage_cost) {
  const double need = std::max(0.0, loss - cost_of_blocking);
  const double worth = 1.0 - relative_gains * rival_gain_share;  // what a unit given is worth to it
  if (need == 0.0) return {};
  if (worth <= 0.0) return {.value = 0.0, .linked = 0.0, .cost = std::numeric_limits<double>::infinity()};
  AbstentionPrice p;
  p.value = need / worth;
  p.linked = std::min(p.value, std::max(0.0, grievance));
  p.cost = linkage_cost * p.linked + (1.0 + linkage_cost) * (p.value - p.linked);
  return p;
}

bool buy_blockers(World& w, double cost_of_blocking, std::span<std::uint8_t> answers,
                  const SidePaymentTerms& terms) {
  auto price_of = [&](StateId m) {
    const State& s = w.states[m.value];
    return price_of_abstention(-terms.value_of(m), cost_of_blocking, s.relative_gains, s.rival_gain_share,
                               terms.linkable(m), w.params.alliance.linkage_cost);
  };
  double best = 0.0, price = 0.0;
  for (StateId m : w.members()) {
    if (!is_voter(w.rule, m)) continue;
    if (answers[m.value] == kSupport) best = std::max(best, terms.value_of(m));
    if (answers[m.value] == kBlock) price += price_of(m).cost;
  }
  if (!(price <= terms.budget(best))) return false;
  // Would it pass with every blocker abstaining? (Under a rule where blocks
  // are not all that stops it, buying them is no use.)
  std::vector<std::uint8_t>& trial = w.cache.trial_answers;
  trial.assign(answers.begin(), answers.end());
  for (auto& a : trial)
    if (a == kBlock) a = kAbstain;
  if (!adopted(w.rule, w.members(), trial)) return false;
  for (StateId m : w.members()) {
    if (answers[m.value] != kBlock) continue;
    const AbstentionPrice p = price_of(m);  // before its own concessions are spent
    terms.bought(m, p);
    answers[m.value] = kAbstain;
  }
  return true;
}

double blocking_cost(double block_cost, double institutional_stake, double share_in_favour, double stalled_years) {
  return block_cost * institutional_stake * share_in_favour * stalled_years;
}

logged::VoteAnswer answer_to(double value, double cost_of_blocking, bool can_block) {
  if (value > 0.0) return logged::VoteAnswer::support;
  if (-value <= cost_of_blocking) return logged::VoteAnswer::abstain;  // constructive abstention
  return can_block ? logged::VoteAnswer::block : logged::VoteAnswer::against;
}

bool adopted(const RuleSpec& rule, std::span<const StateId> members, std::span<const std::uint8_t> answers) {
  double voters = 0.0, support = 0.0, weight = 0.0, weight_support = 0.0;
  bool blocked = false;
  for (StateId m : members) {
    if (!is_voter(rule, m)) continue;
    const bool yes = answers[m.value] == kSupport;
    voters += 1.0;
    support += yes;
    weight += rule.votes[m.value];
    weight_support += yes ? rule.votes[m.value] : 0;
    blocked = blocked || answers[m.value] == kBlock;
  }
  switch (rule.rule) {
    case DecisionRule::consensus:
    case DecisionRule::directorate:
    case DecisionRule::unilateral: return support > 0.0 && !blocked;
    case DecisionRule::majority: return 2.0 * support > voters;
    case DecisionRule::qualified_majority: return weight > 0.0 && weight_support >= rule.qm_threshold * weight - 1e-9;
  }
  return false;
}

void deliberate(World& w, int crisis_index) {
  Crisis& c = w.crises[static_cast<std::size_t>(crisis_index)];
  const int in_force = level_index(c.in_force);

  // The agenda setter: the leader if it wants more than is in force, else
  // the member that wants the most (the first in state order).
  const bool leader_member = w.states[w.rule.leader.value].is_member();
  int most_wanted = 0;
  for (StateId m : w.members()) most_wanted = std::max(most_wanted, c.accepted[m.value]);
  // What the setter would have: the leader's level, or, without a leader
  // among the members, the most any member wants.
  const int setter_wants = leader_member ? c.accepted[w.rule.leader.value] : most_wanted;
  int wants = std::max(in_force, setter_wants);
  if (wants == in_force) wants = std::max(wants, most_wanted);

  logged::Vote vote{.issue = logged::VoteIssue::crisis_level, .crisis = crisis_index};
  int decided = in_force;
  bool tabled = false, passed = false;
  if (wants > in_force) {
    // The highest level it wants that would pass; else the next level up.
    tabled = true;
    for (int a = wants; a > in_force && !passed; --a) {
      const std::size_t at = w.cache.vote_answers.size();
      if (answers_to_raise(w, c, a)) {
        passed = true;
        decided = a;
        vote.answers = static_cast<std::uint32_t>(at);
      } else {
        w.cache.vote_answers.resize(at);  // not tabled after all
      }
    }
    if (!passed) {
      vote.answers = static_cast<std::uint32_t>(w.cache.vote_answers.size());
      answers_to_raise(w, c, in_force + 1);
    }
    vote.level = static_cast<ActionLevel>(passed ? decided : in_force + 1);
  } else if (in_force > 0 && setter_wants < in_force) {
    // The setter no longer wants what is in force: a motion to step down.
    tabled = true;
    vote.issue = logged::VoteIssue::crisis_rescind;
    vote.level = static_cast<ActionLevel>(in_force);
    vote.answers = static_cast<std::uint32_t>(w.cache.vote_answers.size());
    passed = answers_to_rescind(w, c, in_force);
    if (passed) decided = in_force - 1;
  }

  c.vetoes = 0;
  std::fill(c.vetoed.begin(), c.vetoed.end(), 0);
  if (tabled) {
    vote.adopted = passed;
    for (std::size_t i = 0; i < w.state_count(); ++i) {
      if (w.cache.vote_answers[vote.answers + i] != kBlock) continue;
      ++c.vetoes;
      c.vetoed[i] = 1;
      w.events.push_back(logged::Veto{.member = StateId{static_cast<std::uint32_t>(i)}, .crisis = crisis_index});
    }
    w.events.push_back(vote);
  }
  // A raise blocked again lengthens the stall (and the cost of blocking).
  const bool stalled = tabled && !passed && vote.issue == logged::VoteIssue::crisis_level;
  c.stalled_steps = stalled ? c.stalled_steps + 1 : 0;
  c.deadlock = stalled && decided == 0;  // as in model 1: action wanted, none in force
  c.in_force = static_cast<ActionLevel>(decided);
  c.decision = c.in_force;
}

}  // namespace alliance
