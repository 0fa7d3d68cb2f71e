#include "sweep/sweep_runner.hpp"

#include <atomic>
#include <exception>
#include <fstream>
#include <mutex>

#include <oneapi/tbb/info.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "io/data_package.hpp"
#include "io/output_directory.hpp"
#include "io/run_metadata.hpp"
#include "runner/run_scenario.hpp"
#include "scenario/build_world.hpp"
#include "scenario/reader.hpp"
#include "sweep/design.hpp"
#include "sweep/sweep_tables.hpp"
#include "version.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

std::string issues_text(const InputError& e) {
  std::string text;
  for (const auto& i : e.issues()) {
    if (!text.empty()) text += "; ";
    text += i.key.empty() ? i.message : fmt::format("{}: {}", i.key, i.message);
  }
  return text.empty() ? e.what() : text;
}

std::string prefix_lines(const std::string& lines, std::size_t run) {
  std::string out;
  const std::string prefix = fmt::format("{},", run);
  std::size_t pos = 0;
  while (pos < lines.size()) {
    const auto nl = lines.find('\n', pos);
    const std::size_t end = nl == std::string::npos ? lines.size() : nl + 1;
    out += prefix;
    out.append(lines, pos, end - pos);
    pos = end;
  }
  return out;
}

nlohmann::json state_of(const PreparedSweep& sweep, const SweepPlan& plan) {
  return {{"sweep_sha256", sha256_hex(sweep.sweep_bytes)},
          {"scenario_sha256", sha256_hex(sweep.scenario_bytes)},
          {"shard", fmt::format("{}/{}", plan.shard.index + 1, plan.shard.count)},
          {"keep_steps", plan.keep_steps},
          {"version", kVersion}};
}

// Makes the staging directory, or checks that the one there is this sweep's.
void open_staging(const fs::path& staging, const PreparedSweep& sweep, const SweepPlan& plan, bool& resuming) {
  const nlohmann::json state = state_of(sweep, plan);
  const fs::path state_file = staging / "state.json";
  std::error_code ec;
  resuming = false;
  if (fs::exists(staging, ec)) {
    if (!plan.resume)
      throw SweepStateError(fmt::format(
          "an interrupted sweep is in {}: continue it with --resume, or delete that folder to start over",
          staging.string()));
    nlohmann::json found;
    try {
      std::ifstream in(state_file);
      found = nlohmann::json::parse(in);
    } catch (const std::exception&) {
      throw SweepStateError(fmt::format("{} is unreadable; delete {} to start over", state_file.string(),
                                        staging.string()));
    }
    for (const auto& key : {"sweep_sha256", "scenario_sha256", "shard", "keep_steps", "version"})
      if (found.value(key, nlohmann::json()) != state[key])
        throw SweepStateError(fmt::format(
            "the interrupted sweep in {} was started with a different {} ({} then, {} now); resume it with the "
            "same inputs and options, or delete that folder to start over",
            staging.string(), key, found.value(key, nlohmann::json()).dump(), state[key].dump()));
    resuming = true;
    return;
  }
  if (plan.resume) spdlog::info("nothing to resume in {}; starting the sweep", staging.string());
  fs::create_directories(staging, ec);
  if (ec) throw OutputError(fmt::format("cannot create {}: {}", staging.string(), ec.message()));
  write_file_atomically(state_file, state.dump(2) + "\n");
}

}  // namespace

struct RunExecutor::PointCache {
  std::size_t point = static_cast<std::size_t>(-1);
  std::vector<ParameterValue> values;
  std::optional<ScenarioDef> def;
  std::optional<World> initial;
  std::optional<RecordingContext> context;
  std::vector<std::size_t> metric_cells;  // where each metric is in this point's summary row
  std::string error;                      // the point cannot be built
};

RunExecutor::RunExecutor(const PreparedSweep& sweep, bool keep_steps)
    : sweep_(sweep), keep_steps_(keep_steps), cache_(std::make_unique<PointCache>()) {}

RunExecutor::~RunExecutor() = default;

SweepRecord RunExecutor::execute(std::size_t run) {
  const auto replicates = static_cast<std::size_t>(sweep_.def.replicates);
  const std::size_t point = run / replicates;
  const int replicate = static_cast<int>(run % replicates);
  const std::uint64_t seed = run_seed(sweep_.def.seed, run);
  PointCache& c = *cache_;
  if (c.point != point) {
    c = PointCache{};
    c.point = point;
    c.values = Design(sweep_.def).values(point);
    std::vector<std::string> overrides;
    for (std::size_t j = 0; j < c.values.size(); ++j)
      overrides.push_back(fmt::format("{}={}", sweep_.def.parameters[j].path, c.values[j].literal));
    try {
      c.def = read_scenario_table(sweep_.base, sweep_.def.scenario.lexically_normal().string(), overrides);
      c.initial = build_world(*c.def);
      c.context = RecordingContext::from(*c.def);
      std::vector<Column> columns;
      for (const auto& t : output_tables(*c.def))
        if (t.file == "summary.csv") columns = t.columns;
      for (const std::size_t m : sweep_.metric_index) {
        const std::string& name = sweep_.summary_columns[m].name;
        const auto it = std::find_if(columns.begin(), columns.end(), [&](const Column& x) { return x.name == name; });
        if (it == columns.end()) {
          c.error = fmt::format("the metric {} is not a summary column under this point's values", name);
          break;
        }
        c.metric_cells.push_back(static_cast<std::size_t>(it - columns.begin()));
      }
    } catch (const InputError& e) {
      c.error = "the scenario does not accept this point's values: " + issues_text(e);
    } catch (const std::exception& e) {
      c.error = e.what();
    }
  }
  SweepRecord record;
  record.run = run;
  record.row = run_prefix(run, point, replicate, seed, c.values);
  std::string error = c.error;
  if (error.empty()) {
    try {
      ReplicateRows rows = run_single_replicate(*c.def, *c.initial, *c.context, seed, keep_steps_);
      const auto cells = split_csv_line(std::string_view(rows.summary).substr(0, rows.summary.find('\n')));
      for (std::size_t m = 0; m < c.metric_cells.size(); ++m) {
        if (m > 0) record.row += ',';
        record.row += cells.at(c.metric_cells[m]);
      }
      record.row += '\n';
      if (keep_steps_) record.steps = prefix_lines(rows.steps, run);
      return record;
    } catch (const std::exception& e) {
      error = e.what();
    }
  }
  record.failed = true;
  record.row += csv_cell(error) + "\n";
  record.steps.clear();
  return record;
}

