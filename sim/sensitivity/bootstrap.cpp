#include "sensitivity/bootstrap.hpp"

#include <numeric>

#include <boost/random/uniform_int_distribution.hpp>

#include "core/rng.hpp"

namespace alliance {

namespace {

double quantile(std::vector<double> x, double p) {
  std::sort(x.begin(), x.end());
  const double h = (double(x.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - double(lo)) * (x[hi] - x[lo]);
}

}  // namespace

std::vector<IndexEstimate> bootstrap_intervals(std::size_t n, int resamples, std::uint64_t seed,
                                               const Statistic& statistic) {
  std::vector<Eigen::Index> all(n);
  std::iota(all.begin(), all.end(), Eigen::Index{0});
  const Eigen::VectorXd point = statistic(all);
  std::vector<std::vector<double>> draws(static_cast<std::size_t>(point.size()));
  Rng rng(replicate_seed(seed, 0));
  boost::random::uniform_int_distribution<Eigen::Index> pick(0, static_cast<Eigen::Index>(n) - 1);
  std::vector<Eigen::Index> units(n);
  for (int b = 0; b < resamples; ++b) {
    for (auto& u : units) u = pick(rng);
    const Eigen::VectorXd s = statistic(units);
    for (Eigen::Index i = 0; i < s.size(); ++i) draws[static_cast<std::size_t>(i)].push_back(s(i));
  }
  std::vector<IndexEstimate> out;
  for (Eigen::Index i = 0; i < point.size(); ++i) {
    const auto& d = draws[static_cast<std::size_t>(i)];
    out.push_back({point(i), d.empty() ? point(i) : quantile(d, 0.025), d.empty() ? point(i) : quantile(d, 0.975)});
  }
  return out;
}

}  // namespace alliance
