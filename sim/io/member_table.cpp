// members.csv: one row per replicate, step and state. Columns marked
// "(members only)" are empty for a state outside the alliance.
#include "io/run_tables.hpp"

namespace alliance {

namespace {

// A member-only value: empty for a non-member.
Cell if_member(const MemberRow& r, Cell value) { return r.state.is_member() ? value : Cell(); }

}  // namespace

const std::vector<ColumnDef<MemberRow>>& member_columns() {
  using R = const MemberRow&;
  using T = CellType;
  static const std::vector<ColumnDef<MemberRow>> columns = {
      {"replicate", T::integer, "", "replicate index", [](R r) -> Cell { return r.at.replicate; }},
      {"step", T::integer, "step", "step index", [](R r) -> Cell { return r.at.step; }},
      {"date", T::yearmonth, "YYYY-MM", "calendar month", [](R r) -> Cell { return *r.at.date; }},
      {"code", T::string, "ISO 3166 alpha-3", "state", [](R r) -> Cell { return r.state.code; }},
      {"member", T::boolean, "", "1 if the state is an alliance member this step",
       [](R r) -> Cell { return r.state.is_member(); }},
      {"capability", T::number, "capability units", "the state's own capability",
       [](R r) -> Cell { return r.state.capability; }},
      {"forward_deployed", T::number, "capability units", "allies' capability stationed in the state",
       [](R r) -> Cell { return r.world.cache.deployment.col(static_cast<Eigen::Index>(r.index)).sum(); }},
      {"adversary_local", T::number, "capability units", "adversary force that can be brought against the state, A_j",
       [](R r) -> Cell { return r.world.cache.credibility.adversary_local[r.index]; }},
      {"local_defence", T::number, "capability units", "own + forward-deployed + timely reinforcements, L_j (members only)",
       [](R r) -> Cell { return if_member(r, r.world.cache.credibility.local_defence[r.index]); }},
      {"p_hold", T::number, "probability", "chance the local defence holds, P_hold (members only)",
       [](R r) -> Cell { return if_member(r, r.world.cache.credibility.p_hold[r.index]); }},
      {"p_decide", T::number, "probability", "chance the rule in force decides to defend, P_decide (members only)",
       [](R r) -> Cell { return if_member(r, r.world.cache.credibility.p_decide[r.index]); }},
      {"credibility", T::number, "probability", "credibility of the guarantee, P_hold x P_decide (members only)",
       [](R r) -> Cell { return if_member(r, r.world.cache.credibility.credibility[r.index]); }},
      {"hollow", T::boolean, "", "1 if credibility is below the hollow threshold (members only)",
       [](R r) -> Cell { return if_member(r, r.hollow); }},
      {"mean_ally_willingness", T::number, "probability", "mean willingness of the other members to fight for the state (members only)",
       [](R r) -> Cell { return if_member(r, r.mean_ally_willingness); }},
      {"spending", T::number, "billion US$ per year", "defence spending: the equilibrium for members, alpha Y alone for others (M1)",
       [](R r) -> Cell { return r.state.spending; }},
      {"spending_share", T::number, "share of GDP", "spending / GDP",
       [](R r) -> Cell { return r.state.spending / r.state.gdp; }},
      {"alone_share", T::number, "share of GDP",
       "alpha: the share of GDP the state would spend alone (M1; fitted to the record when alliance.burden.calibrate); "
       "alone_share - spending_share is its free-riding",
       [](R r) -> Cell { return r.state.security_weight; }},
      {"burden_share", T::number, "share", "share of members' total spending (members only)",
       [](R r) -> Cell {
         return r.state.is_member() && r.members_spending > 0.0 ? Cell(r.state.spending / r.members_spending) : Cell();
       }},
      {"democracy", T::number, "democracy 0-1", "democracy level (M5)", [](R r) -> Cell { return r.state.democracy; }},
      {"adversary_affinity", T::number, "affinity 0-1", "current affinity to the adversary (M5)",
       [](R r) -> Cell { return r.state.adversary_affinity; }},
      {"relative_gains", T::number, "weight 0-1", "current weight k on relative gains (socialisation moves it)",
       [](R r) -> Cell { return r.state.relative_gains; }},
      {"aspirant", T::boolean, "", "1 if the state seeks membership", [](R r) -> Cell { return r.state.aspirant; }},
      {"promised", T::boolean, "", "1 if the state has been promised membership",
       [](R r) -> Cell { return r.state.promised; }},
      {"intervened", T::boolean, "", "1 once the adversary has intervened against it (M4)",
       [](R r) -> Cell { return r.state.intervened; }},
  };
  return columns;
}

}  // namespace alliance
