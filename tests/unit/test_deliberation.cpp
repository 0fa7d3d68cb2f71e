// M3, model 2: deliberation with memory (mechanisms/deliberation.cpp).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/step.hpp"
#include "mechanisms/deliberation.hpp"
#include "support/scenarios.hpp"

using namespace alliance;
using alliance::test::id;

namespace {

using A = logged::VoteAnswer;

// Per step: the decision, and each member's answer in the step's crisis vote (if any).
struct Trace {
  std::vector<ActionLevel> decision;
  std::vector<std::vector<A>> answers;  // empty: no vote that step
  std::vector<logged::VoteIssue> issue;
};

Trace run(std::vector<std::string> overrides, const std::string& extra = "") {
  overrides.push_back("crisis.test.perception_noise=0");
  ScenarioDef def = read_scenario_text(test::with_event(extra), "line.toml", overrides);
  World w = build_world(def);
  Rng rng(3);
  Trace t;
  for (int s = 0; s < def.simulation.steps; ++s) {
    w.step = s;
    step(w, rng);
    t.decision.push_back(w.crises[0].decision);
    t.answers.emplace_back();
    t.issue.push_back(logged::VoteIssue::accession);
    for (const EventRecord& e : w.events)
      if (const auto* v = std::get_if<logged::Vote>(&e); v && v->crisis == 0) {
        for (std::size_t i = 0; i < w.state_count(); ++i)
          t.answers.back().push_back(static_cast<A>(w.cache.vote_answers[v->answers + i]));
        t.issue.back() = v->issue;
      }
  }
  return t;
}

// The first step with any action decided; the trace's length when none.
std::size_t first_action(const Trace& t) {
  for (std::size_t s = 0; s < t.decision.size(); ++s)
    if (t.decision[s] != ActionLevel::none) return s;
  return t.decision.size();
}

}  // namespace

TEST_CASE("the cost of blocking, and a voter's answer, by hand") {
  CHECK(blocking_cost(2.0, 1.5, 0.5, 2.0) == doctest::Approx(3.0));  // c_b kappa f D
  CHECK(blocking_cost(2.0, 1.5, 0.5, 0.0) == 0.0);                   // nothing before any deadlock
  CHECK(answer_to(0.1, 0.0, true) == A::support);
  CHECK(answer_to(-0.5, 1.0, true) == A::abstain);  // its loss 0.5 is less than blocking's cost 1
  CHECK(answer_to(-1.0, 1.0, true) == A::abstain);
  CHECK(answer_to(-2.0, 1.0, true) == A::block);
  CHECK(answer_to(-2.0, 1.0, false) == A::against);  // outvoted, cannot block alone
}

TEST_CASE("adoption by the rule: abstention does not block consensus; a majority counts supporters") {
  World w = build_world(test::line_scenario());
  const auto a = id(w, "AAA").value, b = id(w, "BBB").value, c = id(w, "CCC").value;
  std::vector<std::uint8_t> answers(w.state_count(), 0);
  auto set = [&](A x, A y, A z) {
    answers[a] = static_cast<std::uint8_t>(x);
    answers[b] = static_cast<std::uint8_t>(y);
    answers[c] = static_cast<std::uint8_t>(z);
  };
  set(A::support, A::abstain, A::abstain);
  CHECK(adopted(w.rule, w.members(), answers));
  set(A::support, A::support, A::block);
  CHECK_FALSE(adopted(w.rule, w.members(), answers));
  set(A::abstain, A::abstain, A::abstain);
  CHECK_FALSE(adopted(w.rule, w.members(), answers));  // nobody for it
  w.rule.rule = DecisionRule::majority;
  set(A::support, A::abstain, A::against);
  CHECK_FALSE(adopted(w.rule, w.members(), answers));  // 1 of 3
  set(A::support, A::support, A::against);
  CHECK(adopted(w.rule, w.members(), answers));
}

TEST_CASE("a blocked raise stays blocked without a cost of blocking, and ends in abstention with one") {
  // CCC opposes any action (no interest, averse to risk, affinity 1: V < 0 at
  // every level, as kappa stake(a) - 2 c(a) - O(a)); AAA and BBB want it.
  const std::vector<std::string> base = {"alliance.deliberation=true", "state.CCC.adversary_affinity=1.0",
                                         "crisis.test.interest.CCC=0", "state.CCC.risk_tolerance=0",
                                         "alliance.institutional_stake=1.0", "simulation.steps=24"};
  auto with = [&](const std::string& cost) {
    auto o = base;
    o.push_back("alliance.block_cost=" + cost);
    return run(o);
  };
  const Trace free = with("0");
  bool any_vote = false;
  for (std::size_t s = 0; s < free.decision.size(); ++s) {
    CHECK(free.decision[s] == ActionLevel::none);
    if (!free.answers[s].empty()) {
      any_vote = true;
      CHECK(free.answers[s][2] == A::block);
    }
  }
  REQUIRE(any_vote);
  const Trace costly = with("50");
  const std::size_t first = first_action(costly);
  REQUIRE(first < costly.decision.size());
  CHECK(costly.answers[first][2] == A::abstain);  // CCC let it pass
  CHECK(costly.answers[first][0] == A::support);
  REQUIRE(first > 0);
  CHECK(costly.answers[first - 1][2] == A::block);  // and had blocked the step before
}

