#include "sweep/verify_sweep.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include <boost/random/uniform_int_distribution.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/rng.hpp"
#include "scenario/input_file.hpp"
#include "io/output_directory.hpp"
#include "io/output_manifest.hpp"
#include "io/run_metadata.hpp"
#include "sweep/run_executor.hpp"
#include "sweep/sweep_tables.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kListed = 5;  // examples named per kind of problem

std::string examples(const std::vector<std::size_t>& runs) {
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < std::min(runs.size(), kListed); ++i) shown.push_back(std::to_string(runs[i]));
  return fmt::format("{}{}", fmt::join(shown, ", "), runs.size() > kListed ? ", ..." : "");
}

// The run indices that start the lines of a CSV file after its header.
class IndexStream {
 public:
  IndexStream(const fs::path& path, std::string expected_header, std::vector<std::string>& problems)
      : path_(path), problems_(problems) {
    std::error_code ec;
    if (fs::is_regular_file(fs::symlink_status(path, ec))) in_.open(path, std::ios::binary);
    if (!in_.is_open() || !in_) {
      problems_.push_back(fmt::format("{} is missing or unreadable", path_.filename().string()));
      return;
    }
    std::string header;
    std::getline(in_, header);
    if (header + "\n" != expected_header)
      problems_.push_back(fmt::format("{}: its header is not the one this sweep writes", path_.filename().string()));
    advance();
  }
  bool has() const { return head_.has_value(); }
  std::size_t head() const { return *head_; }
  std::size_t lines() const { return lines_; }
  void advance() {
    head_.reset();
    std::string line;
    while (std::getline(in_, line)) {
      ++lines_;
      const auto run = leading_run(line);
      if (!run) {
        ++bad_;
        continue;
      }
      if (previous_ && *run <= *previous_) ++out_of_order_;
      previous_ = run;
      head_ = run;
      return;
    }
    if (bad_) problems_.push_back(fmt::format("{}: {} lines without a run index", path_.filename().string(), bad_));
    if (out_of_order_)
      problems_.push_back(fmt::format("{}: {} lines out of run order or repeated", path_.filename().string(),
                                      out_of_order_));
    bad_ = out_of_order_ = 0;
  }

 private:
  fs::path path_;
  std::vector<std::string>& problems_;
  std::ifstream in_;
  std::optional<std::size_t> head_, previous_;
  std::size_t lines_ = 0, bad_ = 0, out_of_order_ = 0;
};

// Every run of the shard exactly once across runs.csv and failures.csv.
void check_run_indices(const SweepDirectory& dir, std::vector<std::string>& problems) {
  const SweepTables tables = sweep_tables(dir.sweep, {});
  IndexStream runs(dir.dir / "runs.csv", csv_header(tables.runs), problems);
  IndexStream failures(dir.dir / "failures.csv", csv_header(tables.failures), problems);
  const std::size_t total = dir.sweep.runs();
  const std::size_t owned = dir.shard.runs_of(total);
  std::vector<std::size_t> missing, twice, foreign;
  std::size_t next = 0;  // ordinal expected next
  std::size_t ok = 0, failed = 0;
  while (runs.has() || failures.has()) {
    const bool from_runs = runs.has() && (!failures.has() || runs.head() <= failures.head());
    IndexStream& stream = from_runs ? runs : failures;
    const std::size_t run = stream.head();
    stream.advance();
    (from_runs ? ok : failed) += 1;
    if (run >= total || run < dir.shard.index || (run - dir.shard.index) % dir.shard.count != 0) {
      foreign.push_back(run);
      continue;
    }
    const std::size_t ordinal = dir.shard.ordinal(run);
    if (ordinal < next) {
      twice.push_back(run);
      continue;
    }
    for (; next < ordinal; ++next) missing.push_back(dir.shard.run(next));
    next = ordinal + 1;
  }
  for (; next < owned; ++next) missing.push_back(dir.shard.run(next));
  if (!missing.empty())
    problems.push_back(fmt::format("{} of the sweep's {} runs are in neither runs.csv nor failures.csv (run {})",
                                   missing.size(), owned, examples(missing)));
  if (!twice.empty())
    problems.push_back(fmt::format("{} runs appear more than once (run {})", twice.size(), examples(twice)));
  if (!foreign.empty())
    problems.push_back(fmt::format("{} rows name runs this sweep does not have (run {})", foreign.size(),
                                   examples(foreign)));
  const auto& counts = dir.metadata.at("runs");
  if (counts.value("finished", std::size_t{0}) != ok || counts.value("failed", std::size_t{0}) != failed)
    problems.push_back(fmt::format("sweep.json counts {} finished and {} failed runs; the files hold {} and {}",
                                   counts.value("finished", std::size_t{0}), counts.value("failed", std::size_t{0}),
                                   ok, failed));
}

