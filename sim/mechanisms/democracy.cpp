#include "mechanisms/democracy.hpp"

#include <algorithm>

#include "core/math.hpp"
#include "rules/decision_rules.hpp"

namespace alliance {

namespace {

void socialise(World& w) {
  if (w.params.alliance.socialisation <= 0.0 || w.members().size() < 2) return;
  double mean_k = 0.0, mean_phi = 0.0;
  for (StateId m : w.members()) {
    mean_k += w.states[m.value].relative_gains;
    mean_phi += w.states[m.value].affinity_base;
  }
  mean_k /= static_cast<double>(w.members().size());
  mean_phi /= static_cast<double>(w.members().size());
  const double rate = std::min(1.0, w.params.alliance.socialisation * w.params.years_per_step);
  for (StateId m : w.members()) {
    State& s = w.states[m.value];
    s.relative_gains += rate * (mean_k - s.relative_gains);
    s.affinity_base += rate * (mean_phi - s.affinity_base);
  }
}

}  // namespace

void update_democracy(World& w) {
  const DemocracyParams& p = w.params.democracy;
  const double dt = w.params.years_per_step;
  socialise(w);
  bool affinity_changed = w.params.alliance.socialisation > 0.0;
  for (std::size_t i = 0; i < w.state_count(); ++i) {
    State& s = w.states[i];
    if (s.is_member()) {
      s.democracy += std::min(1.0, p.drift * dt) * (s.democracy_baseline - s.democracy);
      if (w.sanctions && s.democracy < p.sanction_threshold)
        s.democracy += std::min(1.0, p.sanction_pull * dt) * (p.sanction_threshold - s.democracy);
      const bool backsliding = s.democracy < p.sanction_threshold;
      if (backsliding && !s.backsliding)
        w.events.push_back(logged::Backsliding{.state = StateId{static_cast<std::uint32_t>(i)}, .democracy = s.democracy});
      s.backsliding = backsliding;
    } else if (s.aspirant) {
      s.democracy += std::min(1.0, p.conditionality_pull * dt) * (1.0 - s.democracy);
    }
    s.democracy = clamp01(s.democracy);
    const double affinity = clamp01(s.affinity_base + p.affinity_slope * (s.democracy_initial - s.democracy));
    if (affinity != s.adversary_affinity) affinity_changed = true;
    s.adversary_affinity = affinity;
  }
  if (affinity_changed) w.cache.guarantee_inputs_changed = true;  // willingness reads affinity
}

bool vote_sanction_reform(World& w) {
  const double threshold = w.params.democracy.sanction_threshold;
  int yes = 0;
  std::fill(w.cache.ballot.begin(), w.cache.ballot.end(), 0);
  for (StateId m : w.members()) {
    w.cache.ballot[m.value] = w.states[m.value].democracy >= threshold ? 1 : 0;
    yes += w.cache.ballot[m.value];
  }
  const bool adopted = aggregate_intensity(w.rule, w.members(), w.cache.ballot) != ActionLevel::none;
  if (!adopted) {
    for (StateId m : w.members()) {
      if (can_block_alone(w.rule, m) && w.cache.ballot[m.value] == 0)
        w.events.push_back(logged::ReformVeto{.member = m});
    }
  }
  logged::Vote vote{.issue = logged::VoteIssue::sanction_reform, .adopted = adopted};
  vote.answers = record_votes(w.rule, w.members(), w.cache.ballot, w.state_count(), w.cache.vote_answers);
  w.events.push_back(std::move(vote));
  w.events.push_back(logged::SanctionReform{
      .adopted = adopted, .support = w.members().empty() ? 0.0 : double(yes) / double(w.members().size())});
  if (adopted) w.sanctions = true;
  return adopted;
}

}  // namespace alliance
