#include "cli/commands.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>

#include <sys/resource.h>

#include <oneapi/tbb/info.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/progress.hpp"
#include "core/rng.hpp"
#include "engine/step.hpp"
#include "io/graph_export.hpp"
#include "scenario/input_file.hpp"
#include "io/output_directory.hpp"
#include "io/output_lock.hpp"
#include "io/output_target.hpp"
#include "io/run_metadata.hpp"
#include "io/run_tables.hpp"
#include "runner/resource_limits.hpp"
#include "runner/run_scenario.hpp"
#include "scenario/build_world.hpp"
#include "scenario/input_error.hpp"
#include "scenario/reader.hpp"

namespace alliance::cli {

namespace {

// A command-line argument as a message shows it: a long one is cut (a
// --set may be thousands of parts).
std::string shown(const std::string& text) { return text.size() > 80 ? text.substr(0, 60) + "..." : text; }

// The scenario overrides of the command line, in the order they apply, each
// with the argument it came from, which its problems name
// (scenario/overrides.hpp): --preset NAME first, so that a --set of
// `preset` still wins, then each --set, then --seed and --replicates.
struct CommandLineOverrides {
  std::vector<std::string> assignments;  // as run.json records them
  std::vector<std::string> origins;      // "--set #2 alliance.rule=majorty", "--replicates 0"
  void add(std::string assignment, std::string origin) {
    assignments.push_back(std::move(assignment));
    origins.push_back(shown(origin));
  }
};

CommandLineOverrides command_line_overrides(const std::vector<std::string>& sets, const std::string& preset,
                                            const std::optional<std::uint64_t>& seed = {},
                                            const std::optional<int>& replicates = {}) {
  CommandLineOverrides o;
  if (!preset.empty()) o.add(fmt::format("preset=\"{}\"", preset), fmt::format("--preset {}", preset));
  for (std::size_t i = 0; i < sets.size(); ++i) o.add(sets[i], fmt::format("--set #{} {}", i + 1, sets[i]));
  if (seed) o.add(fmt::format("simulation.seed={}", *seed), fmt::format("--seed {}", *seed));
  if (replicates) o.add(fmt::format("simulation.replicates={}", *replicates), fmt::format("--replicates {}", *replicates));
  return o;
}

// Reads and checks a scenario; nullopt (after printing why) when it is bad.
std::optional<ScenarioDef> load(const std::filesystem::path& path, const CommandLineOverrides& overrides,
                                std::string& bytes) {
  try {
    // Regular files only, up to 16 MB (scenario/input_file.hpp): not a FIFO, a device or /dev/zero.
    bytes = read_input_file(path, kScenarioFile);
    const auto started = std::chrono::steady_clock::now();
    ScenarioDef def = read_scenario_text(bytes, path.string(), overrides.assignments, overrides.origins);
    if (spdlog::should_log(spdlog::level::info))
      spdlog::info("checked {} (sha256 {}; {} states, {} overrides) in {:.1f} ms", path.string(), sha256_hex(bytes),
                   def.states.size(), overrides.assignments.size(),
                   std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    for (std::size_t i = 0; i < overrides.assignments.size(); ++i)
      spdlog::debug("override {}: {} (from {})", i + 1, overrides.assignments[i], overrides.origins[i]);
    return def;
  } catch (const InputError& e) {
    report(e);
    return std::nullopt;
  }
}

std::string table_list(const TableSelection& tables) {
  std::string names;
  for (std::size_t t = 0; t < kRunTableCount; ++t)
    if (tables.has(static_cast<RunTable>(t)))
      names += fmt::format("{}{}", names.empty() ? "" : ", ", table_name(static_cast<RunTable>(t)));
  return names;
}

std::string step_span(const SimulationDef& sim) {
  const YearMonth last = add_months(sim.start, (sim.steps - 1) * months_per_step(sim.step_unit));
  return fmt::format("{} steps of a {}, {} to {}", sim.steps, step_unit_name(sim.step_unit),
                     format_year_month(sim.start), format_year_month(last));
}

double peak_memory_mb() {
  struct rusage usage {};
  ::getrusage(RUSAGE_SELF, &usage);  // ru_maxrss: peak resident memory, in kB on Linux
  return double(usage.ru_maxrss) / 1024.0;
}

// `alliance run --dry-run`: the scenario and the output path are checked as
// for a run, then the plan is printed; nothing is written or created.
int print_run_plan(const RunOptions& options, const ScenarioDef& def, const std::filesystem::path& out, int threads) {
  const SimulationDef& sim = def.simulation;
  const World world = build_world(def);
  fmt::print("{}: ok: {} states, {} founding members, rule {}, preset {}, {} crises, {} events\n",
             options.scenario.string(), world.state_count(), world.members().size(), rule_name(world.rule.rule),
             def.preset.empty() ? "none" : def.preset, world.crises.size(), world.params.schedule.size());
  fmt::print("plan: {} replicates x {}\n", sim.replicates, step_span(sim));
  const auto last = static_cast<std::uint64_t>(sim.replicates - 1);
  fmt::print("seeds: scenario seed {}; replicate r runs from replicate_seed({}, r): replicate 0 {}{}; all in run.json\n",
             sim.seed, sim.seed, replicate_seed(sim.seed, 0),
             last > 0 ? fmt::format(", replicate {} {}", last, replicate_seed(sim.seed, last)) : "");
  fmt::print("threads: {}{}\n", threads, options.threads > 0 ? " (--threads)" : " (every core; --threads to change)");

  // One replicate, timed on this thread, recording the chosen tables: the
  // run's time scaled up (replicates are alike in cost).
  const auto started = std::chrono::steady_clock::now();
  run_one_replicate(def, world, RecordingContext::from(def), 0, replicate_seed(sim.seed, 0), options.tables);
  const double per_replicate = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  fmt::print("tables (estimated sizes; summary.csv is always written):\n");
  for (const TableEstimate& t : estimated_tables(def, options.tables))
    fmt::print("  {:<12} {:>14} rows  {:>9}\n", fmt::format("{}.csv", table_name(t.table)),
               fmt::format("{:.0f}", t.rows), human_bytes(t.bytes));
  const double total = static_cast<double>(estimated_output_bytes(def, options.tables));
  fmt::print("  total {} (limit {:g} GB, --max-output-gb), and run.json, datapackage.json, manifest.json\n",
             human_bytes(total), options.max_output_gb);
  fmt::print("estimated time: {} on {} threads (one replicate took {:.3g} ms on one thread)\n",
             human_seconds(per_replicate * sim.replicates / std::max(1, std::min(threads, sim.replicates))), threads,
             per_replicate * 1e3);
  std::error_code ec;
  fmt::print("output: {} ({})\n", out.string(),
             std::filesystem::exists(out, ec) ? "an earlier run there would be replaced" : "a new folder");
  if (const auto refused = check_resources(def, out, ResourceLimits{options.max_output_gb}, options.tables)) {
    fmt::print(stderr, "error: {}\n", refused->message);
    return refused->machine ? kExitFailure : kExitBadInput;
  }
  fmt::print("nothing was written (--dry-run)\n");
  return kExitOk;
}

}  // namespace

std::string human_bytes(double bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000.0 && u < 4) {
    bytes /= 1000.0;
    ++u;
  }
  return fmt::format("{:.3g} {}", bytes, units[u]);
}

std::string human_seconds(double s) {
  if (s < 10) return fmt::format("{:.2g} s", s);
  if (s < 120) return fmt::format("{:.0f} s", s);
  if (s < 7200) return fmt::format("{:.1f} min", s / 60);
  return fmt::format("{:.1f} h", s / 3600);
}

void report(const InputError& e) {
  for (const auto& issue : e.issues()) fmt::print(stderr, "{}\n", issue.to_string());
}

int validate_command(const ValidateOptions& options) {
  const CommandLineOverrides overrides = command_line_overrides(options.overrides, options.preset);
  std::string bytes;
  auto def = load(options.scenario, overrides, bytes);
  if (!def) return kExitBadInput;
  const World world = build_world(*def);
  for (const StateDef& st : def->states)
    spdlog::debug("state {} ({}): gdp {:g}, defence share {:g}, capability {:g}, democracy {:g}, relative gains {:g}, "
                  "adversary affinity {:g}", st.code, st.name, st.gdp, st.defence_share, st.capability, st.democracy,
                  st.relative_gains, st.adversary_affinity);
  fmt::print("{}: ok: {} states, {} founding members, rule {}, preset {}, {} crises, {} events, {} steps of a {}, {} replicates\n",
             options.scenario.string(), world.state_count(), world.members().size(), rule_name(world.rule.rule),
             def->preset.empty() ? "none" : def->preset,
             world.crises.size(), world.params.schedule.size(), def->simulation.steps,
             step_unit_name(def->simulation.step_unit), def->simulation.replicates);
  return kExitOk;
}

int run_command(const RunOptions& options) {
  const CommandLineOverrides overrides =
      command_line_overrides(options.overrides, options.preset, options.seed, options.replicates);
  std::string bytes;
  auto def = load(options.scenario, overrides, bytes);
  if (!def) return kExitBadInput;

  // The output path is checked and locked before any work (io/output_target.hpp).
  const std::filesystem::path out = check_output_directory(
      options.out.empty() ? std::filesystem::path("results") / options.scenario.stem() : options.out,
      OutputKind::run, {options.scenario});
  const int threads = options.threads > 0 ? options.threads : oneapi::tbb::info::default_concurrency();
  if (options.dry_run) return print_run_plan(options, *def, out, threads);
  const OutputLock lock(out);
  if (const auto refused = check_resources(*def, out, ResourceLimits{options.max_output_gb}, options.tables)) {
    fmt::print(stderr, "error: {}\n", refused->message);
    return refused->machine ? kExitFailure : kExitBadInput;
  }

  const SimulationDef& sim = def->simulation;
  spdlog::info("running {}: {} replicates x {}, seed {} (replicate 0: {}), on {} threads; tables {} (about {})",
               options.scenario.string(), sim.replicates, step_span(sim), sim.seed, replicate_seed(sim.seed, 0),
               threads, table_list(options.tables),
               human_bytes(static_cast<double>(estimated_output_bytes(*def, options.tables))));
  ProgressLine progress("replicates", !options.quiet);
  const auto started = std::chrono::steady_clock::now();
  // Each replicate's rows are written as it finishes (in replicate order),
  // into the staging folder that becomes `out` once every file is whole.
  run_and_write(out, *def, RunPlan{options.threads, options.tables}, bytes, overrides.assignments,
                [&](std::size_t done, std::size_t total) { progress.update(done, total); });
  progress.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("ran {} replicates in {:.2f} s ({:.1f} per second), peak memory {:.1f} MB", sim.replicates, seconds,
               seconds > 0 ? sim.replicates / seconds : 0.0, peak_memory_mb());
  if (spdlog::should_log(spdlog::level::info)) {
    std::vector<std::filesystem::path> written;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(out, ec))
      if (entry.is_regular_file(ec)) written.push_back(entry.path());
    std::sort(written.begin(), written.end());
    std::string files;
    for (const auto& path : written)
      files += fmt::format("{}{} {}", files.empty() ? "" : ", ", path.filename().string(),
                           human_bytes(static_cast<double>(std::filesystem::file_size(path, ec))));
    spdlog::info("wrote {} in {:.2f} s in all: {}", out.string(), seconds, files);
  }
  return kExitOk;
}

