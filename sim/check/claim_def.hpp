#pragma once
// A claim file, parsed and checked: which scenario, which presets and
// variants to run, and the hypotheses to test on their summary metrics.
// The format is in scenarios/claims/README.md.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/inference.hpp"

namespace alliance {

// One way of running the scenario: `--set` overrides on top of the file.
struct VariantDef {
  std::string name;
  std::vector<std::string> overrides;  // "dotted.key=value"
  std::optional<double> x;             // its position on a trend's axis
};

// How the per-replicate values become one estimate:
//   value       the mean of the metric in one variant
//   difference  the mean of (metric in `variant` − metric in `baseline`),
//               paired by replicate (the same seeds: common random numbers)
//   trend       the OLS slope of the metric on the variants' `x`
enum class Comparison { value, difference, trend };

// A summary.csv column, or the difference of two ("a - b") within a replicate.
struct MetricExpr {
  std::string column;
  std::string minus;  // empty: the column alone
};

// A parameter the claim does not fix, over the range thought plausible:
// `check` samples the region these span (construction audit, robustness).
struct RangeDef {
  std::string key;   // dotted path, as for `--set`
  double lo = 0.0, hi = 0.0;
  std::string why;   // the source or reasoning for the range
  int line = 0, column = 0;
};

// The region a claim is checked over: `points` Latin hypercube points of its
// ranges, each run with `replicates` replicates per preset, mechanism set and
// variant. points = 0: no region check.
struct RegionDef {
  int points = 0;
  int replicates = 40;
  std::vector<RangeDef> ranges;
};

// A mechanism set in which the claimed cause is absent (e.g. C5: the
// adversary's hazard no longer singles out promised states). A hypothesis
// that still holds there is not evidence for the cause.
struct CauseAbsentDef {
  std::string name;
  std::vector<std::string> overrides;  // "dotted.key=value", on top of each preset
  std::string description;
};

struct HypothesisDef {
  std::string name;
  std::string statement;
  Comparison comparison = Comparison::value;
  MetricExpr metric;
  int line = 0, column = 0;  // of `metric`, for messages about it
  std::string variant;                // value, difference
  std::string baseline;               // difference
  std::vector<std::string> variants;  // trend, in order
  Direction direction = Direction::greater;
  double threshold = 0.0;  // greater, less; the target for within
  double tolerance = 0.0;  // within
  std::optional<double> missing;  // a replicate without the metric counts as this; nullopt: left out
  // A [[record]] of the scenario: metric, target and tolerance come from it
  // (direction "within"); filled in when the scenario is read (evaluate_claim).
  std::string record;
  int record_line = 0, record_column = 0;
  std::map<std::string, Verdict> expect;  // by preset; a preset not named has no expectation
  // Why the hypothesis stays although the construction audit finds it holds
  // (or fails) everywhere, e.g. a fit to the record; empty: no reason given.
  std::string kept_because;
};

struct ClaimDef {
  std::string source;  // the claim file's path
  std::string id;      // "C1" .. "C8", or any short name
  std::string title;
  std::filesystem::path scenario;   // resolved against the claim file's folder
  int scenario_line = 0, scenario_column = 0;  // of the `scenario` key, for errors
  std::vector<std::string> presets; // "realist", "liberal", "as_written"
  int replicates = 100;
  std::uint64_t seed = 1;
  double confidence = 0.95;
  std::vector<VariantDef> variants;  // at least one
  std::vector<HypothesisDef> hypotheses;
  RegionDef region;
  std::vector<CauseAbsentDef> without_cause;
};

}  // namespace alliance
