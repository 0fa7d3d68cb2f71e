#include "mechanisms/burden_sharing.hpp"

#include <algorithm>
#include <cmath>

namespace alliance {

double solve_spending_equilibrium(std::span<const double> a, std::span<const double> b, std::span<double> x,
                                  std::span<std::uint8_t> active) {
  const std::size_t n = a.size();
  for (std::size_t i = 0; i < n; ++i) active[i] = a[i] > 0.0 && b[i] < 1.0;
  double total = 0.0;
  for (std::size_t round = 0; round <= n; ++round) {
    double numerator = 0.0, denominator = 1.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!active[i]) continue;
      numerator += a[i] / (1.0 - b[i]);
      denominator += b[i] / (1.0 - b[i]);
    }
    total = numerator / denominator;
    bool dropped = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (active[i] && a[i] < b[i] * total) {
        active[i] = 0;
        dropped = true;
      }
    }
    if (!dropped) break;
  }
  for (std::size_t i = 0; i < n; ++i) x[i] = active[i] ? (a[i] - b[i] * total) / (1.0 - b[i]) : 0.0;
  return total;
}

void fit_security_weights(World& world) {
  const double spillover = world.params.burden.spillover;
  double recorded_total = 0.0;
  for (StateId m : world.members()) {
    const State& st = world.states[m.value];
    recorded_total += st.defence_share * st.gdp;
  }
  for (State& st : world.states) st.security_weight = st.defence_share;
  for (StateId m : world.members()) {
    State& st = world.states[m.value];
    const double recorded = st.defence_share * st.gdp;
    const double allies = spillover * (1.0 - st.relative_gains) * (recorded_total - recorded);
    st.security_weight = std::clamp((recorded + allies) / (st.gdp + allies), 0.0, 1.0);
  }
}

void update_burden_sharing(World& world) {
  if (world.params.burden.calibrate) fit_security_weights(world);
  auto& s = world.cache.burden;
  std::size_t k = 0;
  for (StateId m : world.members()) {
    const State& st = world.states[m.value];
    s.a[k] = st.security_weight * st.gdp;
    s.b[k] = (1.0 - st.security_weight) * world.params.burden.spillover * (1.0 - st.relative_gains);
    ++k;
  }
  const auto count = world.members().size();
  solve_spending_equilibrium(std::span(s.a).first(count), std::span(s.b).first(count), std::span(s.x).first(count),
                             std::span(s.active).first(count));
  for (State& st : world.states) st.spending = st.security_weight * st.gdp;  // alone
  k = 0;
  for (StateId m : world.members()) world.states[m.value].spending = s.x[k++];

  if (is_budget_step(world)) {
    // Capability accrues over the budget year just ended.
    for (State& st : world.states) st.capability += st.spending - world.params.burden.depreciation * st.capability;
    for (State& st : world.states) st.capability = std::max(0.0, st.capability);
    world.cache.guarantee_inputs_changed = true;
  }
}

}  // namespace alliance
