#include "sweep/sweep_metadata.hpp"

#include <fmt/format.h>

#include "io/data_package.hpp"
#include "io/output_directory.hpp"
#include "io/run_metadata.hpp"
#include "scenario/reader.hpp"
#include "scenario/reader_toml.hpp"
#include "sweep/design.hpp"
#include "sweep/sweep_tables.hpp"
#include "version.hpp"

namespace alliance {

namespace fs = std::filesystem;

std::vector<Column> step_columns(const PreparedSweep& sweep) {
  const ScenarioDef base = read_scenario_table(sweep.base, sweep.def.scenario.lexically_normal().string());
  for (const auto& t : output_tables(base))
    if (t.file == "steps.csv") return t.columns;
  return {};
}

namespace {

nlohmann::json input_files(const PreparedSweep& sweep) {
  nlohmann::json files = {"inputs/sweep.toml", "inputs/scenario.toml"};
  for (const auto& [relative, bytes] : sweep.data_inputs) files.push_back("inputs/" + relative);
  return files;
}

// The base scenario's [data] tables copied into inputs/, with their hashes
// (alliance verify compares them).
nlohmann::json data_files(const PreparedSweep& sweep) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& [relative, bytes] : sweep.data_inputs)
    files.push_back({{"path", "inputs/" + relative}, {"sha256", sha256_hex(bytes)}});
  return files;
}

}  // namespace

nlohmann::json sweep_metadata(const PreparedSweep& sweep, const SweepProvenance& provenance, const Shard& shard,
                              bool keep_steps, std::size_t ok, std::size_t failed) {
  const SweepDef& def = sweep.def;
  nlohmann::json parameters = nlohmann::json::array();
  for (const auto& p : def.parameters) {
    nlohmann::json j = {{"name", p.name}, {"path", p.path}};
    switch (p.distribution) {
      case Distribution::values: j["values"] = p.cells; break;
      case Distribution::uniform: j["distribution"] = "uniform"; break;
      case Distribution::log_uniform: j["distribution"] = "log-uniform"; break;
      case Distribution::integer: j["distribution"] = "integer"; break;
    }
    if (p.distribution != Distribution::values) j["range"] = {p.lo, p.hi};
    if (p.levels > 0) j["levels"] = p.levels;
    parameters.push_back(j);
  }
  nlohmann::json design = {{"kind", design_name(def.design)}, {"points", sweep.points}, {"seed", def.seed}};
  if (def.design != DesignKind::grid) design["samples"] = def.samples;
  if (def.design == DesignKind::morris) {
    design["morris_levels"] = def.morris_levels;
    design["morris_delta"] = Design(def).morris_delta();
  }
  nlohmann::json j = {
      {"program", {{"name", "alliance"}, {"version", kVersion}}},
      {"name", def.name},
      {"sweep_file", {{"path", provenance.sweep_file}, {"sha256", sha256_hex(sweep.sweep_bytes)}}},
      {"scenario_file", {{"path", provenance.scenario_file}, {"sha256", sha256_hex(sweep.scenario_bytes)}}},
      {"inputs", input_files(sweep)},
      {"data", data_files(sweep)},
      {"design", design},
      {"replicates", def.replicates},
      {"parameters", parameters},
      {"metrics", def.metrics},
      {"seeds", fmt::format("the run with index i = point * replicates + replicate has scenario seed "
                            "replicate_seed({}, i) >> 1 (sim/core/rng.hpp); runs.csv lists each", def.seed)},
      {"keep_steps", keep_steps},
      {"runs", {{"total", sweep.runs()}, {"finished", ok}, {"failed", failed}}},
  };
  if (shard.count > 1)
    j["shard"] = {{"index", shard.index + 1}, {"count", shard.count}, {"runs", shard.runs_of(sweep.runs())}};
  return j;
}

void write_sweep_summary(const fs::path& dir, const PreparedSweep& sweep, const nlohmann::json& metadata,
                         const Shard& shard, bool keep_steps, bool points_written) {
  const SweepTables tables = sweep_tables(sweep, keep_steps ? step_columns(sweep) : std::vector<Column>{});
  std::vector<TableSpec> specs{tables.runs};
  if (shard.count == 1) {
    if (!points_written) write_points_csv(sweep, dir / "runs.csv", dir / "failures.csv", dir / "points.csv");
    specs.push_back(tables.points);
  }
  specs.push_back(tables.failures);
  if (keep_steps) specs.push_back(tables.steps);
  std::error_code ec;
  fs::create_directories(dir / "inputs", ec);
  write_file_atomically(dir / "inputs" / "sweep.toml", sweep.sweep_bytes);
  write_file_atomically(dir / "inputs" / "scenario.toml", sweep.scenario_bytes);
  for (const auto& [relative, bytes] : sweep.data_inputs) {
    fs::create_directories((dir / "inputs" / relative).parent_path(), ec);
    write_file_atomically(dir / "inputs" / relative, bytes);
  }
  write_file_atomically(dir / "datapackage.json",
                        tables_package_json(sweep.def.name, fmt::format("alliance sweep {}", sweep.def.name), specs));
  write_file_atomically(dir / std::string(OutputDirectory::kSweepMarker), metadata.dump(2) + "\n");
}

}  // namespace alliance