TEST_CASE("a level adopted stays in force while the agenda setter wants it; deciding afresh drops it") {
  // Severity falls sharply at step 4; AAA (the leader) cares enough to keep
  // wanting action, the others no longer do.
  const std::string drop = R"(
[[event]]
at = 4
kind = "escalation"
crisis = "test"
shock = -1.2
)";
  const std::vector<std::string> base = {"crisis.test.interest.AAA=20", "alliance.institutional_stake=1.0",
                                         "simulation.steps=8"};
  auto with = [&](bool deliberation) {
    auto o = base;
    o.push_back(std::string("alliance.deliberation=") + (deliberation ? "true" : "false"));
    return run(o, drop);
  };
  const Trace afresh = with(false), memory = with(true);
  REQUIRE(afresh.decision[3] > ActionLevel::none);
  CHECK(afresh.decision[5] < afresh.decision[3]);   // lapses as soon as the others no longer accept it
  REQUIRE(memory.decision[3] > ActionLevel::none);
  CHECK(memory.decision[5] >= memory.decision[3]);  // in force until rescinded
}

TEST_CASE("forum switching: after F months of deadlock the directorate acts outside the institution") {
  // CCC blocks every level (as above); AAA and BBB, the directorate, want action.
  for (const char* deliberation : {"true", "false"}) {
    CAPTURE(deliberation);
    std::vector<std::string> o = {std::string("alliance.deliberation=") + deliberation,
                                  "state.CCC.adversary_affinity=1.0", "crisis.test.interest.CCC=0",
                                  "state.CCC.risk_tolerance=0", "alliance.institutional_stake=1.0",
                                  "alliance.block_cost=0", "simulation.steps=24", "alliance.directorate=[\"AAA\", \"BBB\"]"};
    const Trace never = run(o);
    for (ActionLevel a : never.decision) CHECK(a == ActionLevel::none);
    o.push_back("alliance.forum_switch_months=3");
    const Trace quad = run(o);
    const std::size_t first = first_action(quad);
    REQUIRE(first < quad.decision.size());
    CHECK(first >= 2);  // not before three steps (months) of deadlock
    // The institution is still deadlocked: CCC's block stands, the directorate acts outside.
    if (!quad.answers[first].empty()) CHECK(quad.answers[first][2] != A::support);
  }
}

TEST_CASE("the price of a blocker's abstention, by hand") {
  // Loss 1.0, blocking would cost it 0.2: it must be given 0.8 of value.
  const AbstentionPrice transfer = price_of_abstention(1.0, 0.2, 0.0, 0.0, 0.0, 0.5);
  CHECK(transfer.value == doctest::Approx(0.8));
  CHECK(transfer.linked == 0.0);
  CHECK(transfer.cost == doctest::Approx(1.5 * 0.8));  // a transfer costs 1 + lambda per unit
  // A grievance worth 0.5 carries part of it as a linked concession at lambda per unit.
  const AbstentionPrice linked = price_of_abstention(1.0, 0.2, 0.0, 0.0, 0.5, 0.5);
  CHECK(linked.linked == doctest::Approx(0.5));
  CHECK(linked.cost == doctest::Approx(0.5 * 0.5 + 1.5 * 0.3));
  // Relative gains: when half of what it is given also helps a rival, a
  // member with r = 0.8 values each unit at 0.6, so it must be given more.
  const AbstentionPrice rival = price_of_abstention(1.0, 0.2, 0.8, 0.5, 0.0, 0.5);
  CHECK(rival.value == doctest::Approx(0.8 / 0.6));
  CHECK(rival.cost > transfer.cost);
  // Nothing to pay when blocking costs it more than it loses; no price when all of it helps the rival.
  CHECK(price_of_abstention(0.1, 0.2, 0.0, 0.0, 0.0, 0.5).cost == 0.0);
  CHECK(std::isinf(price_of_abstention(1.0, 0.2, 1.0, 1.0, 0.0, 0.5).cost));
}

TEST_CASE("side payments: the supporter that values it most buys a blocker's abstention when the price is within its surplus") {
  // CCC opposes mildly (no interest); AAA cares a great deal. Blocking is free,
  // so without side payments CCC blocks for ever.
  const std::vector<std::string> base = {"alliance.deliberation=true", "crisis.test.interest.CCC=0",
                                         "state.CCC.adversary_affinity=0.3", "crisis.test.interest.AAA=20",
                                         "alliance.institutional_stake=1.0", "alliance.block_cost=0",
                                         "simulation.steps=12"};
  auto with = [&](std::vector<std::string> extra) {
    auto o = base;
    o.insert(o.end(), extra.begin(), extra.end());
    return run(o);
  };
  const Trace none = with({});
  CHECK(first_action(none) == none.decision.size());
  const Trace paid = with({"alliance.side_payments=true", "alliance.linkage_cost=0.2"});
  const std::size_t first = first_action(paid);
  REQUIRE(first < paid.decision.size());
  CHECK(paid.answers[first][2] == A::abstain);  // CCC bought
  // A blocker that values what it is given at nothing (it all helps a rival,
  // and it weighs relative gains fully) cannot be bought.
  const Trace rival = with({"alliance.side_payments=true", "state.CCC.relative_gains=1", "state.CCC.rival_gain_share=1"});
  CHECK(first_action(rival) == rival.decision.size());
}

TEST_CASE("side payments: a dearer linkage inside the institution buys less, a grievance to trade buys more") {
  // AAA's surplus is limited (interest 4): the price decides the deal.
  auto first = [](const std::string& linkage, const std::string& grievance) {
    const Trace t = run({"alliance.deliberation=true", "crisis.test.interest.CCC=0", "state.CCC.adversary_affinity=0.6",
                         "crisis.test.interest.AAA=4", "alliance.institutional_stake=1.0", "alliance.block_cost=0",
                         "simulation.steps=24", "alliance.side_payments=true", "alliance.linkage_cost=" + linkage,
                         "state.CCC.grievance=" + grievance});
    return first_action(t);
  };
  CHECK(first("0", "0") <= first("10", "0"));
  CHECK(first("10", "100") <= first("10", "0"));
}
