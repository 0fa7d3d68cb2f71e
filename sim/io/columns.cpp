#include "io/columns.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace alliance {

namespace {

const std::vector<Column> kStepColumns = {
    {"replicate", "integer", "", "replicate index, from 0"},
    {"seed", "string", "", "the replicate's seed (see run.json): a 64-bit unsigned integer, typed as text because R and JavaScript numbers cannot hold every one"},
    {"step", "integer", "step", "step index, from 0"},
    {"date", "yearmonth", "YYYY-MM", "calendar month of the step"},
    {"members", "integer", "states", "number of alliance members"},
    {"mean_credibility", "number", "probability", "mean credibility of the guarantee over members"},
    {"min_credibility", "number", "probability", "lowest credibility of the guarantee over members"},
    {"hollow_share", "number", "share", "share of members whose credibility is below the hollow threshold"},
    {"adversary_capability", "number", "capability units", "the adversary's capability"},
    {"active_crises", "integer", "crises", "crises active this step"},
    {"action_level", "integer", "level 0-4", "highest action level decided in any active crisis (0 none, 1 threat, 2 limited_air, 3 air_campaign, 4 ground)"},
    {"deadlock", "boolean", "", "1 if some active crisis is deadlocked (a member wants action, none is decided)"},
    {"adversary_threat", "number", "threat", "the adversary's threat perception theta (M4)"},
    {"adversary_pressure", "number", "threat", "the pressure P that theta moves toward (M4)"},
    {"interventions", "integer", "events", "interventions by the adversary this step"},
    {"members_spending", "number", "billion US$ per year", "members' equilibrium defence spending, summed (M1)"},
    {"leader_burden_share", "number", "share", "the leader's share of members' spending (empty if the leader is not a member)"},
    {"leader_gdp_share", "number", "share", "the leader's share of members' GDP (empty if the leader is not a member)"},
    {"spearman_gdp_spending", "number", "correlation", "Spearman correlation over members of GDP with spending as a share of GDP; positive = the large carry the small (empty with fewer than 3 members or no variation)"},
    {"sanctions", "boolean", "", "1 if a sanction rule is in force"},
    {"mean_member_democracy", "number", "democracy 0-1", "mean democracy of members"},
};

const std::vector<Column> kMemberColumns = {
    {"replicate", "integer", "", "replicate index"},
    {"step", "integer", "step", "step index"},
    {"date", "yearmonth", "YYYY-MM", "calendar month"},
    {"code", "string", "ISO 3166 alpha-3", "state"},
    {"member", "boolean", "", "1 if the state is an alliance member this step"},
    {"capability", "number", "capability units", "the state's own capability"},
    {"forward_deployed", "number", "capability units", "allies' capability stationed in the state"},
    {"adversary_local", "number", "capability units", "adversary force that can be brought against the state, A_j"},
    {"local_defence", "number", "capability units", "own + forward-deployed + timely reinforcements, L_j (members only)"},
    {"p_hold", "number", "probability", "chance the local defence holds, P_hold (members only)"},
    {"p_decide", "number", "probability", "chance the rule in force decides to defend, P_decide (members only)"},
    {"credibility", "number", "probability", "credibility of the guarantee, P_hold x P_decide (members only)"},
    {"hollow", "boolean", "", "1 if credibility is below the hollow threshold (members only)"},
    {"mean_ally_willingness", "number", "probability", "mean willingness of the other members to fight for the state (members only)"},
    {"spending", "number", "billion US$ per year", "defence spending: the equilibrium for members, alpha Y alone for others (M1)"},
    {"spending_share", "number", "share of GDP", "spending / GDP"},
    {"burden_share", "number", "share", "share of members' total spending (members only)"},
    {"democracy", "number", "democracy 0-1", "democracy level (M5)"},
    {"adversary_affinity", "number", "affinity 0-1", "current affinity to the adversary (M5)"},
    {"relative_gains", "number", "weight 0-1", "current weight k on relative gains (socialisation moves it)"},
    {"aspirant", "boolean", "", "1 if the state seeks membership"},
    {"promised", "boolean", "", "1 if the state has been promised membership"},
    {"intervened", "boolean", "", "1 once the adversary has intervened against it (M4)"},
};

const std::vector<Column> kCrisisColumns = {
    {"replicate", "integer", "", "replicate index"},
    {"step", "integer", "step", "step index"},
    {"date", "yearmonth", "YYYY-MM", "calendar month"},
    {"crisis", "string", "", "crisis id"},
    {"rule", "string", "", "decision rule in force"},
    {"severity", "number", "severity", "severity s(t): path + escalation shocks + random walk"},
    {"demand", "integer", "level 0-4", "highest level any member accepts"},
    {"consensus_level", "integer", "level 0-4", "level all members accept (what consensus would give)"},
    {"decision", "integer", "level 0-4", "level the rule in force decides"},
    {"action", "string", "", "name of the decided level"},
    {"deadlock", "boolean", "", "1 if a member wants action but none is decided"},
    {"vetoes", "integer", "members", "members blocking alone (consensus, or a directorate member) while others want action"},
    {"bypass", "boolean", "", "1 if a directorate acts beyond what consensus would give (outside the institution)"},
};

const std::vector<Column> kVoteColumns = {
    {"replicate", "integer", "", "replicate index"},
    {"step", "integer", "step", "step index"},
    {"date", "yearmonth", "YYYY-MM", "calendar month"},
    {"crisis", "string", "", "crisis id"},
    {"code", "string", "ISO 3166 alpha-3", "member"},
    {"perceived_severity", "number", "severity", "the member's perceived severity s_hat_i"},
    {"accepted", "integer", "level 0-4", "highest level with positive value V_i(a)"},
    {"accepted_action", "string", "", "name of the accepted level"},
    {"veto", "boolean", "", "1 if the member's vote alone blocks action this step"},
};

const std::vector<Column> kEventColumns = {
    {"replicate", "integer", "", "replicate index"},
    {"step", "integer", "step", "step index"},
    {"date", "yearmonth", "YYYY-MM", "calendar month"},
    {"kind", "string", "", fmt::format("{}", fmt::join(kEventRecordNames, " | "))},
    {"actor", "string", "ISO 3166 alpha-3", "state concerned, if any"},
    {"crisis", "string", "", "crisis id, if any"},
    {"detail", "string", "", "what happened, as key=value pairs separated by ';'"},
};

std::vector<Column> summary_columns(const ScenarioDef& def) {
  std::vector<Column> cols = {
      {"replicate", "integer", "", "replicate index"},
      {"seed", "string", "", "the replicate's seed: a 64-bit unsigned integer, typed as text (see steps.csv)"},
      {"steps", "integer", "step", "steps run"},
      {"members_start", "integer", "states", "members after step 0"},
      {"members_end", "integer", "states", "members at the last step"},
      {"mean_credibility_start", "number", "probability", "mean credibility after step 0"},
      {"mean_credibility_end", "number", "probability", "mean credibility at the last step"},
      {"min_credibility_end", "number", "probability", "lowest credibility at the last step"},
      {"hollow_share_end", "number", "share", "share of hollow guarantees at the last step"},
      {"adversary_threat_end", "number", "threat", "the adversary's threat perception at the last step"},
      {"adversary_capability_end", "number", "capability units", "the adversary's capability at the last step"},
      {"interventions", "integer", "events", "interventions by the adversary over the run"},
      {"leader_burden_share_end", "number", "share", "the leader's share of members' spending at the last step"},
      {"leader_gdp_share_end", "number", "share", "the leader's share of members' GDP at the last step"},
      {"spearman_gdp_spending_end", "number", "correlation", "Spearman correlation of GDP with spending share over members at the last step"},
      {"endogenous_accessions", "integer", "states", "states admitted by the members' decision"},
      {"sanction_reform_step", "integer", "step", "step at which a sanction reform was adopted (empty: never)"},
      {"sanction_reform_adopted", "boolean", "", "1 when a sanction reform was adopted during the run, else 0"},
      {"mean_member_democracy_end", "number", "democracy 0-1", "mean democracy of members at the last step"},
  };
  for (const auto& c : def.crises) {
    const std::string p = c.id + "_";
    cols.push_back({p + "deadlock_months", "number", "months", "months deadlocked (a member wants action, none decided)"});
    cols.push_back({p + "months_to_threat", "number", "months", "months from crisis start to the first decision of threat or more (empty: never)"});
    cols.push_back({p + "months_to_air_campaign", "number", "months", "months from crisis start to the first decision of air campaign or more (empty: never)"});
    cols.push_back({p + "max_level", "integer", "level 0-4", "highest level decided"});
    cols.push_back({p + "mean_level", "number", "level 0-4", "mean level decided over the crisis' active steps (intensity)"});
    cols.push_back({p + "vetoes", "integer", "member-steps", "vetoes cast, summed over steps"});
    cols.push_back({p + "vetoing_members", "integer", "states", "distinct members who vetoed at least once"});
    cols.push_back({p + "bypass_months", "number", "months", "months a directorate acted outside the institution"});
  }
  const auto waves = accession_wave_steps(def);
  for (std::size_t k = 0; k < waves.size(); ++k) {
    const std::string p = fmt::format("wave{}_", k + 1);
    cols.push_back({p + "step", "integer", "step", "step of the accession wave"});
    cols.push_back({p + "new_members", "integer", "states", "states admitted in the wave"});
    cols.push_back({p + "mean_credibility_before", "number", "probability", "mean credibility over members the step before (empty at step 0)"});
    cols.push_back({p + "mean_credibility_after", "number", "probability", "mean credibility over members at the wave's step"});
    cols.push_back({p + "new_members_credibility_after", "number", "probability", "mean credibility of the new members at the wave's step"});
    cols.push_back({p + "hollow_share_before", "number", "share", "share of hollow guarantees the step before (empty at step 0)"});
    cols.push_back({p + "hollow_share_after", "number", "share", "share of hollow guarantees at the wave's step"});
  }
  return cols;
}

}  // namespace

