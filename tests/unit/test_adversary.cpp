#include <doctest/doctest.h>

#include "engine/step.hpp"
#include "mechanisms/adversary.hpp"
#include "support/scenarios.hpp"

using namespace alliance;

namespace {

World run(const std::string& text, int steps, const std::vector<std::string>& overrides = {}) {
  return test::after_steps(read_scenario_text(text, "t.toml", overrides), steps, 4);
}

}  // namespace

TEST_CASE("an accession closer to the adversary raises its threat perception more") {
  const std::string accession = R"(
[[event]]
at = 1
kind = "accession"
state = "DDD"
)";
  // DDD where it is (about 800 km from the adversary) and moved far west.
  const World near = run(test::with_event(accession), 6);
  const World far = run(test::with_event(accession), 6, {"state.DDD.longitude=-20", "state.DDD.latitude=40"});
  CHECK(near.adversary.threat > far.adversary.threat);
  CHECK(near.adversary.pressure > far.adversary.pressure);
}

TEST_CASE("a promise without accession raises the threat and the intervention hazard for that state") {
  const std::string promise = R"(
[[event]]
at = 1
kind = "promise"
state = "DDD"
)";
  const World promised = run(test::with_event(promise), 6);
  const World not_promised = run(test::kLine, 6);
  CHECK(promised.adversary.threat > not_promised.adversary.threat);
  const auto d = test::id(promised, "DDD").value;
  const double g = promised.params.border_proximity[d];
  CHECK(intervention_hazard(promised.adversary, true, false, g, 0.0, 1.0 / 12) > 0.0);
  CHECK(intervention_hazard(promised.adversary, false, false, g, 0.0, 1.0 / 12) == 0.0);
  // Credibility protects: a promised member with a credible guarantee is safer.
  CHECK(intervention_hazard(promised.adversary, true, false, g, 0.9, 1.0 / 12) <
        intervention_hazard(promised.adversary, true, false, g, 0.0, 1.0 / 12));
}

TEST_CASE("interventions strike promised, unprotected states and no others") {
  const std::string promise = R"(
[[event]]
at = 0
kind = "promise"
state = "DDD"
)";
  int promised_hits = 0, others_hit = 0;
  for (int seed = 0; seed < 40; ++seed) {
    World w = build_world(read_scenario_text(test::with_event(promise), "t.toml",
                                             {"simulation.steps=24", "adversary.intervention_rate=20",
                                              "adversary.initial_threat=1"}));
    Rng rng(replicate_seed(5, static_cast<std::uint64_t>(seed)));
    for (int t = 0; t < 24; ++t) {
      w.step = t;
      step(w, rng);
    }
    for (const State& s : w.states) {
      if (s.code == "DDD") promised_hits += s.intervened;
      else others_hit += s.intervened;
    }
  }
  CHECK(promised_hits > 30);
  CHECK(others_hit == 0);
}

TEST_CASE("with a revisionism rate the hazard reaches every non-member, and the promise only adds to it") {
  const std::string promise = R"(
[[event]]
at = 0
kind = "promise"
state = "DDD"
)";
  World w = build_world(read_scenario_text(test::with_event(promise), "t.toml",
                                           {"adversary.revisionism_rate=2", "adversary.initial_threat=1"}));
  const auto d = test::id(w, "DDD").value;
  const double g = w.params.border_proximity[d];
  const double dt = 1.0 / 12;
  const double promised = intervention_hazard(w.adversary, true, false, g, 0.0, dt);
  const double not_promised = intervention_hazard(w.adversary, false, false, g, 0.0, dt);
  CHECK(not_promised > 0.0);
  CHECK(promised > not_promised);
  CHECK(intervention_hazard(w.adversary, false, true, g, 0.0, dt) == 0.0);  // members: not this hazard
  // With h_0 = 0 the promise adds nothing to the hazard itself.
  World flat = build_world(read_scenario_text(test::with_event(promise), "t.toml",
                                              {"adversary.revisionism_rate=2", "adversary.intervention_rate=0",
                                               "adversary.initial_threat=1"}));
  CHECK(intervention_hazard(flat.adversary, true, false, g, 0.0, dt) ==
        intervention_hazard(flat.adversary, false, false, g, 0.0, dt));
}

TEST_CASE("the adversary builds capability under threat, once a budget year") {
  const World w = run(test::kLine, 13, {"simulation.steps=13", "adversary.initial_threat=1"});
  CHECK(w.adversary.capability > w.adversary.initial_capability);
}

TEST_CASE("consultation discounts what the adversary reads from members and promises, not the balance") {
  const std::string promise = R"(
[[event]]
at = 0
kind = "promise"
state = "DDD"
)";
  World open = build_world(read_scenario_text(test::with_event(promise), "t.toml"));
  World talks = build_world(read_scenario_text(test::with_event(promise), "t.toml", {"alliance.consultation=0.5"}));
  World full = build_world(read_scenario_text(test::with_event(promise), "t.toml", {"alliance.consultation=1"}));
  for (World* w : {&open, &talks, &full}) {
    w->step = 0;
    Rng rng(1);
    step(*w, rng);
  }
  CHECK(threat_pressure(talks) < threat_pressure(open));
  // With full consultation only the balance of capability near its border is left.
  const double balance = threat_pressure(full);
  CHECK(balance > 0.0);
  CHECK(threat_pressure(talks) == doctest::Approx(balance + 0.5 * (threat_pressure(open) - balance)));
}
