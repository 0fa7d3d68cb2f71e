#include "mechanisms/crisis_decision.hpp"

#include <algorithm>
#include <cmath>

#include <boost/random/normal_distribution.hpp>

#include "core/math.hpp"
#include "mechanisms/deliberation.hpp"
#include "rules/decision_rules.hpp"

namespace alliance {

double value_of_action(const MemberView& m, const Crisis& c, double kappa, ActionLevel a) {
  const auto k = static_cast<std::size_t>(level_index(a));
  // Without a member attacked the guarantee is 0 and `reach` is p_i exactly.
  const double reach = m.proximity + m.guarantee * (1.0 - m.proximity);
  return m.interest * reach * m.perceived * c.effectiveness[k] + kappa * c.stake[k] -
         2.0 * (1.0 - m.risk_tolerance) * (1.0 + m.escalation) * c.cost[k] - m.relative_gains * c.relative_gain[k] -
         m.affinity * c.opposition[k];
}

ActionLevel accepted_level(const MemberView& m, const Crisis& c, double kappa) {
  for (int a = kActionLevels - 1; a > 0; --a) {
    const auto level = static_cast<ActionLevel>(a);
    if (value_of_action(m, c, kappa, level) > 0.0) return level;
  }
  return ActionLevel::none;
}

double guarantee_willingness(const World& world, const Crisis& c, std::size_t i) {
  const auto j = static_cast<std::size_t>(c.target);
  if (i == j) return 1.0;  // the target defends its own territory
  const double w = world.cache.credibility.willingness(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  if (c.aggressor == Aggressor::adversary) return w;
  // A non-state aggressor has no nuclear weapons (and no capital to measure
  // the risk from): M2's term -omega_n N_j 2(1 - r_i) is taken back out of
  // the log-odds, N_j as mechanisms/credibility.cpp has it. At w = 0 or 1
  // (log-odds beyond double precision) w is kept.
  const Adversary& adv = world.adversary;
  if (!adv.params.nuclear || w <= 0.0 || w >= 1.0) return w;
  const double nuclear_risk = world.params.adversary_reach[j];  // exp(-d(adv, j) / lambda_adv)
  const double term =
      world.params.credibility.nuclear_risk_weight * nuclear_risk * 2.0 * (1.0 - world.states[i].risk_tolerance);
  return logistic(std::log(w / (1.0 - w)) + term);
}

void update_guarantee(const World& world, Crisis& c) {
  std::fill(c.guarantee.begin(), c.guarantee.end(), 0.0);
  if (c.target < 0 || !world.states[static_cast<std::size_t>(c.target)].is_member()) return;
  for (StateId m : world.members())
    c.guarantee[m.value] = c.params.guarantee_weight * guarantee_willingness(world, c, m.value);
}

double escalation_risk(const World& world, const Crisis& c) {
  const AdversaryParams& adv = world.adversary.params;
  return c.aggressor == Aggressor::adversary && adv.nuclear ? adv.escalation_weight : 0.0;
}

MemberView member_view(const World& world, const Crisis& c, std::size_t i) {
  const State& s = world.states[i];
  return MemberView{.interest = c.interest[i],
                    .proximity = c.proximity[i],
                    .perceived = c.perceived[i],
                    .risk_tolerance = s.risk_tolerance,
                    .relative_gains = s.relative_gains,
                    .affinity = s.adversary_affinity,
                    .guarantee = c.guarantee[i],
                    .escalation = escalation_risk(world, c)};
}

double path_severity(const Crisis& c, int step) {
  const auto& xs = c.path_steps;
  const auto& ys = c.path_values;
  if (xs.empty()) return 0.0;
  if (step <= xs.front()) return ys.front();
  if (step >= xs.back()) return ys.back();
  const auto hi = static_cast<std::size_t>(std::upper_bound(xs.begin(), xs.end(), step) - xs.begin());
  const std::size_t lo = hi - 1;
  const double t = double(step - xs[lo]) / double(xs[hi] - xs[lo]);
  return ys[lo] + t * (ys[hi] - ys[lo]);
}

// Forum switching (issue 16, item 3; Kay 2020: over Kosovo the decisions
// moved to the "Quad" outside the institution): after F months of deadlock
// in the institution the directorate's states act among themselves at the
// lowest level any of them accepts, when that is above what the institution
// decided. Not under the directorate or unilateral rules, where they decide
// already. True when they act outside.
static bool switch_forum(const World& world, Crisis& c) {
  const double months = world.params.alliance.forum_switch_months;
  if (months <= 0.0 || world.rule.rule == DecisionRule::directorate || world.rule.rule == DecisionRule::unilateral)
    return false;
  if (double(c.deadlock_steps) * 12.0 * world.params.years_per_step < months - 1e-9) return false;
  int lowest = kActionLevels - 1;
  bool any = false;
  for (std::size_t i = 0; i < world.rule.in_directorate.size(); ++i) {
    if (!world.rule.in_directorate[i] || !world.states[i].is_member()) continue;
    lowest = std::min(lowest, c.accepted[i]);
    any = true;
  }
  if (!any || lowest <= level_index(c.decision)) return false;
  c.decision = static_cast<ActionLevel>(lowest);
  return true;
}

void decide_crisis(World& world, int crisis_index, Rng& rng) {
  Crisis& c = world.crises[static_cast<std::size_t>(crisis_index)];
  const ActionLevel previous = c.decision;
  const ActionLevel previous_consensus = c.consensus_level;
  c.active = world.step >= c.start && world.step <= c.end;
  if (!c.active) {
    c.severity = 0.0;
    c.decision = c.consensus_level = c.in_force = ActionLevel::none;
    c.demand = c.vetoes = c.stalled_steps = c.deadlock_steps = 0;
    c.deadlock = c.bypass = false;
    std::fill(c.accepted.begin(), c.accepted.end(), 0);
    std::fill(c.vetoed.begin(), c.vetoed.end(), 0);
    return;
  }

  // Draws: one for the walk, then one per state in state order, every step
  // whatever the parameters, so runs that differ only in a parameter share
  // their random numbers (common random numbers across a sweep).
  boost::random::normal_distribution<double> standard_normal(0.0, 1.0);
  c.walk += c.params.escalation_sd * standard_normal(rng);
  c.severity = std::max(0.0, path_severity(c, world.step) + c.shock + c.walk);
  const double noise_sd = c.params.perception_noise * (1.0 - world.params.alliance.information_sharing);

  update_guarantee(world, c);  // a member attacked brings in each ally's guarantee to it
  for (std::size_t i = 0; i < world.state_count(); ++i) {
    c.perceived[i] = std::max(0.0, c.severity + noise_sd * standard_normal(rng));
    c.accepted[i] = level_index(accepted_level(member_view(world, c, i), c, world.params.alliance.institutional_stake));
  }

  c.demand = 0;
  for (StateId m : world.members()) c.demand = std::max(c.demand, c.accepted[m.value]);
  c.consensus_level = consensus_intensity(world.members(), c.accepted);
  if (world.params.alliance.deliberation) {
    deliberate(world, crisis_index);  // model 2: the level in force, votes, vetoes (mechanisms/deliberation.cpp)
  } else {
    decide_afresh(world, c, crisis_index);
  }
  c.deadlock_steps = c.deadlock ? c.deadlock_steps + 1 : 0;
  const bool switched = switch_forum(world, c);
  c.bypass = switched || (world.rule.rule == DecisionRule::directorate && c.decision > c.consensus_level);
  if (c.consensus_level > ActionLevel::none && previous_consensus == ActionLevel::none)
    world.events.push_back(logged::Consensus{.crisis = crisis_index, .level = c.consensus_level});
  if (c.decision != previous)
    world.events.push_back(logged::Action{.crisis = crisis_index, .level = c.decision});
  if (c.bypass)
    world.events.push_back(logged::Bypass{.crisis = crisis_index, .level = c.decision});
}

void decide_afresh(World& world, Crisis& c, int crisis_index) {
  c.decision = aggregate_intensity(world.rule, world.members(), c.accepted);
  c.deadlock = c.demand > 0 && c.decision == ActionLevel::none;

  // A veto: a voter whose "none" alone can block, while others want action.
  c.vetoes = 0;
  std::fill(c.vetoed.begin(), c.vetoed.end(), 0);
  if (c.demand > 0) {
    for (StateId m : world.members()) {
      if (can_block_alone(world.rule, m) && c.accepted[m.value] == 0) {
        ++c.vetoes;
        c.vetoed[m.value] = 1;
        world.events.push_back(logged::Veto{.member = m, .crisis = crisis_index});
      }
    }
  }
  if (c.demand > 0) {
    // The vote on the highest level any member asks for.
    logged::Vote vote{.issue = logged::VoteIssue::crisis_level, .crisis = crisis_index, .level = static_cast<ActionLevel>(c.demand),
                      .adopted = level_index(c.decision) >= c.demand};
    auto& yes = world.cache.ballot;
    for (StateId m : world.members()) yes[m.value] = c.accepted[m.value] >= c.demand;
    vote.answers = record_votes(world.rule, world.members(), yes, world.state_count(), world.cache.vote_answers);
    world.events.push_back(std::move(vote));
  }
}

}  // namespace alliance
