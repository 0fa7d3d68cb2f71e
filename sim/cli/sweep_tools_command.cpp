// `alliance merge`, `alliance verify`, `alliance analyze` and `alliance
// discover`: what is done with a sweep's output directories after `alliance sweep`.
#include <chrono>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "io/output_directory.hpp"
#include "io/output_lock.hpp"
#include "io/output_target.hpp"
#include "sensitivity/analyze_sweep.hpp"
#include "sensitivity/discover_sweep.hpp"
#include "sweep/merge_shards.hpp"
#include "sweep/verify_sweep.hpp"

namespace alliance::cli {

int merge_command(const MergeOptions& options) {
  spdlog::info("merging {} shards into {}", options.shards.size(), options.out.string());
  const auto out = check_output_directory(options.out, OutputKind::sweep, options.shards);
  const OutputLock lock(out);
  const SweepOutcome outcome = merge_shards(options.shards, out);
  spdlog::info("merged {} shards: {} runs ({} failed) -> {}", options.shards.size(), outcome.runs, outcome.failed,
               out.string());
  return outcome.failed > 0 ? kExitSomeRunsFailed : kExitOk;
}

int verify_command(const VerifyOptions& options) {
  const SweepDirectory dir = open_sweep_directory(options.dir);
  if (options.all) spdlog::info("verifying {}: re-running every run", options.dir.string());
  else spdlog::info("verifying {}: re-running a sample of {} runs (sample seed {})", options.dir.string(),
                    options.sample, options.seed);
  const auto started = std::chrono::steady_clock::now();
  const VerifyResult result = verify_sweep(dir, options.all ? 0 : options.sample, options.seed);
  for (const auto& p : result.problems) fmt::print("PROBLEM {}\n", p);
  for (const auto& m : result.mismatches) fmt::print("MISMATCH {}\n", m);
  fmt::print("{}: {}; re-ran {} of {} runs from their seeds: {}\n", options.dir.string(),
             result.problems.empty() ? "complete and unchanged (files, inputs, run indices, points.csv)"
                                     : fmt::format("{} problems", result.problems.size()),
             result.checked, result.rows,
             result.mismatches.empty() ? "all match" : fmt::format("{} differ", result.mismatches.size()));
  spdlog::info("verified in {:.2f} s",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return result.mismatches.empty() && result.problems.empty() ? kExitOk : kExitFailure;
}

int analyze_command(const AnalyzeOptions& options) {
  const SweepDirectory dir = open_sweep_directory(options.dir);
  // Into the sweep's own folder by default: under its lock, and listed in
  // its manifest, so the folder stays a replaceable, verifiable output.
  const bool into_sweep = options.out.empty();
  std::optional<OutputLock> lock;
  std::filesystem::path out;
  if (into_sweep) {
    lock.emplace(options.dir);
    out = options.dir / "sensitivity.csv";
  } else {
    out = check_output_file(options.out, {options.dir});
  }
  spdlog::info("analysing {}: {}, {} bootstrap resamples (seed {})", options.dir.string(),
               options.metrics.empty() ? std::string("every metric") : fmt::format("{}", fmt::join(options.metrics, ", ")),
               options.bootstrap, options.seed);
  const auto started = std::chrono::steady_clock::now();
  const std::string csv = analyze_sweep(dir, {options.metrics, options.bootstrap, options.seed});
  write_file_atomically(out, csv);
  if (into_sweep) add_to_manifest(options.dir, "sensitivity.csv");
  fmt::print("{}", csv);
  spdlog::info("wrote {} in {:.2f} s", out.string(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return kExitOk;
}

int discover_command(const DiscoverOptions& options) {
  DiscoverPlan plan;
  plan.metric = options.metric;
  plan.condition = parse_condition(options.where);  // before anything is read
  plan.per_point = options.per_point;
  plan.prim = {options.alpha, options.mass_min, options.paste, options.paste_alpha};
  plan.threshold = options.threshold;
  plan.box = options.box;
  std::error_code ec;
  if (!std::filesystem::is_directory(options.dir, ec))
    throw DiscoverError(fmt::format("{}: no such folder (give the output folder of `alliance sweep`)",
                                    options.dir.string()));
  const SweepDirectory dir = open_sweep_directory(options.dir);
  // Into the sweep's own folder by default, under its lock, each file listed
  // in its manifest, so that the folder stays a replaceable, verifiable output.
  const bool into_sweep = options.out.empty();
  std::optional<OutputLock> lock;
  std::filesystem::path out;
  const std::string folder = "discover_" + options.metric;
  if (into_sweep) {
    lock.emplace(options.dir);
    out = options.dir / folder;
  } else {
    out = check_output_directory(options.out, OutputKind::discover, {options.dir});
    lock.emplace(out);
  }
  spdlog::info("discovering in {}: {} {} ({})", options.dir.string(), options.metric, plan.condition.text(),
               options.per_point ? "a case per design point" : "a case per run");
  const auto started = std::chrono::steady_clock::now();
  const DiscoverResult result = discover_sweep(dir, plan);
  OutputDirectory target(out, OutputKind::discover);
  target.write_file("trajectory.csv", {result.trajectory_csv});
  target.write_file("box.csv", {result.box_csv});
  target.write_file("discover.json", {result.discover_json});
  target.commit();
  if (into_sweep)
    for (const char* file : {"box.csv", "discover.json", "manifest.json", "trajectory.csv"})
      add_to_manifest(options.dir, folder + "/" + file);
  fmt::print("{}", result.summary);
  spdlog::info("wrote {} (trajectory.csv, box.csv, discover.json) in {:.2f} s", out.string(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return kExitOk;
}

}  // namespace alliance::cli
