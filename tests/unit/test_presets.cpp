#include <doctest/doctest.h>

#include "runner/run_scenario.hpp"
#include "scenario/presets.hpp"
#include "support/scenarios.hpp"

using namespace alliance;

TEST_CASE("a preset fills what the file leaves unset; the file and --set win") {
  const ScenarioDef realist = test::line_scenario({"preset=realist"});
  CHECK(realist.alliance.params.information_sharing == 0.2);
  CHECK(realist.alliance.params.institutional_stake == 0.1);
  for (const auto& s : realist.states) CHECK(s.relative_gains == 0.7);

  // Overriding one key of the preset changes only that key.
  const ScenarioDef one = test::line_scenario({"preset=realist", "alliance.information_sharing=0.6"});
  CHECK(one.alliance.params.information_sharing == 0.6);
  CHECK(one.alliance.params.institutional_stake == 0.1);
  for (const auto& s : one.states) CHECK(s.relative_gains == 0.7);
  const ScenarioDef state = test::line_scenario({"preset=liberal", "state.BBB.relative_gains=0.5"});
  CHECK(state.states[1].relative_gains == 0.5);
  CHECK(state.states[0].relative_gains == 0.05);
  CHECK(state.alliance.params.socialisation == 0.2);
}

TEST_CASE("the same scenario under the two presets gives different outcomes") {
  // The aspirant DDD is admitted under liberal assumptions (stake high,
  // relative gains low) and kept out under realist ones.
  const std::vector<std::string> common = {"simulation.steps=25", "alliance.aspirants=[\"DDD\"]",
                                           "state.DDD.democracy=0.9", "simulation.replicates=4"};
  auto liberal = common, realist = common;
  liberal.push_back("preset=liberal");
  realist.push_back("preset=realist");
  const RunResult l = run_scenario(test::line_scenario(liberal), RunPlan{1});
  const RunResult r = run_scenario(test::line_scenario(realist), RunPlan{1});
  CHECK(l.replicates[0].tables[RunTable::events].find("accession,DDD") != std::string::npos);
  CHECK(r.replicates[0].tables[RunTable::events].find("accession,DDD") == std::string::npos);
  // Crisis perception is sharper under liberal information sharing.
  CHECK(l.replicates[0].tables[RunTable::votes] != r.replicates[0].tables[RunTable::votes]);
}

TEST_CASE("an unknown preset is an input error naming the line") {
  try {
    read_scenario_text(std::string("preset = \"realistic\"\n") + test::kLine, "t.toml");
    FAIL("expected an error");
  } catch (const InputError& e) {
    REQUIRE(e.issues().size() == 1);
    CHECK(e.issues()[0].line == 1);
    CHECK(e.issues()[0].message.find("did you mean \"realist\"") != std::string::npos);
  }
  CHECK_THROWS_AS(test::line_scenario({"state.AAA.democracy_baseline=1.5"}), InputError);
  CHECK(find_preset("liberal") != nullptr);
  CHECK(find_preset("marxist") == nullptr);
}
