#include "check/inference.hpp"

#include <cmath>
#include <numeric>

#include <boost/math/distributions/students_t.hpp>

namespace alliance {

double student_t_quantile(double p, double df) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

std::optional<Interval> mean_interval(std::span<const double> x, double confidence) {
  const std::size_t n = x.size();
  if (n < 2) return std::nullopt;
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / double(n);
  double ss = 0.0;
  for (double v : x) ss += (v - mean) * (v - mean);
  const double se = std::sqrt(ss / double(n - 1) / double(n));
  const double half = student_t_quantile(0.5 + confidence / 2.0, double(n - 1)) * se;
  return Interval{mean, mean - half, mean + half, n};
}

std::optional<Interval> slope_interval(std::span<const double> x, std::span<const double> y, double confidence) {
  const std::size_t n = x.size();
  if (n < 3 || y.size() != n) return std::nullopt;
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / double(n);
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / double(n);
  double sxx = 0.0, sxy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (sxx <= 0.0) return std::nullopt;
  const double slope = sxy / sxx;
  const double intercept = my - slope * mx;
  double rss = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double e = y[i] - intercept - slope * x[i];
    rss += e * e;
  }
  const double se = std::sqrt(rss / double(n - 2) / sxx);
  const double half = student_t_quantile(0.5 + confidence / 2.0, double(n - 2)) * se;
  return Interval{slope, slope - half, slope + half, n};
}

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::holds: return "holds";
    case Verdict::does_not_hold: return "does not hold";
    case Verdict::inconclusive: return "inconclusive";
  }
  return "inconclusive";
}

std::optional<Verdict> verdict_from_string(std::string_view s) {
  for (Verdict v : {Verdict::holds, Verdict::does_not_hold, Verdict::inconclusive})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

Verdict judge(const std::optional<Interval>& interval, Direction direction, double threshold, double tolerance) {
  if (!interval) return Verdict::inconclusive;
  const double lo = interval->lower, hi = interval->upper;
  switch (direction) {
    case Direction::greater:
      if (lo > threshold) return Verdict::holds;
      if (hi <= threshold) return Verdict::does_not_hold;
      break;
    case Direction::less:
      if (hi < threshold) return Verdict::holds;
      if (lo >= threshold) return Verdict::does_not_hold;
      break;
    case Direction::within:
      if (lo >= threshold - tolerance && hi <= threshold + tolerance) return Verdict::holds;
      if (hi < threshold - tolerance || lo > threshold + tolerance) return Verdict::does_not_hold;
      break;
  }
  return Verdict::inconclusive;
}

}  // namespace alliance
