#pragma once
// Sweep files (TOML) -> SweepDef, and the checks against the base scenario
// that run before any run starts. Errors name the file, line and key, like
// the scenario reader's. Format: scenarios/sweeps/README.md.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "io/columns.hpp"
#include "scenario/input_error.hpp"
#include "sweep/sweep_def.hpp"

namespace alliance {

// Keeps a sweep within what one machine or a cluster can hold and finish.
inline constexpr std::size_t kMaxSweepRuns = 1'000'000'000;

SweepDef read_sweep_text(std::string_view text, std::string source_name);
SweepDef read_sweep_file(const std::filesystem::path& path);

// A sweep checked against its base scenario, ready to run.
struct PreparedSweep {
  SweepDef def;
  std::string sweep_bytes, scenario_bytes;
  toml::table base;                     // the base scenario, parsed once
  // The base scenario's [data] tables that inputs/ keeps a copy of: the path
  // as the scenario writes it (relative, inside its folder) and the bytes.
  std::vector<std::pair<std::string, std::string>> data_inputs;
  std::vector<Column> summary_columns;  // of the base scenario
  std::vector<std::size_t> metric_index;  // metric m is summary column metric_index[m]
  std::size_t points = 0;

  std::size_t runs() const { return points * static_cast<std::size_t>(def.replicates); }
};

// Reads the base scenario and reads it again under each parameter's extreme
// and listed values, so that a path naming nothing, a value the scenario
// refuses or a metric that is no column is an error before anything runs.
PreparedSweep prepare_sweep(SweepDef def, std::string sweep_bytes);

}  // namespace alliance
