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

TEST_CASE("escalation risk scales the cost term by 1 + x_c, by hand") {
  const Crisis c = ladder();
  MemberView m{.interest = 2.0, .proximity = 0.5, .perceived = 0.8, .risk_tolerance = 0.25,
               .relative_gains = 0.5, .affinity = 0.3};
  m.escalation = 1.5;
  // 2*0.5*0.8*0.7 + 1.0*0.2 - 2*(1-0.25)*(1+1.5)*0.45 - 0.5*0.2 - 0.3*0.6
  const double expected = 0.56 + 0.2 - 1.6875 - 0.1 - 0.18;
  CHECK(value_of_action(m, c, 1.0, ActionLevel::air_campaign) == doctest::Approx(expected));
  CHECK(value_of_action(m, c, 1.0, ActionLevel::none) == 0.0);
  // A risk-acceptant member (r = 1) pays no cost, so no escalation surcharge either.
  m.risk_tolerance = 1.0;
  MemberView calm = m;
  calm.escalation = 0.0;
  CHECK(value_of_action(m, c, 1.0, ActionLevel::ground) == value_of_action(calm, c, 1.0, ActionLevel::ground));
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

// Attacks on members (issue 16, item 4).

namespace {

// The line scenario after its first step (severity 0.5, every member
// perceiving it exactly), with the crisis varied by `overrides`.
World after_first_step(std::vector<std::string> overrides) {
  overrides.push_back("crisis.test.perception_noise=0");
  return test::after_steps(test::line_scenario(overrides), 1, 11);
}

double value(const World& w, const std::string& code, ActionLevel a) {
  const Crisis& c = w.crises[0];
  return value_of_action(member_view(w, c, test::id(w, code).value), c, w.params.alliance.institutional_stake, a);
}

}  // namespace

TEST_CASE("the guarantee brings an attack on a member home: p~ = p + g w (1 - p), by hand") {
  const Crisis c = ladder();
  const MemberView far{.interest = 1.0, .proximity = 0.25, .perceived = 0.8, .risk_tolerance = 0.5};
  MemberView attacked_ally = far;
  attacked_ally.guarantee = 0.9 * 0.8;  // g = 0.9, w = 0.8
  // p~ = 0.25 + 0.72 * 0.75 = 0.79; V(limited_air) = 0.79*0.8*0.4 + 0.5*0.15 - 0.25
  CHECK(value_of_action(attacked_ally, c, 0.5, ActionLevel::limited_air) ==
        doctest::Approx(0.79 * 0.8 * 0.4 + 0.075 - 0.25));
  CHECK(value_of_action(far, c, 0.5, ActionLevel::limited_air) == doctest::Approx(0.25 * 0.8 * 0.4 + 0.075 - 0.25));
  // The target itself (w_jj = 1, g = 1) values action as on its own territory: p~ = 1.
  MemberView target = far;
  target.guarantee = 1.0;
  MemberView at_home = far;
  at_home.proximity = 1.0;
  CHECK(value_of_action(target, c, 0.5, ActionLevel::air_campaign) ==
        doctest::Approx(value_of_action(at_home, c, 0.5, ActionLevel::air_campaign)));
}

TEST_CASE("a member attacked raises its allies' value of acting above the same crisis on a non-member") {
  const World none = after_first_step({});
  const World on_non_member = after_first_step({"crisis.test.target=DDD"});
  const World on_member = after_first_step({"crisis.test.target=CCC"});
  // A non-member attacked has no guarantee: the crisis is weighed as before, bit for bit.
  for (std::size_t i = 0; i < none.state_count(); ++i) {
    CHECK(on_non_member.crises[0].guarantee[i] == 0.0);
    CHECK(on_non_member.crises[0].accepted[i] == none.crises[0].accepted[i]);
  }
  CHECK(on_non_member.crises[0].decision == none.crises[0].decision);
  // A member attacked: each ally values every action more, the target most.
  for (const std::string ally : {"AAA", "BBB"}) {
    CAPTURE(ally);
    const std::size_t i = test::id(on_member, ally).value;
    CHECK(on_member.crises[0].guarantee[i] ==
          doctest::Approx(on_member.cache.credibility.willingness(static_cast<Eigen::Index>(i), 2)));
    for (int a = 1; a < kActionLevels; ++a)
      CHECK(value(on_member, ally, static_cast<ActionLevel>(a)) > value(on_non_member, ally, static_cast<ActionLevel>(a)));
    CHECK(on_member.crises[0].accepted[i] >= on_non_member.crises[0].accepted[i]);
  }
  CHECK(on_member.crises[0].guarantee[test::id(on_member, "CCC").value] == 1.0);  // w_jj = 1, g = 1
  CHECK(on_member.crises[0].guarantee[test::id(on_member, "DDD").value] == 0.0);  // not an ally
  // Here the guarantee lifts the consensus from a threat to limited air strikes.
  CHECK(on_non_member.crises[0].decision == ActionLevel::threat);
  CHECK(on_member.crises[0].decision == ActionLevel::limited_air);
  // The same under deliberation (model 2), which values actions the same way.
  const World deliberated = after_first_step({"crisis.test.target=CCC", "alliance.deliberation=true"});
  const World deliberated_non_member = after_first_step({"crisis.test.target=DDD", "alliance.deliberation=true"});
  CHECK(deliberated.crises[0].decision > deliberated_non_member.crises[0].decision);
}

TEST_CASE("guarantee_weight scales the guarantee; at 0 a member attacked is a distant crisis again") {
  const World none = after_first_step({});
  const World half = after_first_step({"crisis.test.target=CCC", "crisis.test.guarantee_weight=0.5"});
  const World zero = after_first_step({"crisis.test.target=CCC", "crisis.test.guarantee_weight=0"});
  const std::size_t a = test::id(half, "AAA").value;
  CHECK(half.crises[0].guarantee[a] ==
        doctest::Approx(0.5 * half.cache.credibility.willingness(static_cast<Eigen::Index>(a), 2)));
  CHECK(half.crises[0].guarantee[2] == 0.5);
  for (std::size_t i = 0; i < none.state_count(); ++i) {
    CHECK(zero.crises[0].accepted[i] == none.crises[0].accepted[i]);
    for (int l = 1; l < kActionLevels; ++l)
      CHECK(value(zero, zero.states[i].code, static_cast<ActionLevel>(l)) ==
            value(none, none.states[i].code, static_cast<ActionLevel>(l)));
  }
}

TEST_CASE("a non-state aggressor has no nuclear term: the guarantee is M2's willingness without nuclear risk") {
  const World state_aggressor = after_first_step({"crisis.test.target=CCC"});
  const World non_state = after_first_step({"crisis.test.target=CCC", "crisis.test.aggressor=non_state"});
  const World no_nuclear_adversary = after_first_step({"crisis.test.target=CCC", "adversary.nuclear=false"});
  const Eigen::Index target = 2;
  for (const std::string ally : {"AAA", "BBB"}) {
    CAPTURE(ally);
    const std::size_t i = test::id(non_state, ally).value;
    const auto row = static_cast<Eigen::Index>(i);
    // Against the scenario's nuclear adversary, M2's w_ij as it is.
    CHECK(guarantee_willingness(state_aggressor, state_aggressor.crises[0], i) ==
          state_aggressor.cache.credibility.willingness(row, target));
    // Against a non-state aggressor, w_ij as M2 computes it with no nuclear adversary.
    const double expected = no_nuclear_adversary.cache.credibility.willingness(row, target);
    CHECK(guarantee_willingness(non_state, non_state.crises[0], i) == doctest::Approx(expected).epsilon(1e-12));
    CHECK(expected > state_aggressor.cache.credibility.willingness(row, target));
    CHECK(value(non_state, ally, ActionLevel::air_campaign) > value(state_aggressor, ally, ActionLevel::air_campaign));
    // With no nuclear adversary there is no term to take out: the two aggressors are the same.
    const World both = after_first_step(
        {"crisis.test.target=CCC", "crisis.test.aggressor=non_state", "adversary.nuclear=false"});
    CHECK(guarantee_willingness(both, both.crises[0], i) == expected);
  }
  // The aggressor matters only through the guarantee: without a member attacked it changes nothing.
  const World untargeted = after_first_step({"crisis.test.aggressor=non_state"});
  const World plain = after_first_step({});
  for (std::size_t i = 0; i < plain.state_count(); ++i)
    CHECK(untargeted.crises[0].accepted[i] == plain.crises[0].accepted[i]);
}

TEST_CASE("a state attacked before its accession is guaranteed from the step it joins") {
  const std::string accession = "\n[[event]]\nat = 2\nkind = \"accession\"\nstate = \"DDD\"\n";
  const ScenarioDef def = read_scenario_text(test::with_event(accession), "line.toml", {"crisis.test.target=DDD"});
  const std::size_t a = 0, d = 3;
  const World before = test::after_steps(def, 2, 11);  // steps 0 and 1
  CHECK(before.crises[0].guarantee[a] == 0.0);
  CHECK(before.crises[0].guarantee[d] == 0.0);
  const World after = test::after_steps(def, 3, 11);   // step 2: DDD a member
  CHECK(after.crises[0].guarantee[a] > 0.0);
  CHECK(after.crises[0].guarantee[d] == 1.0);
}

TEST_CASE("escalation risk applies only against the scenario's nuclear adversary as aggressor") {
  const std::string weight = "adversary.escalation_weight=2";
  const World against_adversary = after_first_step({weight});
  const World plain = after_first_step({});
  CHECK(escalation_risk(against_adversary, against_adversary.crises[0]) == 2.0);
  CHECK(escalation_risk(plain, plain.crises[0]) == 0.0);
  for (const std::string other : {"crisis.test.aggressor=non_state", "crisis.test.aggressor=other_state"}) {
    const World w = after_first_step({weight, other});
    CHECK(escalation_risk(w, w.crises[0]) == 0.0);
  }
  const World not_nuclear = after_first_step({weight, "adversary.nuclear=false"});
  CHECK(escalation_risk(not_nuclear, not_nuclear.crises[0]) == 0.0);
  // Against it every level above none is worth less, and no member accepts more.
  for (std::size_t i = 0; i < plain.state_count(); ++i) {
    const std::string& code = plain.states[i].code;
    for (int l = 1; l < kActionLevels; ++l)
      CHECK(value(against_adversary, code, static_cast<ActionLevel>(l)) <
            value(plain, code, static_cast<ActionLevel>(l)));
    CHECK(against_adversary.crises[0].accepted[i] <= plain.crises[0].accepted[i]);
  }
}

TEST_CASE("another state as aggressor is guaranteed against as a non-state one: no nuclear term") {
  const World non_state = after_first_step({"crisis.test.target=CCC", "crisis.test.aggressor=non_state"});
  const World other_state = after_first_step({"crisis.test.target=CCC", "crisis.test.aggressor=other_state"});
  for (std::size_t i = 0; i < non_state.state_count(); ++i) {
    if (!non_state.states[i].is_member()) continue;
    CHECK(guarantee_willingness(other_state, other_state.crises[0], i) ==
          guarantee_willingness(non_state, non_state.crises[0], i));
  }
}
