// summary.csv: one row per replicate. Fixed columns, then one group per
// crisis (named by its id), one per scheduled accession wave and one per
// aspirant (named by its code). What the
// columns are computed from is folded here too, step by step (tally_step),
// so a new column is a field of SummaryTally (run_tables.hpp) and lines here.
#include <algorithm>

#include <fmt/format.h>

#include "io/run_tables.hpp"

namespace alliance {

namespace {

struct CrisisView {
  const SummaryTally::Crisis& tally;
  int months_per_step;
};

// Months, from a count of steps; empty when the count is.
Cell months(const std::optional<int>& steps, int months_per_step) {
  return steps ? Cell(double(*steps * months_per_step)) : Cell();
}

const std::vector<ColumnDef<SummaryTally>>& run_columns() {
  using R = const SummaryTally&;
  using T = CellType;
  static const std::vector<ColumnDef<SummaryTally>> columns = {
      {"replicate", T::integer, "", "replicate index", [](R r) -> Cell { return r.replicate; }},
      {"seed", T::string, "", "the replicate's seed: a 64-bit unsigned integer, typed as text (see steps.csv)",
       [](R r) -> Cell { return r.seed; }},
      {"steps", T::integer, "step", "steps run", [](R r) -> Cell { return r.steps; }},
      {"members_start", T::integer, "states", "members after step 0", [](R r) -> Cell { return r.members_start; }},
      {"members_end", T::integer, "states", "members at the last step", [](R r) -> Cell { return r.members_end; }},
      {"mean_credibility_start", T::number, "probability", "mean credibility after step 0",
       [](R r) -> Cell { return r.start.mean; }},
      {"mean_credibility_end", T::number, "probability", "mean credibility at the last step",
       [](R r) -> Cell { return r.last.mean; }},
      {"min_credibility_end", T::number, "probability", "lowest credibility at the last step",
       [](R r) -> Cell { return r.last.min; }},
      {"hollow_share_end", T::number, "share", "share of hollow guarantees at the last step",
       [](R r) -> Cell { return r.last.hollow_share; }},
      {"adversary_threat_end", T::number, "threat", "the adversary's threat perception at the last step",
       [](R r) -> Cell { return r.threat_end; }},
      {"adversary_capability_end", T::number, "capability units", "the adversary's capability at the last step",
       [](R r) -> Cell { return r.adversary_capability_end; }},
      {"interventions", T::integer, "events", "interventions by the adversary over the run",
       [](R r) -> Cell { return r.interventions; }},
      {"leader_burden_share_end", T::number, "share", "the leader's share of members' spending at the last step",
       [](R r) -> Cell { return r.last_members.leader_burden_share; }},
      {"leader_gdp_share_end", T::number, "share", "the leader's share of members' GDP at the last step",
       [](R r) -> Cell { return r.last_members.leader_gdp_share; }},
      {"spearman_gdp_spending_end", T::number, "correlation", "Spearman correlation of GDP with spending share over members at the last step",
       [](R r) -> Cell { return r.last_members.spearman_gdp_spending; }},
      {"spearman_gdp_free_riding_end", T::number, "correlation",
       "Spearman correlation over members at the last step of GDP with relative free-riding (alone_share - "
       "spending_share) / alone_share; negative = the small free-ride more (empty: no variation, e.g. no spillover)",
       [](R r) -> Cell { return r.last_members.spearman_gdp_free_riding; }},
      {"endogenous_accessions", T::integer, "states", "states admitted by the members' decision",
       [](R r) -> Cell { return r.endogenous_accessions; }},
      {"sanction_reform_step", T::integer, "step", "step at which a sanction reform was adopted (empty: never)",
       [](R r) -> Cell { return r.sanction_reform_step ? Cell(*r.sanction_reform_step) : Cell(); }},
      {"sanction_reform_adopted", T::boolean, "", "1 when a sanction reform was adopted during the run, else 0",
       [](R r) -> Cell { return r.sanction_reform_step.has_value(); }},
      {"mean_member_democracy_end", T::number, "democracy 0-1", "mean democracy of members at the last step",
       [](R r) -> Cell { return r.last_members.mean_democracy; }},
  };
  return columns;
}

const std::vector<ColumnDef<CrisisView>>& per_crisis_columns() {
  using R = const CrisisView&;
  using T = CellType;
  static const std::vector<ColumnDef<CrisisView>> columns = {
      {"deadlock_months", T::number, "months", "months deadlocked (a member wants action, none decided)",
       [](R r) -> Cell { return double(r.tally.deadlock_steps * r.months_per_step); }},
      {"months_to_threat", T::number, "months", "months from crisis start to the first decision of threat or more (empty: never)",
       [](R r) -> Cell { return months(r.tally.steps_to_threat, r.months_per_step); }},
      {"months_to_air_campaign", T::number, "months", "months from crisis start to the first decision of air campaign or more (empty: never)",
       [](R r) -> Cell { return months(r.tally.steps_to_air_campaign, r.months_per_step); }},
      {"max_level", T::integer, "level 0-4", "highest level decided", [](R r) -> Cell { return r.tally.max_level; }},
      {"mean_level", T::number, "level 0-4", "mean level decided over the crisis' active steps (intensity)",
       [](R r) -> Cell {
         return r.tally.active_steps > 0 ? Cell(double(r.tally.level_sum) / r.tally.active_steps) : Cell();
       }},
      {"vetoes", T::integer, "member-steps", "vetoes cast, summed over steps", [](R r) -> Cell { return r.tally.vetoes; }},
      {"vetoing_members", T::integer, "states", "distinct members who vetoed at least once",
       [](R r) -> Cell { return std::count(r.tally.vetoed.begin(), r.tally.vetoed.end(), 1); }},
      {"bypass_months", T::number, "months", "months a directorate acted outside the institution",
       [](R r) -> Cell { return double(r.tally.bypass_steps * r.months_per_step); }},
  };
  return columns;
}

const std::vector<ColumnDef<SummaryTally::Wave>>& per_wave_columns() {
  using R = const SummaryTally::Wave&;
  using T = CellType;
  static const std::vector<ColumnDef<SummaryTally::Wave>> columns = {
      {"step", T::integer, "step", "step of the accession wave", [](R r) -> Cell { return r.step; }},
      {"new_members", T::integer, "states", "states admitted in the wave", [](R r) -> Cell { return r.new_members; }},
      {"mean_credibility_before", T::number, "probability", "mean credibility over members the step before (empty at step 0)",
       [](R r) -> Cell { return r.before ? Cell(r.before->mean) : Cell(); }},
      {"mean_credibility_after", T::number, "probability", "mean credibility over members at the wave's step",
       [](R r) -> Cell { return r.after.mean; }},
      {"new_members_credibility_after", T::number, "probability", "mean credibility of the new members at the wave's step",
       [](R r) -> Cell { return r.new_members_credibility; }},
      {"existing_members_credibility_after", T::number, "probability",
       "mean credibility, at the wave's step, of those who were members before it (against mean_credibility_before: "
       "the change to the existing members alone, without the composition of the mean)",
       [](R r) -> Cell { return r.existing_members ? Cell(r.existing_members_credibility) : Cell(); }},
      {"hollow_share_before", T::number, "share", "share of hollow guarantees the step before (empty at step 0)",
       [](R r) -> Cell { return r.before ? Cell(r.before->hollow_share) : Cell(); }},
      {"hollow_share_after", T::number, "share", "share of hollow guarantees at the wave's step",
       [](R r) -> Cell { return r.after.hollow_share; }},
  };
  return columns;
}

struct AspirantView {
  const SummaryTally::Aspirant& tally;
  int months_per_step;
};

const std::vector<ColumnDef<AspirantView>>& per_aspirant_columns() {
  using R = const AspirantView&;
  using T = CellType;
  static const std::vector<ColumnDef<AspirantView>> columns = {
      {"months_to_accession", T::number, "months", "months from the start to the aspirant's accession (empty: never)",
       [](R r) -> Cell { return months(r.tally.joined_step, r.months_per_step); }},
      {"accession_votes", T::integer, "votes", "times the aspirant's admission was put to the members",
       [](R r) -> Cell { return r.tally.votes; }},
      {"accession_blocks", T::integer, "votes", "block votes cast against its admission, over all those votes",
       [](R r) -> Cell { return r.tally.blocks; }},
  };
  return columns;
}

std::string wave_prefix(std::size_t k) { return fmt::format("wave{}_", k + 1); }

template <typename Row>
void append_cells(SummaryRow& into, const std::vector<ColumnDef<Row>>& columns, const Row& row) {
  for (const auto& c : columns) into.push_back(c.value(row));
}

}  // namespace

std::vector<Column> summary_table_columns(const ScenarioDef& def) {
  std::vector<Column> columns;
  describe(columns, run_columns());
  for (const auto& c : def.crises) describe(columns, per_crisis_columns(), c.id + "_");
  const auto waves = accession_wave_steps(def);
  for (std::size_t k = 0; k < waves.size(); ++k) describe(columns, per_wave_columns(), wave_prefix(k));
  for (const auto& code : def.alliance.aspirants) describe(columns, per_aspirant_columns(), code + "_");
  return columns;
}

SummaryTally start_tally(const RecordingContext& context, int replicate, std::uint64_t seed) {
  SummaryTally t;
  t.replicate = replicate;
  t.seed = seed;
  t.months_per_step = context.months_per_step;
  t.waves.resize(context.wave_steps.size());
  for (std::size_t k = 0; k < t.waves.size(); ++k) t.waves[k].step = context.wave_steps[k];
  for (StateId a : context.aspirants) t.aspirants.push_back({.state = a});
  return t;
}

void tally_step(SummaryTally& t, const World& w, const RecordingContext& context) {
  const CredibilityStats stats = credibility_stats(w, context.hollow_threshold);
  if (w.step == 0) {
    t.start = stats;
    t.members_start = w.members().size();
    t.crises.resize(w.crises.size());
    for (auto& c : t.crises) c.vetoed.assign(w.state_count(), 0);
  }
  for (std::size_t k = 0; k < w.crises.size(); ++k) {
    const Crisis& c = w.crises[k];
    SummaryTally::Crisis& ct = t.crises[k];
    if (!c.active) continue;
    const int since_start = w.step - c.start;
    const int level = level_index(c.decision);
    ct.deadlock_steps += c.deadlock;
    ct.bypass_steps += c.bypass;
    ct.vetoes += c.vetoes;
    ct.max_level = std::max(ct.max_level, level);
    ct.level_sum += level;
    ++ct.active_steps;
    if (level >= level_index(ActionLevel::threat) && !ct.steps_to_threat) ct.steps_to_threat = since_start;
    if (level >= level_index(ActionLevel::air_campaign) && !ct.steps_to_air_campaign) ct.steps_to_air_campaign = since_start;
  }
  for (const EventRecord& e : w.events) {
    if (const auto* veto = std::get_if<logged::Veto>(&e)) t.crises[std::size_t(veto->crisis)].vetoed[veto->member.value] = 1;
    if (std::holds_alternative<logged::Intervention>(e)) ++t.interventions;
    if (const auto* a = std::get_if<logged::Accession>(&e); a && a->endogenous) ++t.endogenous_accessions;
    if (const auto* r = std::get_if<logged::SanctionReform>(&e); r && r->adopted && !t.sanction_reform_step)
      t.sanction_reform_step = w.step;
    for (SummaryTally::Aspirant& a : t.aspirants) {
      if (const auto* v = std::get_if<logged::Vote>(&e); v && v->issue == logged::VoteIssue::accession && v->subject == a.state) {
        ++a.votes;
        for (std::size_t i = 0; i < w.state_count(); ++i)
          a.blocks += w.cache.vote_answers[v->answers + i] == static_cast<std::uint8_t>(logged::VoteAnswer::block);
      }
      if (const auto* j = std::get_if<logged::Accession>(&e); j && j->state == a.state && !a.joined_step)
        a.joined_step = w.step;
    }
  }
  // Only the last step's are written: computed there alone (the Spearman
  // correlation sorts the members, and a sweep runs this every step).
  if (w.step + 1 == static_cast<int>(context.dates.size())) t.last_members = member_stats(w, true);
  t.threat_end = w.adversary.threat;
  t.adversary_capability_end = w.adversary.capability;

  for (SummaryTally::Wave& wave : t.waves) {
    if (wave.step != w.step) continue;
    if (w.step > 0) wave.before = t.last;
    wave.after = stats;
    double total = 0.0, existing_total = 0.0;
    for (StateId m : w.members()) {
      const double credibility = w.cache.credibility.credibility[m.value];
      if (w.states[m.value].joined_step != w.step) {
        ++wave.existing_members;
        existing_total += credibility;
        continue;
      }
      ++wave.new_members;
      total += credibility;
    }
    wave.new_members_credibility = wave.new_members ? total / wave.new_members : 0.0;
    wave.existing_members_credibility = wave.existing_members ? existing_total / wave.existing_members : 0.0;
  }
  t.last = stats;
  t.members_end = w.members().size();
  t.steps = w.step + 1;
}

SummaryRow summary_row(const SummaryTally& tally) {
  SummaryRow row;
  row.reserve(run_columns().size() + tally.crises.size() * per_crisis_columns().size() +
              tally.waves.size() * per_wave_columns().size());
  append_cells(row, run_columns(), tally);
  for (const auto& c : tally.crises) append_cells(row, per_crisis_columns(), CrisisView{c, tally.months_per_step});
  for (const auto& w : tally.waves) append_cells(row, per_wave_columns(), w);
  for (const auto& a : tally.aspirants) append_cells(row, per_aspirant_columns(), AspirantView{a, tally.months_per_step});
  return row;
}

}  // namespace alliance
