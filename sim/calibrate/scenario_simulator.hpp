#pragma once
// The simulator a calibration file defines, for abc::run_abc_smc: a
// proposal (model = preset, parameter values, seed) runs every case's
// scenario with the parameters set as `--set` would, `replicates` replicates
// each, and its distance compares the mean of each record's metric with the
// record. The same runs as
//
//   alliance run CASE.toml --preset MODEL --seed SEED --replicates R --set PATH=VALUE ...
//
// (summary.csv's values, to its 8 significant digits), so any particle is
// reproduced from its row of particles.csv.
#include <cstdint>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "calibrate/abc_smc.hpp"
#include "calibrate/calibration_def.hpp"

namespace alliance {

// A record a case is fitted to.
struct Target {
  std::size_t case_index = 0;
  std::string name;    // "<case>.<record>": its column in particles.csv
  std::string record;  // the scenario's [[record]] name
  std::string metric;  // summary.csv column
  double value = 0.0;
  double tolerance = 1.0;
};

class ScenarioSimulator {
 public:
  // Reads every case's scenario once and checks, under every model, that it
  // reads with each parameter at both ends of its prior (every value of a
  // choice), that the records named exist and their metrics are summary
  // columns. Throws InputError naming the calibration file's key.
  explicit ScenarioSimulator(const CalibrationDef& def);

  const CalibrationDef& def() const { return def_; }
  const std::vector<Target>& targets() const { return targets_; }
  const std::string& scenario_bytes(std::size_t c) const { return bytes_[c]; }

  // The parameters and models as run_abc_smc takes them.
  abc::Problem problem() const;

  // The distance over the targets of `cases` (sorted case indices) and, as
  // statistics, each of those targets' simulated mean (NaN: no replicate had
  // the metric). Thread-safe.
  abc::Evaluation evaluate(const abc::Proposal& p, const std::vector<std::size_t>& cases) const;

  // The `--set` assignments (after --preset, --seed and --replicates) that
  // case c runs with under this model and these values, as the command line
  // takes them.
  std::vector<std::string> overrides(std::size_t c, std::size_t model, const std::vector<double>& theta,
                                     std::uint64_t seed) const;

  // A parameter's value as --set takes it ("0.25", "true").
  std::string literal(std::size_t parameter, double value) const;

  // Case c's simulated mean of each of its targets, in targets() order (NaN:
  // no replicate had the metric). Throws InputError when the scenario
  // refuses a value.
  std::vector<double> case_means(std::size_t c, std::size_t model, const std::vector<double>& theta,
                                  std::uint64_t seed) const;

 private:
  CalibrationDef def_;
  std::vector<std::string> bytes_;  // each case's scenario file
  std::vector<toml::table> tables_; // parsed once
  std::vector<Target> targets_;     // by case, then in the case's order
};

}  // namespace alliance
