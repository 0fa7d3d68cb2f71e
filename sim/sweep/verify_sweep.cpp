#include "sweep/verify_sweep.hpp"

#include <algorithm>
#include <fstream>

#include <boost/random/uniform_int_distribution.hpp>
#include <fmt/format.h>

#include "core/rng.hpp"
#include "io/output_directory.hpp"
#include "sweep/run_executor.hpp"

namespace alliance {

VerifyResult verify_sweep(const SweepDirectory& dir, std::size_t sample, std::uint64_t seed) {
  // Reservoir sampling (Algorithm R): memory for the sample only.
  std::ifstream in(dir.dir / "runs.csv");
  if (!in) throw OutputError(fmt::format("cannot read {}", (dir.dir / "runs.csv").string()));
  std::string line;
  std::getline(in, line);
  std::vector<std::string> chosen;
  Rng rng(replicate_seed(seed, 0));
  VerifyResult result;
  while (std::getline(in, line)) {
    ++result.rows;
    if (chosen.size() < sample) {
      chosen.push_back(line);
      continue;
    }
    boost::random::uniform_int_distribution<std::size_t> pick(0, result.rows - 1);
    const std::size_t j = pick(rng);
    if (j < sample) chosen[j] = line;
  }
  std::sort(chosen.begin(), chosen.end(), [](const std::string& a, const std::string& b) {
    return leading_run(a).value_or(0) < leading_run(b).value_or(0);
  });
  RunExecutor executor(dir.sweep, false);
  for (const auto& expected : chosen) {
    const auto run = leading_run(expected);
    if (!run || *run >= dir.sweep.runs()) {
      result.mismatches.push_back(fmt::format("a row with no valid run index: {}", expected));
      continue;
    }
    const SweepRecord got = executor.execute(*run);
    ++result.checked;
    if (got.failed || got.row != expected + "\n")
      result.mismatches.push_back(fmt::format("run {}:\n  recorded {}\n  re-run   {}", *run, expected,
                                              got.row.substr(0, got.row.size() - 1)));
  }
  return result;
}

}  // namespace alliance
