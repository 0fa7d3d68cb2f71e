#pragma once
// The statistics of a claim check: a mean or an OLS slope with its Student-t
// confidence interval, and the verdict a hypothesis gets from that interval.
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace alliance {

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

// What a hypothesis says of its estimate: above a threshold, below it, or
// within `tolerance` of a target (a fit to the historical record).
enum class Direction { greater, less, within };

enum class Verdict { holds, does_not_hold, inconclusive };

std::string_view to_string(Verdict v);  // "holds", "does not hold", "inconclusive"
std::optional<Verdict> verdict_from_string(std::string_view s);

// The verdict is read from the interval, never from the point estimate alone:
//   greater  holds when lower > threshold; does not hold when upper <= threshold
//   less     holds when upper < threshold; does not hold when lower >= threshold
//   within   holds when [lower, upper] lies inside threshold ± tolerance;
//            does not hold when it lies wholly outside
// and is inconclusive otherwise, or when there is no interval.
Verdict judge(const std::optional<Interval>& interval, Direction direction, double threshold, double tolerance = 0.0);

}  // namespace alliance
