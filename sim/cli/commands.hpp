#pragma once
// The subcommands, each a function over its parsed options. Exit codes:
// 0 success, 2 bad usage or bad input, 1 failure while running.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/columns.hpp"
#include "io/graph_format.hpp"
#include "sweep/ordered_writer.hpp"  // Shard

namespace alliance {
class InputError;
}

namespace alliance::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitUnexpectedVerdict = 3;  // check --fail-on-unexpected
inline constexpr int kExitSomeRunsFailed = 4;     // sweep: finished, with rows in failures.csv

struct RunOptions {
  std::filesystem::path scenario;
  std::optional<std::uint64_t> seed;
  std::optional<int> replicates;
  std::filesystem::path out;  // empty: results/<scenario stem>
  std::vector<std::string> overrides;
  std::string preset;  // empty: the file's own
  int threads = 0;
  double max_output_gb = 8.0;
  TableSelection tables = TableSelection::all();  // --tables
  bool dry_run = false;  // check and print the plan; write nothing
  bool quiet = false;
};

struct ValidateOptions {
  std::filesystem::path scenario;
  std::vector<std::string> overrides;
  std::string preset;
};

struct GraphOptions {
  std::filesystem::path scenario;
  std::vector<std::string> overrides;
  std::string preset;
  std::optional<std::uint64_t> seed;
  int replicate = 0;
  std::string at;        // a step number or "YYYY-MM" (core/calendar.hpp); empty: the last step
  GraphFormat format = GraphFormat::dot;
  std::filesystem::path out;  // empty: standard output
};

struct CheckOptions {
  std::vector<std::filesystem::path> paths;  // claim files, or folders of them (*.toml)
  std::filesystem::path out = "results/check";
  std::optional<int> replicates;
  std::optional<std::uint64_t> seed;
  std::optional<int> region_points;
  int threads = 0;
  bool fail_on_unexpected = false;
};

// --progress of `alliance sweep`.
enum class ProgressMode { line, json, none };

// The words of --progress, indexed by ProgressMode: "auto" is a line on a
// terminal, nothing elsewhere.
inline constexpr std::string_view kProgressModeNames[] = {"auto", "json", "none"};

struct SweepOptions {
  std::filesystem::path file;
  std::filesystem::path out;  // empty: results/<sweep name>
  int threads = 0;
  std::optional<Shard> shard;  // --shard i/n (1-based there); empty: all runs
  bool resume = false;
  bool keep_steps = false;
  bool dry_run = false;
  bool mpi = false;
  ProgressMode progress = ProgressMode::line;
  bool quiet = false;
};

struct CalibrateOptions {
  std::filesystem::path file;
  std::filesystem::path out;  // empty: results/<calibration name>
  int threads = 0;
  std::optional<std::uint64_t> seed;
  bool leave_one_out = false;
  bool resume = false;
  ProgressMode progress = ProgressMode::line;
  bool quiet = false;
};

struct MergeOptions {
  std::vector<std::filesystem::path> shards;
  std::filesystem::path out;
};

struct VerifyOptions {
  std::filesystem::path dir;
  std::size_t sample = 20;
  bool all = false;  // re-run every row, not a sample
  std::uint64_t seed = 1;
};

struct AnalyzeOptions {
  std::filesystem::path dir;
  std::vector<std::string> metrics;  // empty: all of the sweep's
  int bootstrap = 1000;
  std::uint64_t seed = 1;
  std::filesystem::path out;  // empty: <dir>/sensitivity.csv
};

struct DiscoverOptions {
  std::filesystem::path dir;
  std::string metric;
  std::string where;  // ">= 6"
  bool per_point = false;
  double alpha = 0.05;
  double mass_min = 0.05;
  bool paste = false;
  double paste_alpha = 0.05;
  double threshold = 0.8;
  std::optional<std::size_t> box;
  std::filesystem::path out;  // empty: <dir>/discover_<metric>
};

// "1.5 MB", "40 s": sizes and times as the dry runs print them.
std::string human_bytes(double bytes);
std::string human_seconds(double seconds);

// Prints each issue as "file:line:col: error: key: message" on standard error.
void report(const InputError& error);

int run_command(const RunOptions& options);
int check_command(const CheckOptions& options);
int graph_command(const GraphOptions& options);
int validate_command(const ValidateOptions& options);
int sweep_command(const SweepOptions& options);
int calibrate_command(const CalibrateOptions& options);
int merge_command(const MergeOptions& options);
int verify_command(const VerifyOptions& options);
int analyze_command(const AnalyzeOptions& options);
int discover_command(const DiscoverOptions& options);

}  // namespace alliance::cli
