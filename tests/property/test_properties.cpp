// Invariants that must hold for any valid scenario: random scenarios are
// generated from a fixed seed, run, and checked step by step.
#include <doctest/doctest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <boost/random/uniform_01.hpp>

#include "engine/step.hpp"
#include "runner/run_scenario.hpp"
#include "support/scenarios.hpp"

using namespace alliance;

namespace {

// A random valid scenario: 2-12 states, random rule, crisis, accessions.
std::string random_scenario(Rng& rng) {
  boost::random::uniform_01<double> u;
  const int n = 2 + static_cast<int>(u(rng) * 11);
  const int founders = 1 + static_cast<int>(u(rng) * (n - 1));
  const int steps = 1 + static_cast<int>(u(rng) * 30);
  static const char* presets[] = {"", "realist", "liberal"};
  const char* preset = presets[static_cast<int>(u(rng) * 3)];
  std::string text = *preset ? fmt::format("preset = \"{}\"\n", preset) : std::string();
  text += fmt::format("[simulation]\nsteps = {}\nseed = {}\n", steps, static_cast<int>(u(rng) * 1e6));
  auto code = [](int i) { return fmt::format("S{}{}", char('A' + i / 26), char('A' + i % 26)); };
  for (int i = 0; i < n; ++i)
    text += fmt::format(
        "[[state]]\ncode = \"{}\"\ngdp = {}\ncapability = {}\nlatitude = {}\nlongitude = {}\n"
        "risk_tolerance = {}\nadversary_affinity = {}\nnuclear = {}\ndefence_share = {}\n"
        "democracy = {}\ndemocracy_baseline = {}\n",
        code(i), 1 + u(rng) * 1e4, u(rng) * 1e3, -60 + u(rng) * 120, -170 + u(rng) * 340, u(rng), u(rng),
        u(rng) < 0.3 ? "true" : "false", u(rng) * 0.1, u(rng), u(rng));
  std::string members, aspirants;
  for (int i = 0; i < founders; ++i) members += fmt::format("{}\"{}\"", i ? ", " : "", code(i));
  // Up to three founders decide under the directorate rule (no draw: the
  // scenarios' random numbers stay as they were).
  std::string directorate;
  for (int i = 0; i < std::min(founders, 3); ++i) directorate += fmt::format("{}\"{}\"", i ? ", " : "", code(i));
  bool scheduled[26 * 26] = {};
  for (int i = founders; i < n; ++i) scheduled[i] = u(rng) < 0.5;
  for (int i = founders; i < n; ++i)
    if (!scheduled[i] && u(rng) < 0.7) aspirants += fmt::format("{}\"{}\"", aspirants.empty() ? "" : ", ", code(i));
  text += fmt::format(
      "[alliance]\nmembers = [{}]\naspirants = [{}]\nrule = \"{}\"\ndirectorate = [{}]\n"
      "sanctions = {}\n[alliance.qualified_majority]\nthreshold = {}\nweighting = \"gdp\"\n"
      "[alliance.burden]\nspillover = {}\n[alliance.enlargement]\nreview_every = {}\n",
      members, aspirants, kRuleNames[static_cast<std::size_t>(u(rng) * static_cast<double>(std::size(kRuleNames)))], directorate, u(rng) < 0.3 ? "true" : "false",
      0.51 + u(rng) * 0.49, u(rng), 1 + static_cast<int>(u(rng) * 12));
  text += fmt::format("[adversary]\ncapability = {}\nlatitude = {}\nlongitude = {}\nreach_km = {}\n"
                      "initial_threat = {}\nintervention_rate = {}\n", u(rng) * 5e3,
                      -60 + u(rng) * 120, -170 + u(rng) * 340, 100 + u(rng) * 5000, u(rng) * 2, u(rng) * 20);
  text += fmt::format("[[crisis]]\nid = \"c\"\nlatitude = 0\nlongitude = 0\nescalation_sd = {}\n"
                      "[[crisis.severity]]\nat = 0\nvalue = {}\n",
                      u(rng) * 0.5, u(rng) * 3);
  for (int i = founders; i < n; ++i) {
    if (scheduled[i])
      text += fmt::format("[[event]]\nat = {}\nkind = \"accession\"\nstate = \"{}\"\nwith_capability = {}\n",
                          static_cast<int>(u(rng) * steps), code(i), u(rng) < 0.5 ? "true" : "false");
    if (u(rng) < 0.3)
      text += fmt::format("[[event]]\nat = {}\nkind = \"promise\"\nstate = \"{}\"\n", static_cast<int>(u(rng) * steps),
                          code(i));
  }
  if (u(rng) < 0.5)
    text += fmt::format("[[event]]\nat = {}\nkind = \"sanction_reform\"\nevery = {}\n", static_cast<int>(u(rng) * steps),
                        static_cast<int>(u(rng) * 6));
  // The graph's other ties (issue 16, item 7): rivalries (pairwise relative
  // gains in M1) and transit routes (M2's reinforcement by Dijkstra).
  if (u(rng) < 0.5) {
    const std::string burden = "[alliance.burden]\n";
    text.insert(text.find(burden) + burden.size(), fmt::format("nonrival_weight = {}\n", u(rng)));
    std::vector<std::pair<int, int>> pairs;  // each pair once: the same pair twice, both ongoing, would overlap
    const int rivalries = 1 + static_cast<int>(u(rng) * n);
    for (int r = 0; r < rivalries; ++r) {
      const int i = static_cast<int>(u(rng) * n), j = (i + 1 + static_cast<int>(u(rng) * (n - 1))) % n;
      const std::pair<int, int> pair{std::min(i, j), std::max(i, j)};
      if (std::find(pairs.begin(), pairs.end(), pair) != pairs.end()) continue;
      pairs.push_back(pair);
      text += fmt::format("[[rivalry]]\na = \"{}\"\nb = \"{}\"\nsource = \"random\"\n", code(i), code(j));
    }
  }
  if (u(rng) < 0.5) {
    const int routes = static_cast<int>(u(rng) * 2 * n);
    for (int r = 0; r < routes; ++r) {
      const int i = static_cast<int>(u(rng) * n), j = (i + 1 + static_cast<int>(u(rng) * (n - 1))) % n;
      text += fmt::format("[[transit]]\na = \"{}\"\nb = \"{}\"\nmode = \"{}\"\n", code(i), code(j),
                          u(rng) < 0.5 ? "land" : "sea");
      if (u(rng) < 0.5) text += fmt::format("km = {}\n", 1 + u(rng) * 1e4);
    }
  }
  return text;
}

bool unit(double x) { return std::isfinite(x) && x >= 0.0 && x <= 1.0; }

// The crisis' decision against the rule's definition (sim/MODEL.md, "Aggregation
// by the rule in force"), by counting who accepts what, not by the code that
// decides.
void check_decision(const World& w, const Crisis& c) {
  const int decided = level_index(c.decision);
  const std::vector<int>& accepted = c.accepted;
  int lowest = kActionLevels - 1, highest = 0;
  for (StateId m : w.members()) {
    lowest = std::min(lowest, accepted[m.value]);
    highest = std::max(highest, accepted[m.value]);
  }
  CHECK(c.demand == highest);
  CHECK(level_index(c.consensus_level) == lowest);
  CHECK(c.deadlock == (c.demand > 0 && decided == 0));
  // The members' weight (1 each, or their votes) accepting at least level a.
  auto weight_accepting = [&](int a, bool by_votes) {
    double weight = 0.0;
    for (StateId m : w.members())
      if (accepted[m.value] >= a) weight += by_votes ? w.rule.votes[m.value] : 1.0;
    return weight;
  };
  switch (w.rule.rule) {
    case DecisionRule::consensus:
      // Never more than the least willing member accepts; exactly that.
      for (StateId m : w.members()) CHECK(decided <= accepted[m.value]);
      CHECK(decided == lowest);
      break;
    case DecisionRule::majority: {
      // More than half accept the decision; not more than half the next level.
      const double half = 0.5 * static_cast<double>(w.members().size());
      if (decided > 0) CHECK(weight_accepting(decided, false) > half);
      if (decided + 1 < kActionLevels) CHECK(weight_accepting(decided + 1, false) <= half);
      CHECK(decided <= c.demand);
      break;
    }
    case DecisionRule::qualified_majority: {
      const double needed = w.rule.qm_threshold * weight_accepting(0, true) - 1e-9;
      if (decided > 0) CHECK(weight_accepting(decided, true) >= needed);
      if (decided + 1 < kActionLevels) CHECK(weight_accepting(decided + 1, true) < needed);
      CHECK(decided <= c.demand);
      break;
    }
    case DecisionRule::directorate: {
      // The least willing directorate state, whatever the others accept.
      int least = kActionLevels;
      for (std::size_t i = 0; i < w.state_count(); ++i)
        if (w.rule.in_directorate[i]) least = std::min(least, accepted[i]);
      CHECK(decided == (least == kActionLevels ? 0 : least));
      CHECK(c.bypass == (decided > lowest));
      break;
    }
    case DecisionRule::unilateral:
      CHECK(decided == accepted[w.rule.leader.value]);
      break;
  }
  if (w.rule.rule != DecisionRule::directorate) CHECK_FALSE(c.bypass);
}

}  // namespace

