#include "sensitivity/sobol_indices.hpp"

#include <algorithm>
#include <stdexcept>


#include "sensitivity/bootstrap.hpp"

namespace alliance {

namespace {

// Indices from the base samples `rows` (indices into A, B and AB), as a
// 2d vector: S_1..S_d, ST_1..ST_d.
Eigen::VectorXd estimate(const Eigen::VectorXd& fa, const Eigen::VectorXd& fb, const Eigen::MatrixXd& fab,
                         const std::vector<Eigen::Index>& rows) {
  const auto n = static_cast<Eigen::Index>(rows.size());
  const Eigen::Index d = fab.cols();
  Eigen::VectorXd a(n), b(n);
  Eigen::MatrixXd ab(n, d);
  for (Eigen::Index k = 0; k < n; ++k) {
    a(k) = fa(rows[k]);
    b(k) = fb(rows[k]);
    ab.row(k) = fab.row(rows[k]);
  }
  Eigen::VectorXd both(2 * n);
  both << a, b;
  const double variance = (both.array() - both.mean()).square().mean();
  Eigen::VectorXd out(2 * d);
  for (Eigen::Index i = 0; i < d; ++i) {
    const Eigen::ArrayXd diff = ab.col(i).array() - a.array();
    out(i) = variance > 0 ? (b.array() * diff).mean() / variance : 0.0;
    out(d + i) = variance > 0 ? 0.5 * diff.square().mean() / variance : 0.0;
  }
  return out;
}

}  // namespace

SobolIndices sobol_indices(const Eigen::VectorXd& y, std::size_t d, int bootstrap, std::uint64_t seed) {
  const auto block = static_cast<Eigen::Index>(d + 2);
  if (d == 0 || y.size() == 0 || y.size() % block != 0)
    throw std::invalid_argument("a Saltelli design has N (d + 2) outputs");
  const Eigen::Index n = y.size() / block;
  const auto dd = static_cast<Eigen::Index>(d);
  Eigen::VectorXd fa(n), fb(n);
  Eigen::MatrixXd fab(n, dd);
  for (Eigen::Index j = 0; j < n; ++j) {
    fa(j) = y(j * block);
    fb(j) = y(j * block + block - 1);
    for (Eigen::Index i = 0; i < dd; ++i) fab(j, i) = y(j * block + 1 + i);
  }
  const auto intervals = bootstrap_intervals(static_cast<std::size_t>(n), bootstrap, seed,
                                             [&](const std::vector<Eigen::Index>& rows) {
                                               return estimate(fa, fb, fab, rows);
                                             });
  SobolIndices out;
  for (std::size_t i = 0; i < d; ++i) {
    out.first.push_back(intervals[i]);
    out.total.push_back(intervals[d + i]);
  }
  return out;
}

}  // namespace alliance
