// Claim files: a good one reads whole; each mistake is named by line and key.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "check/claim_reader.hpp"
#include "check/evaluate_claim.hpp"
#include "scenario/input_error.hpp"

using namespace alliance;

namespace {

constexpr const char* kGood = R"(
id = "C2"
title = "deadlock"
scenario = "../kosovo_1998.toml"
replicates = 40
seed = 7

[[variant]]
name = "consensus"
set = ['alliance.rule="consensus"']
x = 16

[[variant]]
name = "small"
set = ['alliance.members=["USA","GBR"]']
x = 2

[[hypothesis]]
name = "d"
compare = "difference"
metric = "kosovo_deadlock_months"
variant = "consensus"
baseline = "small"
expect = { realist = "holds", liberal = "does not hold" }

[[hypothesis]]
name = "t"
compare = "trend"
metric = "wave1_mean_credibility_after - wave1_mean_credibility_before"
direction = "less"
threshold = -0.5
missing = 0
expect = "inconclusive"
)";

// The message of the first issue, "" if the text reads without error.
std::string first_error(const std::string& text) {
  try {
    read_claim_text(text, "claims/x.toml");
  } catch (const InputError& e) {
    return e.issues().front().to_string();
  }
  return "";
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a good claim file reads whole") {
  const ClaimDef c = read_claim_text(kGood, "scenarios/claims/c2.toml");
  CHECK(c.id == "C2");
  CHECK(c.scenario == std::filesystem::path("scenarios/claims/../kosovo_1998.toml"));
  CHECK(c.presets == std::vector<std::string>{"realist", "liberal"});
  CHECK(c.replicates == 40);
  CHECK(c.seed == 7);
  CHECK(c.confidence == doctest::Approx(0.95));
  REQUIRE(c.variants.size() == 2);
  CHECK(c.variants[1].overrides == std::vector<std::string>{"alliance.members=[\"USA\",\"GBR\"]"});
  REQUIRE(c.hypotheses.size() == 2);
  const auto& d = c.hypotheses[0];
  CHECK(d.comparison == Comparison::difference);
  CHECK(d.baseline == "small");
  CHECK(d.direction == Direction::greater);
  CHECK(d.expect.at("realist") == Verdict::holds);
  CHECK(d.expect.at("liberal") == Verdict::does_not_hold);
  CHECK_FALSE(d.missing);
  const auto& t = c.hypotheses[1];
  CHECK(t.variants == std::vector<std::string>{"consensus", "small"});
  CHECK(t.metric.column == "wave1_mean_credibility_after");
  CHECK(t.metric.minus == "wave1_mean_credibility_before");
  CHECK(t.missing == 0.0);
  CHECK(t.expect.at("liberal") == Verdict::inconclusive);
}

TEST_CASE("without variants a claim runs the scenario as written") {
  const ClaimDef c = read_claim_text("id = \"x\"\nscenario = \"s.toml\"\n[[hypothesis]]\nname = \"h\"\nmetric = \"interventions\"\n",
                                     "x.toml");
  REQUIRE(c.variants.size() == 1);
  CHECK(c.variants[0].name == "as_written");
  CHECK(c.hypotheses[0].variant == "as_written");
}

TEST_CASE("each mistake is named with its line and key") {
  const std::string good = kGood;
  CHECK(first_error(good).empty());
  CHECK(first_error(replace(good, "replicates = 40", "replicates = 1")).find("claims/x.toml:5:14: error: replicates:") == 0);
  CHECK(first_error(replace(good, "baseline = \"small\"", "baseline = \"smal\"")).find("no variant \"smal\"") !=
        std::string::npos);
  CHECK(first_error(replace(good, "compare = \"trend\"", "compare = \"trnd\"")).find("did you mean \"trend\"") !=
        std::string::npos);
  CHECK(first_error(replace(good, "metric = \"kosovo_deadlock_months\"", "metric = \"a + b\"")).find("x.toml:21:") !=
        std::string::npos);
  CHECK(first_error(replace(good, "realist = \"holds\"", "realist = \"yes\"")).find("expect.realist") !=
        std::string::npos);
  CHECK(first_error(replace(good, "realist = \"holds\"", "neutral = \"holds\"")).find("not one of this claim's presets") !=
        std::string::npos);
  CHECK(first_error(replace(good, "missing = 0", "missing = \"skip\"")).find("\"drop\"") != std::string::npos);
  CHECK(first_error(replace(good, "seed = 7", "sede = 7")).find("did you mean 'seed'") != std::string::npos);
  CHECK(first_error(replace(good, "x = 2\n", "")).find("a trend needs variants with at least two") !=
        std::string::npos);
  CHECK(first_error("id = \"x\"\nscenario = \"s.toml\"\n").find("hypothesis: missing") != std::string::npos);
  CHECK(first_error("id = [\n").find("TOML syntax error") != std::string::npos);
}

