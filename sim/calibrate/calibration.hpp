#pragma once
// `alliance calibrate`: an ABC-SMC calibration of a calibration file's
// parameters and models against its cases' records, optionally leaving each
// case out in turn and predicting it; and the output tables. Every file's
// bytes depend on the calibration file, the scenarios and the seed only,
// never on the thread count.
#include <cstdint>
#include <string>
#include <vector>

#include "calibrate/abc_smc.hpp"
#include "calibrate/scenario_simulator.hpp"
#include "io/columns.hpp"

namespace alliance {

struct CalibrationPlan {
  int threads = 0;                    // 0: every core
  std::optional<std::uint64_t> seed;  // overrides the file's
  bool leave_one_out = false;
  abc::Progress progress;             // of each ABC-SMC run in turn
  std::function<void(const std::string&)> stage;  // "calibrating on all cases", ...
};

// A case left out: the calibration on the others, and for each of its
// targets the posterior predictive distribution of the simulated mean (each
// particle of the final population run on the case with its own seed).
struct LeftOut {
  std::size_t case_index = 0;
  abc::Result fit;
  std::vector<std::size_t> targets;  // indices into ScenarioSimulator::targets()
  std::vector<abc::WeightedSummary> predicted;  // by target: mean, sd, quantiles 2.5%, 50%, 97.5%
  std::vector<std::size_t> missing;  // by target: particles whose runs never had the metric
  std::size_t predictions = 0;       // simulations run to predict
};

struct CalibrationOutcome {
  std::uint64_t seed = 0;
  abc::Result all;  // fitted to every case
  std::vector<LeftOut> left_out;
};

CalibrationOutcome run_calibration(const ScenarioSimulator& simulator, const CalibrationPlan& plan);

// The output tables' declarations (datapackage.json) and contents.
std::vector<TableSpec> calibration_tables(const ScenarioSimulator& simulator, bool leave_one_out);
std::string particles_csv(const ScenarioSimulator& simulator, const abc::Result& result);
std::string posterior_csv(const ScenarioSimulator& simulator, const abc::Result& result);
std::string generations_csv(const ScenarioSimulator& simulator, const abc::Result& result);
std::string models_csv(const ScenarioSimulator& simulator, const abc::Result& result);
std::string leave_one_out_csv(const ScenarioSimulator& simulator, const CalibrationOutcome& outcome);
// calibrate.json: version, the files and their hashes, seeds, settings, how
// it stopped, simulations.
std::string calibration_metadata_json(const ScenarioSimulator& simulator, const CalibrationOutcome& outcome,
                                      const std::string& file_sha256);
// What standard output shows: models, posterior means, generations.
std::string calibration_text(const ScenarioSimulator& simulator, const CalibrationOutcome& outcome);

}  // namespace alliance
