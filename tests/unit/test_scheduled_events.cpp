#include <doctest/doctest.h>

#include "engine/step.hpp"
#include "support/scenarios.hpp"

using namespace alliance;
using alliance::test::id;

TEST_CASE("events take effect at their step, in order, and are recorded") {
  const std::string text = test::with_event(R"(
[[event]]
at = 1
kind = "deployment"
from = "AAA"
to = "CCC"
capability = 40.0

[[event]]
at = 2
kind = "deployment"
from = "AAA"
to = "CCC"
capability = 10.0
mode = "add"

[[event]]
at = 3
kind = "rule_change"
rule = "majority"

[[event]]
at = 4
kind = "escalation"
crisis = "test"
shock = 0.25

[[event]]
at = 4
kind = "accession"
state = "DDD"
)");
  World w = build_world(read_scenario_text(text, "events.toml"));
  Rng rng(1);
  const auto a = id(w, "AAA"), c = id(w, "CCC"), d = id(w, "DDD");
  for (int t = 0; t < 5; ++t) {
    w.step = t;
    step(w, rng);
    if (t == 0) CHECK(w.cache.deployment(a.value, c.value) == 0.0);
    if (t == 1) CHECK(w.cache.deployment(a.value, c.value) == 40.0);
    if (t == 2) CHECK(w.cache.deployment(a.value, c.value) == 50.0);
    if (t == 3) CHECK(w.rule.rule == DecisionRule::majority);
  }
  CHECK(w.graph.deployment(a, c) == 50.0);
  CHECK(w.crises[0].shock == doctest::Approx(0.25));
  CHECK(w.states[d.value].joined_step == 4);
  CHECK(w.members().size() == 4);
  CHECK(w.graph.count_edges(EdgeKind::deployment) == 1);
  bool recorded = false;
  for (const auto& e : w.events) {
    const auto* accession = std::get_if<logged::Accession>(&e);
    recorded = recorded || (accession && accession->state == d);
  }
  CHECK(recorded);
}

TEST_CASE("economy and adversary events set a data series' next point") {
  const std::string text = test::with_event(R"(
[[event]]
at = 2
kind = "economy"
state = "BBB"
gdp = 777.0

[[event]]
at = 3
kind = "economy"
state = "BBB"
defence_share = 0.05

[[event]]
at = 3
kind = "adversary"
capability = 12.5
)");
  World w = build_world(read_scenario_text(text, "events.toml"));
  Rng rng(1);
  const auto b = id(w, "BBB");
  const double gdp0 = w.states[b.value].gdp, share0 = w.states[b.value].defence_share;
  for (int t = 0; t < 4; ++t) {
    w.step = t;
    step(w, rng);
    const State& s = w.states[b.value];
    if (t == 1) CHECK(s.gdp == gdp0);
    if (t == 2) {
      CHECK(s.gdp == 777.0);
      CHECK(s.defence_share == share0);  // only the key given changes
    }
    if (t == 3) {
      CHECK(s.gdp == 777.0);
      CHECK(s.defence_share == 0.05);
      CHECK(w.adversary.capability == 12.5);
      CHECK(w.adversary.initial_capability == 12.5);  // the level it decays back to
    }
  }
}

TEST_CASE("an accession without with_capability follows [alliance.enlargement]") {
  const std::string event = "\n[[event]]\nat = 1\nkind = \"accession\"\nstate = \"DDD\"\n";
  const ScenarioDef plain = read_scenario_text(test::with_event(event), "a.toml");
  const ScenarioDef counterfactual =
      read_scenario_text(test::with_event(event), "a.toml", {"alliance.enlargement.with_capability=true"});
  CHECK_FALSE(plain.events.at(0).with_capability);
  CHECK(counterfactual.events.at(0).with_capability);
  const ScenarioDef explicit_false = read_scenario_text(
      test::with_event(event + "with_capability = false\n"), "a.toml", {"alliance.enlargement.with_capability=true"});
  CHECK_FALSE(explicit_false.events.at(0).with_capability);
}

TEST_CASE("each event vocabulary has one name per kind, and a scheduled kind's name reads back as that kind") {
  for (std::size_t i = 0; i < kEventKindNames.size(); ++i) {
    const auto kind = static_cast<EventKind>(i);
    CHECK(parse_event_kind(event_kind_name(kind)) == kind);
  }
  CHECK_FALSE(parse_event_kind("veto"));  // logged, never scheduled
  CHECK(event_name(logged::Veto{}) == "veto");
  CHECK(event_name(logged::SanctionReform{}) == "sanction_reform");
  for (std::size_t i = 0; i < kEventRecordNames.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) CHECK(kEventRecordNames[i] != kEventRecordNames[j]);
}

TEST_CASE("an attitude event changes a state's risk tolerance, relative gains, affinity and interest from its step") {
  const std::string text = test::with_event(R"(
[[event]]
at = 2
kind = "attitude"
state = "CCC"
risk_tolerance = 0.9
adversary_affinity = 0.4

[[event]]
at = 3
kind = "attitude"
state = "BBB"
crisis = "test"
interest = 3.5
relative_gains = 0.25
)");
  World w = build_world(read_scenario_text(text, "events.toml"));
  Rng rng(1);
  const auto c = id(w, "CCC").value, b = id(w, "BBB").value;
  const double risk0 = w.states[c].risk_tolerance;
  for (int t = 0; t < 4; ++t) {
    w.step = t;
    step(w, rng);
    if (t == 1) CHECK(w.states[c].risk_tolerance == risk0);
    if (t == 2) {
      CHECK(w.states[c].risk_tolerance == 0.9);
      CHECK(w.states[c].affinity_base == 0.4);
      REQUIRE(w.events.size() >= 1);
      CHECK(std::holds_alternative<logged::Attitude>(w.events.front()));
    }
    if (t == 3) {
      CHECK(w.crises[0].interest[b] == 3.5);
      CHECK(w.states[b].relative_gains == 0.25);
    }
  }
  // Interest belongs to a crisis; a crisis without an interest says nothing.
  for (const char* bad : {"interest = 2.0", "crisis = \"test\""}) {
    CHECK_THROWS_AS(read_scenario_text(test::with_event(std::string("[[event]]\nat = 1\nkind = \"attitude\"\nstate = \"AAA\"\n") +
                                                        bad + "\n"),
                                       "bad.toml"),
                    InputError);
  }
}
