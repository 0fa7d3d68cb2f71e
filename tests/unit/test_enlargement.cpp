#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

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

TEST_CASE("each review is a vote event naming who supported, who was against and who blocked") {
  // The codes of the states that gave `answer`, vote by vote.
  using Answers = std::map<logged::VoteAnswer, std::vector<std::string>>;
  struct Seen {
    bool adopted;
    std::string subject;
    Answers answers;
  };
  auto votes = [](const std::string& rule) {
    World w = build_world(test::line_scenario(
        {"alliance.institutional_stake=0.3", "state.AAA.relative_gains=1.0", "alliance.enlargement.cost=2.0",
         "alliance.rule=" + rule, "simulation.steps=25", "alliance.aspirants=[\"DDD\"]", "state.DDD.democracy=0.9"}));
    Rng rng(8);
    std::vector<Seen> out;
    for (int t = 0; t < 25; ++t) {
      w.step = t;
      step(w, rng);
      for (const EventRecord& e : w.events) {
        const auto* v = std::get_if<logged::Vote>(&e);
        if (!v || v->issue != logged::VoteIssue::accession) continue;
        Seen seen{v->adopted, w.states[v->subject.value].code, {}};
        for (std::size_t i = 0; i < w.state_count(); ++i)
          seen.answers[static_cast<logged::VoteAnswer>(w.cache.vote_answers[v->answers + i])].push_back(w.states[i].code);
        out.push_back(seen);
      }
    }
    return out;
  };
  using V = std::vector<std::string>;
  const auto consensus = votes("consensus");
  REQUIRE(consensus.size() == 2);  // the reviews at steps 12 and 24
  CHECK_FALSE(consensus[0].adopted);
  CHECK(consensus[0].subject == "DDD");
  CHECK(consensus[0].answers.at(logged::VoteAnswer::block) == V{"AAA"});
  CHECK(consensus[0].answers.at(logged::VoteAnswer::support) == V{"BBB", "CCC"});
  CHECK(consensus[0].answers.count(logged::VoteAnswer::against) == 0);
  CHECK(consensus[0].answers.at(logged::VoteAnswer::no_vote) == V{"DDD"});  // not a member
  const auto majority = votes("majority");
  REQUIRE(majority.size() == 1);  // admitted at the first review
  CHECK(majority[0].adopted);
  CHECK(majority[0].answers.at(logged::VoteAnswer::against) == V{"AAA"});  // outvoted, not a block
  CHECK(majority[0].answers.count(logged::VoteAnswer::block) == 0);
}

namespace {

// DDD an aspirant reviewed every 6 steps; CCC has a dispute with it.
const char* kDispute = R"(
[[dispute]]
member = "CCC"
aspirant = "DDD"
weight = 2.0
source = "a test"
)";

World disputed(std::vector<std::string> overrides, int steps = 61) {
  overrides.insert(overrides.end(), {"simulation.steps=" + std::to_string(steps), "alliance.aspirants=[\"DDD\"]",
                                     "state.DDD.democracy=0.9", "alliance.institutional_stake=1.5",
                                     "alliance.enlargement.review_every=6"});
  return test::after_steps(read_scenario_text(test::with_event(kDispute), "dispute.toml", overrides), steps, 8);
}

}  // namespace

TEST_CASE("a member's dispute with an aspirant lowers its value of admitting it, and only that one") {
  const World w = disputed({}, 6);
  const StateId c = id(w, "CCC"), b = id(w, "BBB"), d = id(w, "DDD");
  CHECK(dispute_weight(w, c, d) == 2.0);
  CHECK(dispute_weight(w, b, d) == 0.0);
  World none = w;  // the same world without the dispute
  none.disputes.clear();
  CHECK(value_of_admission(w, c, d) == doctest::Approx(value_of_admission(none, c, d) - 2.0));
  CHECK(value_of_admission(w, b, d) == doctest::Approx(value_of_admission(none, b, d)));
}

