#include "core/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace alliance {

namespace {

std::vector<double> ranks(std::span<const double> v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    const double average = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
    for (std::size_t k = i; k <= j; ++k) r[order[k]] = average;
    i = j + 1;
  }
  return r;
}

}  // namespace

std::optional<double> spearman(std::span<const double> x, std::span<const double> y) {
  const std::size_t n = x.size();
  if (n < 3 || y.size() != n) return std::nullopt;
  const auto rx = ranks(x), ry = ranks(y);
  const double mean = (static_cast<double>(n) + 1.0) / 2.0;
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  if (sxx == 0.0 || syy == 0.0) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

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

std::optional<Interval> share_interval(std::size_t k, std::size_t n, double confidence) {
  if (n == 0 || k > n) return std::nullopt;
  const double z = boost::math::quantile(boost::math::normal_distribution<double>(), 0.5 + confidence / 2.0);
  const double nn = double(n), p = double(k) / nn, z2 = z * z;
  const double centre = (p + z2 / (2.0 * nn)) / (1.0 + z2 / nn);
  const double half = z / (1.0 + z2 / nn) * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
  // At k = 0 and k = n the bound is exactly 0 or 1 (rounding would leave 1e-17).
  const double lower = k == 0 ? 0.0 : std::max(0.0, centre - half);
  const double upper = k == n ? 1.0 : std::min(1.0, centre + half);
  return Interval{p, lower, upper, n};
}

}  // namespace alliance
