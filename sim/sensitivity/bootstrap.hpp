#pragma once
// Percentile bootstrap: a statistic of n units (base samples, trajectories)
// computed on all of them and on `resamples` draws of n with replacement.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include <Eigen/Dense>

#include "sensitivity/sobol_indices.hpp"

namespace alliance {

using Statistic = std::function<Eigen::VectorXd(const std::vector<Eigen::Index>& units)>;

// Per component of the statistic: its value on all units and the 2.5% and
// 97.5% quantiles of its bootstrap distribution (type 7, as R's default).
std::vector<IndexEstimate> bootstrap_intervals(std::size_t n, int resamples, std::uint64_t seed,
                                               const Statistic& statistic);

}  // namespace alliance
