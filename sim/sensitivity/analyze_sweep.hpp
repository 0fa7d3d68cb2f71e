#pragma once
// `alliance analyze`: sensitivity indices of a finished sweep's metrics,
// from the per-point means in points.csv: Sobol first-order and total
// indices for a Saltelli design, Morris mu, mu* and sigma for a Morris one.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sweep/merge_shards.hpp"

#include "core/error.hpp"

namespace alliance {

// The sweep's design has no indices, or a metric cannot be analysed (exit 2).
class AnalysisError : public BadInput {
 public:
  using BadInput::BadInput;
};

struct AnalysisPlan {
  std::vector<std::string> metrics;  // empty: every metric of the sweep
  int bootstrap = 1000;
  std::uint64_t seed = 1;
};

// sensitivity.csv: metric,parameter,method,index,estimate,ci_low,ci_high.
// Metrics some point has no mean of (every run failed or had no value) are
// left out, with a warning.
std::string analyze_sweep(const SweepDirectory& dir, const AnalysisPlan& plan);

// The columns of sensitivity.csv, for datapackage-style documentation.
inline constexpr const char* kSensitivityHeader = "metric,parameter,method,index,estimate,ci_low,ci_high\n";

}  // namespace alliance
