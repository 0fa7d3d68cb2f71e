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

// ---- Pairwise relative gains (rivalries on the graph) ----

namespace {

// The line scenario with CCC and BBB rivals (and AAA's relative gains too).
std::string with_rivals(const std::string& since_until = "") {
  return test::with_event("\n[[rivalry]]\na = \"BBB\"\nb = \"CCC\"\nsource = \"test\"\n" + since_until);
}

struct Spending {
  std::vector<double> x, alpha;
};

Spending spend(const std::string& text, const std::vector<std::string>& overrides, int steps = 1) {
  const World w = test::after_steps(read_scenario_text(text, "t.toml", overrides), steps, 1);
  Spending s;
  for (const State& st : w.states) {
    s.x.push_back(st.spending);
    s.alpha.push_back(st.security_weight);
  }
  return s;
}

}  // namespace

TEST_CASE("pairwise relative gains reduce to the scalar form: no rivalries, or nu = 1, give today's numbers bit for bit") {
  for (const char* calibrate : {"true", "false"}) {
    const std::vector<std::string> base = {std::string("alliance.burden.calibrate=") + calibrate,
                                           "alliance.burden.spillover=0.4", "state.*.relative_gains=0.6"};
    const Spending scalar = spend(test::kLine, base);
    // No rivalries: nonrival_weight is not read.
    auto nu0 = base;
    nu0.push_back("alliance.burden.nonrival_weight=0");
    const Spending no_rivals = spend(test::kLine, nu0);
    CHECK(no_rivals.x == scalar.x);
    CHECK(no_rivals.alpha == scalar.alpha);
    // Rivalries with nu = 1 (the default): every ally counts as a rival.
    const Spending rivals_nu1 = spend(with_rivals(), base);
    CHECK(rivals_nu1.x == scalar.x);
    CHECK(rivals_nu1.alpha == scalar.alpha);
  }
}

TEST_CASE("pairwise, every ally a rival is the scalar form at any nu") {
  const std::string all_rivals = test::with_event(R"(
[[rivalry]]
a = "AAA"
b = "BBB"
source = "test"
[[rivalry]]
a = "AAA"
b = "CCC"
source = "test"
[[rivalry]]
a = "BBB"
b = "CCC"
source = "test"
)");
  const std::vector<std::string> base = {"alliance.burden.calibrate=false", "alliance.burden.spillover=0.4",
                                         "state.*.relative_gains=0.6", "state.*.defence_share=0.05"};
  const Spending scalar = spend(test::kLine, base);
  auto nu0 = base;
  nu0.push_back("alliance.burden.nonrival_weight=0");
  const Spending pairwise = spend(all_rivals, nu0);
  for (std::size_t i = 0; i < scalar.x.size(); ++i) CHECK(pairwise.x[i] == doctest::Approx(scalar.x[i]).epsilon(1e-12));
}

TEST_CASE("pairwise, two members, hand-computed") {
  // x_1 = a_1 - b_1 x_2 + c_1 x_2 (x_2 is 1's rival), and alike for 2:
  // x_1 = a_1 - (b_1 - c_1) x_2. With a = (10, 6), b = (0.5, 0.5),
  // c = (0.3, 0): x_1 = 10 - 0.2 x_2, x_2 = 6 - 0.5 x_1, so
  // x_1 = (10 - 1.2) / (1 - 0.1) = 9.777..., x_2 = 6 - 0.5 x_1.
  std::vector<double> a{10.0, 6.0}, b{0.5, 0.5}, c{0.3, 0.0}, x(2);
  std::vector<std::uint8_t> active(2);
  RivalScratch scratch;
  scratch.resize(2, 2);
  const std::vector<RivalSlots> pairs{{0, 1}};
  const int solves = solve_spending_with_rivals(a, b, c, pairs, x, active, scratch);
  CHECK(x[0] == doctest::Approx(8.8 / 0.9).epsilon(1e-12));
  CHECK(x[1] == doctest::Approx(6.0 - 0.5 * 8.8 / 0.9).epsilon(1e-12));
  // Newton's step is exact while the spenders stay: R = 0, then the fixed point, then the check.
  CHECK(solves <= 3);
  // Without the pair, the scalar game: one call.
  CHECK(solve_spending_with_rivals(a, b, c, {}, x, active, scratch) == 1);
}

