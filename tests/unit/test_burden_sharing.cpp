#include <fmt/format.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "engine/step.hpp"
#include "mechanisms/burden_sharing.hpp"
#include "support/scenarios.hpp"

using namespace alliance;

namespace {

struct Game {
  std::vector<double> a, b, x;
  std::vector<std::uint8_t> active;
  double total = 0.0;
};

Game solve(std::vector<double> a, std::vector<double> b) {
  Game g{std::move(a), std::move(b), {}, {}, 0.0};
  g.x.resize(g.a.size());
  g.active.resize(g.a.size());
  g.total = solve_spending_equilibrium(g.a, g.b, g.x, g.active);
  return g;
}

// Largest gap between x_i and i's best response to the others.
double best_response_gap(const Game& g) {
  double gap = 0.0;
  for (std::size_t i = 0; i < g.a.size(); ++i) {
    const double others = g.total - g.x[i];
    const double best = std::max(0.0, g.a[i] - g.b[i] * others);
    gap = std::max(gap, std::abs(best - g.x[i]) / std::max(1.0, g.a[i]));
  }
  return gap;
}

}  // namespace

TEST_CASE("with spillover 0 every member spends its autarky level") {
  const std::vector<double> gdp{10000, 2000, 500, 50};
  const double alpha = 0.03;
  std::vector<double> a, b(gdp.size(), 0.0);
  for (double y : gdp) a.push_back(alpha * y);
  const Game g = solve(a, b);
  for (std::size_t i = 0; i < gdp.size(); ++i) CHECK(g.x[i] == doctest::Approx(alpha * gdp[i]));
}

TEST_CASE("a pure public good: the large carry the small (Olson & Zeckhauser)") {
  // sigma = 1, k = 0, equal preferences, unequal GDPs.
  const std::vector<double> gdp{10000, 3000, 2000, 800, 300, 50};
  const double alpha = 0.03;
  std::vector<double> a, b;
  for (double y : gdp) {
    a.push_back(alpha * y);
    b.push_back(1.0 - alpha);
  }
  const Game g = solve(a, b);
  CHECK(best_response_gap(g) < 1e-9);
  // Spending as a share of GDP does not fall as GDP rises, and the largest
  // carries a larger share than the smallest.
  for (std::size_t i = 1; i < gdp.size(); ++i) CHECK(g.x[i] / gdp[i] <= g.x[i - 1] / gdp[i - 1] + 1e-12);
  CHECK(g.x.front() / gdp.front() > g.x.back() / gdp.back());
}

TEST_CASE("the equilibrium is found within 1e-9 for random valid inputs") {
  Rng rng(11);
  auto u = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  for (int trial = 0; trial < 500; ++trial) {
    const std::size_t n = 1 + static_cast<std::size_t>(u() * 40);
    std::vector<double> a(n), b(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double alpha = u() * 0.2;
      a[i] = alpha * (1.0 + u() * 1e4);
      b[i] = (1.0 - alpha) * u() * (1.0 - u());  // sigma (1 - k)
    }
    const Game g = solve(a, b);
    CHECK(best_response_gap(g) < 1e-9);
    for (double x : g.x) CHECK(x >= 0.0);
  }
}

TEST_CASE("read as stand-alone shares, a realist discounts allies' spending and so spends more of its own") {
  auto spending = [](const std::string& k) {
    World w = build_world(test::line_scenario(
        {"alliance.burden.calibrate=false", "alliance.burden.spillover=0.5", "state.CCC.relative_gains=" + k}));
    Rng rng(1);
    step(w, rng);
    return w.states[test::id(w, "CCC").value].spending;
  };
  CHECK(spending("0.9") > spending("0.0"));
}

TEST_CASE("calibrated, the equilibrium spends the recorded shares, and free-riding is the gap to alpha") {
  // Any spillover and relative-gains weights: members spend what the record
  // says, each alpha is at least its recorded share, and a realist (who
  // discounts allies) has the smaller gap.
  Rng draws(5);
  auto u = [&] { return static_cast<double>(draws() >> 11) * 0x1.0p-53; };
  for (int trial = 0; trial < 50; ++trial) {
    const std::string sigma = fmt::format("{}", u());
    const std::string k = fmt::format("{}", u());
    World w = build_world(test::line_scenario({"alliance.burden.spillover=" + sigma, "state.CCC.relative_gains=" + k,
                                               fmt::format("state.AAA.defence_share={}", 0.1 * u()),
                                               fmt::format("state.BBB.defence_share={}", 0.1 * u())}));
    Rng step_rng(1);
    step(w, step_rng);
    for (StateId m : w.members()) {
      const State& s = w.states[m.value];
      CHECK(s.spending == doctest::Approx(s.defence_share * s.gdp).epsilon(1e-9));
      CHECK(s.security_weight >= s.defence_share - 1e-12);
      CHECK(s.security_weight <= 1.0);
    }
  }
  auto gap = [](const std::string& k) {
    World w = build_world(test::line_scenario({"alliance.burden.spillover=0.5", "state.CCC.relative_gains=" + k}));
    Rng rng(1);
    step(w, rng);
    const State& s = w.states[test::id(w, "CCC").value];
    return s.security_weight - s.defence_share;
  };
  CHECK(gap("0.9") < gap("0.0"));
  CHECK(gap("0.0") > 0.0);
}

TEST_CASE("capability accrues once a budget year from equilibrium spending") {
  World w = build_world(test::line_scenario({"simulation.steps=13", "alliance.burden.depreciation=0.1"}));
  Rng rng(1);
  const auto c = test::id(w, "CCC").value;
  const double before = w.states[c].capability;
  for (int t = 0; t < 12; ++t) {
    w.step = t;
    step(w, rng);
    CHECK(w.states[c].capability == before);  // nothing until the year ends
  }
  w.step = 12;
  step(w, rng);
  const State& s = w.states[c];
  CHECK(s.capability == doctest::Approx(before + s.spending - 0.1 * before));
}
