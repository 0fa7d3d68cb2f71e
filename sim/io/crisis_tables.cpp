// crises.csv (one row per replicate, step and active crisis) and votes.csv
// (one row per replicate, step, active crisis and member).
#include "io/run_tables.hpp"

namespace alliance {

const std::vector<ColumnDef<CrisisRow>>& crisis_columns() {
  using R = const CrisisRow&;
  using T = CellType;
  static const std::vector<ColumnDef<CrisisRow>> columns = {
      {"replicate", T::integer, "", "replicate index", [](R r) -> Cell { return r.at.replicate; }},
      {"step", T::integer, "step", "step index", [](R r) -> Cell { return r.at.step; }},
      {"date", T::yearmonth, "YYYY-MM", "calendar month", [](R r) -> Cell { return *r.at.date; }},
      {"crisis", T::string, "", "crisis id", [](R r) -> Cell { return r.crisis.id; }},
      {"rule", T::string, "", "decision rule in force", [](R r) -> Cell { return rule_name(r.rule); }},
      {"severity", T::number, "severity", "severity s(t): path + escalation shocks + random walk",
       [](R r) -> Cell { return r.crisis.severity; }},
      {"demand", T::integer, "level 0-4", "highest level any member accepts", [](R r) -> Cell { return r.crisis.demand; }},
      {"consensus_level", T::integer, "level 0-4", "level all members accept (what consensus would give)",
       [](R r) -> Cell { return level_index(r.crisis.consensus_level); }},
      {"decision", T::integer, "level 0-4", "level the rule in force decides",
       [](R r) -> Cell { return level_index(r.crisis.decision); }},
      {"action", T::string, "", "name of the decided level", [](R r) -> Cell { return action_name(r.crisis.decision); }},
      {"deadlock", T::boolean, "", "1 if a member wants action but none is decided",
       [](R r) -> Cell { return r.crisis.deadlock; }},
      {"vetoes", T::integer, "members", "members blocking alone (consensus, or a directorate member) while others want action",
       [](R r) -> Cell { return r.crisis.vetoes; }},
      {"bypass", T::boolean, "", "1 if a directorate acts beyond what consensus would give (outside the institution)",
       [](R r) -> Cell { return r.crisis.bypass; }},
  };
  return columns;
}

const std::vector<ColumnDef<VoteRow>>& vote_columns() {
  using R = const VoteRow&;
  using T = CellType;
  static const std::vector<ColumnDef<VoteRow>> columns = {
      {"replicate", T::integer, "", "replicate index", [](R r) -> Cell { return r.at.replicate; }},
      {"step", T::integer, "step", "step index", [](R r) -> Cell { return r.at.step; }},
      {"date", T::yearmonth, "YYYY-MM", "calendar month", [](R r) -> Cell { return *r.at.date; }},
      {"crisis", T::string, "", "crisis id", [](R r) -> Cell { return r.crisis.id; }},
      {"code", T::string, "ISO 3166 alpha-3", "member", [](R r) -> Cell { return r.member.code; }},
      {"perceived_severity", T::number, "severity", "the member's perceived severity s_hat_i",
       [](R r) -> Cell { return r.crisis.perceived[r.index]; }},
      {"accepted", T::integer, "level 0-4", "highest level with positive value V_i(a)",
       [](R r) -> Cell { return r.crisis.accepted[r.index]; }},
      {"accepted_action", T::string, "", "name of the accepted level",
       [](R r) -> Cell { return action_name(static_cast<ActionLevel>(r.crisis.accepted[r.index])); }},
      {"veto", T::boolean, "", "1 if the member's vote alone blocks action this step",
       [](R r) -> Cell { return int(r.crisis.vetoed[r.index]); }},
  };
  return columns;
}

}  // namespace alliance