TEST_CASE("a disputed admission: blocked for ever with a free veto, settled by concessions with side payments") {
  const std::vector<std::string> deliberation = {"alliance.deliberation=true", "alliance.block_cost=0"};
  CHECK_FALSE(disputed({}).states[3].is_member());  // deciding afresh: CCC votes no at every review
  CHECK_FALSE(disputed(deliberation).states[3].is_member());
  auto with_payments = deliberation;
  with_payments.insert(with_payments.end(), {"alliance.side_payments=true", "alliance.linkage_cost=0.2"});
  const World paid = disputed(with_payments);
  REQUIRE(paid.states[3].is_member());
  CHECK(dispute_weight(paid, id(paid, "CCC"), id(paid, "DDD")) < 2.0);  // settled, at least in part
  // A dearer deal inside the institution (linkage cost 10) takes longer or never comes.
  auto dear = deliberation;
  dear.insert(dear.end(), {"alliance.side_payments=true", "alliance.linkage_cost=10"});
  const World slow = disputed(dear);
  CHECK((!slow.states[3].is_member() || slow.states[3].joined_step >= paid.states[3].joined_step));
}

TEST_CASE("a disputed admission ends when blocking grows costly, without any payment") {
  const World w = disputed({"alliance.deliberation=true", "alliance.block_cost=20"});
  REQUIRE(w.states[3].is_member());
  CHECK(w.states[3].joined_step > 6);  // not at the first review: blocking was free then
}

TEST_CASE("an attitude event sets what is left of a dispute from its step: the veto holds until then, not after") {
  // CCC's dispute with DDD weighs 2 until step 20, then 0.5 (a settlement
  // reached outside the alliance: the Prespa agreement). Deciding afresh
  // under consensus, CCC's value of admitting DDD is kappa D - w (k = 0,
  // phi = 0): 1.5 D - 2 <= -0.5 < 0 before (D <= 1), 1.5 D - 0.5 >= 0.85 > 0
  // after (D >= 0.9, pulled up by conditionality). Reviews every 6 steps:
  // blocked at 6, 12 and 18, admitted at 24, the first review after the event.
  const std::string settled = std::string(kDispute) + R"(
[[event]]
at = 20
kind = "attitude"
state = "CCC"
aspirant = "DDD"
dispute = 0.5
)";
  auto after = [&](int steps) {
    return test::after_steps(
        read_scenario_text(test::with_event(settled), "settled.toml",
                           {"simulation.steps=30", "alliance.aspirants=[\"DDD\"]", "state.DDD.democracy=0.9",
                            "alliance.institutional_stake=1.5", "alliance.enlargement.review_every=6"}),
        steps, 8);
  };
  const World before = after(20), at = after(21), later = after(30);
  const StateId c = id(before, "CCC"), b = id(before, "BBB"), d = id(before, "DDD");
  CHECK(dispute_weight(before, c, d) == 2.0);
  CHECK_FALSE(before.states[d.value].is_member());
  CHECK(dispute_weight(at, c, d) == 0.5);
  CHECK(dispute_weight(at, b, d) == 0.0);  // only CCC's dispute
  CHECK(value_of_admission(at, c, d) == doctest::Approx(1.5 * at.states[d.value].democracy - 0.5));
  CHECK_FALSE(at.states[d.value].is_member());  // no review at step 20
  REQUIRE(later.states[d.value].is_member());
  CHECK(later.states[d.value].joined_step == 24);

  // The event is logged with the aspirant and the new weight.
  World w = build_world(read_scenario_text(test::with_event(settled), "settled.toml",
                                           {"alliance.aspirants=[\"DDD\"]", "simulation.steps=30"}));
  Rng rng(1);
  bool logged = false;
  for (int t = 0; t <= 20; ++t) {
    w.step = t;
    step(w, rng);
    for (const EventRecord& e : w.events)
      if (const auto* a = std::get_if<logged::Attitude>(&e)) {
        CHECK(t == 20);
        CHECK(a->state == c);
        CHECK(a->aspirant == d);
        CHECK(a->dispute == 0.5);
        CHECK(a->risk_tolerance < 0.0);  // nothing else changed
        logged = true;
      }
  }
  CHECK(logged);

  // A dispute is with an aspirant, an aspirant needs a weight, and only a
  // declared [[dispute]] can change (its source is there).
  const std::string head = "[[event]]\nat = 1\nkind = \"attitude\"\nstate = \"CCC\"\n";
  for (const std::string& bad : {std::string(kDispute) + head + "dispute = 1.0\n",
                                std::string(kDispute) + head + "aspirant = \"DDD\"\n",
                                std::string(kDispute) + head + "aspirant = \"DDD\"\ndispute = 101.0\n",
                                head + "aspirant = \"DDD\"\ndispute = 1.0\n",
                                std::string(kDispute) + "[[event]]\nat = 1\nkind = \"attitude\"\nstate = \"BBB\"\n"
                                                        "aspirant = \"DDD\"\ndispute = 1.0\n"})
    CHECK_THROWS_AS(read_scenario_text(test::with_event(bad), "bad.toml"), InputError);
}

