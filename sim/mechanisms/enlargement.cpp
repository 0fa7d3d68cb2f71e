#include "mechanisms/enlargement.hpp"

#include <algorithm>

#include "rules/decision_rules.hpp"

namespace alliance {

void admit(World& w, StateId state, bool with_capability, StateId deployer, double capability, bool endogenous) {
  w.states[state.value].joined_step = w.step;
  w.states[state.value].democracy_at_accession = w.states[state.value].democracy;
  w.states[state.value].integration = 0.0;  // the integrated command has yet to plan for it
  double deployed = 0.0;
  if (with_capability) {
    // "With capability": an ally stations forces in the new member (the
    // 2017 enhanced-forward-presence battlegroups are the model case).
    deployed = capability;
    w.graph.set_deployment(deployer, state, w.graph.deployment(deployer, state) + deployed);
  }
  w.events.push_back(logged::Accession{.state = state, .with_capability = with_capability, .deployed = deployed,
                                        .from = deployer, .endogenous = endogenous});
  refresh_derived_views(w);
  w.cache.guarantee_inputs_changed = true;
}

double value_of_admission(const World& w, StateId member, StateId aspirant) {
  double mean_exposure = 0.0;
  for (StateId m : w.members()) mean_exposure += w.cache.credibility.adversary_local[m.value];
  mean_exposure = w.members().empty() ? 0.0 : mean_exposure / double(w.members().size());
  const double exposure =
      mean_exposure > 0.0 ? w.cache.credibility.adversary_local[aspirant.value] / mean_exposure : 1.0;
  const State& i = w.states[member.value];
  return w.params.alliance.institutional_stake * w.states[aspirant.value].democracy -
         i.relative_gains * w.params.enlargement.cost * exposure - i.adversary_affinity;
}

void review_aspirants(World& w) {
  const int every = w.params.enlargement.review_every;
  if (every <= 0 || w.step == 0 || w.step % every != 0) return;
  for (std::size_t j = 0; j < w.state_count(); ++j) {
    const State& s = w.states[j];
    if (!s.aspirant || s.is_member() || s.intervened ||
        s.democracy < w.params.democracy.accession_threshold)
      continue;
    const StateId aspirant{static_cast<std::uint32_t>(j)};
    std::fill(w.cache.ballot.begin(), w.cache.ballot.end(), 0);
    for (StateId m : w.members()) w.cache.ballot[m.value] = value_of_admission(w, m, aspirant) > 0.0 ? 1 : 0;
    const bool adopted = aggregate_intensity(w.rule, w.members(), w.cache.ballot) != ActionLevel::none;
    logged::Vote vote{.issue = logged::VoteIssue::accession, .subject = aspirant, .adopted = adopted};
    vote.answers = record_votes(w.rule, w.members(), w.cache.ballot, w.state_count(), w.cache.vote_answers);
    w.events.push_back(std::move(vote));
    if (adopted)
      admit(w, aspirant, w.params.enlargement.with_capability, w.rule.leader, w.params.alliance.accession_capability, true);
  }
}

}  // namespace alliance