fs::path sweep_staging_path(const fs::path& out) {
  const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  return parent / fmt::format(".{}.sweep-partial", out.filename().string());
}

std::vector<Column> step_columns(const PreparedSweep& sweep) {
  const ScenarioDef base = read_scenario_table(sweep.base, sweep.def.scenario.lexically_normal().string());
  for (const auto& t : output_tables(base))
    if (t.file == "steps.csv") return t.columns;
  return {};
}

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
      {"inputs", {"inputs/sweep.toml", "inputs/scenario.toml"}},
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
                         const Shard& shard, bool keep_steps) {
  const SweepTables tables = sweep_tables(sweep, keep_steps ? step_columns(sweep) : std::vector<Column>{});
  std::vector<TableSpec> specs{tables.runs};
  if (shard.count == 1) {
    write_points_csv(sweep, dir / "runs.csv", dir / "failures.csv", dir / "points.csv");
    specs.push_back(tables.points);
  }
  specs.push_back(tables.failures);
  if (keep_steps) specs.push_back(tables.steps);
  std::error_code ec;
  fs::create_directories(dir / "inputs", ec);
  write_file_atomically(dir / "inputs" / "sweep.toml", sweep.sweep_bytes);
  write_file_atomically(dir / "inputs" / "scenario.toml", sweep.scenario_bytes);
  write_file_atomically(dir / "datapackage.json",
                        tables_package_json(sweep.def.name, fmt::format("alliance sweep {}", sweep.def.name), specs));
  write_file_atomically(dir / std::string(OutputDirectory::kSweepMarker), metadata.dump(2) + "\n");
}

SweepOutcome run_sweep(const PreparedSweep& sweep, const SweepPlan& plan) {
  OutputDirectory::check_target(plan.out);
  const fs::path staging = sweep_staging_path(plan.out);
  bool resuming = false;
  open_staging(staging, sweep, plan, resuming);

  const SweepTables tables = sweep_tables(sweep, plan.keep_steps ? step_columns(sweep) : std::vector<Column>{});
  SweepHeaders headers{csv_header(tables.runs), csv_header(tables.failures),
                       plan.keep_steps ? csv_header(tables.steps) : std::string()};
  OrderedWriter writer(staging, plan.shard, sweep.runs(), headers, resuming);
  if (resuming)
    spdlog::info("resuming {}: {} of {} runs were done", staging.string(), writer.done(), writer.owned());

  const int threads = plan.threads > 0 ? plan.threads : oneapi::tbb::info::default_concurrency();
  // A thread takes a point's replicates together, so that it reads and builds
  // the point's scenario once; finished runs still go to the writer one by one.
  const std::size_t chunk =
      std::max<std::size_t>(1, static_cast<std::size_t>(sweep.def.replicates) / plan.shard.count);
  std::atomic<std::size_t> next{writer.first_unwritten()};
  std::atomic<bool> stop{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  std::mutex progress_mutex;
  auto work = [&] {
    RunExecutor executor(sweep, plan.keep_steps);
    try {
      while (!stop.load(std::memory_order_relaxed)) {
        const std::size_t first = next.fetch_add(chunk);
        if (first >= writer.owned()) break;
        for (std::size_t ordinal = first; ordinal < std::min(first + chunk, writer.owned()); ++ordinal) {
          if (writer.finished_before(ordinal)) continue;
          writer.record(executor.execute(plan.shard.run(ordinal)));
          if (plan.progress) {
            std::lock_guard lock(progress_mutex);
            plan.progress(writer.done(), writer.owned());
          }
        }
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      stop = true;
    }
  };
  if (plan.progress) plan.progress(writer.done(), writer.owned());
  oneapi::tbb::task_arena arena(threads);
  arena.execute([&] {
    oneapi::tbb::task_group group;
    for (int t = 0; t < threads; ++t) group.run(work);
    group.wait();
  });
  if (error) std::rethrow_exception(error);
  writer.finish();

  const SweepProvenance provenance{sweep.def.source, sweep.def.scenario.lexically_normal().string()};
  const auto metadata = sweep_metadata(sweep, provenance, plan.shard, plan.keep_steps, writer.ok(), writer.failed());
  write_sweep_summary(staging, sweep, metadata, plan.shard, plan.keep_steps);
  fs::remove(staging / "state.json");
  OutputDirectory dir(plan.out, staging);
  dir.commit();
  return {writer.owned(), writer.ok(), writer.failed()};
}

}  // namespace alliance