namespace {

// The ratification stage (enlargement.ratification_months R > 0). DDD is
// reviewed every 6 steps (months) with its democracy held at 0.9
// (conditionality off); every member's k and phi are 0, so member i's value
// of admitting it is V_i = kappa D - w_i = 1.5 x 0.9 - w_i = 1.35 - w_i.
// CCC's dispute with DDD weighs 0 at the first review (step 6: every
// member supports, DDD is invited) and flares up to 2 at step 7, after the
// invitation: V_CCC = -0.65 from then on.
const char* kFlare = R"(
[[dispute]]
member = "CCC"
aspirant = "DDD"
weight = 0.0
source = "a test"

[[event]]
at = 7
kind = "attitude"
state = "CCC"
aspirant = "DDD"
dispute = 2.0
)";

ScenarioDef ratifying(const std::string& events, std::vector<std::string> overrides, int steps = 40) {
  overrides.insert(overrides.begin(),
                   {"simulation.steps=" + std::to_string(steps), "alliance.aspirants=[\"DDD\"]",
                    "state.DDD.democracy=0.9", "alliance.democracy.conditionality_pull=0",
                    "alliance.institutional_stake=1.5", "alliance.enlargement.review_every=6"});
  return read_scenario_text(test::with_event(events), "ratify.toml", overrides);
}

// Every M6 event of a run (admission and ratification votes, invitations,
// accessions, side payments on an admission): the kind, its step, and for a
// vote its issue, whether adopted and the codes answering block.
struct Logged {
  std::string kind;
  int step;
  std::string issue;
  bool adopted = false;
  std::vector<std::string> blocks;
};