TEST_CASE("pairwise equilibria are best responses for random games with rivals") {
  Rng rng(23);
  auto u = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = 2 + static_cast<std::size_t>(u() * 30);
    std::vector<double> a(n), b(n), c(n), x(n);
    std::vector<std::uint8_t> active(n);
    RivalScratch scratch;
    scratch.resize(n, n);
    const double sigma = u(), nu = u();  // any spillover: Newton's method needs no contraction
    for (std::size_t i = 0; i < n; ++i) {
      const double alpha = u() * 0.2, k = u();
      a[i] = alpha * (1.0 + u() * 1e4);
      b[i] = (1.0 - alpha) * sigma * (1.0 - k * nu);
      c[i] = (1.0 - alpha) * sigma * k * (1.0 - nu);
    }
    std::vector<RivalSlots> pairs;
    for (std::size_t p = 0; p < n / 3; ++p) {
      const auto i = static_cast<std::size_t>(u() * static_cast<double>(n)), j = (i + 1) % n;
      pairs.push_back({i, j});
    }
    const int solves = solve_spending_with_rivals(a, b, c, pairs, x, active, scratch);
    CHECK(solves < 50);  // converged
    double total = 0.0;
    for (double v : x) total += v;
    std::vector<double> r(n, 0.0);
    for (const auto& p : pairs) {
      r[p.a] += x[p.b];
      r[p.b] += x[p.a];
    }
    for (std::size_t i = 0; i < n; ++i) {
      const double best = std::max(0.0, a[i] - b[i] * (total - x[i]) + c[i] * r[i]);
      CHECK(std::abs(best - x[i]) <= 1e-9 * std::max(1.0, a[i]));
      CHECK(x[i] >= 0.0);
    }
  }
}

TEST_CASE("pairwise, a realist discounts only its rival's spending: it spends more with a rival than with a friend") {
  // nu = 0: CCC's relative-gains weight applies to BBB (its rival) only.
  const std::vector<std::string> base = {"alliance.burden.calibrate=false", "alliance.burden.spillover=0.2",
                                         "state.CCC.relative_gains=0.9", "state.CCC.defence_share=0.1",
                                         "alliance.burden.nonrival_weight=0"};
  const std::size_t c = 2;
  const Spending rivals = spend(with_rivals(), base);
  // The same rivalry, over before the run starts (2000): CCC has no rival then.
  const Spending over = spend(with_rivals("since = 1990\nuntil = 1995\n"), base);
  CHECK(rivals.x[c] > over.x[c]);
  // Scalar form (every ally a rival): more still, AAA's spending discounted too.
  const Spending scalar = spend(test::kLine, {"alliance.burden.calibrate=false", "alliance.burden.spillover=0.2",
                                              "state.CCC.relative_gains=0.9", "state.CCC.defence_share=0.1"});
  CHECK(scalar.x[c] > rivals.x[c]);
  CHECK(over.x[c] > 0.0);
}

TEST_CASE("pairwise and calibrated, the equilibrium still spends the recorded shares") {
  for (const char* nu : {"0", "0.3", "1"}) {
    const World w = test::after_steps(
        read_scenario_text(with_rivals(), "t.toml",
                           {"alliance.burden.spillover=0.6", "state.*.relative_gains=0.8",
                            std::string("alliance.burden.nonrival_weight=") + nu}),
        1, 1);
    for (StateId m : w.members()) {
      const State& s = w.states[m.value];
      CHECK(s.spending == doctest::Approx(s.defence_share * s.gdp).epsilon(1e-9));
    }
  }
}
