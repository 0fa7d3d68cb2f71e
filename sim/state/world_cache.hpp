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
#include "mechanisms/credibility_params.hpp"
#include "state/alliance_graph.hpp"

namespace alliance {

// Two members that are rivals, by their slots in M1's arrays.
struct RivalSlots {
  std::size_t a = 0, b = 0;
};

// Buffers of M1's pairwise solver (mechanisms/burden_sharing.hpp,
// solve_spending_with_rivals), sized to the number of states: the
// rivals' spending R and their response G by member slot, the shifted
// a + c R, each slot's place among the slots with rivals (-1: none), those
// slots, and a square matrix (row-major) for Newton's step, as large as
// the slots with rivals can be: `with_rivals`, at most 2 per rivalry.
struct RivalScratch {
  std::vector<double> rivals, response, shifted, step, matrix;
  std::vector<int> place;
  std::vector<std::size_t> slots;
  void resize(std::size_t n, std::size_t with_rivals) {
    for (auto* v : {&rivals, &response, &shifted, &step}) v->assign(n, 0.0);
    matrix.assign(with_rivals * with_rivals, 0.0);
    place.assign(n, -1);
    slots.assign(n, 0);
  }
};

// The inputs the willingness matrix was last computed from
// (mechanisms/credibility.cpp, update_willingness): a row i is computed
// again only when ally i's affinity or risk tolerance moved, the whole
// matrix when anything shared by all pairs did (M2's parameters, the
// institutional stake, the adversary's reach, a deployment). Unchanged
// inputs give the same bits, so the cache changes no output.
struct WillingnessInputs {
  bool valid = false;  // false: nothing computed yet (or discarded): compute every pair
  std::uint64_t deployment_version = 0;
  double institutional_stake = 0.0;
  double adversary_reach_km = 0.0;
  bool nuclear = false;
  std::vector<double> affinity, risk_tolerance;  // by state
  std::vector<double> nuclear_risk;              // by state: exp(-d(adv, j) / lambda_adv), 0 without nuclear arms
  std::vector<std::size_t> rows;                 // by state: the allies whose rows are computed now (the first few)
  CredibilityParams params;                      // M2's parameters as last used
};

// The inputs M2's reinforcement sums were last computed from
// (mechanisms/credibility.cpp, update_credibility): they move with the
// capabilities (budget steps), the adversary's capability (budget steps
// and adversary events), the membership and M2's mobile share, not with
// the affinities that move M2 at every step under M5's drift. Unchanged
// inputs give the same bits, so the cache changes no output.
struct ReinforcementInputs {
  bool valid = false;  // false: compute the sums again
  double adversary_capability = 0.0;
  double mobile_share = 0.0;
  std::vector<double> capability;   // by state
  std::vector<std::uint8_t> member;  // 1 for a member, by state
};

// M2 outputs for the current step, indexed by state (0 for non-members).
struct CredibilityState {
  std::vector<double> adversary_local;  // A_j
  std::vector<double> local_defence;    // L_j
  std::vector<double> p_hold;
  std::vector<double> p_decide;
  std::vector<double> credibility;
  Eigen::MatrixXd willingness;          // w(i, j): willingness of i to fight for j
  std::vector<double> scratch;          // Poisson-binomial buffer (rules/)
  WillingnessInputs inputs;             // what `willingness` was computed from
  std::vector<double> reinforcements;   // R_j (sim/MODEL.md, M2), before rho_j: by state
  ReinforcementInputs reinforcement_inputs;  // what `reinforcements` was computed from
};

struct WorldCache {
  std::vector<StateId> members;  // in state order; derived from joined_step
  Eigen::MatrixXd deployment;    // D(i, j), dense copy of the graph's deployment edges
  // Filled again only when the graph's deployments moved: the graph's
  // revision it was filled at, its column sums (the forward presence in
  // j, sum_i D(i, j), read by M2 and M4 every step), and a count raised at
  // each refill (M2's willingness cache compares it).
  std::uint64_t deployment_revision = static_cast<std::uint64_t>(-1);
  std::vector<double> deployment_in;
  std::uint64_t deployment_version = 0;
  std::vector<Rivalry> rivalries;  // the graph's rivalry edges, each with the steps it runs (M1)

  // Transit (only when the scenario declares [[transit]]; empty otherwise,
  // and M2 reads WorldParams::reinforcement_reach, by great circle):
  // d^T(i, j), the shortest route through member territory (Dijkstra), and
  // M2's reach exp(-d^T(i, j) / lambda_r). Recomputed by
  // refresh_derived_views only when the membership differs from
  // `transit_members`, the one they were computed for.
  Eigen::MatrixXd transit_km;
  Eigen::MatrixXd transit_reach;
  std::vector<std::uint8_t> transit_members;  // 1 for a member, by state, as last computed

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
    // With rivals (pairwise relative gains): c_k, rivals' recorded spending
    // (fit_security_weights, by state), the solver's buffers; each member's slot in
    // the arrays above by state (-1: not a member); this step's rival pairs
    // (one place per rivalry, the first few used).
    std::vector<double> c, rivals_spending;
    std::vector<int> slot;
    std::vector<RivalSlots> pairs;
    RivalScratch rival;
  } burden;                      // M1
  std::vector<int> ballot;       // yes/no votes by state (sanction reform, admissions)
  std::size_t event_capacity = 0;  // World::events is reserved to this before stepping (a copy loses capacity)
  // This step's votes: one logged::VoteAnswer per state for each logged::Vote
  // (from its `answers` offset); cleared with the events, reserved likewise.
  std::vector<std::uint8_t> vote_answers;
  std::size_t vote_capacity = 0;
  std::vector<std::uint8_t> trial_answers;  // M3 side payments: the answers were every blocker bought
};

}  // namespace alliance
