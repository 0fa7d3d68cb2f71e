#pragma once
// The model's state during one replicate: plain data, read and written by the
// mechanisms in the order engine/step.cpp lists. Built from a ScenarioDef by
// scenario/build_world.cpp; every buffer the step needs is sized there, so
// the step allocates nothing and looks nothing up by name.
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/action_level.hpp"
#include "core/alliance_graph.hpp"
#include "core/decision_rule.hpp"
#include "core/events.hpp"
#include "core/geo.hpp"
#include "core/ids.hpp"
// Each mechanism's parameters, as the scenario declares them (plain data).
#include "mechanisms/adversary_params.hpp"
#include "mechanisms/alliance_params.hpp"
#include "mechanisms/burden_params.hpp"
#include "mechanisms/credibility_params.hpp"
#include "mechanisms/crisis_params.hpp"
#include "mechanisms/democracy_params.hpp"
#include "mechanisms/enlargement_params.hpp"

namespace alliance {

inline constexpr int kNotMember = -1;

struct State {
  std::string code;  // read by recorders only
  std::string name;
  double gdp = 0.0;
  double defence_share = 0.0;
  double capability = 0.0;
  GeoPoint position;
  double democracy = 0.0;
  double relative_gains = 0.0;
  double risk_tolerance = 0.5;
  bool nuclear = false;
  double adversary_affinity = 0.0;  // current phi_i = base + psi (democracy_initial - democracy)
  int joined_step = kNotMember;  // 0 for founding members
  bool is_member() const { return joined_step != kNotMember; }

  // M1
  double security_weight = 0.0;  // alpha_i: the defence share it would choose alone
  double spending = 0.0;         // x_i, billion US$ per year (equilibrium)
  // M5
  double democracy_initial = 0.0;
  double democracy_baseline = 0.0;
  double affinity_base = 0.0;    // phi_i before democracy's effect; socialised
  bool aspirant = false;
  bool promised = false;
  bool intervened = false;       // the adversary has intervened against it (M4)
  bool backsliding = false;      // below the sanction threshold (M5)
};

struct Adversary {
  std::string code;
  std::string name;
  double capability = 0.0;
  GeoPoint position;
  AdversaryParams params;
  // M4
  double initial_capability = 0.0;
  double threat = 0.0;            // theta, from params.initial_threat
  double pressure = 0.0;          // P, what theta moves toward
};

// The rule in force and what each rule needs, indexed by state.
struct RuleSpec {
  DecisionRule rule = DecisionRule::consensus;
  StateId leader;
  std::vector<std::uint8_t> in_directorate;  // 1 for the directorate's states
  std::vector<int> votes;                    // qualified-majority votes per state
  double qm_threshold = 2.0 / 3.0;
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
};

struct Crisis {
  std::string id;
  std::string name;
  int start = 0;
  int end = 0;
  std::vector<int> path_steps;  // severity path, piecewise linear
  std::vector<double> path_values;
  CrisisParams params;
  std::vector<double> proximity;  // p_i by state
  std::vector<double> interest;   // beta_i by state
  PerAction effectiveness, cost, stake, relative_gain, opposition;

  // Changing during the run.
  double walk = 0.0;   // random-walk part of severity
  double shock = 0.0;  // sum of escalation events so far
  double severity = 0.0;
  bool active = false;
  std::vector<double> perceived;  // s_hat_i by state
  std::vector<int> accepted;      // highest acceptable level by state
  std::vector<std::uint8_t> vetoed;  // 1 if the state's vote alone blocks action this step
  ActionLevel decision = ActionLevel::none;
  ActionLevel consensus_level = ActionLevel::none;  // what consensus alone would give
  int demand = 0;                 // highest level any member accepts
  bool deadlock = false;
  bool bypass = false;
  int vetoes = 0;
};

// An [[event]] of the scenario with its states and crisis resolved to
// indices (scenario/build_world.cpp). Each field means one thing; a kind
// reads only its own fields.
struct ScheduledEvent {
  int step = 0;
  EventKind kind = EventKind::accession;
  StateId state;                 // accession: the new member; promise, economy: the state
  StateId from;                  // deployment: the deploying state; accession with capability: the deploying ally
  StateId to;                    // deployment: where the forces are stationed
  bool with_capability = false;  // accession: an ally stations `capability` in the new member
  double capability = 0.0;       // accession with capability, deployment: forces; adversary: its new level
  bool add = false;              // deployment: add `capability` to the stationed forces instead of setting them
  DecisionRule rule = DecisionRule::consensus;  // rule_change
  int crisis = -1;               // escalation: index into World::crises
  double shock = 0.0;            // escalation
  double gdp = -1.0;             // economy: the new GDP (<= 0: unchanged)
  double defence_share = -1.0;   // economy: the new defence share (< 0: unchanged)
};

struct World {
  int step = 0;
  std::vector<State> states;
  Adversary adversary;
  std::vector<StateId> members;  // in state order; derived from joined_step
  RuleSpec rule;
  // The scenario's parameter structs, copied whole (scenario/build_world.cpp).
  AllianceParams alliance;
  CredibilityParams credibility_params;
  BurdenParams burden;
  DemocracyParams democracy_params;
  EnlargementParams enlargement;
  bool sanctions = false;          // a sanction rule is in force (from the start or adopted)
  double years_per_step = 1.0 / 12.0;

  AllianceGraph graph{0};
  Eigen::MatrixXd deployment;       // D(i, j), dense copy of the graph's deployment edges
  Eigen::MatrixXd distance_km;      // between capitals
  Eigen::MatrixXd reinforcement_reach;  // exp(-d_ij / lambda_r), fixed by geography
  std::vector<double> adversary_km; // capital to the adversary

  // M2's inputs (membership, deployments, capabilities, affinities, risk
  // tolerance, the rule) changed since credibility was last computed. Any
  // mechanism that changes one of them must set this; the step then
  // recomputes M2, and skips it otherwise (it is a pure function of them).
  bool guarantee_inputs_changed = true;

  CredibilityState credibility;
  CredibilityState credibility_check;  // debug builds: the cache as it was before a recomputation (engine/step.cpp)
  struct BurdenScratch {
    std::vector<double> a, b, x;
    std::vector<std::uint8_t> active;
  } burden_scratch;               // M1 buffers, sized to the number of states
  std::vector<int> ballot;        // yes/no votes by state (sanction reform, admissions)
  std::vector<double> border_proximity;  // g_j = exp(-d(adv, j) / lambda_b), M4
  std::vector<Crisis> crises;
  std::vector<ScheduledEvent> schedule;  // sorted by step
  std::size_t next_event = 0;
  std::vector<EventRecord> events;       // this step's, cleared each step
  std::size_t event_capacity = 0;        // reserved before stepping (a copy loses capacity)

  std::size_t state_count() const { return states.size(); }
};

// Rebuilds the member list and the dense deployment matrix from the states
// and the graph, after any change to either.
void refresh_derived_views(World& world);

}  // namespace alliance
