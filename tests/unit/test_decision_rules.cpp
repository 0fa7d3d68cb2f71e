#include <doctest/doctest.h>

#include <vector>

#include "rules/decision_rules.hpp"

using namespace alliance;

namespace {

std::vector<StateId> ids(std::uint32_t n) {
  std::vector<StateId> out;
  for (std::uint32_t i = 0; i < n; ++i) out.push_back({i});
  return out;
}

RuleSpec spec(DecisionRule rule, std::size_t n) {
  RuleSpec r;
  r.rule = rule;
  r.in_directorate.assign(n, 0);
  r.votes.assign(n, 1);
  return r;
}

}  // namespace

TEST_CASE("consensus: one veto blocks action") {
  const std::vector<int> accepted{3, 4, 0, 2};
  CHECK(aggregate_intensity(spec(DecisionRule::consensus, 4), ids(4), accepted) == ActionLevel::none);
}

TEST_CASE("consensus picks the lowest accepted intensity") {
  const std::vector<int> accepted{3, 4, 1, 2};
  CHECK(aggregate_intensity(spec(DecisionRule::consensus, 4), ids(4), accepted) == ActionLevel::threat);
}

TEST_CASE("majority takes the level more than half accept") {
  CHECK(aggregate_intensity(spec(DecisionRule::majority, 5), ids(5), std::vector<int>{0, 1, 2, 3, 4}) ==
        ActionLevel::limited_air);
  // Four voters: three must accept; two for air campaign is not a majority.
  CHECK(aggregate_intensity(spec(DecisionRule::majority, 4), ids(4), std::vector<int>{0, 1, 3, 3}) ==
        ActionLevel::threat);
  CHECK(aggregate_intensity(spec(DecisionRule::majority, 4), ids(4), std::vector<int>{0, 0, 3, 3}) ==
        ActionLevel::none);
}

TEST_CASE("qualified majority weighs votes against the threshold") {
  RuleSpec r = spec(DecisionRule::qualified_majority, 3);
  r.votes = {10, 1, 1};
  r.qm_threshold = 2.0 / 3.0;
  CHECK(aggregate_intensity(r, ids(3), std::vector<int>{3, 0, 0}) == ActionLevel::air_campaign);
  r.votes = {5, 5, 2};
  CHECK(aggregate_intensity(r, ids(3), std::vector<int>{3, 0, 0}) == ActionLevel::none);
  CHECK(aggregate_intensity(r, ids(3), std::vector<int>{3, 2, 0}) == ActionLevel::limited_air);
}

TEST_CASE("a directorate ignores members outside it") {
  RuleSpec r = spec(DecisionRule::directorate, 4);
  r.in_directorate = {1, 1, 0, 0};
  CHECK(aggregate_intensity(r, ids(4), std::vector<int>{3, 4, 0, 0}) == ActionLevel::air_campaign);
  CHECK(aggregate_intensity(r, ids(4), std::vector<int>{3, 0, 4, 4}) == ActionLevel::none);
}

TEST_CASE("unilateral follows the leader alone") {
  RuleSpec r = spec(DecisionRule::unilateral, 3);
  r.leader = {2};
  CHECK(aggregate_intensity(r, ids(3), std::vector<int>{4, 4, 1}) == ActionLevel::threat);
  CHECK(aggregate_intensity(r, ids(3), std::vector<int>{0, 0, 4}) == ActionLevel::ground);
}

TEST_CASE("probability of deciding under each rule") {
  Eigen::MatrixXd w(3, 3);
  w << 1.0, 0.5, 0.5,
       0.8, 1.0, 0.5,
       0.9, 0.5, 1.0;
  std::vector<double> scratch(16);
  const auto members = ids(3);
  // Defend state 0; 1 and 2 willing with 0.8 and 0.9.
  CHECK(probability_of_decision(spec(DecisionRule::consensus, 3), members, {0}, w, scratch) ==
        doctest::Approx(0.72));
  // Majority of 3 = 2 votes; state 0 always votes yes: P(at least one of two).
  CHECK(probability_of_decision(spec(DecisionRule::majority, 3), members, {0}, w, scratch) ==
        doctest::Approx(1.0 - 0.2 * 0.1));
  RuleSpec u = spec(DecisionRule::unilateral, 3);
  u.leader = {2};
  CHECK(probability_of_decision(u, members, {0}, w, scratch) == doctest::Approx(0.9));
  CHECK(probability_of_decision(u, members, {2}, w, scratch) == doctest::Approx(1.0));
  RuleSpec d = spec(DecisionRule::directorate, 3);
  d.in_directorate = {0, 1, 0};
  CHECK(probability_of_decision(d, members, {0}, w, scratch) == doctest::Approx(0.8));
}

TEST_CASE("weighted Poisson-binomial matches enumeration of every outcome") {
  // Property: for random willingness and integer votes, the dynamic
  // programme equals brute force over all 2^n outcomes.
  std::uint64_t state = 12345;
  auto next = [&] { state = state * 6364136223846793005ULL + 1442695040888963407ULL; return static_cast<double>(state >> 11) * 0x1.0p-53; };
  for (int trial = 0; trial < 200; ++trial) {
    const std::uint32_t n = 2 + static_cast<std::uint32_t>(next() * 8);
    Eigen::MatrixXd w = Eigen::MatrixXd::Ones(n, n);
    RuleSpec r = spec(DecisionRule::qualified_majority, n);
    for (std::uint32_t i = 0; i < n; ++i) {
      r.votes[i] = static_cast<int>(next() * 6);
      for (std::uint32_t j = 0; j < n; ++j) if (i != j) w(i, j) = next();
    }
    r.qm_threshold = 0.5 + 0.5 * next();
    const StateId target{static_cast<std::uint32_t>(next() * n)};
    std::vector<double> scratch(decision_scratch_size(r, n));
    const double dp = probability_of_decision(r, ids(n), target, w, scratch);
    double total = 0.0;
    for (int v : r.votes) total += v;
    double brute = 0.0;
    for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
      double p = 1.0, yes = 0.0;
      for (std::uint32_t i = 0; i < n; ++i) {
        const double q = i == target.value ? 1.0 : w(i, target.value);
        const bool on = mask & (1u << i);
        p *= on ? q : 1.0 - q;
        if (on) yes += r.votes[i];
      }
      if (total > 0 && yes >= r.qm_threshold * total - 1e-9) brute += p;
    }
    CHECK(dp == doctest::Approx(brute).epsilon(1e-9));
  }
}
