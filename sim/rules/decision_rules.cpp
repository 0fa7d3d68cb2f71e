#include "rules/decision_rules.hpp"

#include <algorithm>
#include <numeric>

namespace alliance {

namespace {

ActionLevel level(int i) { return static_cast<ActionLevel>(std::clamp(i, 0, kActionLevels - 1)); }

// Highest level a such that the weight of voters accepting >= a passes `passes`.
template <typename Weight, typename Passes>
ActionLevel highest_passing(std::span<const StateId> voters, std::span<const int> accepted, Weight weight,
                            Passes passes) {
  for (int a = kActionLevels - 1; a > 0; --a) {
    double in_favour = 0.0;
    for (StateId i : voters) if (accepted[i.value] >= a) in_favour += weight(i);
    if (passes(in_favour)) return level(a);
  }
  return ActionLevel::none;
}

double willing(const Eigen::MatrixXd& w, StateId i, StateId target) {
  return i == target ? 1.0 : w(i.value, target.value);
}

// P(sum of integer votes of willing voters >= needed): exact Poisson-binomial
// by dynamic programming over vote totals.
double probability_votes_at_least(const RuleSpec& rule, std::span<const StateId> members, StateId target,
                                  const Eigen::MatrixXd& w, std::span<double> dp, double needed,
                                  bool equal_votes) {
  int total = 0;
  std::fill(dp.begin(), dp.end(), 0.0);
  dp[0] = 1.0;
  for (StateId i : members) {
    const int v = equal_votes ? 1 : rule.votes[i.value];
    if (v == 0) continue;
    const double q = willing(w, i, target);
    for (int t = total + v; t >= 0; --t) {
      const double stay = t <= total ? dp[t] * (1.0 - q) : 0.0;
      const double move = t >= v ? dp[t - v] * q : 0.0;
      dp[t] = stay + move;
    }
    total += v;
  }
  double p = 0.0;
  for (int t = 0; t <= total; ++t) if (t >= needed) p += dp[t];
  return std::clamp(p, 0.0, 1.0);
}

}  // namespace

ActionLevel consensus_intensity(std::span<const StateId> members, std::span<const int> accepted) {
  if (members.empty()) return ActionLevel::none;
  int lowest = kActionLevels - 1;
  for (StateId i : members) lowest = std::min(lowest, accepted[i.value]);
  return level(lowest);
}

ActionLevel aggregate_intensity(const RuleSpec& rule, std::span<const StateId> members,
                                std::span<const int> accepted) {
  switch (rule.rule) {
    case DecisionRule::consensus:
      return consensus_intensity(members, accepted);
    case DecisionRule::majority: {
      const double n = static_cast<double>(members.size());
      return highest_passing(members, accepted, [](StateId) { return 1.0; },
                             [n](double yes) { return 2.0 * yes > n; });
    }
    case DecisionRule::qualified_majority: {
      double total = 0.0;
      for (StateId i : members) total += rule.votes[i.value];
      const double needed = rule.qm_threshold * total;
      return highest_passing(members, accepted, [&](StateId i) { return double(rule.votes[i.value]); },
                             [=](double yes) { return total > 0.0 && yes >= needed - 1e-9; });
    }
    case DecisionRule::directorate: {
      int lowest = kActionLevels - 1;
      bool any = false;
      for (std::size_t i = 0; i < rule.in_directorate.size(); ++i) {
        if (!rule.in_directorate[i]) continue;
        lowest = std::min(lowest, accepted[i]);
        any = true;
      }
      return any ? level(lowest) : ActionLevel::none;
    }
    case DecisionRule::unilateral:
      return level(accepted[rule.leader.value]);
  }
  return ActionLevel::none;
}

double probability_of_decision(const RuleSpec& rule, std::span<const StateId> members, StateId target,
                               const Eigen::MatrixXd& w, std::span<double> scratch) {
  switch (rule.rule) {
    case DecisionRule::consensus: {
      double p = 1.0;
      for (StateId i : members) p *= willing(w, i, target);
      return p;
    }
    case DecisionRule::majority:
      // More than half of the members: at least floor(n/2) + 1 votes.
      return probability_votes_at_least(rule, members, target, w, scratch,
                                        static_cast<double>(members.size() / 2 + 1), true);
    case DecisionRule::qualified_majority: {
      double total = 0.0;
      for (StateId i : members) total += rule.votes[i.value];
      if (total <= 0.0) return 0.0;
      return probability_votes_at_least(rule, members, target, w, scratch, rule.qm_threshold * total - 1e-9,
                                        false);
    }
    case DecisionRule::directorate: {
      double p = 1.0;
      for (std::size_t i = 0; i < rule.in_directorate.size(); ++i)
        if (rule.in_directorate[i]) p *= willing(w, StateId{static_cast<std::uint32_t>(i)}, target);
      return p;
    }
    case DecisionRule::unilateral:
      return willing(w, rule.leader, target);
  }
  return 0.0;
}

bool can_block_alone(const RuleSpec& rule, StateId voter) {
  return rule.rule == DecisionRule::consensus ||
         (rule.rule == DecisionRule::directorate && rule.in_directorate[voter.value]);
}

bool is_voter(const RuleSpec& rule, StateId state) {
  switch (rule.rule) {
    case DecisionRule::directorate: return rule.in_directorate[state.value];
    case DecisionRule::unilateral: return state == rule.leader;
    default: return true;
  }
}

std::uint32_t record_votes(const RuleSpec& rule, std::span<const StateId> members, std::span<const int> yes,
                           std::size_t states, std::vector<std::uint8_t>& log) {
  const std::size_t first = log.size();
  log.resize(first + states, static_cast<std::uint8_t>(logged::VoteAnswer::no_vote));
  for (StateId m : members) {
    if (!is_voter(rule, m)) continue;
    const auto answer = yes[m.value]                ? logged::VoteAnswer::support
                        : can_block_alone(rule, m) ? logged::VoteAnswer::block
                                                   : logged::VoteAnswer::against;
    log[first + m.value] = static_cast<std::uint8_t>(answer);
  }
  return static_cast<std::uint32_t>(first);
}

std::size_t decision_scratch_size(const RuleSpec& rule, std::size_t state_count) {
  const int votes = std::accumulate(rule.votes.begin(), rule.votes.end(), 0);
  return std::max<std::size_t>(state_count, static_cast<std::size_t>(votes)) + 1;
}

}  // namespace alliance
