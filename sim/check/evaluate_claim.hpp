#pragma once
// Runs a claim's scenario under each preset and variant (summaries only) and
// judges each hypothesis from a confidence interval of its estimate.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check/claim_def.hpp"

namespace alliance {

struct CheckPlan {
  int threads = 0;                     // 0 = every core
  std::optional<int> replicates;       // overrides every claim's
  std::optional<std::uint64_t> seed;   // overrides every claim's
};

struct HypothesisResult {
  std::string claim;       // the claim's id
  std::string hypothesis;  // its name
  std::string preset;
  std::string estimand;    // what was estimated, e.g. "mean(a | v) - mean(a | w)"
  std::string test;        // e.g. "> 0", "within 7 +- 2"
  std::string unit;        // of the metric (a trend's slope: unit per x)
  std::optional<Interval> interval;
  std::size_t left_out = 0;  // replicates without the metric, left out
  Verdict verdict = Verdict::inconclusive;
  std::optional<Verdict> expected;
};

struct ClaimOutcome {
  std::vector<HypothesisResult> results;  // by preset, then hypothesis, in file order
  std::string scenario_sha256;
  int replicates = 0;
  std::uint64_t seed = 0;
};

// Reads the scenario under every preset and variant the hypotheses use and
// checks each metric against its summary columns, running nothing. Throws
// InputError listing what is wrong.
void validate_claim(const ClaimDef& claim, const CheckPlan& plan);

// Throws InputError when the scenario cannot be read with a variant's
// overrides, or a hypothesis names a column the scenario's summary lacks.
ClaimOutcome evaluate_claim(const ClaimDef& claim, const CheckPlan& plan);

}  // namespace alliance
