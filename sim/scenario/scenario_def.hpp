#pragma once
// What a scenario file says, parsed and checked, before any world exists.
//
// Every default of the model lives in this file (style: a definition struct
// with its defaults in one place). sim/MODEL.md gives each one its equation
// and source; keep the two in step.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/action_level.hpp"
#include "core/calendar.hpp"
#include "core/decision_rule.hpp"
#include "core/events.hpp"
#include "core/geo.hpp"

namespace alliance {

struct SimulationDef {
  int steps = 12;
  StepUnit step_unit = StepUnit::month;
  YearMonth start{2000, 1};
  std::uint64_t seed = 1;
  int replicates = 1;
};

struct StateDef {
  std::string code;  // ISO 3166-1 alpha-3
  std::string name;
  double gdp = 0.0;            // billion US$ (constant prices)
  double defence_share = 0.02; // share of GDP spent on defence
  double capability = 0.0;     // military capability stock, index units
  GeoPoint position;           // capital
  double democracy = 0.8;      // [0,1]
  double democracy_baseline = -1.0;  // where a member drifts after accession; <0 = democracy
  double relative_gains = 0.0; // k in [0,1]: weight on relative gains
  double risk_tolerance = 0.5; // [0,1]; 0.5 is neutral
  bool nuclear = false;
  double adversary_affinity = 0.0;  // [0,1]
};

// Parameters of the decision rules; which one is in force is `rule`.
struct RuleDef {
  DecisionRule rule = DecisionRule::consensus;
  std::string leader;                   // unilateral rule; default: largest GDP member
  std::vector<std::string> directorate; // directorate rule: the deciding subset
  double qm_threshold = 2.0 / 3.0;      // qualified majority: share of votes needed
  std::string qm_weighting = "equal";   // "equal" | "gdp" | "votes"
  std::map<std::string, int> qm_votes;  // weighting = "votes": integer votes per member
};

// M2 credibility parameters (sim/MODEL.md, "M2").
struct CredibilityDef {
  double hold_steepness = 4.0;        // gamma in P_hold = logistic(gamma (L/A - 1))
  double reinforcement = 0.5;         // rho: share of reinforcements arriving in time
  double mobile_share = 0.3;          // mu: share of an ally's capability it can move
  double reinforcement_reach_km = 10000.0; // lambda_r: decay of reinforcement with distance
  double hollow_threshold = 0.5;      // a guarantee below this credibility is hollow
  double willingness_base = 4.0;      // omega_0
  double tripwire_weight = 2.5;       // omega_t
  double tripwire_scale = 1.0;        // tau: capability at which the tripwire is half set
  double distance_weight = 0.1;       // omega_d, per 1000 km
  double nuclear_risk_weight = 2.0;   // omega_n
  double affinity_weight = 3.0;       // omega_a
};

// M1 burden sharing (sim/MODEL.md, "M1").
struct BurdenDef {
  double spillover = 0.05;    // sigma in [0,1]: share of an ally's spending that protects you
  double depreciation = 0.1;  // delta per year: capability K' = K + dt (x - delta K)
};

// M5 democracy, conditionality and sanctions (sim/MODEL.md, "M5").
struct DemocracyDef {
  double conditionality_pull = 0.3;  // per year, aspirants toward 1
  double drift = 0.2;                // per year, members toward their baseline
  double affinity_slope = 1.0;       // psi: affinity gained per unit of democracy lost
  double accession_threshold = 0.7;  // democracy an aspirant needs to be considered
  double sanction_threshold = 0.5;   // members below it are backsliders (targets)
  double sanction_pull = 0.5;        // per year, towards the threshold, while sanctions exist
};

// Endogenous enlargement (sim/MODEL.md, "M6").
struct EnlargementDef {
  int review_every = 12;        // steps between reviews of aspirants; 0 = never
  double cost = 0.5;            // c_enl: weight of the new member's exposure
  bool with_capability = false; // endogenous accessions bring a deployment
};

struct AllianceDef {
  std::string name = "Alliance";
  std::vector<std::string> members;  // founding members, by code
  RuleDef rule;
  double information_sharing = 0.5;  // [0,1]: shrinks the spread of perceived severity
  double institutional_stake = 0.5;  // kappa >= 0
  bool sanctions = false;            // a sanction/expulsion rule exists (used from M5 on)
  double accession_capability = 5.0; // capability deployed with an accession "with capability"
  double socialisation = 0.0;        // per year: members' k and affinity drawn to the members' mean
  std::vector<std::string> aspirants;  // may join by the members' decision (endogenous enlargement)
  std::vector<std::string> promised;   // promised membership at step 0 (see also promise events)
  CredibilityDef credibility;
  BurdenDef burden;
  DemocracyDef democracy;
  EnlargementDef enlargement;
};

struct DeploymentDef {
  std::string from;
  std::string to;
  double capability = 0.0;
};

struct AdversaryDef {
  std::string code = "ADV";
  std::string name = "Adversary";
  double capability = 0.0;
  GeoPoint position;
  bool nuclear = true;
  double reach_km = 1500.0;  // lambda_adv: decay of its force with distance
  // M4 security dilemma (sim/MODEL.md, "M4").
  double initial_threat = 0.0;       // theta at step 0
  double threat_rate = 0.5;          // eta per year: perception's speed toward the pressure
  double border_km = 1000.0;         // lambda_b: what counts as "near its borders"
  double membership_weight = 0.3;    // omega_m: pressure per member at its border
  double promise_weight = 0.5;       // omega_p: pressure per promised non-member at its border
  double build_rate = 0.2;           // capability built per year at threat 1, share of initial
  double depreciation = 0.1;         // per year, back toward the initial capability
  double intervention_rate = 0.5;    // h0 per year
};

struct SeverityPoint {
  int step = 0;
  double value = 0.0;
};

// Per-level constants of the action ladder (M3); index by level_index().
struct ActionLadderDef {
  PerAction effectiveness{0.0, 0.2, 0.4, 0.7, 0.9};
  PerAction cost{0.0, 0.1, 0.25, 0.45, 1.0};
  PerAction stake{0.0, 0.1, 0.15, 0.2, 0.25};
  PerAction relative_gain{0.0, 0.05, 0.1, 0.2, 0.4};
  PerAction opposition{0.0, 0.2, 0.4, 0.6, 1.0};
};

struct CrisisDef {
  std::string id;  // identifier: [a-z][a-z0-9_]*
  std::string name;
  GeoPoint position;
  int start = 0;
  int end = -1;  // last active step; -1 = until the end of the run
  std::vector<SeverityPoint> severity;  // piecewise-linear path, sorted by step
  double perception_noise = 0.3;  // sigma_s before information sharing
  double escalation_sd = 0.0;     // sd of the random-walk shock per step
  double reach_km = 2000.0;       // lambda_c: proximity p_i = 1 / (1 + d_i / lambda_c)
  std::map<std::string, double> interest;  // beta_i per member; default 1
  ActionLadderDef actions;
};

struct EventDef {
  EventKind kind = EventKind::accession;
  int step = 0;
  std::string state;        // accession
  bool with_capability = false;
  double capability = -1.0; // accession: <0 = alliance.accession_capability; deployment, adversary: amount
  std::string from;         // accession with capability (default: leader); deployment
  std::string to;           // deployment
  bool add = false;         // deployment: add to the stationed amount instead of setting it
  DecisionRule rule = DecisionRule::consensus;  // rule_change
  std::string crisis;       // escalation
  double shock = 0.0;       // escalation: added to the crisis' severity from this step on
  int every = 0;            // sanction_reform: proposed again every this many steps until adopted
  double gdp = -1.0;            // economy: the state's new GDP (<0: unchanged)
  double defence_share = -1.0;  // economy: its new defence share (<0: unchanged)
};

struct ScenarioDef {
  std::string source;  // file path, for messages and metadata
  std::string preset;  // "" | "realist" | "liberal"
  std::string title;
  std::string description;
  SimulationDef simulation;
  std::vector<StateDef> states;
  AllianceDef alliance;
  std::vector<DeploymentDef> deployments;
  AdversaryDef adversary;
  std::vector<CrisisDef> crises;
  std::vector<EventDef> events;  // sorted by step, then file order
};

}  // namespace alliance