int graph_command(const GraphOptions& options) {
  const CommandLineOverrides overrides = command_line_overrides(options.overrides, options.preset, options.seed);
  std::string bytes;
  auto def = load(options.scenario, overrides, bytes);
  if (!def) return kExitBadInput;
  const std::filesystem::path out_file =
      options.out.empty() ? std::filesystem::path() : check_output_file(options.out, {options.scenario});
  const StepOfPoint point = step_of_text(options.at, run_calendar(def->simulation));
  if (!point.step) {
    fmt::print(stderr, "error: --at {}: {}\n", options.at, point.error);
    return kExitBadInput;
  }
  const int at = *point.step;
  if (options.replicate >= def->simulation.replicates) {
    fmt::print(stderr, "error: --replicate {} is past the scenario's {} replicates\n", options.replicate,
               def->simulation.replicates);
    return kExitBadInput;
  }
  // The world after step `at` of replicate r: the same generator and steps as
  // `alliance run`, so the picture matches that run's row for the step.
  const std::uint64_t seed = replicate_seed(def->simulation.seed, static_cast<std::uint64_t>(options.replicate));
  spdlog::info("drawing the graph after step {} of replicate {} (seed {}), as {}", at, options.replicate, seed,
               kGraphFormatNames[static_cast<std::size_t>(options.format)]);
  Rng rng(seed);
  const World world = run_replicate(build_world(*def), at + 1, rng, {});
  std::ostringstream text;
  const ExportGraph g = export_graph(world, def->alliance.name);
  spdlog::debug("the graph: {} vertices, {} ties", boost::num_vertices(g), boost::num_edges(g));
  write_graph(text, g, options.format);
  if (out_file.empty()) {
    try {
      fmt::print("{}", text.str());
    } catch (const std::system_error& e) {
      fmt::print(stderr, "error: cannot write to standard output: {}\n", e.code().message());
      return kExitFailure;
    }
    return kExitOk;
  }
  write_file_atomically(out_file, text.str());
  spdlog::info("wrote {} (step {}, replicate {})", out_file.string(), at, options.replicate);
  return kExitOk;
}

}  // namespace alliance::cli