TEST_CASE("metric expressions") {
  CHECK(parse_metric("interventions")->minus.empty());
  CHECK(parse_metric(" a_1 - b_2 ")->column == "a_1");
  CHECK(parse_metric(" a_1 - b_2 ")->minus == "b_2");
  CHECK_FALSE(parse_metric("a - "));
  CHECK_FALSE(parse_metric("a + b"));
  CHECK_FALSE(parse_metric(""));
}

TEST_CASE("a hypothesis naming a [[record]] takes its metric, target and tolerance; a wrong name is an error") {
  const std::string base = "id = \"fit\"\nscenario = \"" ALLIANCE_SOURCE_DIR "/scenarios/kosovo_1998.toml\"\n"
                           "presets = [\"as_written\"]\nreplicates = 2\n[[hypothesis]]\nname = \"h\"\n";
  const ClaimDef c = read_claim_text(base + "record = \"air_campaign\"\n", "fit.toml");
  CHECK(c.hypotheses[0].direction == Direction::within);
  const ClaimOutcome out = evaluate_claim(c, CheckPlan{});
  REQUIRE(out.results.size() == 1);
  CHECK(out.results[0].test == "within 12 +- 2 (record air_campaign)");
  CHECK(out.results[0].estimand.find("kosovo_months_to_air_campaign") != std::string::npos);
  // The target comes from the record: giving it too is an error.
  CHECK(first_error(base + "record = \"air_campaign\"\nthreshold = 3\n").find("comes from the record") !=
        std::string::npos);
  // A record the scenario lacks: named, with the file and line of `record`.
  const ClaimDef wrong = read_claim_text(base + "record = \"air_campain\"\n", "fit.toml");
  try {
    validate_claim(wrong, CheckPlan{});
    FAIL("expected an error");
  } catch (const InputError& e) {
    const std::string m = e.issues().front().to_string();
    CHECK(m.find("fit.toml:7:") == 0);
    CHECK(m.find("no [[record]] \"air_campain\"; it has first_threat, air_campaign") != std::string::npos);
  }
}

TEST_CASE("a region, its ranges and the mechanism sets without the cause read whole; mistakes are named") {
  const std::string extra = R"(
[[without_cause]]
name = "no_veto_cost"
set = ["alliance.deliberation=true"]
description = "d"

[region]
points = 5
replicates = 3

[[range]]
key = "state.GRC.adversary_affinity"
min = 0.0
max = 0.9
why = "judgement"
)";
  const ClaimDef c = read_claim_text(std::string(kGood) + extra, "claims/x.toml");
  CHECK(c.region.points == 5);
  CHECK(c.region.replicates == 3);
  REQUIRE(c.region.ranges.size() == 1);
  CHECK(c.region.ranges[0].key == "state.GRC.adversary_affinity");
  CHECK(c.region.ranges[0].hi == 0.9);
  REQUIRE(c.without_cause.size() == 1);
  CHECK(c.without_cause[0].overrides.front() == "alliance.deliberation=true");
  const std::string good = std::string(kGood) + extra;
  CHECK(first_error(replace(good, "max = 0.9", "max = -1")).find("range[0].max: must be above min") !=
        std::string::npos);
  CHECK(first_error(replace(good, "set = [\"alliance.deliberation=true\"]", "set = [\"alliance.deliberation\"]"))
            .find("is not dotted.key=value") != std::string::npos);
  CHECK(first_error(replace(good, "points = 5", "points = -1")).find("region.points") != std::string::npos);
  CHECK(first_error(replace(good, "why = \"judgement\"", "wy = \"judgement\"")).find("did you mean 'why'") !=
        std::string::npos);
  // A key a preset sets: a range would erase the presets' difference.
  CHECK(first_error(replace(good, "state.GRC.adversary_affinity", "state.GRC.relative_gains"))
            .find("range[0].key: the realist preset sets this key (state.*.relative_gains = 0.7)") != std::string::npos);
  CHECK(first_error(replace(good, "state.GRC.adversary_affinity", "alliance.information_sharing"))
            .find("preset sets this key") != std::string::npos);
  CHECK(first_error(replace(good, "state.GRC.adversary_affinity", "state.GRC.relative_gains_x")).empty());
}

