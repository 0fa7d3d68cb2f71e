#pragma once
// The agents of one replicate and the scenario's scheduled events, as plain
// data: the states, the adversary, the crises. What each field means and
// which mechanism writes it is noted beside it (sim/MODEL.md, "2. Entities,
// state variables and scales").
#include <cstdint>
#include <string>
#include <vector>

#include "core/action_level.hpp"
#include "core/decision_rule.hpp"
#include "core/events.hpp"
#include "core/geo.hpp"
#include "core/ids.hpp"
#include "mechanisms/adversary_params.hpp"
#include "mechanisms/crisis_params.hpp"

namespace alliance {

inline constexpr int kNotMember = -1;
inline constexpr int kNotInvited = -1;

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
  double democracy_at_accession = 0.0;  // its democracy when it joined (C7: before and after its own accession)
  double grievance = 0.0;         // concessions still to trade on another issue (M3 side payments)
  double rival_gain_share = 0.0;  // h_i: share of a payment to it that also benefits a rival
  int admission_stalled_steps = 0;  // M6 with deliberation: steps its admission has been held up
  // M6 with a ratification stage (enlargement.ratification_months > 0):
  // the step the members invited it (kNotInvited: not invited), and by
  // state whether that member's ratification is in (1 also for states that
  // were not members at the invitation: they need not ratify). Sized for
  // aspirants by build_world, so inviting allocates nothing.
  int invited_step = kNotInvited;
  std::vector<std::uint8_t> ratified;
  double integration = 0.0;  // I_j in [0, 1]: how far the integrated command plans for it (M2)
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
  int target = -1;                // the state attacked (index), -1 = none: a member brings in the guarantee
  Aggressor aggressor = Aggressor::adversary;
  PerAction effectiveness, cost, stake, relative_gain, opposition;

  // Changing during the run.
  double walk = 0.0;   // random-walk part of severity
  double shock = 0.0;  // sum of escalation events so far
  double severity = 0.0;
  bool active = false;
  std::vector<double> perceived;  // s_hat_i by state
  std::vector<double> guarantee;  // g w~_ij by state this step: the guarantee's weight in its proximity (0: none)
  std::vector<int> accepted;      // highest acceptable level by state
  std::vector<std::uint8_t> vetoed;  // 1 if the state's vote alone blocks action this step
  ActionLevel decision = ActionLevel::none;
  ActionLevel consensus_level = ActionLevel::none;  // what consensus alone would give
  int demand = 0;                 // highest level any member accepts
  int stalled_steps = 0;          // deliberation: steps the raise on the table has been blocked
  int deadlock_steps = 0;         // consecutive steps of deadlock in the institution
  ActionLevel in_force = ActionLevel::none;  // deliberation: the institution's level in force (decision may be above
                                             // it when the directorate acts outside, forum_switch_months)
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
  double democracy = -1.0;       // economy: a non-member's, non-aspirant's new democracy (< 0: unchanged)
  // attitude: the state's new values (< 0: unchanged); interest in `crisis`
  double risk_tolerance = -1.0, relative_gains = -1.0, adversary_affinity = -1.0, interest = -1.0;
  StateId aspirant;              // attitude: the aspirant of the state's dispute that `dispute` sets
  double dispute = -1.0;         // attitude: the dispute's new weight (< 0: unchanged)
};

}  // namespace alliance