TEST_CASE("probabilities and shares stay in [0,1], no member is lost, levels stay on the ladder, "
          "each rule decides what its definition says") {
  Rng generator(2026);
  for (int trial = 0; trial < 150; ++trial) {
    const std::string text = random_scenario(generator);
    const ScenarioDef def = read_scenario_text(text, fmt::format("random{}.toml", trial));
    World w = build_world(def);
    Rng rng(replicate_seed(def.simulation.seed, 0));
    std::size_t members = w.members().size();
    for (int t = 0; t < def.simulation.steps; ++t) {
      w.step = t;
      step(w, rng);
      CHECK(w.members().size() >= members);
      members = w.members().size();
      const auto& c = w.cache.credibility;
      for (std::size_t j = 0; j < w.state_count(); ++j) {
        CHECK(unit(c.p_hold[j]));
        CHECK(unit(c.p_decide[j]));
        CHECK(unit(c.credibility[j]));
        CHECK(std::isfinite(c.local_defence[j]));
        for (std::size_t i = 0; i < w.state_count(); ++i) CHECK(unit(c.willingness(i, j)));
        const State& s = w.states[j];
        CHECK(unit(s.democracy));
        CHECK(unit(s.adversary_affinity));
        CHECK(unit(s.relative_gains));
        CHECK((std::isfinite(s.spending) && s.spending >= 0.0));
        CHECK((std::isfinite(s.capability) && s.capability >= 0.0));
      }
      CHECK((std::isfinite(w.adversary.threat) && w.adversary.threat >= 0.0));
      CHECK((std::isfinite(w.adversary.capability) && w.adversary.capability >= 0.0));
      for (const Crisis& cr : w.crises) {
        CHECK(std::isfinite(cr.severity));
        CHECK(cr.severity >= 0.0);
        for (int a : cr.accepted) CHECK((a >= 0 && a < kActionLevels));
        check_decision(w, cr);
      }
    }
  }
}

TEST_CASE("same seed, same bytes; different replicates, different draws") {
  Rng generator(99);
  for (int trial = 0; trial < 10; ++trial) {
    const ScenarioDef def =
        read_scenario_text(random_scenario(generator), "random.toml", {"simulation.replicates=2",
                                                                       "crisis.c.escalation_sd=0.3"});
    const RunResult a = run_scenario(def, RunPlan{1});
    const RunResult b = run_scenario(def, RunPlan{2});
    CHECK(a.replicates[0].tables[RunTable::steps] == b.replicates[0].tables[RunTable::steps]);
    CHECK(a.replicates[0].tables[RunTable::votes] == b.replicates[0].tables[RunTable::votes]);
    CHECK(a.replicates[1].tables[RunTable::members] == b.replicates[1].tables[RunTable::members]);
    CHECK(a.seeds[0] != a.seeds[1]);
    CHECK(a.replicates[0].tables[RunTable::crises] != a.replicates[1].tables[RunTable::crises]);  // the random walk differs
  }
}
