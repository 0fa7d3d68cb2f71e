#pragma once
// What a scenario file says, parsed and checked, before any world exists.
//
// The scalar model parameters are declared once each, with their defaults,
// next to the struct of the mechanism that owns them (sim/mechanisms/
// *_params.hpp; core/parameter.hpp says how); the structs here hold those
// structs whole. The defaults of the rest (states, the ladder, events) are
// here. sim/MODEL.md gives each parameter its equation and source; keep the
// two in step.
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/action_level.hpp"
#include "core/calendar.hpp"
#include "core/decision_rule.hpp"
#include "core/events.hpp"
#include "core/geo.hpp"
#include "core/limits.hpp"
#include "core/parameter.hpp"
#include "scenario/data_series.hpp"
#include "mechanisms/adversary_params.hpp"
#include "mechanisms/alliance_params.hpp"
#include "mechanisms/burden_params.hpp"
#include "mechanisms/credibility_params.hpp"
#include "mechanisms/crisis_params.hpp"
#include "mechanisms/democracy_params.hpp"
#include "mechanisms/enlargement_params.hpp"
#include "state/alliance_graph.hpp"
#include "mechanisms/severity.hpp"

namespace alliance {

struct SimulationDef {
  int steps = 12;
  StepUnit step_unit = StepUnit::month;
  YearMonth start{2000, 1};
  std::uint64_t seed = 1;
  int replicates = 1;
};

inline constexpr ParamSpec<SimulationDef> kSimulationParams[] = {
    param::integer("steps", &SimulationDef::steps, 1, kMaxSteps, "steps to run",
                   "the limit is 1000 years of months; for longer horizons set step_unit = \"quarter\" or \"year\""),
    param::step_unit("step_unit", &SimulationDef::step_unit, "length of a step"),
    param::month("start", &SimulationDef::start,
                 "month of step 0: a year from 0001 to 9999, and the last step's date no later than 9999-12"),
    param::integer("seed", &SimulationDef::seed, 0, std::numeric_limits<long long>::max(),
                   "the run's seed; `--seed` overrides"),
    param::integer("replicates", &SimulationDef::replicates, 1, kMaxReplicates,
                   "replicates, each with its own seed; `--replicates` overrides",
                   "one run holds its replicates' tables in memory until written; for more, make several runs "
                   "with different seeds"),
};
static_assert(declares_every_member(kSimulationParams));

// The calendar that points in time are read on (core/calendar.hpp).
inline RunCalendar run_calendar(const SimulationDef& s) { return {s.start, s.step_unit, s.steps}; }

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
  double grievance = 0.0;          // value of concessions on another issue it would trade (M3 side payments)
  double rival_gain_share = 0.0;   // [0,1]: share of what it is given that also benefits a rival
  // Which of the keys [data] may fill the file gave (a given key wins), and
  // where the state's table is, for messages about values from the data.
  struct Given {
    bool gdp = false, defence_share = false, capability = false, position = false, democracy = false,
         democracy_baseline = false, adversary_affinity = false;
  } given;
  int line = 0, column = 0;
};

// How a qualified majority counts votes: one per member, 1000 shared by GDP
// (at least one each), or as given in [alliance.qualified_majority.votes].
enum class QmWeighting { equal, gdp, votes };

// The `weighting` of [alliance.qualified_majority], indexed by QmWeighting:
// read by the scenario reader, echoed in run.json.
inline constexpr std::string_view kQmWeightingNames[] = {"equal", "gdp", "votes"};

constexpr std::string_view qm_weighting_name(QmWeighting w) { return kQmWeightingNames[static_cast<std::size_t>(w)]; }

// Parameters of the decision rules; which one is in force is `rule`.
struct RuleDef {
  DecisionRule rule = DecisionRule::consensus;
  std::string leader;                   // unilateral rule; default: largest GDP member
  std::vector<std::string> directorate; // directorate rule: the deciding subset
  double qm_threshold = 2.0 / 3.0;      // qualified majority: share of votes needed
  QmWeighting qm_weighting = QmWeighting::equal;
  std::map<std::string, int> qm_votes;  // weighting = "votes": integer votes per member
};

// [alliance.qualified_majority]'s one scalar; the rest of the rule is read by
// hand (scenario/reader.cpp), so this table covers RuleDef only in part.
inline constexpr ParamSpec<RuleDef> kQualifiedMajorityParams[] = {
    param::number("threshold", &RuleDef::qm_threshold, {0.5, 1.0, true},
                  "share of the votes (as weighted) needed under the qualified-majority rule"),
};

