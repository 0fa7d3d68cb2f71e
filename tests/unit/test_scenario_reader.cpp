#include <doctest/doctest.h>

#include <string>

#include "scenario/reader.hpp"
#include "support/scenarios.hpp"

using namespace alliance;

namespace {

// The issues a text raises, or an empty list when it reads cleanly.
std::vector<InputIssue> issues_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    read_scenario_text(text, "t.toml", overrides);
  } catch (const InputError& e) {
    return e.issues();
  }
  return {};
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the test scenario reads, with defaults filled in") {
  const ScenarioDef def = test::line_scenario();
  CHECK(def.states.size() == 4);
  CHECK(def.alliance.members.size() == 3);
  CHECK(def.alliance.rule.rule == DecisionRule::consensus);
  CHECK(def.states[0].democracy == doctest::Approx(0.8));
  CHECK(def.crises[0].end == def.simulation.steps - 1);
  CHECK(def.adversary.code == "ADV");
}

TEST_CASE("a misspelt key is an error with its line and the nearest known key") {
  const auto issues = issues_of(replace(test::kLine, "rule = \"consensus\"", "rulee = \"consensus\""));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key == "alliance.rulee");
  CHECK(issues[0].line == 37);
  CHECK(issues[0].message.find("did you mean 'rule'") != std::string::npos);
}

TEST_CASE("every problem in a file is reported, not just the first") {
  std::string text = replace(test::kLine, "gdp = 500.0", "gdp = -5.0");
  text = replace(text, "capability = 400.0", "capability = \"lots\"");
  const auto issues = issues_of(text);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].key == "state[1].gdp");
  CHECK(issues[0].message.find("> 0") != std::string::npos);
  CHECK(issues[1].key == "adversary.capability");
  CHECK(issues[1].message.find("got a string") != std::string::npos);
}

TEST_CASE("references are checked and suggestions offered") {
  const auto issues = issues_of(replace(test::kLine, R"(members = ["AAA", "BBB", "CCC"])",
                                        R"(members = ["AAA", "BBB", "CCX"])"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key == "alliance.members[2]");
  CHECK(issues[0].message.find("did you mean \"CCC\"") != std::string::npos);
  CHECK(issues[0].line > 0);
}

TEST_CASE("dates and steps both name a point in time") {
  std::string text = replace(test::kLine, "seed = 7", "seed = 7\nstart = \"1998-03\"");
  text = replace(text, "at = 5", "at = \"1998-08\"");
  const ScenarioDef def = read_scenario_text(text, "t.toml");
  CHECK(def.crises[0].severity[1].step == 5);
  const auto late = issues_of(replace(text, "at = \"1998-08\"", "at = \"2001-01\""));
  REQUIRE(late.size() == 1);
  CHECK(late[0].message.find("past the end") != std::string::npos);
}

TEST_CASE("a qualified majority's weighting is one of its words, refused with the line and the words") {
  const std::string qm = "\n[alliance.qualified_majority]\nweighting = \"{}\"\n";
  const std::string text = std::string(test::kLine);
  CHECK(read_scenario_text(text + replace(qm, "{}", "gdp"), "t.toml").alliance.rule.qm_weighting == QmWeighting::gdp);
  CHECK(test::line_scenario().alliance.rule.qm_weighting == QmWeighting::equal);
  const auto wrong = issues_of(text + replace(qm, "{}", "gpd"));
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0].key == "alliance.qualified_majority.weighting");
  CHECK(wrong[0].line > 0);
  CHECK(wrong[0].message == "unknown value \"gpd\"; expected one of equal, gdp, votes (did you mean \"gdp\"?)");
}

