#include "mechanisms/adversary.hpp"

#include <cmath>

#include <boost/random/uniform_01.hpp>

namespace alliance {

double threat_pressure(const World& w) {
  const Adversary& adv = w.adversary;
  double near_capability = 0.0, near_members = 0.0, near_promised = 0.0;
  for (std::size_t j = 0; j < w.state_count(); ++j) {
    const State& s = w.states[j];
    const double g = w.params.border_proximity[j];
    if (s.is_member()) {
      near_capability += (s.capability + w.cache.deployment_in[j]) * g;
      near_members += g;
    } else if (s.promised) {
      near_promised += g;
    }
  }
  const double balance = near_capability > 0.0 ? near_capability / (near_capability + adv.capability) : 0.0;
  // Consultation and transparency (ψ) reassure about intent, not about
  // capability: they discount what membership and promises signal, not the
  // balance (Keohane & Martin 1995; the NATO-Russia Founding Act, 1997).
  const double intent = 1.0 - w.params.alliance.consultation;
  return balance + intent * (adv.params.membership_weight * near_members + adv.params.promise_weight * near_promised);
}

double intervention_hazard(const Adversary& adv, bool promised, bool member, double g, double credibility,
                           double dt) {
  const double rate = (promised ? adv.params.intervention_rate : 0.0) + (member ? 0.0 : adv.params.revisionism_rate);
  if (rate == 0.0) return 0.0;
  return 1.0 - std::exp(-dt * rate * adv.threat * g * (1.0 - credibility));
}

void update_adversary(World& w, Rng& rng) {
  Adversary& adv = w.adversary;
  adv.pressure = threat_pressure(w);
  adv.threat += w.params.years_per_step * adv.params.threat_rate * (adv.pressure - adv.threat);
  adv.threat = std::max(0.0, adv.threat);
  if (is_budget_step(w)) {
    adv.capability += adv.params.build_rate * adv.threat * adv.initial_capability -
                      adv.params.depreciation * (adv.capability - adv.initial_capability);
    adv.capability = std::max(0.0, adv.capability);
    w.cache.guarantee_inputs_changed = true;
  }
  boost::random::uniform_01<double> uniform;
  for (std::size_t j = 0; j < w.state_count(); ++j) {
    const double u = uniform(rng);  // drawn for every state, every step
    State& s = w.states[j];
    if (s.intervened) continue;
    // Credibility as of the previous step: this step's is computed after.
    const double cred = s.is_member() ? w.cache.credibility.credibility[j] : 0.0;
    if (u < intervention_hazard(adv, s.promised, s.is_member(), w.params.border_proximity[j], cred, w.params.years_per_step)) {
      s.intervened = true;
      w.events.push_back(logged::Intervention{.state = StateId{static_cast<std::uint32_t>(j)}, .threat = adv.threat});
    }
  }
}

}  // namespace alliance