std::vector<int> accession_wave_steps(const ScenarioDef& def) {
  std::vector<int> steps;
  for (const auto& e : def.events)
    if (e.kind == EventKind::accession && std::find(steps.begin(), steps.end(), e.step) == steps.end())
      steps.push_back(e.step);
  std::sort(steps.begin(), steps.end());
  return steps;
}

std::vector<TableSpec> output_tables(const ScenarioDef& def) {
  return {
      {"steps.csv", "one row per replicate and step", kStepColumns, {"replicate", "step"}},
      {"members.csv", "one row per replicate, step and state", kMemberColumns, {"replicate", "step", "code"}},
      {"crises.csv", "one row per replicate, step and active crisis", kCrisisColumns, {"replicate", "step", "crisis"}},
      {"votes.csv", "one row per replicate, step, active crisis and member", kVoteColumns,
       {"replicate", "step", "crisis", "code"}},
      {"events.csv", "one row per event", kEventColumns, {}},
      {"summary.csv", "one row per replicate", summary_columns(def), {"replicate"}},
  };
}

std::string csv_header(const TableSpec& table) {
  std::string header;
  for (const auto& c : table.columns) {
    if (!header.empty()) header += ',';
    header += c.name;
  }
  header += '\n';
  return header;
}

}  // namespace alliance
