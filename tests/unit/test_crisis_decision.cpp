#include <doctest/doctest.h>

#include "engine/step.hpp"
#include "mechanisms/crisis_decision.hpp"
#include "support/scenarios.hpp"

using namespace alliance;

namespace {

Crisis ladder() {
  Crisis c;
  c.effectiveness = {0.0, 0.2, 0.4, 0.7, 0.9};
  c.cost = {0.0, 0.1, 0.25, 0.45, 1.0};
  c.stake = {0.0, 0.1, 0.15, 0.2, 0.25};
  c.relative_gain = {0.0, 0.05, 0.1, 0.2, 0.4};
  c.opposition = {0.0, 0.2, 0.4, 0.6, 1.0};
  return c;
}

}  // namespace

TEST_CASE("the value of an action follows the M3 equation term by term") {
  const Crisis c = ladder();
  const MemberView m{.interest = 2.0, .proximity = 0.5, .perceived = 0.8, .risk_tolerance = 0.25,
                     .relative_gains = 0.5, .affinity = 0.3};
  // 2*0.5*0.8*0.7 + 1.0*0.2 - 2*(1-0.25)*0.45 - 0.5*0.2 - 0.3*0.6
  const double expected = 0.56 + 0.2 - 0.675 - 0.1 - 0.18;
  CHECK(value_of_action(m, c, 1.0, ActionLevel::air_campaign) == doctest::Approx(expected));
  CHECK(value_of_action(m, c, 1.0, ActionLevel::none) == 0.0);
}

TEST_CASE("a member accepts more as the crisis grows worse, less as its affinity to the adversary grows") {
  const Crisis c = ladder();
  MemberView m;
  int last = 0;
  for (double s = 0.0; s <= 5.0; s += 0.05) {
    m.perceived = s;
    const int level = level_index(accepted_level(m, c, 0.5));
    CHECK(level >= last);
    last = level;
  }
  CHECK(last == level_index(ActionLevel::ground));
  m.perceived = 1.5;
  const int friendly = level_index(accepted_level(m, c, 0.5));
  m.affinity = 1.0;
  CHECK(level_index(accepted_level(m, c, 0.5)) < friendly);
}

TEST_CASE("the severity path is piecewise linear and flat beyond its ends") {
  Crisis c;
  c.path_steps = {2, 6};
  c.path_values = {0.2, 1.0};
  CHECK(path_severity(c, 0) == doctest::Approx(0.2));
  CHECK(path_severity(c, 4) == doctest::Approx(0.6));
  CHECK(path_severity(c, 9) == doctest::Approx(1.0));
}

TEST_CASE("under consensus a deadlocked step has a veto and no action; a directorate bypasses it") {
  // Make CCC unwilling (strong affinity to the adversary) and run the crisis.
  auto run = [](const std::string& rule) {
    World w = build_world(test::line_scenario({"state.CCC.adversary_affinity=1.0", "alliance.rule=" + rule,
                                               "crisis.test.perception_noise=0"}));
    Rng rng(3);
    w.step = 0;
    step(w, rng);
    return w;
  };
  const World consensus = run("consensus");
  const Crisis& c = consensus.crises[0];
  REQUIRE(c.active);
  CHECK(c.demand > 0);
  CHECK(c.decision == ActionLevel::none);
  CHECK(c.deadlock);
  CHECK(c.vetoes == 1);
  const World directorate = run("directorate");
  const Crisis& d = directorate.crises[0];
  CHECK(d.decision > ActionLevel::none);
  CHECK(d.consensus_level == ActionLevel::none);
  CHECK(d.bypass);
  CHECK_FALSE(d.deadlock);
}

TEST_CASE("better information sharing narrows the spread of perceived severity") {
  auto spread = [](double sharing) {
    World w = build_world(test::line_scenario({"alliance.information_sharing=" + std::to_string(sharing)}));
    Rng rng(5);
    double sum2 = 0.0;
    int n = 0;
    for (int t = 0; t < 6; ++t) {
      w.step = t;
      step(w, rng);
      for (double p : w.crises[0].perceived) { sum2 += (p - w.crises[0].severity) * (p - w.crises[0].severity); ++n; }
    }
    return sum2 / n;
  };
  CHECK(spread(1.0) == 0.0);
  CHECK(spread(0.9) < spread(0.0));
}
