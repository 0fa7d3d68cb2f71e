// Sensitivity indices against functions whose indices are known: the
// Ishigami function (Ishigami & Homma 1990; a = 7, b = 0.1, x_i uniform on
// [-pi, pi]) for Sobol indices, a linear function for Morris effects.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "sensitivity/morris_effects.hpp"
#include "sensitivity/sobol_indices.hpp"
#include "sweep/design.hpp"

using namespace alliance;

namespace {

SweepDef unit_cube(DesignKind kind, int samples, std::size_t d) {
  SweepDef def;
  def.design = kind;
  def.samples = samples;
  def.seed = 5;
  for (std::size_t j = 0; j < d; ++j) {
    ParameterDef p;
    p.name = p.path = "x" + std::to_string(j + 1);
    p.distribution = Distribution::uniform;
    p.lo = 0.0;
    p.hi = 1.0;
    def.parameters.push_back(p);
  }
  return def;
}

double ishigami(const std::vector<double>& u) {
  const double pi = std::numbers::pi;
  const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
  return std::sin(x1) + 7.0 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

// Morris effects of `f` over a 3-parameter Morris design of r trajectories.
template <typename F>
MorrisEffects morris_of(int trajectories, int bootstrap, F f) {
  const Design design(unit_cube(DesignKind::morris, trajectories, 3));
  const auto n = static_cast<Eigen::Index>(design.size());
  Eigen::MatrixXd unit(n, 3);
  Eigen::VectorXd y(n);
  for (Eigen::Index k = 0; k < n; ++k) {
    const auto u = design.unit_point(static_cast<std::size_t>(k));
    for (Eigen::Index j = 0; j < 3; ++j) unit(k, j) = u[static_cast<std::size_t>(j)];
    y(k) = f(u);
  }
  return morris_effects(unit, y, bootstrap, 1);
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function match the analytic values") {
  // Analytic (Sobol' & Levitan 1999): S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
  const SweepDef def = unit_cube(DesignKind::saltelli, 8192, 3);
  const Design design(def);
  Eigen::VectorXd y(static_cast<Eigen::Index>(design.size()));
  for (std::size_t k = 0; k < design.size(); ++k) y(static_cast<Eigen::Index>(k)) = ishigami(design.unit_point(k));
  const SobolIndices s = sobol_indices(y, 3, 200, 1);
  const double first[] = {0.3139, 0.4424, 0.0};
  const double total[] = {0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(std::abs(s.first[i].estimate - first[i]) < 0.03);
    CHECK(std::abs(s.total[i].estimate - total[i]) < 0.03);
    // The bootstrap intervals hold the analytic values and are not degenerate.
    CHECK(s.first[i].ci_low < s.first[i].ci_high);
    CHECK(s.first[i].ci_low - 0.01 <= first[i]);
    CHECK(s.first[i].ci_high + 0.01 >= first[i]);
    CHECK(s.total[i].ci_low - 0.01 <= total[i]);
    CHECK(s.total[i].ci_high + 0.01 >= total[i]);
  }
}

TEST_CASE("Sobol indices of an additive function: S = ST = the variance shares") {
  // y = x1 + 2 x2 on the unit square: variances 1/12 and 4/12, shares 0.2 and 0.8.
  const SweepDef def = unit_cube(DesignKind::saltelli, 4096, 2);
  const Design design(def);
  Eigen::VectorXd y(static_cast<Eigen::Index>(design.size()));
  for (std::size_t k = 0; k < design.size(); ++k) {
    const auto u = design.unit_point(k);
    y(static_cast<Eigen::Index>(k)) = u[0] + 2 * u[1];
  }
  const SobolIndices s = sobol_indices(y, 2, 0, 1);
  CHECK(s.first[0].estimate == doctest::Approx(0.2).epsilon(0.05));
  CHECK(s.first[1].estimate == doctest::Approx(0.8).epsilon(0.05));
  CHECK(s.total[0].estimate == doctest::Approx(0.2).epsilon(0.05));
  CHECK(s.total[1].estimate == doctest::Approx(0.8).epsilon(0.05));
}

TEST_CASE("Morris effects of a linear function: mu* = |slope|, sigma = 0") {
  // y = 3 x1 - 2 x2 + 0 x3: each elementary effect is its slope exactly.
  const MorrisEffects m = morris_of(30, 100, [](const std::vector<double>& u) { return 3 * u[0] - 2 * u[1]; });
  CHECK(m.mu[0].estimate == doctest::Approx(3.0));
  CHECK(m.mu[1].estimate == doctest::Approx(-2.0));
  CHECK(m.mu_star[1].estimate == doctest::Approx(2.0));
  CHECK(m.mu_star[2].estimate == doctest::Approx(0.0));
  for (int i = 0; i < 3; ++i) CHECK(m.sigma[i].estimate == doctest::Approx(0.0).epsilon(1e-9));
}

TEST_CASE("Morris screening of Ishigami: x3, which acts only with x1, has mu* > 0 and sigma > 0") {
  const MorrisEffects m = morris_of(200, 0, ishigami);
  CHECK(m.mu_star[2].estimate > 0.0);   // x3 acts only through its interaction with x1
  CHECK(m.sigma[2].estimate > 0.0);
}
