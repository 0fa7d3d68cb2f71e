#include "io/summary_recorder.hpp"

#include <algorithm>

namespace alliance {

SummaryRecorder::SummaryRecorder(const RecordingContext& context, int replicate, std::uint64_t seed)
    : context_(context) {
  tally_.replicate = replicate;
  tally_.seed = seed;
  tally_.months_per_step = context.months_per_step;
  tally_.waves.resize(context.wave_steps.size());
  for (std::size_t k = 0; k < tally_.waves.size(); ++k) tally_.waves[k].step = context.wave_steps[k];
}

void SummaryRecorder::on_step(const World& w) {
  SummaryTally& t = tally_;
  const CredibilityStats stats = credibility_stats(w, context_.hollow_threshold);
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
  }
  t.last_members = member_stats(w);
  t.threat_end = w.adversary.threat;
  t.adversary_capability_end = w.adversary.capability;

  for (SummaryTally::Wave& wave : t.waves) {
    if (wave.step != w.step) continue;
    if (w.step > 0) wave.before = t.last;
    wave.after = stats;
    double total = 0.0;
    for (StateId m : w.members()) {
      if (w.states[m.value].joined_step != w.step) continue;
      ++wave.new_members;
      total += w.cache.credibility.credibility[m.value];
    }
    wave.new_members_credibility = wave.new_members ? total / wave.new_members : 0.0;
  }
  t.last = stats;
  t.members_end = w.members().size();
  t.steps = w.step + 1;
}

}  // namespace alliance
