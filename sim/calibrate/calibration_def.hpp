#pragma once
// A calibration file, read: the cases (scenarios and the [[record]]s each is
// fitted to), the parameters with their priors, the models (presets) that
// compete, and the settings of the ABC-SMC run. Format:
// scenarios/calibrations/README.md.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/abc_smc.hpp"

namespace alliance {

struct CaseDef {
  std::string name;
  std::filesystem::path scenario;  // resolved against the calibration file's folder
  int line = 0, column = 0;        // of its `scenario` key, for messages
  std::vector<std::string> records;  // names of the scenario's [[record]]s; empty: all of them
  int records_line = 0, records_column = 0;
  // A replicate without the record's metric (e.g. never acted) counts as
  // this value; nullopt: left out of the mean ("drop").
  std::optional<double> missing;
  std::vector<std::string> overrides;  // fixed `--set`s of this case, "dotted.key=value"
};

struct CalibrationParameterDef {
  std::string name;  // its column in particles.csv and posterior.csv
  std::string path;  // dotted key, as for --set
  abc::Prior prior;
  // choice: each value as TOML (what --set is given) and as a number
  // (booleans 0 and 1), by index.
  std::vector<std::string> literals;
  std::vector<double> values;
  std::vector<std::string> cases;   // the cases it applies to; empty: every case
  std::vector<std::string> models;  // the models that have it; empty: every model
  int line = 0, column = 0;         // of the [[parameter]]'s `path`
};

// How the records' standardised errors |simulated mean - value| / tolerance
// combine into one distance.
enum class DistanceKind { sum, euclidean, max };

struct CalibrationDef {
  std::string source;  // the calibration file's path
  std::string name;
  std::string title;
  std::vector<CaseDef> cases;
  std::vector<CalibrationParameterDef> parameters;
  std::vector<std::string> models = {"realist", "liberal"};  // presets; "as_written": the file as it is
  int replicates = 4;               // per particle and case; the distance uses their mean
  DistanceKind distance = DistanceKind::sum;
  abc::Settings settings;           // particles, generations, alpha, ... (threads: the command line's)
};

std::string distance_name(DistanceKind kind);

}  // namespace alliance