TEST_CASE("a run starts in year 1 at the earliest and ends by 9999-12") {
  const auto negative = issues_of(replace(test::kLine, "seed = 7", "seed = 7\nstart = \"-100-01\""));
  REQUIRE(negative.size() == 1);
  CHECK(negative[0].key == "simulation.start");
  CHECK(negative[0].line == 5);
  CHECK(negative[0].message.find("from 0001-01 to 9999-12") != std::string::npos);
  // 6 monthly steps from 9999-07: the last is 9999-12, the latest date there is.
  std::string text = replace(test::kLine, "seed = 7", "seed = 7\nstart = \"9999-07\"");
  text = replace(text, "at = 5", "at = \"9999-12\"");
  CHECK(issues_of(text).empty());
  const auto past = issues_of(replace(text, "steps = 6", "steps = 7"));
  REQUIRE(past.size() >= 1);
  CHECK(past[0].key == "simulation.steps");
  CHECK(past[0].line == 3);
  CHECK(past[0].message.find("last step would be 10000-01, past 9999-12") != std::string::npos);
  // Yearly steps count as 12 months; without `steps` in the file the error is at `start`.
  const auto yearly = issues_of(text, {"simulation.step_unit=\"year\""});
  REQUIRE(yearly.size() >= 1);
  CHECK(yearly[0].key == "simulation.steps");
  CHECK(yearly[0].message.find("past 9999-12") != std::string::npos);
  const auto no_steps = issues_of(replace(text, "steps = 6\n", ""));
  REQUIRE(no_steps.size() >= 1);
  CHECK(no_steps[0].key == "simulation.start");
  CHECK(no_steps[0].line == 4);
}

TEST_CASE("events are sorted by time and unknown event keys rejected") {
  const ScenarioDef def = read_scenario_text(test::with_event(R"(
[[event]]
at = 4
kind = "rule_change"
rule = "majority"

[[event]]
at = 1
kind = "accession"
state = "DDD"
)"), "t.toml");
  CHECK(def.events[0].step == 1);
  CHECK(def.events[1].step == 4);
  const auto issues = issues_of(test::with_event(R"(
[[event]]
at = 1
kind = "rule_change"
rule = "majority"
state = "DDD"
)"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].key == "event[0].state");
}

TEST_CASE("an accession of a state already a member is an error") {
  const auto issues = issues_of(test::with_event(R"(
[[event]]
at = 1
kind = "accession"
state = "BBB"
)"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("already a member") != std::string::npos);
}

TEST_CASE("non-finite numbers are refused") {
  for (const char* bad : {"nan", "inf", "-inf"}) {
    const auto issues = issues_of(replace(test::kLine, "capability = 400.0", std::string("capability = ") + bad));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].key == "adversary.capability");
  }
}

TEST_CASE("[[record]]: what happened, read whole; a bad name, date or a name used twice is named") {
  const std::string record = R"(
[[record]]
name = "first_threat"
what = "a threat"
metric = "test_months_to_threat"
value = 7
tolerance = 2
date = "1998-10"
source = "a press release"
)";
  const ScenarioDef def = read_scenario_text(std::string(test::kLine) + record, "t.toml");
  REQUIRE(def.records.size() == 1);
  CHECK(def.records[0].name == "first_threat");
  CHECK(def.records[0].value == 7.0);
  CHECK(def.records[0].tolerance == 2.0);
  CHECK(def.records[0].date == "1998-10");
  auto keys = [](const std::vector<InputIssue>& issues) {
    std::vector<std::string> out;
    for (const auto& i : issues) out.push_back(i.key);
    return out;
  };
  CHECK(keys(issues_of(std::string(test::kLine) + replace(record, "\"first_threat\"", "\"First\""))) ==
        std::vector<std::string>{"record[0].name"});
  CHECK(keys(issues_of(std::string(test::kLine) + replace(record, "\"1998-10\"", "\"Oct 1998\""))) ==
        std::vector<std::string>{"record[0].date"});
  CHECK(keys(issues_of(std::string(test::kLine) + replace(record, "tolerance = 2", "tolerance = 0"))) ==
        std::vector<std::string>{"record[0].tolerance"});
  CHECK(keys(issues_of(std::string(test::kLine) + record + record)) == std::vector<std::string>{"record[1].name"});
  CHECK(keys(issues_of(std::string(test::kLine) + replace(record, "source = \"a press release\"\n", ""))) ==
        std::vector<std::string>{"record[0].source"});
}

