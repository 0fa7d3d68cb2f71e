#pragma once
// The tables a sweep writes: their columns (headers and datapackage.json),
// their rows, and points.csv, aggregated in one streaming pass over runs.csv.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/columns.hpp"
#include "sweep/design.hpp"
#include "sweep/sweep_reader.hpp"

namespace alliance {

struct SweepTables {
  TableSpec runs, points, failures, steps;
};

// `step_columns`: the base scenario's steps.csv columns (for --keep-steps).
SweepTables sweep_tables(const PreparedSweep& sweep, const std::vector<Column>& step_columns);

// A CSV cell, quoted when it holds a comma, a quote or a line break.
std::string csv_cell(std::string_view text);
// Splits one CSV line (without its '\n'), honouring quoted cells.
std::vector<std::string> split_csv_line(std::string_view line);

// The scenario seed of run `run` (= point * replicates + replicate): the
// SplitMix64 stream of the sweep's seed, as for a scenario's replicates,
// kept to 63 bits so that `alliance run --seed` takes it.
std::uint64_t run_seed(std::uint64_t sweep_seed, std::size_t run);

// "run,point,replicate,seed,<parameter cells>," : how a runs.csv and a failures.csv row start.
std::string run_prefix(std::size_t run, std::size_t point, int replicate, std::uint64_t seed,
                       const std::vector<ParameterValue>& values);

// Per point: the parameter values, how many runs finished and failed, and for
// each metric n, mean, standard deviation and the 95% Student-t interval of
// the mean, from runs.csv and failures.csv (both in run order). Memory does
// not grow with the number of runs.
void write_points_csv(const PreparedSweep& sweep, const std::filesystem::path& runs_csv,
                      const std::filesystem::path& failures_csv, const std::filesystem::path& out);

// points.csv while the runs are written (a sweep of one shard, not
// resumed): handed every run in run order, row as written to runs.csv or
// failures.csv, it writes the same bytes as write_points_csv, a point's row
// as soon as the point's last run is in, so that no pass over runs.csv is
// left for the end. `out` appears at finish(); until then a temporary file
// beside it, which a resume removes.
class PointsStream {
 public:
  PointsStream(const PreparedSweep& sweep, const std::filesystem::path& out);
  ~PointsStream();
  PointsStream(const PointsStream&) = delete;
  PointsStream& operator=(const PointsStream&) = delete;
  void add(std::size_t run, bool failed, std::string_view row);
  void finish();  // the points after the last run's (none), then moves the file into place

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alliance
