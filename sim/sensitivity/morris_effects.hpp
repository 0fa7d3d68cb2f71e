#pragma once
// Morris elementary effects from a Morris design's outputs.
//
// Along a trajectory, consecutive points differ in one parameter by +-delta
// (unit coordinates); the elementary effect of that parameter is
//   EE_i = (y(after) - y(before)) / (u_i(after) - u_i(before)),
// i.e. per unit of the parameter's whole range. Over the r trajectories:
//   mu = mean EE_i, mu* = mean |EE_i| (Campolongo et al. 2007), sigma = sd EE_i.
// Confidence intervals: percentile bootstrap over the trajectories.
#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "sensitivity/sobol_indices.hpp"

namespace alliance {

struct MorrisEffects {
  std::vector<IndexEstimate> mu, mu_star, sigma;  // by parameter
};

// `unit`: the design's points (rows) in unit coordinates; `y` its outputs;
// r trajectories of d + 1 consecutive rows each.
MorrisEffects morris_effects(const Eigen::MatrixXd& unit, const Eigen::VectorXd& y, int bootstrap,
                             std::uint64_t seed);

}  // namespace alliance
