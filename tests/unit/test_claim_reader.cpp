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