struct AllianceDef {
  std::string name = "Alliance";
  std::vector<std::string> members;  // founding members, by code
  RuleDef rule;
  AllianceParams params;               // the scalars of [alliance]
  std::vector<std::string> aspirants;  // may join by the members' decision (endogenous enlargement)
  std::vector<std::string> promised;   // promised membership at step 0 (see also promise events)
  CredibilityParams credibility;
  BurdenParams burden;
  DemocracyParams democracy;
  EnlargementParams enlargement;
};

struct DeploymentDef {
  std::string from;
  std::string to;
  double capability = 0.0;
};

// A member's dispute with an aspirant on another issue (Greece with North
// Macedonia over its name; Turkey with Sweden over the PKK and an arms
// embargo): it lowers that member's value of admitting the aspirant by
// `weight` until settled by concessions (M6 with deliberation).
struct DisputeDef {
  std::string member;
  std::string aspirant;
  double weight = 0.0;
  std::string source;
};

// A strategic rivalry between two states (the graph's rivalry edges; M1
// weighs a state's relative gains against its rivals'). Years inclusive.
struct RivalryDef {
  std::string a, b;
  int since = 0;       // first year it runs (0: before the run)
  int until = 0;       // last year it runs (0: ongoing)
  std::string source;  // where it comes from (a data set, a judgement)
  bool from_data = false;  // read from [data]'s rivalries table
};

// A land or sea route between two states (the graph's transit edges; M2's
// reinforcements follow the shortest route through member territory).
struct TransitDef {
  std::string id;           // optional, for `--set transit.ID.open=false`
  std::string a, b;
  double km = -1.0;         // < 0: the great-circle distance between the capitals
  TransitMode mode = TransitMode::land;
  bool open = true;         // false: the route is cut (not on the graph)
  std::string source;
};

struct AdversaryDef {
  std::string code = "ADV";
  std::string name = "Adversary";
  double capability = 0.0;
  GeoPoint position;
  AdversaryParams params;
};

struct SeverityPoint {
  int step = 0;
  double value = 0.0;
};

// A dated value of a cited measure ([[crisis.measure]]): turned into
// severity by the one mapping of mechanisms/severity.hpp.
struct MeasureDef {
  MeasureKind kind = MeasureKind::displaced;
  int step = 0;
  double value = 0.0;
  std::string source;  // where the figure comes from
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
  std::vector<MeasureDef> measures;     // or: dated measured values, each kind sorted by step
  CrisisParams params;
  std::map<std::string, double> interest;  // beta_i per member; default 1
  std::string target;  // the state attacked, by code; empty = none (issue 16, item 4)
  Aggressor aggressor = Aggressor::adversary;
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
  double democracy = -1.0;      // economy: a non-member's democracy (<0: unchanged; members' is M5's)
  // attitude: the state's new values (<0: unchanged); interest is for `crisis`
  double risk_tolerance = -1.0, relative_gains = -1.0, adversary_affinity = -1.0, interest = -1.0;
  std::string aspirant;         // attitude: whose [[dispute]] with `state` takes the weight `dispute`
  double dispute = -1.0;        // attitude: the dispute's weight from this step (<0: unchanged)
  bool from_data = false;       // economy: made from [data]'s series; the file's own come after it
};

// What happened, as a scenario's [[record]] states it: a summary.csv
// column's recorded value, with a tolerance and a source. `alliance check`
// compares a run with it (a hypothesis with `record = NAME`); calibration
// can fit to it.
struct RecordDef {
  std::string name;    // identifier, unique in the scenario
  std::string what;    // what happened, in words
  std::string metric;  // a summary.csv column
  double value = 0.0;  // in the column's unit
  double tolerance = 0.0;
  std::string date;    // "YYYY-MM" when it happened, or empty
  std::string source;  // where the record comes from
};

struct ScenarioDef {
  std::string source;  // file path, for messages and metadata
  std::string preset;  // "" | "realist" | "liberal"
  std::string title;
  std::string description;
  SimulationDef simulation;
  DataDef data;
  std::vector<StateDef> states;
  AllianceDef alliance;
  std::vector<DeploymentDef> deployments;
  std::vector<DisputeDef> disputes;
  std::vector<RivalryDef> rivalries;  // the file's, then [data]'s
  std::vector<TransitDef> transit;
  AdversaryDef adversary;
  SeverityParams severity;  // [severity]: the mapping from measured values, shared by every crisis
  std::vector<CrisisDef> crises;
  std::vector<EventDef> events;  // sorted by step, then file order
  std::vector<RecordDef> records;
};

}  // namespace alliance
