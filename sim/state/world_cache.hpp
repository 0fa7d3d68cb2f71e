#pragma once
// What a replicate can recompute from its state at any time: derived views
// (the member list, the dense deployment matrix), the output of M2 (kept
// until one of its inputs changes), and the buffers the step reuses so that
// it allocates nothing. After build_world sizes them, only
// refresh_derived_views writes the views and only M2 the guarantee;
// mechanisms read them and raise guarantee_inputs_changed.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "core/ids.hpp"

namespace alliance {

// M2 outputs for the current step, indexed by state (0 for non-members).
struct CredibilityState {
  std::vector<double> adversary_local;  // A_j
  std::vector<double> local_defence;    // L_j
  std::vector<double> p_hold;
  std::vector<double> p_decide;
  std::vector<double> credibility;
  Eigen::MatrixXd willingness;          // w(i, j): willingness of i to fight for j
  std::vector<double> scratch;          // Poisson-binomial buffer (rules/)
};

struct WorldCache {
  std::vector<StateId> members;  // in state order; derived from joined_step
  Eigen::MatrixXd deployment;    // D(i, j), dense copy of the graph's deployment edges

  // M2's inputs (membership, deployments, capabilities, affinities, risk
  // tolerance, the rule) changed since credibility was last computed. Any
  // mechanism that changes one of them must set this; the step then
  // recomputes M2, and skips it otherwise (it is a pure function of them).
  // Debug builds check the cache against a recomputation every step.
  bool guarantee_inputs_changed = true;
  // Raised each time M2 is recomputed: a reader that derives something from
  // its output (members.csv's mean ally willingness) redoes it only then.
  std::uint64_t guarantee_version = 0;
  CredibilityState credibility;
  CredibilityState credibility_check;  // debug builds: the cache as it was before a recomputation (engine/step.cpp)

  // Buffers, sized to the number of states when the world is built.
  struct BurdenScratch {
    std::vector<double> a, b, x;
    std::vector<std::uint8_t> active;
  } burden;                      // M1
  std::vector<int> ballot;       // yes/no votes by state (sanction reform, admissions)
  std::size_t event_capacity = 0;  // World::events is reserved to this before stepping (a copy loses capacity)
  // This step's votes: one logged::VoteAnswer per state for each logged::Vote
  // (from its `answers` offset); cleared with the events, reserved likewise.
  std::vector<std::uint8_t> vote_answers;
  std::size_t vote_capacity = 0;
};

}  // namespace alliance