TEST_CASE("the construction audit flags what holds everywhere, even without its cause, and what holds nowhere") {
  // Bucharest: the promise raises the adversary's threat whatever the region
  // (it is built in) unless the mechanism set removes the promise's weight.
  const std::string base = "id = \"a\"\nscenario = \"" ALLIANCE_SOURCE_DIR "/scenarios/bucharest_2008.toml\"\n"
                           "presets = [\"as_written\"]\nreplicates = 2\nseed = 3\n"
                           "[[variant]]\nname = \"promise\"\n[[variant]]\nname = \"none\"\nset = [\"alliance.promised=[]\"]\n"
                           "[[hypothesis]]\nname = \"raises\"\ncompare = \"difference\"\nmetric = \"adversary_threat_end\"\n"
                           "variant = \"promise\"\nbaseline = \"none\"\n"
                           "[[hypothesis]]\nname = \"never\"\nmetric = \"adversary_threat_end\"\ndirection = \"less\"\n"
                           "threshold = -1\n"
                           "[region]\npoints = 3\nreplicates = 2\n"
                           "[[range]]\nkey = \"adversary.threat_rate\"\nmin = 0.2\nmax = 1.0\n";
  const std::string absent = "[[without_cause]]\nname = \"no_weight\"\nset = [\"adversary.promise_weight=0\"]\n";
  const ClaimOutcome with_set = evaluate_claim(read_claim_text(base + absent, "a.toml"), CheckPlan{1});
  REQUIRE(with_set.audit.size() == 2);
  CHECK(with_set.audit[0].audit == Audit::can_fail);  // holds as claimed, not without the promise's weight
  // (the claim's own values + 3 points) x (as claimed, without)
  CHECK(with_set.audit[0].holds == 4);
  CHECK(with_set.audit[0].does_not_hold == 4);
  CHECK(with_set.audit[1].audit == Audit::fails_by_construction);
  CHECK(with_set.region_design.size() == 3);
  CHECK(with_set.results.size() == 4);  // 2 hypotheses x (as claimed, without)
  CHECK(with_set.results[2].cause == "no_weight");
  CHECK_FALSE(with_set.results[2].expected.has_value());

  // Without a mechanism set that removes the cause, holding everywhere is untested, not evidence.
  const ClaimOutcome alone = evaluate_claim(read_claim_text(base, "a.toml"), CheckPlan{1});
  CHECK(alone.audit[0].audit == Audit::holds_untested);
  // A mechanism set in which it still holds: by construction.
  const std::string inert = "[[without_cause]]\nname = \"inert\"\nset = [\"adversary.build_rate=0.2\"]\n";
  // A set that fixes the region's only key is evaluated once, not once per point.
  const std::string fixes = "[[without_cause]]\nname = \"fixed\"\nset = [\"adversary.threat_rate=0.5\"]\n";
  const ClaimOutcome fixed = evaluate_claim(read_claim_text(base + fixes, "a.toml"), CheckPlan{1});
  for (const auto& row : fixed.region) CHECK(row.points == (row.cause.empty() ? 3u : 1u));
  const ClaimOutcome flagged = evaluate_claim(read_claim_text(base + inert, "a.toml"), CheckPlan{1});
  CHECK(flagged.audit[0].audit == Audit::holds_by_construction);
  // --region-points 0: the audit reads the claim's own values.
  const ClaimOutcome no_region = evaluate_claim(read_claim_text(base + absent, "a.toml"), CheckPlan{1, {}, {}, 0});
  CHECK(no_region.region_design.empty());
  CHECK(no_region.audit[0].holds + no_region.audit[0].does_not_hold + no_region.audit[0].inconclusive == 2);
  CHECK(no_region.region.empty());  // no region: no region rows
}

TEST_CASE("a fit to a record that no replicate reaches is a miss, not too few values") {
  const std::string text = "id = \"fit\"\nscenario = \"" ALLIANCE_SOURCE_DIR "/scenarios/kosovo_1998.toml\"\n"
                           "presets = [\"as_written\"]\nreplicates = 3\n"
                           "[[variant]]\nname = \"never\"\nset = [\"crisis.kosovo.interest={}\", \"alliance.rule=\\\"consensus\\\"\","
                           " \"state.GRC.adversary_affinity=0.99\"]\n"
                           "[[hypothesis]]\nname = \"h\"\nrecord = \"air_campaign\"\n";
  const ClaimOutcome out = evaluate_claim(read_claim_text(text, "fit.toml"), CheckPlan{1});
  REQUIRE(out.results.size() == 1);
  CHECK_FALSE(out.results[0].interval);  // no interest anywhere: the allies never act
  CHECK(out.results[0].never_reached);
  CHECK(out.results[0].verdict == Verdict::does_not_hold);
}

TEST_CASE("the audit's categories from verdict tallies, undetermined included") {
  auto tally = [](std::size_t holds, std::size_t fails, std::size_t inconclusive) {
    Tally t;
    t.holds = holds;
    t.does_not_hold = fails;
    t.inconclusive = inconclusive;
    return t;
  };
  CHECK(audit_of(tally(3, 0, 0), tally(3, 0, 0), true) == Audit::holds_by_construction);
  CHECK(audit_of(tally(3, 0, 0), tally(0, 0, 0), false) == Audit::holds_untested);
  CHECK(audit_of(tally(0, 3, 0), tally(0, 3, 0), true) == Audit::fails_by_construction);
  CHECK(audit_of(tally(2, 1, 0), tally(0, 3, 0), true) == Audit::can_fail);
  CHECK(audit_of(tally(3, 0, 0), tally(0, 3, 0), true) == Audit::can_fail);  // holds with its cause, fails without
  // Holds or is inconclusive, never fails: no evidence either way.
  CHECK(audit_of(tally(2, 0, 1), tally(3, 0, 0), true) == Audit::undetermined);
  // Holds only without its cause: it never held where the cause was at work.
  CHECK(audit_of(tally(0, 2, 1), tally(2, 0, 0), true) == Audit::undetermined);
}
