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

namespace {

// The weight nu of a non-rival ally: 1 (the scalar form) when the scenario
// has no rivalries, whatever nonrival_weight says.
double nonrival_weight(const World& world) {
  return world.cache.rivalries.empty() ? 1.0 : world.params.burden.nonrival_weight;
}

// M1's slot of every member, and the rival pairs among members this step
// (none when nu = 1: then rivals weigh like any ally). Returns the pairs.
std::span<const RivalSlots> rival_slots(World& world, double nu) {
  auto& s = world.cache.burden;
  if (nu >= 1.0) return {};
  std::fill(s.slot.begin(), s.slot.end(), -1);
  int k = 0;
  for (StateId m : world.members()) s.slot[m.value] = k++;
  std::size_t count = 0;  // `pairs` has one place per rivalry (build_world): nothing allocates
  for (const Rivalry& r : world.cache.rivalries) {
    const int a = s.slot[r.a.value], b = s.slot[r.b.value];
    if (a >= 0 && b >= 0 && r.runs_at(world.step))
      s.pairs[count++] = {static_cast<std::size_t>(a), static_cast<std::size_t>(b)};
  }
  return std::span<const RivalSlots>(s.pairs).first(count);
}

}  // namespace

namespace {

// Solves the m x m system M z = r in place by Gaussian elimination with
// partial pivoting (M row-major in `m_`, overwritten; z into `r`). False
// when M is singular. Small (the members with rivals) and allocation-free.
bool solve_in_place(std::span<double> m_, std::span<double> r, std::size_t m) {
  auto at = [&](std::size_t i, std::size_t j) -> double& { return m_[i * m + j]; };
  for (std::size_t k = 0; k < m; ++k) {
    std::size_t pivot = k;
    for (std::size_t i = k + 1; i < m; ++i)
      if (std::abs(at(i, k)) > std::abs(at(pivot, k))) pivot = i;
    if (std::abs(at(pivot, k)) < 1e-12) return false;
    if (pivot != k) {
      for (std::size_t j = 0; j < m; ++j) std::swap(at(k, j), at(pivot, j));
      std::swap(r[k], r[pivot]);
    }
    for (std::size_t i = k + 1; i < m; ++i) {
      const double f = at(i, k) / at(k, k);
      if (f == 0.0) continue;
      for (std::size_t j = k; j < m; ++j) at(i, j) -= f * at(k, j);
      r[i] -= f * r[k];
    }
  }
  for (std::size_t k = m; k-- > 0;) {
    double v = r[k];
    for (std::size_t j = k + 1; j < m; ++j) v -= at(k, j) * r[j];
    r[k] = v / at(k, k);
  }
  return true;
}

}  // namespace

