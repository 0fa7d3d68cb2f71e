#include <doctest/doctest.h>

#include "scenario/overrides.hpp"
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

TEST_CASE("--set and the presets walk a path alike; * is every element") {
  const ScenarioDef def = test::line_scenario({"state.*.relative_gains=0.4"});
  for (const auto& s : def.states) CHECK(s.relative_gains == 0.4);
  CHECK_THROWS_AS(test::line_scenario({"state.*.relative_gains=1.4"}), InputError);

  toml::table root = toml::parse("x = 1\n[[state]]\ncode = \"AAA\"\n[[state]]\nid = \"b\"\n");
  const TomlPathTargets every = walk_toml_path(root, "state.*.gdp");
  CHECK(every.tables.size() == 2);
  CHECK(every.key == "gdp");
  CHECK(every.declared == "state.gdp");
  CHECK(walk_toml_path(root, "state.b.gdp").tables.size() == 1);
  const TomlPathTargets created = walk_toml_path(root, "alliance.credibility.reinforcement");
  CHECK(created.tables.size() == 1);
  CHECK(root.at_path("alliance.credibility").is_table());
  auto error = [&](std::string_view path) { return walk_toml_path(root, path).error; };
  CHECK(error("x.y") == "\"x\" is not a table");
  CHECK(error("x.*.y") == "\"x\" is not an array of tables");
  CHECK(error("nothing.*.y") == "no [[nothing]] for \"*\"");
  CHECK(error("state.ZZZ.gdp") == "no [[state]] element with code, id or index \"ZZZ\"");
  CHECK(error("state.AAA") == "[[state]] needs an element: state.CODE.key, state.INDEX.key or state.*.key");
  CHECK(error("alliance..x") == "empty key in the path");
  CHECK(walk_toml_path(root, "state.*.gdp.").tables.empty());
}
