#include "sensitivity/morris_effects.hpp"

#include <cmath>
#include <stdexcept>

#include "sensitivity/bootstrap.hpp"

namespace alliance {

MorrisEffects morris_effects(const Eigen::MatrixXd& unit, const Eigen::VectorXd& y, int bootstrap,
                             std::uint64_t seed) {
  const Eigen::Index d = unit.cols();
  if (d == 0 || unit.rows() != y.size() || y.size() % (d + 1) != 0)
    throw std::invalid_argument("a Morris design has r (d + 1) points");
  const Eigen::Index r = y.size() / (d + 1);
  Eigen::MatrixXd effects(r, d);  // EE of parameter i in trajectory t
  effects.setZero();
  for (Eigen::Index t = 0; t < r; ++t)
    for (Eigen::Index s = 0; s < d; ++s) {
      const Eigen::Index before = t * (d + 1) + s;
      const Eigen::RowVectorXd step = unit.row(before + 1) - unit.row(before);
      Eigen::Index i = 0;
      step.cwiseAbs().maxCoeff(&i);
      effects(t, i) = (y(before + 1) - y(before)) / step(i);
    }
  const auto intervals = bootstrap_intervals(
      static_cast<std::size_t>(r), bootstrap, seed, [&](const std::vector<Eigen::Index>& rows) {
        const auto n = static_cast<double>(rows.size());
        Eigen::VectorXd out(3 * d);
        for (Eigen::Index i = 0; i < d; ++i) {
          double sum = 0, sum_abs = 0;
          for (const auto t : rows) {
            sum += effects(t, i);
            sum_abs += std::abs(effects(t, i));
          }
          const double mean = sum / n;
          double ss = 0;
          for (const auto t : rows) ss += (effects(t, i) - mean) * (effects(t, i) - mean);
          out(i) = mean;
          out(d + i) = sum_abs / n;
          out(2 * d + i) = rows.size() > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
        }
        return out;
      });
  MorrisEffects m;
  for (Eigen::Index i = 0; i < d; ++i) {
    m.mu.push_back(intervals[static_cast<std::size_t>(i)]);
    m.mu_star.push_back(intervals[static_cast<std::size_t>(d + i)]);
    m.sigma.push_back(intervals[static_cast<std::size_t>(2 * d + i)]);
  }
  return m;
}

}  // namespace alliance
