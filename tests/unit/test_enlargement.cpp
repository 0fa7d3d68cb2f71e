#include <doctest/doctest.h>

#include "engine/step.hpp"
#include "mechanisms/enlargement.hpp"
#include "support/scenarios.hpp"

using namespace alliance;
using alliance::test::id;

namespace {

World run(std::vector<std::string> overrides, int steps = 25) {
  overrides.push_back("simulation.steps=" + std::to_string(steps));
  overrides.push_back("alliance.aspirants=[\"DDD\"]");
  overrides.push_back("state.DDD.democracy=0.9");
  return test::after_steps(test::line_scenario(overrides), steps, 8);
}

}  // namespace

TEST_CASE("an eligible aspirant is admitted when the members agree, at a review") {
  const World w = run({"alliance.institutional_stake=1.5"});
  const State& d = w.states[id(w, "DDD").value];
  REQUIRE(d.is_member());
  CHECK(d.joined_step == 12);  // the first review (every 12 steps)
}

TEST_CASE("one member that weighs relative gains heavily blocks admission under consensus, not under majority") {
  const std::vector<std::string> base = {"alliance.institutional_stake=0.3", "state.AAA.relative_gains=1.0",
                                         "alliance.enlargement.cost=2.0"};
  auto consensus = base;
  consensus.push_back("alliance.rule=consensus");
  auto majority = base;
  majority.push_back("alliance.rule=majority");
  CHECK_FALSE(run(consensus).states[3].is_member());
  CHECK(run(majority).states[3].is_member());
}

TEST_CASE("aspirants below the democracy threshold or intervened against are not considered") {
  const World low = run({"alliance.institutional_stake=1.5", "alliance.democracy.accession_threshold=0.99",
                         "alliance.democracy.conditionality_pull=0"});
  CHECK_FALSE(low.states[id(low, "DDD").value].is_member());
}
