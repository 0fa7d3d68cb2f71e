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
// (replicate_seed(scenario seed, replicate)). `scratch`, when given, is
// where the replicate runs: a world kept by the calling thread, overwritten
// with `initial` (reusing its memory, so a thread's replicates allocate and
// fault in no new matrices); otherwise a copy of `initial` is made.
ReplicateOutput run_one_replicate(const ScenarioDef& def, const World& initial, const RecordingContext& context,
                                  int replicate, std::uint64_t seed, const TableSelection& tables,
                                  World* scratch = nullptr);

struct RunResult {
  TableSelection tables = TableSelection::all();
  std::vector<std::uint64_t> seeds;
  std::vector<ReplicateOutput> replicates;  // by replicate
};

using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

// Every replicate of the scenario, in parallel; each finished replicate is
// handed to `sink` in replicate order, one call at a time, so a caller can
// write it and let it go: threads take replicates in order and run at most
// a few ahead of the oldest unfinished one, so only a few are held at once.
// Returns the seeds, by replicate.
using ReplicateSink = std::function<void(std::size_t replicate, ReplicateOutput&& output)>;
std::vector<std::uint64_t> run_replicates(const ScenarioDef& def, const RunPlan& plan, const ReplicateSink& sink,
                                          const ProgressCallback& progress = {});

// Every replicate of the scenario, in parallel, held in memory.
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

// Runs every replicate and writes the same files, byte for byte, as
// run_scenario then write_run_output, streaming: each replicate's rows are
// appended to the tables (in the staging folder) as soon as it and every
// replicate before it have finished, so memory stays flat in replicates.
// The output still appears whole or not at all.
void run_and_write(const std::filesystem::path& out, const ScenarioDef& def, const RunPlan& plan,
                   const std::string& scenario_bytes, const std::vector<std::string>& overrides,
                   const ProgressCallback& progress = {});

}  // namespace alliance
