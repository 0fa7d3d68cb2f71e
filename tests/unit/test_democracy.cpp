#include <doctest/doctest.h>

#include "engine/step.hpp"
#include "mechanisms/democracy.hpp"
#include "support/scenarios.hpp"

using namespace alliance;
using alliance::test::id;

namespace {

World run(const std::string& text, int steps, const std::vector<std::string>& overrides = {}) {
  return test::after_steps(read_scenario_text(text, "t.toml", overrides), steps, 4);
}

const char* kReform = R"(
[[event]]
at = 1
kind = "sanction_reform"
every = 3
)";

}  // namespace

TEST_CASE("under consensus a sanction reform is never adopted while a member it targets can veto it") {
  // CCC is a backslider (democracy 0.3, below the threshold 0.5).
  const World w = run(test::with_event(kReform), 24,
                      {"simulation.steps=24", "state.CCC.democracy=0.3", "alliance.rule=consensus"});
  CHECK_FALSE(w.sanctions);
  CHECK(w.states[id(w, "CCC").value].backsliding);
}

TEST_CASE("under majority the reform is adopted when most members want it, and pulls the backslider back") {
  const World w = run(test::with_event(kReform), 24,
                      {"simulation.steps=24", "state.CCC.democracy=0.3", "alliance.rule=majority"});
  CHECK(w.sanctions);  // none at the start: the reform adopted it
  const World without = run(test::kLine, 24, {"simulation.steps=24", "state.CCC.democracy=0.3"});
  CHECK(w.states[id(w, "CCC").value].democracy > without.states[id(without, "CCC").value].democracy);
}

TEST_CASE("an aspirant's democracy rises before accession and drifts to its baseline after") {
  const std::string text = test::with_event(R"(
[[event]]
at = 24
kind = "accession"
state = "DDD"
)");
  World w = build_world(read_scenario_text(
      text, "t.toml",
      {"simulation.steps=120", "alliance.aspirants=[\"DDD\"]", "alliance.enlargement.review_every=0",
       "state.DDD.democracy=0.5", "state.DDD.democracy_baseline=0.3"}));
  Rng rng(2);
  const auto d = id(w, "DDD").value;
  double at_accession = 0.0;
  for (int t = 0; t < 120; ++t) {
    w.step = t;
    step(w, rng);
    if (t == 23) at_accession = w.states[d].democracy;
  }
  CHECK(at_accession > 0.5);                       // conditionality pulled it up
  CHECK(w.states[d].democracy < at_accession);     // after accession it drifts back
  CHECK(w.states[d].democracy > 0.3 - 1e-12);
  // Affinity to the adversary rose as democracy fell below its initial level.
  CHECK(w.states[d].adversary_affinity > 0.0);
}

TEST_CASE("socialisation draws members' weights on relative gains together") {
  auto spread = [](const World& w) {
    double lo = 1.0, hi = 0.0;
    for (StateId m : w.members()) {
      lo = std::min(lo, w.states[m.value].relative_gains);
      hi = std::max(hi, w.states[m.value].relative_gains);
    }
    return hi - lo;
  };
  const std::vector<std::string> ks = {"simulation.steps=24", "state.AAA.relative_gains=0.9",
                                       "state.BBB.relative_gains=0.1"};
  auto with = ks;
  with.push_back("alliance.socialisation=1.0");
  CHECK(spread(run(test::kLine, 24, with)) < 0.5 * spread(run(test::kLine, 24, ks)));
}
