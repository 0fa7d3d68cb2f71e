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
  std::optional<int> region_points;    // overrides every claim's [region] points (0: no region check)
};

struct HypothesisResult {
  std::string claim;       // the claim's id
  std::string hypothesis;  // its name
  std::string preset;
  std::string cause;       // empty: as claimed; else the [[without_cause]] set it ran under
  std::string statement;   // the hypothesis in words
  std::string estimand;    // what was estimated, e.g. "mean(a | v) - mean(a | w)"
  std::string test;        // e.g. "> 0", "within 7 +- 2"
  std::string unit;        // of the metric (a trend's slope: unit per x)
  std::optional<Interval> interval;
  std::size_t left_out = 0;  // replicates without the metric, left out
  // A fit to the record where no replicate reached the metric (e.g. never an
  // air campaign): a miss against the record, so it does not hold.
  bool never_reached = false;
  // ... or where no more than half the replicates reached it: judged a miss
  // whatever the mean of those that did.
  bool rarely_reached = false;
  Verdict verdict = Verdict::inconclusive;
  std::optional<Verdict> expected;
};

// Over the region's points, one hypothesis under one preset and mechanism set.
struct RegionResult {
  std::string hypothesis, preset, cause;
  std::size_t points = 0, holds = 0, does_not_hold = 0, inconclusive = 0;
  std::optional<Interval> share;  // of points where it holds, Wilson interval
};

// One hypothesis at one point of the region.
struct RegionPointResult {
  std::string hypothesis, preset, cause;
  std::size_t point = 0;
  std::optional<Interval> interval;
  Verdict verdict = Verdict::inconclusive;
};

// The construction audit of one hypothesis, over every preset, mechanism set
// and evaluation: the claim's own values and every region point.
enum class Audit {
  can_fail,               // holds somewhere and not everywhere
  holds_by_construction,  // holds everywhere, even without its cause: not evidence
  holds_untested,         // holds everywhere; the file gives no mechanism set without its cause
  fails_by_construction,  // does not hold anywhere
  undetermined,           // holds or is inconclusive, but never does not hold (or holds only without its cause)
};
std::string_view to_string(Audit a);

// Verdict counts of one hypothesis over its evaluations (the claim's own
// values and the region's points).
struct Tally {
  std::size_t holds = 0, does_not_hold = 0, inconclusive = 0;
  std::size_t total() const { return holds + does_not_hold + inconclusive; }
  void add(Verdict v) {
    if (v == Verdict::holds) ++holds;
    else if (v == Verdict::does_not_hold) ++does_not_hold;
    else ++inconclusive;
  }
};

// The audit of one hypothesis from its tallies with its cause and without
// it (every [[without_cause]] set together).
Audit audit_of(const Tally& with, const Tally& without, bool has_cause_absent);

struct AuditResult {
  std::string hypothesis;
  Audit audit = Audit::can_fail;
  std::size_t holds = 0, does_not_hold = 0, inconclusive = 0;
  std::string kept_because;
};

struct ClaimOutcome {
  std::vector<HypothesisResult> results;  // by preset, then mechanism set, then hypothesis, in file order
  std::vector<RegionResult> region;       // by preset, mechanism set, hypothesis
  std::vector<RegionPointResult> region_points;
  std::vector<std::vector<std::string>> region_design;  // per point, each range's value as a CSV cell
  std::vector<AuditResult> audit;         // by hypothesis
  int region_replicates = 0;
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
