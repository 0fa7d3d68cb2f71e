#pragma once
// A sweep file, read: the base scenario, the parameters and their ranges,
// the design that picks points, replicates per point and the metrics kept.
// Format: scenarios/sweeps/README.md.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace alliance {

enum class Distribution { values, uniform, log_uniform, integer };

struct ParameterDef {
  std::string name;  // the column in runs.csv and points.csv (default: path)
  std::string path;  // dotted path into the scenario, as for `--set`
  Distribution distribution = Distribution::values;
  // `values`: each a TOML literal (as `--set` reads it) and its CSV cell.
  std::vector<std::string> literals;
  std::vector<std::string> cells;
  double lo = 0.0, hi = 0.0;  // ranges, both ends included
  int levels = 0;             // grid points of a continuous range
  int line = 0, column = 0;   // where the [[parameter]] is, for errors

  // How many values the grid takes (0: a continuous range without `levels`).
  std::size_t grid_size() const;
};

enum class DesignKind { grid, random, lhs, saltelli, morris };

struct SweepDef {
  std::string source;  // the sweep file's path
  std::string name;
  std::filesystem::path scenario;  // resolved against the sweep file's folder
  int scenario_line = 0, scenario_column = 0;  // of the `scenario` key, for errors
  DesignKind design = DesignKind::grid;
  int samples = 0;        // random, lhs: points; saltelli: base samples N; morris: trajectories r
  int morris_levels = 4;  // p, the grid the trajectories walk on
  int replicates = 1;
  std::uint64_t seed = 1;
  std::vector<std::string> metrics;  // summary.csv columns kept in runs.csv
  std::vector<ParameterDef> parameters;
};

std::string design_name(DesignKind kind);

}  // namespace alliance
