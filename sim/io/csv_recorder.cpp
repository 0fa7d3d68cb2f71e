#include "io/csv_recorder.hpp"

#include <algorithm>

#include "core/calendar.hpp"
#include "core/statistics.hpp"

namespace alliance {

RecordingContext RecordingContext::from(const ScenarioDef& def) {
  RecordingContext c;
  c.months_per_step = alliance::months_per_step(def.simulation.step_unit);
  for (int t = 0; t < def.simulation.steps; ++t)
    c.dates.push_back(format_year_month(add_months(def.simulation.start, t * c.months_per_step)));
  c.hollow_threshold = def.alliance.credibility.hollow_threshold;
  c.wave_steps = accession_wave_steps(def);
  for (const std::string& code : def.alliance.aspirants)
    for (std::size_t i = 0; i < def.states.size(); ++i)
      if (def.states[i].code == code) c.aspirants.push_back(StateId{static_cast<std::uint32_t>(i)});
  return c;
}

MemberStats member_stats(const World& w, bool at_end) {
  MemberStats s;
  if (w.members().empty()) return s;
  std::vector<double> gdp, share, free_riding;
  double total_gdp = 0.0;
  for (StateId m : w.members()) {
    const State& st = w.states[m.value];
    s.total_spending += st.spending;
    s.mean_democracy += st.democracy;
    total_gdp += st.gdp;
    gdp.push_back(st.gdp);
    share.push_back(st.spending / st.gdp);
    if (at_end)
      free_riding.push_back(st.security_weight > 0.0 ? (st.security_weight - st.spending / st.gdp) / st.security_weight
                                                   : 0.0);
  }
  s.mean_democracy /= static_cast<double>(w.members().size());
  const State& leader = w.states[w.rule.leader.value];
  if (leader.is_member()) {
    if (s.total_spending > 0.0) s.leader_burden_share = leader.spending / s.total_spending;
    s.leader_gdp_share = leader.gdp / total_gdp;
  }
  s.spearman_gdp_spending = spearman(gdp, share);
  if (at_end) {
    s.spearman_gdp_free_riding = spearman(gdp, free_riding);
    double change = 0.0;
    int admitted = 0;
    for (StateId m : w.members()) {
      const State& st = w.states[m.value];
      if (st.joined_step <= 0) continue;  // founders: no accession within the run
      const double d = st.democracy - st.democracy_at_accession;
      change += d;
      ++admitted;
      s.backslid_since_accession += d < -kBacksliding;
    }
    if (admitted > 0) s.democracy_change_since_accession = change / admitted;
  }
  return s;
}

CredibilityStats credibility_stats(const World& w, double hollow_threshold) {
  CredibilityStats s;
  if (w.members().empty()) return s;
  s.min = 1.0;
  int hollow = 0;
  for (StateId m : w.members()) {
    const double c = w.cache.credibility.credibility[m.value];
    s.mean += c;
    s.min = std::min(s.min, c);
    hollow += c < hollow_threshold;
  }
  const auto n = static_cast<double>(w.members().size());
  s.mean /= n;
  s.hollow_share = hollow / n;
  return s;
}

CsvRecorder::CsvRecorder(const RecordingContext& context, int replicate, std::uint64_t seed,
                         const TableSelection& tables)
    : context_(context), replicate_(replicate), seed_(seed), tables_(tables) {}

bool CsvRecorder::records_anything() const {
  for (RunTable t : {RunTable::steps, RunTable::members, RunTable::crises, RunTable::votes, RunTable::events})
    if (tables_.has(t)) return true;
  return false;
}

RowPlace CsvRecorder::place(const World& w) const {
  return RowPlace{replicate_, seed_, w.step, &context_.dates[static_cast<std::size_t>(w.step)]};
}

void CsvRecorder::on_step(const World& w) {
  if (tables_.has(RunTable::steps)) record_step(w);
  if (tables_.has(RunTable::members)) record_members(w);
  if (tables_.has(RunTable::crises) || tables_.has(RunTable::votes)) record_crises(w);
  if (tables_.has(RunTable::events)) record_events(w);
}

void CsvRecorder::record_step(const World& w) {
  StepRow row{place(w), w, credibility_stats(w, context_.hollow_threshold), member_stats(w)};
  for (const Crisis& c : w.crises) {
    if (!c.active) continue;
    ++row.active_crises;
    row.action_level = std::max(row.action_level, level_index(c.decision));
    row.deadlock = row.deadlock || c.deadlock;
  }
  row.interventions = std::count_if(w.events.begin(), w.events.end(),
                                    [](const EventRecord& e) { return std::holds_alternative<logged::Intervention>(e); });
  append_row(steps_, step_columns(), row);
}

void CsvRecorder::record_members(const World& w) {
  const RowPlace at = place(w);
  double members_spending = 0.0;
  for (StateId m : w.members()) members_spending += w.states[m.value].spending;
  const auto& c = w.cache.credibility;
  if (ally_willingness_.size() != w.state_count() || willingness_version_ != w.cache.guarantee_version ||
      willingness_members_ != w.members()) {
    const double allies = static_cast<double>(w.members().size()) - 1.0;
    ally_willingness_.assign(w.state_count(), 0.0);
    for (StateId k : w.members()) {
      double willing = 0.0;
      for (StateId m : w.members())
        if (m != k) willing += c.willingness(m.value, static_cast<Eigen::Index>(k.value));
      ally_willingness_[k.value] = allies > 0 ? willing / allies : 1.0;
    }
    willingness_version_ = w.cache.guarantee_version;
    willingness_members_ = w.members();
  }
  const std::size_t columns = member_columns().size();
  if (member_memos_.size() != w.state_count() * columns) member_memos_.assign(w.state_count() * columns, NumberMemo{});
  for (std::size_t k = 0; k < w.state_count(); ++k) {
    const State& s = w.states[k];
    MemberRow row{at, w, k, s};
    if (s.is_member()) {
      row.hollow = c.credibility[k] < context_.hollow_threshold;
      row.mean_ally_willingness = ally_willingness_[k];
      row.members_spending = members_spending;
    }
    append_row(members_, member_columns(), row, &member_memos_[k * columns]);
  }
}

void CsvRecorder::record_crises(const World& w) {
  const RowPlace at = place(w);
  for (const Crisis& c : w.crises) {
    if (!c.active) continue;
    if (tables_.has(RunTable::crises)) append_row(crises_, crisis_columns(), CrisisRow{at, c, w.rule.rule});
    if (tables_.has(RunTable::votes))
      for (StateId m : w.members()) append_row(votes_, vote_columns(), VoteRow{at, c, w.states[m.value], m.value});
  }
}

void CsvRecorder::record_events(const World& w) {
  const RowPlace at = place(w);
  for (const EventRecord& e : w.events) {
    const EventFields fields = event_fields(w, e);
    append_row(events_, event_columns(), EventRow{at, event_name(e), fields.actor, fields.crisis, fields.detail});
  }
}

void CsvRecorder::move_into(ReplicateTables& t) {
  t[RunTable::steps].assign(steps_.data(), steps_.size());
  t[RunTable::members].assign(members_.data(), members_.size());
  t[RunTable::crises].assign(crises_.data(), crises_.size());
  t[RunTable::votes].assign(votes_.data(), votes_.size());
  t[RunTable::events].assign(events_.data(), events_.size());
}

}  // namespace alliance