TEST_CASE("[[rivalry]] and [[transit]]: unknown states, a state with itself, overlaps and repeated ids are named") {
  const std::string good = test::with_event(R"(
[[rivalry]]
a = "BBB"
b = "CCC"
since = 1990
until = 1995
source = "test"
[[rivalry]]
a = "CCC"
b = "BBB"
since = 1996
source = "test"
[[transit]]
id = "r1"
a = "AAA"
b = "BBB"
km = 800.0
mode = "sea"
)");
  CHECK(issues_of(good).empty());
  const ScenarioDef def = read_scenario_text(good, "t.toml");
  REQUIRE(def.rivalries.size() == 2);
  CHECK(def.rivalries[1].until == 0);
  REQUIRE(def.transit.size() == 1);
  CHECK(def.transit[0].mode == TransitMode::sea);
  CHECK(def.transit[0].open);

  auto first = [&](const std::string& text) {
    const auto issues = issues_of(text);
    return issues.empty() ? std::string() : issues[0].key + ": " + issues[0].message;
  };
  CHECK(first(replace(good, "a = \"BBB\"\nb = \"CCC\"", "a = \"BBB\"\nb = \"CCX\""))
            .find("rivalry[0].b: no [[state]] has code \"CCX\" (did you mean \"CCC\"?)") != std::string::npos);
  CHECK(first(replace(good, "a = \"BBB\"\nb = \"CCC\"", "a = \"BBB\"\nb = \"BBB\""))
            .find("rivalry[0].b: a state cannot be its own rival") != std::string::npos);
  CHECK(first(replace(good, "since = 1996", "since = 1994")).find("rivalry[1].a: CCC and BBB are rivals in rivalry[0]") !=
        std::string::npos);
  CHECK(first(replace(good, "until = 1995", "until = 1985")).find("rivalry[0].until: the rivalry ends (1985) before") !=
        std::string::npos);
  CHECK(first(replace(good, "source = \"test\"\n[[rivalry]]", "[[rivalry]]")).find("rivalry[0].source: missing") !=
        std::string::npos);
  CHECK(first(replace(good, "b = \"BBB\"\nkm", "b = \"AAA\"\nkm")).find("transit[0].b: a transit route joins two") !=
        std::string::npos);
  CHECK(first(replace(good, "km = 800.0", "km = -1.0")).find("transit[0].km") != std::string::npos);
  CHECK(first(replace(good, "mode = \"sea\"", "mode = \"air\"")).find("transit[0].mode: unknown value \"air\"") !=
        std::string::npos);
  CHECK(first(good + "[[transit]]\nid = \"r1\"\na = \"BBB\"\nb = \"CCC\"\n")
            .find("transit[1].id: \"r1\" names an earlier transit route too") != std::string::npos);
  // Cut from the command line by its id.
  CHECK_FALSE(read_scenario_text(good, "t.toml", {"transit.r1.open=false"}).transit[0].open);
}

TEST_CASE("a crisis' target is a state and its aggressor one of its words") {
  const ScenarioDef def = test::line_scenario({"crisis.test.target=CCC", "crisis.test.aggressor=non_state"});
  CHECK(def.crises[0].target == "CCC");
  CHECK(def.crises[0].aggressor == Aggressor::non_state);
  CHECK(test::line_scenario().crises[0].target.empty());
  CHECK(test::line_scenario().crises[0].aggressor == Aggressor::adversary);
  const std::string crisis = "id = \"test\"\n";
  const auto unknown = issues_of(replace(test::kLine, crisis, crisis + "target = \"CCX\"\n"));
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].key == "crisis[0].target");
  CHECK(unknown[0].line > 0);
  CHECK(unknown[0].message.find("did you mean \"CCC\"") != std::string::npos);
  const auto wrong = issues_of(replace(test::kLine, crisis, crisis + "aggressor = \"nonstate\"\n"));
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0].key == "crisis[0].aggressor");
  CHECK(wrong[0].message == "unknown value \"nonstate\"; expected one of adversary, non_state, other_state (did you mean \"non_state\"?)");
}
