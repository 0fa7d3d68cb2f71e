#include "sensitivity/analyze_sweep.hpp"

#include <charconv>
#include <cmath>
#include <fstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "scenario/input_file.hpp"
#include "scenario/input_error.hpp"
#include "sensitivity/morris_effects.hpp"
#include "sensitivity/sobol_indices.hpp"
#include "sweep/design.hpp"
#include "sweep/sweep_tables.hpp"

namespace alliance {

namespace {

std::string row(const std::string& metric, const std::string& parameter, const char* method, const char* index,
                const IndexEstimate& e) {
  return fmt::format("{},{},{},{},{:.6g},{:.6g},{:.6g}\n", csv_cell(metric), csv_cell(parameter), method, index,
                     e.estimate, e.ci_low, e.ci_high);
}

}  // namespace

std::string analyze_sweep(const SweepDirectory& dir, const AnalysisPlan& plan) {
  const PreparedSweep& sweep = dir.sweep;
  const SweepDef& def = sweep.def;
  if (def.design != DesignKind::saltelli && def.design != DesignKind::morris)
    throw AnalysisError(fmt::format("{}: a {} design has no sensitivity indices; use design = \"saltelli\" (Sobol "
                                    "indices) or \"morris\" (elementary effects)",
                                    dir.dir.string(), design_name(def.design)));
  std::vector<std::string> metrics = plan.metrics.empty() ? def.metrics : plan.metrics;
  for (const auto& m : metrics)
    if (std::find(def.metrics.begin(), def.metrics.end(), m) == def.metrics.end())
      throw AnalysisError(fmt::format("{} is not a metric of this sweep (its metrics: {})", m,
                                      fmt::join(def.metrics, ", ")));

  const std::filesystem::path points_file = dir.dir / "points.csv";
  std::error_code ec;
  if (!std::filesystem::exists(points_file, ec))
    throw AnalysisError(fmt::format("{}: no points.csv (a shard? merge the shards first)", dir.dir.string()));
  try {
    require_regular_file(points_file, "points table");  // a FIFO would hang the reader, a device flood it
  } catch (const InputError& e) {
    throw AnalysisError(e.what());
  }
  std::ifstream in(points_file);
  if (!in) throw AnalysisError(fmt::format("{}: cannot read points.csv", dir.dir.string()));
  std::string line;
  std::getline(in, line);
  const auto header = split_csv_line(line);
  std::vector<std::size_t> column;
  for (const auto& m : metrics) {
    const auto it = std::find(header.begin(), header.end(), m + "_mean");
    if (it == header.end()) throw AnalysisError(fmt::format("points.csv has no column {}_mean", m));
    column.push_back(static_cast<std::size_t>(it - header.begin()));
  }
  const auto points = static_cast<Eigen::Index>(sweep.points);
  Eigen::MatrixXd y(points, static_cast<Eigen::Index>(metrics.size()));
  y.setConstant(std::nan(""));
  Eigen::Index k = 0;
  while (std::getline(in, line) && k < points) {
    const auto cells = split_csv_line(line);
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      const std::string& cell = cells.at(column[m]);
      double x = 0;
      if (!cell.empty() && std::from_chars(cell.data(), cell.data() + cell.size(), x).ec == std::errc())
        y(k, static_cast<Eigen::Index>(m)) = x;
    }
    ++k;
  }
  if (k != points) throw AnalysisError(fmt::format("points.csv has {} rows where the design has {}", k, points));

  const Design design(def);
  const std::size_t d = def.parameters.size();
  Eigen::MatrixXd unit;
  if (def.design == DesignKind::morris) {
    unit.resize(points, static_cast<Eigen::Index>(d));
    for (Eigen::Index p = 0; p < points; ++p) {
      const auto u = design.unit_point(static_cast<std::size_t>(p));
      for (std::size_t j = 0; j < d; ++j) unit(p, static_cast<Eigen::Index>(j)) = u[j];
    }
  }
  std::string out = kSensitivityHeader;
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    const Eigen::VectorXd ym = y.col(static_cast<Eigen::Index>(m));
    if (!ym.allFinite()) {
      spdlog::warn("{}: some points have no mean (every run failed or had no value); left out", metrics[m]);
      continue;
    }
    spdlog::debug("{}: {} over {} points, {} bootstrap resamples", metrics[m],
                  def.design == DesignKind::saltelli ? "Sobol indices" : "Morris effects", points, plan.bootstrap);
    if (def.design == DesignKind::saltelli) {
      const SobolIndices s = sobol_indices(ym, d, plan.bootstrap, plan.seed);
      for (std::size_t i = 0; i < d; ++i) {
        out += row(metrics[m], def.parameters[i].name, "sobol", "S1", s.first[i]);
        out += row(metrics[m], def.parameters[i].name, "sobol", "ST", s.total[i]);
      }
    } else {
      const MorrisEffects e = morris_effects(unit, ym, plan.bootstrap, plan.seed);
      for (std::size_t i = 0; i < d; ++i) {
        out += row(metrics[m], def.parameters[i].name, "morris", "mu", e.mu[i]);
        out += row(metrics[m], def.parameters[i].name, "morris", "mu_star", e.mu_star[i]);
        out += row(metrics[m], def.parameters[i].name, "morris", "sigma", e.sigma[i]);
      }
    }
  }
  return out;
}

}  // namespace alliance
