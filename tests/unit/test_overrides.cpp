#include <doctest/doctest.h>

#include "support/scenarios.hpp"

using namespace alliance;

TEST_CASE("--set changes exactly the key it names") {
  const ScenarioDef base = test::line_scenario();
  const ScenarioDef changed = test::line_scenario({"state.BBB.gdp=777", "alliance.rule=majority",
                                                   "alliance.credibility.reinforcement=0.9",
                                                   "crisis.test.perception_noise=0.05", "simulation.steps=9"});
  CHECK(changed.states[1].gdp == 777.0);
  CHECK(changed.states[0].gdp == base.states[0].gdp);
  CHECK(changed.alliance.rule.rule == DecisionRule::majority);
  CHECK(changed.alliance.credibility.reinforcement == 0.9);
  CHECK(changed.alliance.credibility.mobile_share == base.alliance.credibility.mobile_share);
  CHECK(changed.crises[0].params.perception_noise == 0.05);
  CHECK(changed.simulation.steps == 9);
}

TEST_CASE("array elements can be chosen by index and values may be TOML arrays") {
  const ScenarioDef def = test::line_scenario({"state.0.gdp=5", "alliance.directorate=[\"AAA\", \"CCC\"]"});
  CHECK(def.states[0].gdp == 5.0);
  CHECK(def.alliance.rule.directorate == std::vector<std::string>{"AAA", "CCC"});
}

TEST_CASE("a --set that names nothing is an error, as is a misspelt key") {
  CHECK_THROWS_AS(test::line_scenario({"state.XYZ.gdp=1"}), InputError);
  CHECK_THROWS_AS(test::line_scenario({"no_equals_sign"}), InputError);
  try {
    test::line_scenario({"alliance.rulle=majority"});
    FAIL("expected an error");
  } catch (const InputError& e) {
    REQUIRE(e.issues().size() == 1);
    CHECK(e.issues()[0].key == "alliance.rulle");
    CHECK(e.issues()[0].message.find("did you mean 'rule'") != std::string::npos);
  }
}

TEST_CASE("an override is range-checked like the file") {
  CHECK_THROWS_AS(test::line_scenario({"alliance.information_sharing=1.5"}), InputError);
  CHECK_THROWS_AS(test::line_scenario({"alliance.rule=anarchy"}), InputError);
}