int solve_spending_with_rivals(std::span<const double> a, std::span<const double> b, std::span<const double> c,
                               std::span<const RivalSlots> pairs, std::span<double> x,
                               std::span<std::uint8_t> active, RivalScratch& s) {
  const std::size_t n = a.size();
  bool pairwise = false;
  for (const RivalSlots& p : pairs) pairwise |= c[p.a] > 0.0 || c[p.b] > 0.0;
  if (!pairwise) {
    solve_spending_equilibrium(a, b, x, active);
    return 1;
  }
  // The slots with rivals: R and G live there.
  std::fill(s.place.begin(), s.place.begin() + static_cast<std::ptrdiff_t>(n), -1);
  std::size_t m = 0;
  for (const RivalSlots& p : pairs)
    for (std::size_t slot : {p.a, p.b})
      if (s.place[slot] < 0) {
        s.place[slot] = static_cast<int>(m);
        s.slots[m++] = slot;
      }
  double scale = 1.0;
  for (double v : a) scale = std::max(scale, v);
  std::fill(s.rivals.begin(), s.rivals.begin() + static_cast<std::ptrdiff_t>(n), 0.0);

  constexpr int kMaxNewtonSteps = 50;
  int solves = 0;
  for (int step = 0; step < kMaxNewtonSteps; ++step) {
    for (std::size_t i = 0; i < n; ++i) s.shifted[i] = a[i] + c[i] * s.rivals[i];
    solve_spending_equilibrium(std::span<const double>(s.shifted).first(n), b, x, active);
    ++solves;
    // G(R): the rivals' spending in this solution; the residual F = R - G.
    std::fill(s.response.begin(), s.response.begin() + static_cast<std::ptrdiff_t>(n), 0.0);
    for (const RivalSlots& p : pairs) {
      s.response[p.a] += x[p.b];
      s.response[p.b] += x[p.a];
    }
    double off = 0.0;
    for (std::size_t q = 0; q < m; ++q) {
      const std::size_t slot = s.slots[q];
      s.step[q] = s.response[slot] - s.rivals[slot];  // -F
      off = std::max(off, std::abs(s.step[q]));
    }
    if (off <= 1e-12 * scale) break;
    // G's Jacobian where the spenders stay: for spenders j, l,
    // dx_j/da_l = [j = l]/(1 - b_j) - b_j / ((1 - b_j)(1 - b_l) D),
    // D = 1 + sum over spenders b/(1 - b); da_l/dR_l = c_l. Matrix I - J.
    double d = 1.0;
    for (std::size_t i = 0; i < n; ++i)
      if (active[i]) d += b[i] / (1.0 - b[i]);
    auto dx_da = [&](std::size_t j, std::size_t l) {
      if (!active[j] || !active[l]) return 0.0;
      return (j == l ? 1.0 / (1.0 - b[j]) : 0.0) - b[j] / ((1.0 - b[j]) * (1.0 - b[l]) * d);
    };
    std::span<double> matrix = std::span(s.matrix).first(m * m);
    std::fill(matrix.begin(), matrix.end(), 0.0);
    for (std::size_t q = 0; q < m; ++q) matrix[q * m + q] = 1.0;
    for (const RivalSlots& p : pairs) {
      for (std::size_t r = 0; r < m; ++r) {
        const std::size_t l = s.slots[r];
        matrix[static_cast<std::size_t>(s.place[p.a]) * m + r] -= dx_da(p.b, l) * c[l];
        matrix[static_cast<std::size_t>(s.place[p.b]) * m + r] -= dx_da(p.a, l) * c[l];
      }
    }
    const bool newton = solve_in_place(matrix, std::span(s.step).first(m), m);
    for (std::size_t q = 0; q < m; ++q) {
      const std::size_t slot = s.slots[q];
      // Newton's step, or, where I - J is singular, the plain step R <- G.
      const double next = newton ? s.rivals[slot] + s.step[q] : s.response[slot];
      s.rivals[slot] = std::max(0.0, next);  // the rivals' spending is never negative
    }
  }
  return solves;
}

void fit_security_weights(World& world) {
  const double spillover = world.params.burden.spillover;
  const double nu = nonrival_weight(world);
  double recorded_total = 0.0;
  for (StateId m : world.members()) {
    const State& st = world.states[m.value];
    recorded_total += st.defence_share * st.gdp;
  }
  // R_i: the recorded spending of i's rivals in the alliance (pairwise form).
  auto& rivals = world.cache.burden.rivals_spending;
  std::fill(rivals.begin(), rivals.end(), 0.0);
  if (nu < 1.0) {
    for (const Rivalry& r : world.cache.rivalries) {
      const State& x = world.states[r.a.value];
      const State& y = world.states[r.b.value];
      if (!x.is_member() || !y.is_member() || !r.runs_at(world.step)) continue;
      rivals[r.a.value] += y.defence_share * y.gdp;
      rivals[r.b.value] += x.defence_share * x.gdp;
    }
  }
  for (State& st : world.states) st.security_weight = st.defence_share;
  for (StateId m : world.members()) {
    State& st = world.states[m.value];
    const double recorded = st.defence_share * st.gdp;
    const double k = st.relative_gains;
    // With nu = 1 the second term is 0 and this is the scalar form, bit for bit.
    const double allies = spillover * (1.0 - k * nu) * (recorded_total - recorded) -
                          spillover * k * (1.0 - nu) * rivals[m.value];
    st.security_weight = std::clamp((recorded + allies) / (st.gdp + allies), 0.0, 1.0);
  }
}

void update_burden_sharing(World& world) {
  if (world.params.burden.calibrate) fit_security_weights(world);
  auto& s = world.cache.burden;
  const double spillover = world.params.burden.spillover;
  const double nu = nonrival_weight(world);
  std::size_t k = 0;
  for (StateId m : world.members()) {
    const State& st = world.states[m.value];
    s.a[k] = st.security_weight * st.gdp;
    // b_i = (1 - alpha_i) sigma (1 - k_i nu), c_i = (1 - alpha_i) sigma k_i (1 - nu):
    // with nu = 1, today's scalar form, c_i = 0.
    s.b[k] = (1.0 - st.security_weight) * spillover * (1.0 - st.relative_gains * nu);
    s.c[k] = (1.0 - st.security_weight) * spillover * st.relative_gains * (1.0 - nu);
    ++k;
  }
  const auto count = world.members().size();
  const std::span<const RivalSlots> pairs = rival_slots(world, nu);
  solve_spending_with_rivals(std::span(s.a).first(count), std::span(s.b).first(count), std::span(s.c).first(count),
                             pairs, std::span(s.x).first(count), std::span(s.active).first(count), s.rival);
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
