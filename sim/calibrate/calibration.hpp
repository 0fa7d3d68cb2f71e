#pragma once
// `alliance calibrate`: an ABC-SMC calibration of a calibration file's
// parameters and models against its cases' records, optionally leaving each
// case out in turn and predicting it; and the output tables. Every file's
// bytes depend on the calibration file, the scenarios and the seed only,
// never on the thread count.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/abc_smc.hpp"
#include "calibrate/scenario_simulator.hpp"
#include "io/columns.hpp"

namespace alliance {

// The ABC-SMC runs of a calibration: fit 0 on every case, then (with
// --leave-one-out) fit c + 1 without case c.
struct CalibrationPlan {
  int threads = 0;                    // 0: every core
  std::optional<std::uint64_t> seed;  // overrides the file's
  bool leave_one_out = false;
  abc::Progress progress;             // of each ABC-SMC run in turn
  std::function<void(const std::string&)> stage;  // "calibrating on all cases", ...
  // Fits done so far, whole or in part (an interrupted calibration's
  // checkpoint), by fit; each continues where it stopped.
  std::vector<abc::Result> resume;
  // After each generation of any fit: every fit so far (the checkpoint to keep).
  std::function<void(const std::vector<abc::Result>& fits)> checkpoint;
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

// The checkpoint of an interrupted calibration, ".<out>.calibrate-state.json"
// beside the output: what it is a calibration of (`identity`: the file's and
// scenarios' hashes, the seed, --leave-one-out, the version; never the
// thread count) and the generations done, every number in hexadecimal so
// that a resumed calibration gives the same bytes.
std::filesystem::path calibration_state_path(const std::filesystem::path& out);
std::string calibration_identity(const ScenarioSimulator& simulator, const std::string& file_sha256,
                                 std::uint64_t seed, bool leave_one_out);
std::string calibration_state_json(const std::string& identity, const std::vector<abc::Result>& fits);
// The fits of a state file; throws std::runtime_error when it is not one
// of this identity's (`why` says how).
std::vector<abc::Result> read_calibration_state(const std::string& text, const std::string& identity);

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
