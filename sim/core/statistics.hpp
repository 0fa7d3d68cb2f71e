#pragma once
// Statistics the recorders, claim checks and sweeps share: Spearman's
// correlation, Student-t quantiles, and a mean or an OLS slope with its
// confidence interval.
#include <cstddef>
#include <optional>
#include <span>

namespace alliance {

// Spearman's rank correlation (ties get their average rank); nullopt with
// fewer than three pairs or when either variable is constant.
std::optional<double> spearman(std::span<const double> x, std::span<const double> y);

struct Interval {
  double estimate = 0.0;
  double lower = 0.0;
  double upper = 0.0;
  std::size_t n = 0;  // observations used
};

// The p-quantile of Student's t with `df` degrees of freedom (Boost.Math).
double student_t_quantile(double p, double df);

// Mean ± t_{(1+c)/2, n−1} · s/√n. nullopt with fewer than two observations.
std::optional<Interval> mean_interval(std::span<const double> x, double confidence = 0.95);

// Ordinary least-squares slope b of y on x, with b ± t_{(1+c)/2, n−2} ·
// sqrt(RSS / (n−2) / Sxx). nullopt with fewer than three points or when x
// does not vary.
std::optional<Interval> slope_interval(std::span<const double> x, std::span<const double> y,
                                       double confidence = 0.95);

// A share k/n with Wilson's score interval (Wilson 1927), which stays inside
// [0, 1] and is not degenerate at k = 0 or k = n. nullopt when n = 0.
std::optional<Interval> share_interval(std::size_t k, std::size_t n, double confidence = 0.95);

}  // namespace alliance
