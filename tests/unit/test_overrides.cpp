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
  CHECK(error("state.AAB.gdp") == "no [[state]] element with code, id or index \"AAB\" (did you mean \"AAA\"?)");
  CHECK(error("state.AAA") == "[[state]] needs an element: state.CODE.key, state.INDEX.key or state.*.key");
  CHECK(error("alliance..x") == "empty key in the path");
  CHECK(walk_toml_path(root, "state.*.gdp.").tables.empty());
}

namespace {

// The problems of overrides given with the arguments they came from, as
// `alliance run` gives them.
std::vector<InputIssue> issues_from_arguments(const std::vector<std::string>& overrides,
                                              const std::vector<std::string>& origins) {
  try {
    read_scenario_text(test::kLine, "line.toml", overrides, origins);
  } catch (const InputError& e) {
    return e.issues();
  }
  return {};
}

}  // namespace

TEST_CASE("an override from the command line is reported against its argument, not the file") {
  // A value the reader refuses later (not a declared parameter): the value
  // keeps its argument as its source.
  auto issues = issues_from_arguments({"alliance.rule=majorty"}, {"--set #1 alliance.rule=majorty"});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 0);
  CHECK(issues[0].to_string().starts_with(
      "--set #1 alliance.rule=majorty: error: alliance.rule: unknown decision rule \"majorty\""));
  CHECK(issues[0].to_string().ends_with("(did you mean \"majority\"?)"));

  // A misspelt key, and a misspelt table the override created; a declared
  // parameter out of range; a malformed assignment; an element that is not
  // there, with the nearest code: every one at once, each at its argument.
  issues = issues_from_arguments(
      {"simulation.stepz=3", "simulaton.steps=4", "simulation.replicates=0", "no_equals_sign", "state.BBX.gdp=1"},
      {"--set #1 simulation.stepz=3", "--set #2 simulaton.steps=4", "--replicates 0", "--set #3 no_equals_sign",
       "--set #4 state.BBX.gdp=1"});
  REQUIRE(issues.size() == 3);  // the overrides that cannot be applied; the reader's come once they are fixed
  CHECK(issues[0].to_string().starts_with(
      "--replicates 0: error: simulation.replicates: expected an integer in [1, 100000], got 0"));
  CHECK(issues[1].to_string() == "--set #3 no_equals_sign: error: expected dotted.key=value, e.g. alliance.rule=majority");
  CHECK(issues[2].to_string() ==
        "--set #4 state.BBX.gdp=1: error: state.BBX.gdp: no [[state]] element with code, id or index \"BBX\" (did you "
        "mean \"BBB\"?)");
  issues = issues_from_arguments({"simulation.stepz=3", "simulaton.steps=4"},
                                 {"--set #1 simulation.stepz=3", "--set #2 simulaton.steps=4"});
  REQUIRE(issues.size() == 2);
  for (const auto& issue : issues) CHECK(issue.line == 0);
  CHECK(issues[0].to_string() == "--set #1 simulation.stepz=3: error: simulation.stepz: unknown key; did you mean 'steps'?");
  CHECK(issues[1].to_string() == "--set #2 simulaton.steps=4: error: simulaton: unknown key; did you mean 'simulation'?");

  // state.*: one issue for the argument, not one per state.
  issues = issues_from_arguments({"state.*.relative_gainz=0.3"}, {"--set #1 state.*.relative_gainz=0.3"});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key == "state[*].relative_gainz");

  // The file's own problems still name their lines; a text value with quotes
  // is taken as text.
  const ScenarioDef def = read_scenario_text(test::kLine, "line.toml", {"alliance.name=he said \"no\""},
                                             {"--set #1 alliance.name=he said \"no\""});
  CHECK(def.alliance.name == "he said \"no\"");
}

TEST_CASE("without arguments an override's problem is reported as before, against the file") {
  try {
    test::line_scenario({"alliance.rule=majorty"});
    FAIL("expected an error");
  } catch (const InputError& e) {
    REQUIRE(e.issues().size() == 1);
    CHECK(e.issues()[0].file == "line.toml");
    CHECK(e.issues()[0].line == 0);
  }
}
