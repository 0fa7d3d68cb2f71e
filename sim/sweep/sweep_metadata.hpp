#pragma once
// What a sweep writes besides its rows: sweep.json, datapackage.json,
// points.csv (unsharded) and inputs/, the same bytes however the runs were
// split among threads, shards, ranks and resumes.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/columns.hpp"
#include "sweep/ordered_writer.hpp"
#include "sweep/sweep_reader.hpp"

namespace alliance {

// Where the inputs came from, as sweep.json records them.
struct SweepProvenance {
  std::string sweep_file, scenario_file;
};

// sweep.json: equal inputs give equal bytes (no time stamp, no thread count).
nlohmann::json sweep_metadata(const PreparedSweep& sweep, const SweepProvenance& provenance, const Shard& shard,
                              bool keep_steps, std::size_t ok, std::size_t failed);

// Writes points.csv (unsharded; read from runs.csv and failures.csv unless
// `points_written`: streamed while the runs were written), sweep.json,
// datapackage.json and inputs/ into `dir`, next to its runs.csv and failures.csv.
void write_sweep_summary(const std::filesystem::path& dir, const PreparedSweep& sweep,
                         const nlohmann::json& metadata, const Shard& shard, bool keep_steps,
                         bool points_written = false);

// The base scenario's steps.csv columns (for --keep-steps).
std::vector<Column> step_columns(const PreparedSweep& sweep);

}  // namespace alliance
