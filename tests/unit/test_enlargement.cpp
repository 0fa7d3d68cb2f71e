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
