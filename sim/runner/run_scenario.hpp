#pragma once
// Runs a scenario's replicates and writes the output directory. Every way of
// running replicates (`run`, `check`, `sweep`, the benchmark, the tests)
// goes through run_one_replicate, so they record the same numbers. Output
// bytes depend on (scenario, seed) only, never on the thread count:
// replicates are recorded apart and joined in order.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv_recorder.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

// How to run a scenario whose seed, replicates and overrides are in its
// ScenarioDef: on how many threads, recording which tables.
struct RunPlan {
  int threads = 0;  // 0 = every core
  TableSelection tables = TableSelection::all();
};

// What one replicate recorded: the selected tables' rows (no headers) and
// its summary, typed.
struct ReplicateOutput {
  ReplicateTables tables;
  SummaryRow summary;
};

// Replicate `replicate` of a run, from a built world, with its own seed
// (replicate_seed(scenario seed, replicate)).
ReplicateOutput run_one_replicate(const ScenarioDef& def, const World& initial, const RecordingContext& context,
                                  int replicate, std::uint64_t seed, const TableSelection& tables);

struct RunResult {
  TableSelection tables = TableSelection::all();
  std::vector<std::uint64_t> seeds;
  std::vector<ReplicateOutput> replicates;  // by replicate
};

using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

// Every replicate of the scenario, in parallel.
RunResult run_scenario(const ScenarioDef& def, const RunPlan& plan, const ProgressCallback& progress = {});

// Each file of a run's output, in the order written: the selected tables
// (header, then each replicate's rows), datapackage.json and run.json. The
// parts of a file are views into `result` and the emitter's own strings,
// valid during the call only. write_run_output writes them into a
// directory; the Python module (sim/python/) keeps them in memory, so its
// tables have the CLI's bytes by construction.
using RunFileSink = std::function<void(const std::string& file, const std::vector<std::string_view>& parts)>;
void emit_run_output(const ScenarioDef& def, const RunResult& result, const std::string& scenario_bytes,
                     const std::vector<std::string>& overrides, const RunFileSink& sink);

// Writes the selected tables, datapackage.json and run.json into `out`,
// atomically.
void write_run_output(const std::filesystem::path& out, const ScenarioDef& def, const RunResult& result,
                      const std::string& scenario_bytes, const std::vector<std::string>& overrides);

}  // namespace alliance
