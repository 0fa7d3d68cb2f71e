// steps.csv: one row per replicate and step.
#include "io/run_tables.hpp"

namespace alliance {

const std::vector<ColumnDef<StepRow>>& step_columns() {
  using R = const StepRow&;
  using T = CellType;
  static const std::vector<ColumnDef<StepRow>> columns = {
      {"replicate", T::integer, "", "replicate index, from 0", [](R r) -> Cell { return r.at.replicate; }},
      {"seed", T::string, "", "the replicate's seed (see run.json): a 64-bit unsigned integer, typed as text because R and JavaScript numbers cannot hold every one",
       [](R r) -> Cell { return r.at.seed; }},
      {"step", T::integer, "step", "step index, from 0", [](R r) -> Cell { return r.at.step; }},
      {"date", T::yearmonth, "YYYY-MM", "calendar month of the step", [](R r) -> Cell { return *r.at.date; }},
      {"members", T::integer, "states", "number of alliance members", [](R r) -> Cell { return r.world.members().size(); }},
      {"mean_credibility", T::number, "probability", "mean credibility of the guarantee over members",
       [](R r) -> Cell { return r.credibility.mean; }},
      {"min_credibility", T::number, "probability", "lowest credibility of the guarantee over members",
       [](R r) -> Cell { return r.credibility.min; }},
      {"hollow_share", T::number, "share", "share of members whose credibility is below the hollow threshold",
       [](R r) -> Cell { return r.credibility.hollow_share; }},
      {"adversary_capability", T::number, "capability units", "the adversary's capability",
       [](R r) -> Cell { return r.world.adversary.capability; }},
      {"active_crises", T::integer, "crises", "crises active this step", [](R r) -> Cell { return r.active_crises; }},
      {"action_level", T::integer, "level 0-4", "highest action level decided in any active crisis (0 none, 1 threat, 2 limited_air, 3 air_campaign, 4 ground)",
       [](R r) -> Cell { return r.action_level; }},
      {"deadlock", T::boolean, "", "1 if some active crisis is deadlocked (a member wants action, none is decided)",
       [](R r) -> Cell { return r.deadlock; }},
      {"adversary_threat", T::number, "threat", "the adversary's threat perception theta (M4)",
       [](R r) -> Cell { return r.world.adversary.threat; }},
      {"adversary_pressure", T::number, "threat", "the pressure P that theta moves toward (M4)",
       [](R r) -> Cell { return r.world.adversary.pressure; }},
      {"interventions", T::integer, "events", "interventions by the adversary this step",
       [](R r) -> Cell { return r.interventions; }},
      {"members_spending", T::number, "billion US$ per year", "members' equilibrium defence spending, summed (M1)",
       [](R r) -> Cell { return r.economy.total_spending; }},
      {"leader_burden_share", T::number, "share", "the leader's share of members' spending (empty if the leader is not a member)",
       [](R r) -> Cell { return r.economy.leader_burden_share; }},
      {"leader_gdp_share", T::number, "share", "the leader's share of members' GDP (empty if the leader is not a member)",
       [](R r) -> Cell { return r.economy.leader_gdp_share; }},
      {"spearman_gdp_spending", T::number, "correlation", "Spearman correlation over members of GDP with spending as a share of GDP; positive = the large carry the small (empty with fewer than 3 members or no variation)",
       [](R r) -> Cell { return r.economy.spearman_gdp_spending; }},
      {"sanctions", T::boolean, "", "1 if a sanction rule is in force", [](R r) -> Cell { return r.world.sanctions; }},
      {"mean_member_democracy", T::number, "democracy 0-1", "mean democracy of members",
       [](R r) -> Cell { return r.economy.mean_democracy; }},
  };
  return columns;
}

}  // namespace alliance
