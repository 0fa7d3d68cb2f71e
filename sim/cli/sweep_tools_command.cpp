// `alliance merge`, `alliance verify` and `alliance analyze`: what is done
// with a sweep's output directories after `alliance sweep`.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "io/output_directory.hpp"
#include "sensitivity/analyze_sweep.hpp"
#include "sweep/merge_shards.hpp"
#include "sweep/verify_sweep.hpp"

namespace alliance::cli {

int merge_command(const MergeOptions& options) {
  try {
    const SweepOutcome outcome = merge_shards(options.shards, options.out);
    spdlog::info("merged {} shards: {} runs ({} failed) -> {}", options.shards.size(), outcome.runs, outcome.failed,
                 options.out.string());
    return outcome.failed > 0 ? kExitSomeRunsFailed : kExitOk;
  } catch (const MergeError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  } catch (const OutputPathError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  }
}

int verify_command(const VerifyOptions& options) {
  try {
    const SweepDirectory dir = open_sweep_directory(options.dir);
    const VerifyResult result = verify_sweep(dir, options.sample, options.seed);
    for (const auto& m : result.mismatches) fmt::print("MISMATCH {}\n", m);
    fmt::print("{}: re-ran {} of {} runs from their seeds: {}\n", options.dir.string(), result.checked, result.rows,
               result.mismatches.empty() ? "all match" : fmt::format("{} differ", result.mismatches.size()));
    return result.mismatches.empty() ? kExitOk : kExitFailure;
  } catch (const MergeError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  }
}

int analyze_command(const AnalyzeOptions& options) {
  try {
    const SweepDirectory dir = open_sweep_directory(options.dir);
    const std::string csv = analyze_sweep(dir, {options.metrics, options.bootstrap, options.seed});
    const auto out = options.out.empty() ? options.dir / "sensitivity.csv" : options.out;
    write_file_atomically(out, csv);
    fmt::print("{}", csv);
    spdlog::info("wrote {}", out.string());
    return kExitOk;
  } catch (const MergeError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  } catch (const AnalysisError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  }
}

}  // namespace alliance::cli
