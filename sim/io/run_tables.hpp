#pragma once
// The rows `alliance run` records, and each table's column declarations
// (io/column_def.hpp). A recorder builds a row's context once; every column
// reads what it needs from it. One file per table holds its declarations:
// step_table.cpp, member_table.cpp, crisis_tables.cpp (crises and votes),
// event_table.cpp, summary_table.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "state/world.hpp"
#include "io/column_def.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

// What every recorder of a run shares: the calendar and thresholds.
struct RecordingContext {
  std::vector<std::string> dates;  // "YYYY-MM" per step
  int months_per_step = 1;
  double hollow_threshold = 0.5;
  std::vector<int> wave_steps;     // accession waves
  std::vector<StateId> aspirants;  // [alliance] aspirants, in the file's order

  static RecordingContext from(const ScenarioDef& def);
};

// Mean and minimum credibility and hollow share over the current members.
struct CredibilityStats {
  double mean = 0.0;
  double min = 0.0;
  double hollow_share = 0.0;
};
CredibilityStats credibility_stats(const World& world, double hollow_threshold);

// Burden sharing and democracy over the current members (M1, M5).
struct MemberStats {
  double total_spending = 0.0;
  std::optional<double> leader_burden_share;
  std::optional<double> leader_gdp_share;
  std::optional<double> spearman_gdp_spending;
  // Spearman of GDP with relative free-riding (alpha - share) / alpha: below
  // 0 when the small members leave more of what they would spend alone
  // unspent (Olson & Zeckhauser 1966); nullopt without variation (no spillover).
  std::optional<double> spearman_gdp_free_riding;
  double mean_democracy = 0.0;
};
// The free-riding correlation only when asked (the summary's last step).
MemberStats member_stats(const World& world, bool with_free_riding = false);

// Where a row is: which replicate, which step, which month.
struct RowPlace {
  int replicate = 0;
  std::uint64_t seed = 0;
  int step = 0;
  const std::string* date = nullptr;
};

struct StepRow {
  RowPlace at;
  const World& world;
  CredibilityStats credibility;
  MemberStats economy;
  int active_crises = 0;
  int action_level = 0;
  bool deadlock = false;
  long interventions = 0;
};
const std::vector<ColumnDef<StepRow>>& step_columns();

struct MemberRow {
  RowPlace at;
  const World& world;
  std::size_t index;         // the state's index
  const State& state;
  bool hollow = false;       // members only
  double mean_ally_willingness = 0.0;  // members only
  double members_spending = 0.0;       // sum over members, for the burden share
};
const std::vector<ColumnDef<MemberRow>>& member_columns();

struct CrisisRow {
  RowPlace at;
  const Crisis& crisis;
  DecisionRule rule;
};
const std::vector<ColumnDef<CrisisRow>>& crisis_columns();

struct VoteRow {
  RowPlace at;
  const Crisis& crisis;
  const State& member;
  std::size_t index;  // the member's index
};
const std::vector<ColumnDef<VoteRow>>& vote_columns();

struct EventRow {
  RowPlace at;
  std::string_view kind;
  std::string_view actor;   // "" if none
  std::string_view crisis;  // "" if none
  std::string_view detail;
};
const std::vector<ColumnDef<EventRow>>& event_columns();
// events.csv's actor, crisis and detail (what happened, as key=value pairs
// separated by ';') of a logged event; its kind is event_name(event).
struct EventFields {
  std::string_view actor, crisis;
  std::string detail;
};
EventFields event_fields(const World& world, const EventRecord& event);

// What a replicate's summary row is computed from (summary_table.cpp).
struct SummaryTally {
  struct Crisis {
    int deadlock_steps = 0;
    std::optional<int> steps_to_threat;
    std::optional<int> steps_to_air_campaign;
    int max_level = 0;
    int level_sum = 0, active_steps = 0;
    int vetoes = 0;
    std::vector<char> vetoed;  // by state
    int bypass_steps = 0;
  };
  struct Wave {
    int step = 0;
    int new_members = 0;
    std::optional<CredibilityStats> before;
    CredibilityStats after;
    double new_members_credibility = 0.0;
    int existing_members = 0;  // members before the wave
    double existing_members_credibility = 0.0;
  };

  struct Aspirant {
    StateId state;
    std::optional<int> joined_step;
    int votes = 0, blocks = 0;
  };

  int replicate = 0;
  std::uint64_t seed = 0;
  int months_per_step = 1;
  int steps = 0;
  std::size_t members_start = 0, members_end = 0;
  CredibilityStats start, last;
  MemberStats last_members;
  double threat_end = 0.0, adversary_capability_end = 0.0;
  int interventions = 0, endogenous_accessions = 0;
  std::optional<int> sanction_reform_step;
  std::vector<Crisis> crises;
  std::vector<Wave> waves;
  std::vector<Aspirant> aspirants;
};

// The tally before the first step, and after each step (summary_table.cpp).
SummaryTally start_tally(const RecordingContext& context, int replicate, std::uint64_t seed);
void tally_step(SummaryTally& tally, const World& world, const RecordingContext& context);

// One summary row, typed, in the order of summary_table_columns(def).
using SummaryRow = std::vector<Cell>;
SummaryRow summary_row(const SummaryTally& tally);

}  // namespace alliance