void check_inputs(const SweepDirectory& dir, std::vector<std::string>& problems) {
  for (const auto& [key, file] : {std::pair{"sweep_file", "inputs/sweep.toml"}, {"scenario_file", "inputs/scenario.toml"}}) {
    const std::string recorded = dir.metadata.at(key).value("sha256", "");
    if (sha256_of_file(dir.dir / file) != recorded)
      problems.push_back(fmt::format("{} is not the file sweep.json records ({}.sha256)", file, key));
  }
  for (const auto& table : dir.metadata.value("data", nlohmann::json::array())) {
    const std::string file = table.value("path", "");
    if (file.empty() || sha256_of_file(dir.dir / file) != table.value("sha256", ""))
      problems.push_back(fmt::format("{} is not the data table sweep.json records (data)", file));
  }
}

// points.csv computed again, in a scratch folder, and compared.
void check_points(const SweepDirectory& dir, std::vector<std::string>& problems) {
  if (dir.shard.count > 1) return;  // shards have no points.csv
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = fmt::format("{}/alliance-verify-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!::mkdtemp(pattern.data())) {
    problems.push_back(fmt::format("cannot make a scratch folder to recompute points.csv ({})", pattern));
    return;
  }
  const fs::path scratch = pattern;
  std::error_code ec;
  try {
    write_points_csv(dir.sweep, dir.dir / "runs.csv", dir.dir / "failures.csv", scratch / "points.csv");
    std::ifstream a, b(scratch / "points.csv", std::ios::binary);
    if (fs::is_regular_file(fs::symlink_status(dir.dir / "points.csv", ec))) a.open(dir.dir / "points.csv", std::ios::binary);
    if (!a.is_open() || !a) problems.push_back("points.csv is missing or not a regular file");
    else if (!std::equal(std::istreambuf_iterator<char>(a), {}, std::istreambuf_iterator<char>(b), {}))
      problems.push_back("points.csv differs from the per-point means computed again from runs.csv");
  } catch (const std::exception& e) {
    problems.push_back(fmt::format("points.csv cannot be computed again from runs.csv: {}", e.what()));
  }
  fs::remove_all(scratch, ec);
}

}  // namespace

VerifyResult verify_sweep(const SweepDirectory& dir, std::size_t sample, std::uint64_t seed) {
  VerifyResult result;
  result.problems = manifest_differences(dir.dir);
  check_inputs(dir, result.problems);
  check_run_indices(dir, result.problems);
  check_points(dir, result.problems);

  // Reservoir sampling (Algorithm R): memory for the sample only.
  try {
    require_regular_file(dir.dir / "runs.csv", "runs table");
  } catch (const InputError& e) {
    throw OutputError(e.what());
  }
  std::ifstream in(dir.dir / "runs.csv");
  if (!in) throw OutputError(fmt::format("cannot read {}", (dir.dir / "runs.csv").string()));
  std::string line;
  std::getline(in, line);
  std::vector<std::string> chosen;
  Rng rng(replicate_seed(seed, 0));
  RunExecutor executor(dir.sweep, false);
  auto rerun = [&](const std::string& expected) {
    const auto run = leading_run(expected);
    if (!run || *run >= dir.sweep.runs()) {
      result.mismatches.push_back(fmt::format("a row with no valid run index: {}", expected));
      return;
    }
    const SweepRecord got = executor.execute(*run);
    ++result.checked;
    if (got.failed || got.row != expected + "\n")
      result.mismatches.push_back(fmt::format("run {}:\n  recorded {}\n  re-run   {}", *run, expected,
                                              got.row.substr(0, got.row.size() - 1)));
  };
  while (std::getline(in, line)) {
    ++result.rows;
    if (sample == 0) {  // every row, as it is read
      rerun(line);
      continue;
    }
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
  for (const auto& expected : chosen) rerun(expected);
  return result;
}

}  // namespace alliance
