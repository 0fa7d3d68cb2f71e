// `alliance sweep`: runs a sweep file's design (or a shard of it, or prints
// its size and cost with --dry-run).
#include <chrono>

#include <sys/resource.h>

#include <oneapi/tbb/info.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "scenario/input_file.hpp"
#include "io/output_directory.hpp"
#include "io/output_lock.hpp"
#include "io/output_target.hpp"
#include "io/run_metadata.hpp"
#include "scenario/table_reader.hpp"
#include "scenario/data_series.hpp"
#include "sweep/mpi_sweep.hpp"
#include "sweep/sweep_reader.hpp"
#include "sweep/run_executor.hpp"
#include "sweep/sweep_runner.hpp"

namespace alliance::cli {

namespace {

// Times a few runs spread over the design, one thread, and scales up.
int dry_run(const PreparedSweep& sweep, const SweepOptions& options, const Shard& shard) {
  const std::size_t owned = shard.runs_of(sweep.runs());
  const int threads = options.threads > 0 ? options.threads : oneapi::tbb::info::default_concurrency();
  RunExecutor executor(sweep, options.keep_steps);
  const auto start = std::chrono::steady_clock::now();
  std::size_t sampled = 0, row_bytes = 0, step_bytes = 0;
  const std::size_t wanted = std::min<std::size_t>(owned, 200);
  for (std::size_t s = 0; s < wanted; ++s) {
    const std::size_t ordinal = owned * s / wanted;
    const SweepRecord r = executor.execute(shard.run(ordinal));
    ++sampled;
    row_bytes += r.row.size();
    step_bytes += r.steps.size();
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(2)) break;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double per_run = sampled ? seconds / double(sampled) : 0.0;
  const double bytes = sampled ? double(row_bytes + step_bytes) / double(sampled) * double(owned) : 0.0;
  fmt::print("{}: {} design, {} points x {} replicates = {} runs{}\n", options.file.string(),
             design_name(sweep.def.design), sweep.points, sweep.def.replicates, sweep.runs(),
             shard.count > 1 ? fmt::format(" (this shard {}/{}: {} runs)", shard.index + 1, shard.count, owned) : "");
  fmt::print("timed {} runs on one thread: {:.3g} ms per run\n", sampled, per_run * 1e3);
  fmt::print("estimated time on {} threads: {} (if they scale perfectly)\n", threads,
             human_seconds(per_run * double(owned) / threads));
  fmt::print("estimated output: {} (runs.csv{}; points.csv adds a row per point)\n", human_bytes(bytes),
             options.keep_steps ? " and steps.csv" : "");
  fmt::print("nothing was written\n");
  return kExitOk;
}

}  // namespace

int sweep_command(const SweepOptions& options) {
  std::optional<PreparedSweep> sweep;
  {
    const auto started = std::chrono::steady_clock::now();
    pin_data_tables();  // each point reads the base scenario's tables as they were now
    std::string bytes = read_input_file(options.file, kSweepFile);  // a regular file of up to 1 MB
    SweepDef def = read_sweep_text(bytes, options.file.string());
    sweep = prepare_sweep(std::move(def), std::move(bytes));
    if (spdlog::should_log(spdlog::level::info))
      spdlog::info("checked {} (sha256 {}) and its scenario {} ({} bytes, sha256 {}): {} points x {} replicates, "
                    "in {:.1f} ms",
                    options.file.string(), sha256_hex(sweep->sweep_bytes), sweep->def.scenario.string(),
                    sweep->scenario_bytes.size(), sha256_hex(sweep->scenario_bytes), sweep->points,
                    sweep->def.replicates,
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
  }
  const Shard shard = options.shard.value_or(Shard{});
  if (options.dry_run) return dry_run(*sweep, options, shard);

  SweepPlan plan;
  // Checked before any run (io/output_target.hpp); run_sweep takes its lock.
  plan.out = check_output_directory(
      options.out.empty() ? std::filesystem::path("results") / sweep->def.name : options.out, OutputKind::sweep,
      {options.file, sweep->def.scenario});
  plan.threads = options.threads;
  plan.shard = shard;
  plan.resume = options.resume;
  plan.keep_steps = options.keep_steps;
  ProgressLine line("runs", !options.quiet && options.progress == ProgressMode::line);
  ProgressJson json("runs");
  if (options.progress == ProgressMode::json)
    plan.progress = [&](std::size_t done, std::size_t total) { json.update(done, total); };
  else if (options.progress == ProgressMode::line && !options.quiet)
    plan.progress = [&](std::size_t done, std::size_t total) { line.update(done, total); };

  spdlog::info("sweep seed {}; {} runs{} on {} threads -> {}", sweep->def.seed, shard.runs_of(sweep->runs()),
               shard.count > 1 ? fmt::format(" (shard {}/{})", shard.index + 1, shard.count) : "",
               options.threads > 0 ? options.threads : oneapi::tbb::info::default_concurrency(), plan.out.string());
  try {
    if (options.mpi && options.shard) {
      fmt::print(stderr, "error: --mpi shares the work among the ranks itself; leave out --shard\n");
      return kExitBadInput;
    }
    const auto started = std::chrono::steady_clock::now();
    const SweepOutcome outcome = options.mpi ? run_sweep_mpi(*sweep, plan) : run_sweep(*sweep, plan);
    line.finish();
    if (!outcome.written || outcome.already_finished) return kExitOk;  // an MPI rank other than the first, or nothing to do
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    struct rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);  // ru_maxrss: peak resident memory, in kB on Linux
    spdlog::info("{}: {} runs ({} failed) in {:.2f} s, {:.0f} runs/s, peak memory {:.1f} MB -> {}",
                 options.file.string(), outcome.runs, outcome.failed, seconds,
                 seconds > 0 ? double(outcome.runs) / seconds : 0.0, double(usage.ru_maxrss) / 1024.0,
                 plan.out.string());
    if (outcome.failed > 0) {
      spdlog::warn("{} runs failed; see {}/failures.csv (each row's seed reproduces it with alliance run)",
                   outcome.failed, plan.out.string());
      return kExitSomeRunsFailed;
    }
    return kExitOk;
  } catch (const OutputError& e) {
    throw OutputError(fmt::format("{} (the sweep so far is kept; rerun with --resume)", e.what()));
  }
}

}  // namespace alliance::cli