std::vector<Logged> m6_events(const ScenarioDef& def, int steps) {
  World w = build_world(def);
  Rng rng(8);
  std::vector<Logged> out;
  for (int t = 0; t < steps; ++t) {
    w.step = t;
    step(w, rng);
    for (const EventRecord& e : w.events) {
      Logged l{std::string(event_name(e)), t, "", false, {}};
      if (const auto* v = std::get_if<logged::Vote>(&e)) {
        if (v->issue != logged::VoteIssue::accession && v->issue != logged::VoteIssue::ratification) continue;
        l.issue = logged::kVoteIssueNames[static_cast<std::size_t>(v->issue)];
        l.adopted = v->adopted;
        for (std::size_t i = 0; i < w.state_count(); ++i)
          if (w.cache.vote_answers[v->answers + i] == static_cast<std::uint8_t>(logged::VoteAnswer::block))
            l.blocks.push_back(w.states[i].code);
      } else if (const auto* p = std::get_if<logged::SidePayment>(&e)) {
        if (p->crisis >= 0) continue;  // on the line's crisis (M3), not an admission
      } else if (!std::holds_alternative<logged::Invitation>(e) && !std::holds_alternative<logged::Accession>(e)) {
        continue;
      }
      out.push_back(l);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("ratification_months = 0: the passed vote admits at once, as without the stage") {
  for (const char* r : {"alliance.enlargement.ratification_months=0", "alliance.enlargement.cost=0.5"}) {
    const World w = run({"alliance.institutional_stake=1.5", r});
    const State& d = w.states[id(w, "DDD").value];
    REQUIRE(d.is_member());
    CHECK(d.joined_step == 12);
    CHECK(d.invited_step == kNotInvited);
  }
  // The same events, step by step, with R = 0 set and not set.
  const auto unset = m6_events(ratifying(kFlare, {}), 20);
  const auto zero = m6_events(ratifying(kFlare, {"alliance.enlargement.ratification_months=0"}), 20);
  REQUIRE(unset.size() == zero.size());
  for (std::size_t k = 0; k < unset.size(); ++k) {
    CHECK(unset[k].kind == zero[k].kind);
    CHECK(unset[k].step == zero[k].step);
  }
  REQUIRE(unset.size() == 2);  // the vote at step 6 passes and admits: no invitation
  CHECK(unset[0].issue == "accession");
  CHECK(unset[1].kind == "accession");
  CHECK(unset[1].step == 6);
}

TEST_CASE("with no holdout an invited aspirant is a member exactly R months after its invitation") {
  // No dispute: the vote at step 6 passes; R = 6 months = 6 monthly steps.
  const ScenarioDef def = ratifying("", {"alliance.enlargement.ratification_months=6"});
  const World at11 = test::after_steps(def, 12, 8), at12 = test::after_steps(def, 13, 8);
  const StateId d = id(at11, "DDD");
  CHECK(at11.states[d.value].invited_step == 6);
  CHECK_FALSE(at11.states[d.value].is_member());
  REQUIRE(at12.states[d.value].is_member());
  CHECK(at12.states[d.value].joined_step == 12);
  const auto events = m6_events(def, 20);
  REQUIRE(events.size() == 4);  // no vote again between invitation and ratification
  CHECK((events[0].issue == "accession" && events[0].adopted && events[0].step == 6));
  CHECK((events[1].kind == "invitation" && events[1].step == 6));
  CHECK((events[2].issue == "ratification" && events[2].adopted && events[2].step == 12 && events[2].blocks.empty()));
  CHECK((events[3].kind == "accession" && events[3].step == 12));

  // Quarterly steps: R = 8 months is reached 3 steps (9 months) after the invitation.
  const World q = test::after_steps(
      ratifying("", {"simulation.step_unit=\"quarter\"", "alliance.enlargement.review_every=2",
                     "alliance.enlargement.ratification_months=8"}, 12),
      12, 8);
  REQUIRE(q.states[d.value].is_member());
  CHECK(q.states[d.value].invited_step == 2);
  CHECK(q.states[d.value].joined_step == 5);
}

TEST_CASE("a holdout with a dispute ratifies once the cost of blocking passes its loss") {
  // Deliberation, block_cost c_b = 1, R = 6: invited at step 6, the members
  // decide from step 12. AAA and BBB ratify at 12 (V = 1.35 > 0); CCC's loss
  // is 0.65 and blocking costs c_b kappa f D = 1 x 1.5 x f x D, D the years
  // beyond R: 0 at step 12 (it blocks), then with f = 2/3 ratified,
  // 1.5 x 2/3 x k/12 = k/12 at step 12 + k: 7/12 = 0.583 < 0.65 at step 19,
  // 8/12 = 0.667 >= 0.65 at step 20, when it ratifies and DDD joins.
  const ScenarioDef def = ratifying(kFlare, {"alliance.deliberation=true", "alliance.block_cost=1",
                                             "alliance.enlargement.ratification_months=6"});
  const World at12 = test::after_steps(def, 13, 8);
  const StateId c = id(at12, "CCC"), d = id(at12, "DDD");
  CHECK(value_of_admission(at12, c, d) == doctest::Approx(1.5 * 0.9 - 2.0));
  CHECK(value_of_admission(at12, id(at12, "AAA"), d) == doctest::Approx(1.5 * 0.9));
  CHECK(at12.states[d.value].ratified[id(at12, "AAA").value] == 1);
  CHECK(at12.states[d.value].ratified[c.value] == 0);
  const World at19 = test::after_steps(def, 20, 8), at20 = test::after_steps(def, 21, 8);
  CHECK_FALSE(at19.states[d.value].is_member());
  REQUIRE(at20.states[d.value].is_member());
  CHECK(at20.states[d.value].joined_step == 20);
  const auto events = m6_events(def, 25);
  int held = 0;
  for (const Logged& e : events)
    if (e.issue == "ratification") {
      CHECK(e.adopted == (e.step == 20));
      if (!e.adopted) CHECK(e.blocks == std::vector<std::string>{"CCC"});
      held += !e.adopted;
    }
  CHECK(held == 8);  // steps 12 .. 19

  // Twice the block cost: k/6 >= 0.65 from k = 4 (3.9), step 16.
  const World dear = test::after_steps(
      ratifying(kFlare, {"alliance.deliberation=true", "alliance.block_cost=2",
                         "alliance.enlargement.ratification_months=6"}), 25, 8);
  CHECK(dear.states[d.value].joined_step == 16);
}

TEST_CASE("side payments: the aspirant's side buys the holdout's ratification with concessions on its dispute") {
  // Blocking free (c_b = 0), so CCC would hold out for ever; at step 12 its
  // price is its loss 0.65 (worth 1 a unit: h = 0), all of it a concession
  // on the dispute (weight 2), costing linkage_cost x 0.65 = 0.13, within
  // the budget (at least the 1.35 AAA places on the admission): bought at
  // step 12, the dispute left at 2 - 0.65 = 1.35.
  const std::vector<std::string> base = {"alliance.deliberation=true", "alliance.block_cost=0",
                                         "alliance.enlargement.ratification_months=6"};
  CHECK_FALSE(test::after_steps(ratifying(kFlare, base), 40, 8).states[3].is_member());
  auto paying = base;
  paying.insert(paying.end(), {"alliance.side_payments=true", "alliance.linkage_cost=0.2"});
  const ScenarioDef def = ratifying(kFlare, paying);
  const World w = test::after_steps(def, 13, 8);
  const StateId c = id(w, "CCC"), d = id(w, "DDD");
  REQUIRE(w.states[d.value].is_member());
  CHECK(w.states[d.value].joined_step == 12);
  CHECK(dispute_weight(w, c, d) == doctest::Approx(2.0 - 0.65));
  const auto events = m6_events(def, 13);
  REQUIRE(events.size() == 5);
  CHECK((events[2].kind == "side_payment" && events[2].step == 12));
  CHECK((events[3].issue == "ratification" && events[3].adopted && events[3].blocks.empty()));
  CHECK(events[4].kind == "accession");
}

TEST_CASE("without deliberation a member ratifies when it values the admission, and only a blocker can hold out") {
  // Deciding afresh: CCC (V = -0.65 from step 7) never ratifies under
  // consensus until its dispute is settled (back to 0 at step 15: V = 1.35),
  // and then does in that step; under majority its "no" stops nothing, so
  // every member ratifies at R.
  const ScenarioDef held = ratifying(kFlare, {"alliance.enlargement.ratification_months=6"});
  CHECK_FALSE(test::after_steps(held, 40, 8).states[3].is_member());
  const std::string settled = std::string(kFlare) + R"(
[[event]]
at = 15
kind = "attitude"
state = "CCC"
aspirant = "DDD"
dispute = 0.0
)";
  const World w = test::after_steps(ratifying(settled, {"alliance.enlargement.ratification_months=6"}), 20, 8);
  REQUIRE(w.states[3].is_member());
  CHECK(w.states[3].joined_step == 15);
  const World majority = test::after_steps(
      ratifying(kFlare, {"alliance.rule=majority", "alliance.enlargement.ratification_months=6"}), 20, 8);
  REQUIRE(majority.states[3].is_member());
  CHECK(majority.states[3].joined_step == 12);
}

TEST_CASE("members admitted while an aspirant is invited need not ratify it") {
  // AAA and BBB the members, CCC an aspirant invited at step 6, DDD a
  // scheduled accession at step 8 that values CCC's admission below 0
  // (k = 1 with c_enl = 3, phi = 1): it would block if asked, but only AAA
  // and BBB need ratify, at step 12.
  const World w = test::after_steps(
      read_scenario_text(test::with_event("[[event]]\nat = 8\nkind = \"accession\"\nstate = \"DDD\"\n"), "r.toml",
                         {"simulation.steps=20", "alliance.members=[\"AAA\", \"BBB\"]", "alliance.aspirants=[\"CCC\"]",
                          "state.CCC.democracy=0.9", "alliance.institutional_stake=1.5",
                          "alliance.enlargement.review_every=6", "alliance.enlargement.ratification_months=6",
                          "state.DDD.adversary_affinity=1", "state.DDD.relative_gains=1",
                          "alliance.enlargement.cost=3"}),
      20, 8);
  const StateId c = id(w, "CCC"), dd = id(w, "DDD");
  REQUIRE(w.states[dd.value].joined_step == 8);
  CHECK(value_of_admission(w, dd, c) < 0.0);
  CHECK(w.states[c.value].ratified[dd.value] == 1);  // counted in without a decision
  REQUIRE(w.states[c.value].is_member());
  CHECK(w.states[c.value].joined_step == 12);
}
