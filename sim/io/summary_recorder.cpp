#include "io/summary_recorder.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/compile.h>

namespace alliance {

SummaryRecorder::SummaryRecorder(const RecordingContext& context, int replicate, std::uint64_t seed)
    : context_(context), replicate_(replicate), seed_(seed), waves_(context.wave_steps.size()) {}

void SummaryRecorder::on_step(const World& w) {
  const CredibilityStats stats = credibility_stats(w, context_.hollow_threshold);
  if (w.step == 0) {
    start_ = stats;
    members_start_ = w.members.size();
    crises_.resize(w.crises.size());
    for (auto& c : crises_) c.vetoed.assign(w.state_count(), 0);
  }
  for (std::size_t k = 0; k < w.crises.size(); ++k) {
    const Crisis& c = w.crises[k];
    CrisisTally& t = crises_[k];
    if (!c.active) continue;
    const int since_start = w.step - c.start;
    const int level = level_index(c.decision);
    t.deadlock_steps += c.deadlock;
    t.bypass_steps += c.bypass;
    t.vetoes += c.vetoes;
    t.max_level = std::max(t.max_level, level);
    t.level_sum += level;
    ++t.active_steps;
    if (level >= level_index(ActionLevel::threat) && !t.steps_to_threat) t.steps_to_threat = since_start;
    if (level >= level_index(ActionLevel::air_campaign) && !t.steps_to_air_campaign) t.steps_to_air_campaign = since_start;
  }
  for (const EventRecord& e : w.events) {
    if (const auto* veto = std::get_if<logged::Veto>(&e)) crises_[std::size_t(veto->crisis)].vetoed[veto->member.value] = 1;
    if (std::holds_alternative<logged::Intervention>(e)) ++interventions_;
    if (const auto* a = std::get_if<logged::Accession>(&e); a && a->endogenous) ++endogenous_accessions_;
    if (const auto* r = std::get_if<logged::SanctionReform>(&e); r && r->adopted && !sanction_reform_step_)
      sanction_reform_step_ = w.step;
  }
  last_members_ = member_stats(w);
  threat_end_ = w.adversary.threat;
  adversary_capability_end_ = w.adversary.capability;

  for (std::size_t k = 0; k < waves_.size(); ++k) {
    if (context_.wave_steps[k] != w.step) continue;
    WaveTally& wave = waves_[k];
    if (w.step > 0) wave.before = last_;
    wave.after = stats;
    double total = 0.0;
    for (StateId m : w.members) {
      if (w.states[m.value].joined_step != w.step) continue;
      ++wave.new_members;
      total += w.credibility.credibility[m.value];
    }
    wave.new_members_credibility = wave.new_members ? total / wave.new_members : 0.0;
  }
  last_ = stats;
  members_end_ = w.members.size();
  steps_ = w.step + 1;
}

std::string SummaryRecorder::row() const {
  fmt::memory_buffer out;
  auto it = std::back_inserter(out);
  auto number = [&](double x) { out.push_back(','); append_number(out, x); };
  auto months = [&](const std::optional<int>& steps) {
    out.push_back(',');
    if (steps) append_number(out, double(*steps * context_.months_per_step));
  };
  fmt::format_to(it, FMT_COMPILE("{},{},{},{},{}"), replicate_, seed_, steps_, members_start_, members_end_);
  number(start_.mean);
  number(last_.mean);
  number(last_.min);
  number(last_.hollow_share);
  number(threat_end_);
  number(adversary_capability_end_);
  fmt::format_to(it, FMT_COMPILE(",{},"), interventions_);
  append_optional(out, last_members_.leader_burden_share);
  out.push_back(',');
  append_optional(out, last_members_.leader_gdp_share);
  out.push_back(',');
  append_optional(out, last_members_.spearman_gdp_spending);
  fmt::format_to(it, FMT_COMPILE(",{},"), endogenous_accessions_);
  if (sanction_reform_step_) fmt::format_to(it, FMT_COMPILE("{}"), *sanction_reform_step_);
  fmt::format_to(it, FMT_COMPILE(",{}"), sanction_reform_step_ ? 1 : 0);
  number(last_members_.mean_democracy);
  for (const CrisisTally& t : crises_) {
    number(double(t.deadlock_steps * context_.months_per_step));
    months(t.steps_to_threat);
    months(t.steps_to_air_campaign);
    const auto vetoing = std::count(t.vetoed.begin(), t.vetoed.end(), 1);
    fmt::format_to(it, FMT_COMPILE(",{},"), t.max_level);
    if (t.active_steps > 0) append_number(out, double(t.level_sum) / t.active_steps);
    fmt::format_to(it, FMT_COMPILE(",{},{}"), t.vetoes, vetoing);
    number(double(t.bypass_steps * context_.months_per_step));
  }
  for (std::size_t k = 0; k < waves_.size(); ++k) {
    const WaveTally& wave = waves_[k];
    fmt::format_to(it, FMT_COMPILE(",{},{},"), context_.wave_steps[k], wave.new_members);
    if (wave.before) append_number(out, wave.before->mean);
    number(wave.after.mean);
    number(wave.new_members_credibility);
    out.push_back(',');
    if (wave.before) append_number(out, wave.before->hollow_share);
    number(wave.after.hollow_share);
  }
  out.push_back('\n');
  return fmt::to_string(out);
}

}  // namespace alliance
