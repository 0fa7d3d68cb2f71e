#include <doctest/doctest.h>

#include <array>
#include <cmath>

#include "engine/step.hpp"
#include "mechanisms/credibility.hpp"
#include "scenario/build_world.hpp"
#include "support/scenarios.hpp"

using namespace alliance;
using alliance::test::id;

namespace {

World after_steps(const ScenarioDef& def, int steps) { return test::after_steps(def, steps, 1); }

}  // namespace

TEST_CASE("an accession without capability gives a less credible guarantee than one with it") {
  const std::string without = test::with_event(R"(
[[event]]
at = 2
kind = "accession"
state = "DDD"
)");
  const std::string with = test::with_event(R"(
[[event]]
at = 2
kind = "accession"
state = "DDD"
with_capability = true
capability = 100.0
)");
  const World a = after_steps(read_scenario_text(without, "without.toml"), 3);
  const World b = after_steps(read_scenario_text(with, "with.toml"), 3);
  const auto d = id(a, "DDD").value;
  CHECK(a.states[d].is_member());
  CHECK(b.states[d].is_member());
  CHECK(a.cache.credibility.credibility[d] < b.cache.credibility.credibility[d]);
  CHECK(a.cache.credibility.p_hold[d] < b.cache.credibility.p_hold[d]);
  // The tripwire: the deploying ally (the leader, AAA) is more willing.
  const auto lead = id(a, "AAA").value;
  CHECK(a.cache.credibility.willingness(lead, d) < b.cache.credibility.willingness(lead, d));
}

