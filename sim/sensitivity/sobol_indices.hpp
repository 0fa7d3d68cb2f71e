#pragma once
// Sobol first-order and total indices from a Saltelli design's outputs.
//
// With f_A, f_B and f_AB^i the outputs at rows A_j, B_j and AB_j^i (A with
// column i taken from B), j = 1..N, and V the variance of all f_A and f_B:
//   S_i  = mean_j f_B (f_AB^i - f_A) / V            (Saltelli et al. 2010, eq. b)
//   ST_i = mean_j (f_A - f_AB^i)^2 / (2 V)          (Jansen 1999)
// Confidence intervals: percentile bootstrap over the N base samples.
#include <cstdint>
#include <vector>

#include <Eigen/Dense>

namespace alliance {

struct IndexEstimate {
  double estimate = 0.0;
  double ci_low = 0.0, ci_high = 0.0;  // 95% bootstrap percentile interval
};

struct SobolIndices {
  std::vector<IndexEstimate> first, total;  // by parameter
};

// `y` in the design's order: per base sample j the d + 2 rows A, AB^1..AB^d, B.
SobolIndices sobol_indices(const Eigen::VectorXd& y, std::size_t d, int bootstrap, std::uint64_t seed);

}  // namespace alliance