TEST_CASE("admitting an exposed member thins the reinforcements of the others") {
  // C1's mechanism: allies' mobile forces are spread over a wider area.
  const World before = after_steps(test::line_scenario(), 1);
  const World after = after_steps(read_scenario_text(test::with_event(R"(
[[event]]
at = 0
kind = "accession"
state = "DDD"
)"), "enlarged.toml"), 1);
  for (const char* code : {"BBB", "CCC"}) {
    const auto j = id(before, code).value;
    CHECK(after.cache.credibility.local_defence[j] < before.cache.credibility.local_defence[j]);
    CHECK(after.cache.credibility.p_hold[j] <= before.cache.credibility.p_hold[j]);
  }
}

TEST_CASE("the adversary's local force falls with distance") {
  Adversary adv;
  adv.capability = 100.0;
  adv.params.reach_km = 1000.0;
  CHECK(adversary_local_force(adv, 0.0) == doctest::Approx(100.0));
  CHECK(adversary_local_force(adv, 1000.0) == doctest::Approx(100.0 / 2.718281828).epsilon(1e-6));
  CHECK(adversary_local_force(adv, 500.0) > adversary_local_force(adv, 2000.0));
}

TEST_CASE("consensus needs every member: its chance to decide is the lowest of the rules") {
  std::array<double, 5> p{};
  int k = 0;
  for (const char* rule : {"consensus", "majority", "qualified_majority", "directorate", "unilateral"}) {
    const World w = after_steps(test::line_scenario({std::string("alliance.rule=") + rule}), 1);
    p[static_cast<std::size_t>(k++)] = w.cache.credibility.p_decide[id(w, "CCC").value];
  }
  for (std::size_t r = 1; r < p.size(); ++r) CHECK(p[0] <= p[r] + 1e-12);
}

TEST_CASE("non-members have no guarantee") {
  const World w = after_steps(test::line_scenario(), 1);
  const auto d = id(w, "DDD").value;
  CHECK(w.cache.credibility.credibility[d] == 0.0);
  CHECK(w.cache.credibility.adversary_local[d] > 0.0);
}

TEST_CASE("correlated willingness: P_decide = rho w_leader + (1 - rho) P_independent, by hand") {
  for (const char* rule : {"consensus", "majority", "directorate"}) {
    CAPTURE(rule);
    const auto independent = after_steps(test::line_scenario({std::string("alliance.rule=") + rule}), 1);
    const auto half = after_steps(test::line_scenario({std::string("alliance.rule=") + rule,
                                                       "alliance.credibility.willingness_correlation=0.5"}), 1);
    const auto c = id(half, "CCC").value, a = id(half, "AAA").value;  // AAA leads (the largest GDP)
    const double w_leader = half.cache.credibility.willingness(a, c);
    const double p0 = independent.cache.credibility.p_decide[c];
    CHECK(half.cache.credibility.p_decide[c] == doctest::Approx(0.5 * w_leader + 0.5 * p0));
    CHECK(half.cache.credibility.p_decide[a] == doctest::Approx(0.5 * 1.0 + 0.5 * independent.cache.credibility.p_decide[a]));
  }
  // Fully correlated, consensus decides as the leader does, however many members:
  // admitting DDD no longer lowers CCC's P_decide by arithmetic.
  const std::vector<std::string> one = {"alliance.credibility.willingness_correlation=1"};
  auto with_d = one;
  with_d.push_back(R"(alliance.members=["AAA","BBB","CCC","DDD"])");
  const auto three = after_steps(test::line_scenario(one), 1), four = after_steps(test::line_scenario(with_d), 1);
  const auto c = id(three, "CCC").value;
  CHECK(four.cache.credibility.p_decide[c] == doctest::Approx(three.cache.credibility.p_decide[c]));
  const auto i3 = after_steps(test::line_scenario(), 1);
  const auto i4 = after_steps(test::line_scenario({R"(alliance.members=["AAA","BBB","CCC","DDD"])"}), 1);
  CHECK(i4.cache.credibility.p_decide[c] < i3.cache.credibility.p_decide[c]);  // independent: it does
}

TEST_CASE("an integrated command brings reinforcements in time to integrated members, and integration takes years") {
  CHECK(reinforcement_in_time(0.5, 0.0, 1.0) == 0.5);   // no command: rho
  CHECK(reinforcement_in_time(0.5, 0.6, 0.0) == 0.5);   // not yet integrated: rho
  CHECK(reinforcement_in_time(0.5, 0.6, 1.0) == doctest::Approx(0.8));  // rho + chi (1 - rho)
  // DDD joins at step 0 (monthly steps): its integration starts at 0 and
  // grows once a budget year; the founders start integrated.
  const std::string joins = test::with_event(R"(
[[event]]
at = 0
kind = "accession"
state = "DDD"
)");
  auto world = [&](const std::string& command, int steps) {
    return after_steps(read_scenario_text(joins, "joins.toml",
                                          {"simulation.steps=40", "alliance.integrated_command=" + command}),
                       steps);
  };
  const World early = world("0.6", 2), later = world("0.6", 38), none = world("0", 38);
  const auto d = id(early, "DDD").value, b = id(early, "BBB").value;
  CHECK(early.states[d].integration == 0.0);
  CHECK(early.states[b].integration == 1.0);
  CHECK(later.states[d].integration == doctest::Approx(1.0 - std::exp(-3.0 / 5.0)));  // three budget years, tau 5
  // Its defence holds better as it integrates, and only where the command matters.
  CHECK(later.cache.credibility.local_defence[d] > early.cache.credibility.local_defence[d]);
  CHECK(later.cache.credibility.local_defence[d] > none.cache.credibility.local_defence[d]);
  // Before it is integrated the command brings it nothing more.
  CHECK(early.cache.credibility.local_defence[d] == world("0", 2).cache.credibility.local_defence[d]);
}

// ---- Reinforcement over allied transit (Dijkstra) ----

namespace {

// The line's members joined by land, AAA-BBB-CCC, and AAA-CCC by a long
// sea route; `extra` adds more.
std::string line_transit(const std::string& extra = "") {
  return test::with_event(R"(
[[transit]]
id = "ab"
a = "AAA"
b = "BBB"
[[transit]]
id = "bc"
a = "BBB"
b = "CCC"
km = 600.0
[[transit]]
id = "sea"
a = "AAA"
b = "CCC"
km = 4000.0
mode = "sea"
)" + extra);
}

}  // namespace

TEST_CASE("without transit, reinforcements reach by great circle; with it, along the shortest allied route") {
  const World plain = after_steps(test::line_scenario(), 1);
  CHECK(plain.cache.transit_km.size() == 0);
  const World w = after_steps(read_scenario_text(line_transit(), "t.toml"), 1);
  const auto a = id(w, "AAA").value, b = id(w, "BBB").value, c = id(w, "CCC").value, d = id(w, "DDD").value;
  // AAA-BBB without `km`: the great-circle distance between the capitals.
  CHECK(w.cache.transit_km(a, b) == doctest::Approx(w.params.distance_km(a, b)));
  CHECK(w.cache.transit_km(a, c) == doctest::Approx(w.params.distance_km(a, b) + 600.0));
  CHECK(std::isinf(w.cache.transit_km(a, d)));  // DDD is not a member (and has no route)
  const double lambda = w.params.credibility.reinforcement_reach_km;
  CHECK(w.cache.transit_reach(a, c) == doctest::Approx(std::exp(-w.cache.transit_km(a, c) / lambda)));
  CHECK(w.cache.transit_reach(a, d) == 0.0);
}

TEST_CASE("cutting a corridor lengthens the route and lowers the member's defence and credibility") {
  const World open = after_steps(read_scenario_text(line_transit(), "t.toml"), 1);
  const World cut = after_steps(read_scenario_text(line_transit(), "t.toml", {"transit.bc.open=false"}), 1);
  const auto a = id(open, "AAA").value, c = id(open, "CCC").value;
  CHECK(cut.cache.transit_km(a, c) == 4000.0);  // only the sea route is left
  CHECK(cut.cache.credibility.local_defence[c] < open.cache.credibility.local_defence[c]);
  CHECK(cut.cache.credibility.credibility[c] < open.cache.credibility.credibility[c]);
  // AAA's own reinforcement from BBB is unchanged.
  CHECK(cut.cache.transit_km(a, id(open, "BBB").value) == open.cache.transit_km(a, id(open, "BBB").value));
}

TEST_CASE("a route through a non-member is closed until it joins; the routes follow the membership") {
  const std::string via_d = test::with_event(R"(
[[transit]]
a = "AAA"
b = "BBB"
km = 500.0
[[transit]]
a = "BBB"
b = "DDD"
km = 100.0
[[transit]]
a = "DDD"
b = "CCC"
km = 100.0

[[event]]
at = 2
kind = "accession"
state = "DDD"
)");
  const ScenarioDef def = read_scenario_text(via_d, "t.toml");
  World w = build_world(def);
  Rng rng(1);
  const auto a = id(w, "AAA").value, c = id(w, "CCC").value;
  w.step = 0;
  step(w, rng);
  CHECK(std::isinf(w.cache.transit_km(a, c)));  // only through DDD, not yet a member
  CHECK(w.cache.transit_reach(a, c) == 0.0);
  for (int t = 1; t <= 2; ++t) {
    w.step = t;
    step(w, rng);
  }
  CHECK(w.cache.transit_km(a, c) == 700.0);
  CHECK(w.cache.transit_reach(c, a) > 0.0);
}

TEST_CASE("the Baltic scenario: cutting the Suwalki corridor lowers the Baltic members' credibility") {
  const std::string file = std::string(ALLIANCE_SOURCE_DIR) + "/scenarios/baltic_2017.toml";
  const World open = after_steps(read_scenario_file(file, {}), 1);
  const World cut = after_steps(read_scenario_file(file, {"transit.suwalki.open=false"}), 1);
  for (const char* code : {"LTU", "LVA", "EST"}) {
    CAPTURE(code);
    const auto j = id(open, code).value;
    CHECK(cut.cache.credibility.local_defence[j] < open.cache.credibility.local_defence[j]);
    CHECK(cut.cache.credibility.credibility[j] < open.cache.credibility.credibility[j]);
  }
  // Poland, on the near side of the gap, loses only the Baltic members' own
  // reinforcements, less than any of them loses.
  const auto pol = id(open, "POL").value;
  auto loss = [&](std::size_t j) {
    return 1.0 - cut.cache.credibility.local_defence[j] / open.cache.credibility.local_defence[j];
  };
  for (const char* code : {"LTU", "LVA", "EST"}) CHECK(loss(pol) < loss(id(open, code).value));
}

TEST_CASE("willingness computed again only for the allies whose inputs moved equals every pair computed again") {
  World w = after_steps(test::line_scenario(), 2);
  const auto c = id(w, "CCC").value;
  const auto b = id(w, "BBB").value;
  const Eigen::MatrixXd before = w.cache.credibility.willingness;
  // An ally's affinity and another's risk tolerance move: only their rows change.
  w.states[c].adversary_affinity += 0.25;
  w.states[b].risk_tolerance = 0.1;
  update_willingness(w);
  const Eigen::MatrixXd rows = w.cache.credibility.willingness;
  for (Eigen::Index i = 0; i < rows.rows(); ++i)
    if (i != static_cast<Eigen::Index>(c) && i != static_cast<Eigen::Index>(b)) CHECK(rows.row(i) == before.row(i));
  CHECK(rows(c, 0) < before(c, 0));
  CHECK(rows.row(b) != before.row(b));
  w.cache.credibility.inputs.valid = false;  // every pair
  update_willingness(w);
  CHECK(w.cache.credibility.willingness == rows);  // the same bits
  // A deployment moves every pair's inputs it touches: the matrix follows it.
  w.graph.set_deployment(StateId{0}, StateId{static_cast<std::uint32_t>(c)}, 50.0);
  refresh_derived_views(w);
  update_willingness(w);
  const Eigen::MatrixXd deployed = w.cache.credibility.willingness;
  CHECK(deployed(0, c) > rows(0, c));
  CHECK(w.cache.deployment_in[c] == w.cache.deployment.col(static_cast<Eigen::Index>(c)).sum());
  w.cache.credibility.inputs.valid = false;
  update_willingness(w);
  CHECK(w.cache.credibility.willingness == deployed);
}

TEST_CASE("reinforcement sums kept between budget steps equal the sums computed again") {
  World w = after_steps(test::line_scenario(), 2);
  const auto c = id(w, "CCC").value;
  CredibilityState& cred = w.cache.credibility;
  const auto fresh = [&] {  // every sum again, from the world as it is
    cred.reinforcement_inputs.valid = false;
    update_credibility(w);
    return cred.local_defence;
  };
  // An affinity moves (every step in Kosovo): the sums are kept, and they are the same bits.
  w.states[c].adversary_affinity += 0.25;
  update_willingness(w);
  update_credibility(w);
  const std::vector<double> kept = cred.local_defence;
  CHECK(fresh() == kept);
  // A capability moves (a budget step): the sums follow it.
  w.states[c].capability *= 2.0;
  update_credibility(w);
  const std::vector<double> doubled = cred.local_defence;
  for (std::size_t j = 0; j < w.state_count(); ++j)
    if (j != c && w.states[j].is_member()) CHECK(doubled[j] > kept[j]);
  CHECK(fresh() == doubled);
  // The adversary's capability (budget steps, adversary events) scales
  // every A_j alike, so the shares A_j / (sum A - A_i) stay as they were,
  // to rounding; the threat grows.
  const std::vector<double> hold = cred.p_hold;
  w.adversary.capability *= 1.5;
  update_credibility(w);
  for (std::size_t j = 0; j < w.state_count(); ++j)
    if (w.states[j].is_member()) CHECK(cred.p_hold[j] < hold[j]);
  const std::vector<double> stronger = cred.local_defence;
  CHECK(fresh() == stronger);
}

namespace {

bool same_geography_bits(const World& a, const World& b) {
  return a.params.distance_km == b.params.distance_km && a.params.reinforcement_reach == b.params.reinforcement_reach &&
         a.params.adversary_km == b.params.adversary_km && a.params.adversary_reach == b.params.adversary_reach &&
         a.params.border_proximity == b.params.border_proximity;
}

}  // namespace

TEST_CASE("a world built like another copies its geography only when the geography's inputs are the same") {
  const ScenarioDef def = test::line_scenario();
  const World fresh = build_world(def);
  // Another point of a sweep over a parameter that is not geography: the same bits.
  const ScenarioDef other = test::line_scenario({"alliance.institutional_stake=0.3"});
  CHECK(same_geography_bits(build_world(other, &fresh), build_world(other)));
  // A reach scale or a position that moved: computed again.
  for (const std::string set : {"alliance.credibility.reinforcement_reach_km=2000", "adversary.reach_km=900",
                                "adversary.border_km=300", "state.BBB.longitude=12.5"}) {
    CAPTURE(set);
    const ScenarioDef moved = test::line_scenario({set});
    const World like = build_world(moved, &fresh);
    CHECK(same_geography_bits(like, build_world(moved)));
    CHECK_FALSE(same_geography_bits(like, fresh));
  }
}
