// alliance: the command line. Parses options into structs and calls the
// library (cli/commands.cpp); nothing else happens here.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.hpp"
#include "check/claim_reader.hpp"  // kMaxRegionPoints
#include "cli/guarded.hpp"
#include "scenario/input_error.hpp"  // nearest_key
#include "version.hpp"

namespace {

// The top-level help: what the commands are for and where to start; each
// command's --help has its own options and examples.
constexpr const char* kOverview = R"(Examples:
  alliance validate scenarios/teaching_triad.toml
  alliance run scenarios/teaching_triad.toml --out results/triad
  alliance run scenarios/kosovo_1998.toml --set alliance.rule=majority --dry-run
  alliance check scenarios/claims/
  alliance sweep scenarios/sweeps/kosovo_rules.toml --dry-run
  alliance calibrate scenarios/calibrations/kosovo_bucharest.toml

alliance COMMAND --help shows the command's options and examples.
-q (errors only), -v (what is done: files, tables, threads, seeds, timing) and
-vv (also each replicate or run) go before or after the command; logs go to
standard error, never into output files.
Exit codes: 0 success, 2 bad usage or bad input (nothing written), 1 failure
while running; check --fail-on-unexpected: 3 when a verdict is not the
expected one or a hypothesis holds or fails by construction without a
`kept_because`; sweep and merge: 4 when some runs failed (listed in failures.csv).
Scenario keys: scenarios/README.md. Model: sim/MODEL.md.)";

// Each command's examples, shown by its --help: its own only.
constexpr const char* kRunExamples = R"(Examples:
  alliance run scenarios/teaching_triad.toml --out results/triad
  alliance run scenarios/kosovo_1998.toml --replicates 100 --seed 7 --set alliance.rule=majority --out results/kosovo_majority
  alliance run scenarios/kosovo_1998.toml --preset realist --dry-run
  alliance run scenarios/nato_1949_2020.toml --replicates 2000 --tables summary --out results/nato_summary

--set KEY=VALUE is checked like the file; a problem names the argument ("--set #2 ...").
--tables: steps, members, crises, votes, events, summary (summary.csv is always written).
Exit codes: 0 success, 2 bad usage or bad input (nothing written), 1 failure while running.)";

constexpr const char* kValidateExamples = R"(Examples:
  alliance validate scenarios/kosovo_1998.toml
  alliance validate scenarios/kosovo_1998.toml --set alliance.rule=directorate --preset liberal

Exit codes: 0 the scenario is good, 2 it is not (every problem is listed).)";

constexpr const char* kGraphExamples = R"(Examples:
  alliance graph scenarios/kosovo_1998.toml --at 1999-03 | dot -Tsvg > kosovo.svg
  alliance graph scenarios/teaching_triad.toml --format graphml --out triad.graphml
  alliance graph scenarios/nato_1949_2020.toml --at 1955-06 --set alliance.enlargement.with_capability=true

Exit codes: 0 success, 2 bad usage or bad input, 1 failure while writing.)";

constexpr const char* kCheckExamples = R"(Examples:
  alliance check scenarios/claims/
  alliance check scenarios/claims/c2_consensus_deadlock.toml --replicates 50 --out results/c2
  alliance check scenarios/claims/ --fail-on-unexpected

Exit codes: 0 it ran (whatever the verdicts), 2 a bad claim file, 1 failure while running,
3 with --fail-on-unexpected when a verdict is not the expected one, or the audit finds a
hypothesis true or false by construction and its file has no `kept_because`.)";

constexpr const char* kSweepExamples = R"(Examples:
  alliance sweep scenarios/sweeps/kosovo_rules.toml --dry-run
  alliance sweep scenarios/sweeps/kosovo_rules.toml --out results/kosovo_rules
  alliance sweep scenarios/sweeps/kosovo_sobol.toml --shard 2/4 --out results/sobol-2
  alliance sweep scenarios/sweeps/kosovo_sobol.toml --out results/kosovo_sobol --resume

Exit codes: 0 success, 2 bad usage or bad input, 1 failure while running,
4 the sweep finished but some runs failed (listed in failures.csv).)";

constexpr const char* kCalibrateExamples = R"(Examples:
  alliance calibrate scenarios/calibrations/kosovo_bucharest.toml --out results/calibration
  alliance calibrate scenarios/calibrations/kosovo_bucharest.toml --leave-one-out --threads 2
  alliance calibrate scenarios/calibrations/kosovo_bucharest.toml --out results/calibration --resume

The format of calibration files: scenarios/calibrations/README.md; the method: sim/MODEL.md, "Calibration".
Exit codes: 0 success, 2 bad usage or a bad calibration file (nothing written), 1 failure while running.)";

constexpr const char* kMergeExamples = R"(Examples:
  alliance merge results/sobol-1 results/sobol-2 results/sobol-3 results/sobol-4 --out results/sobol
  alliance merge results/shards/* --out results/sobol

Exit codes: 0 success, 2 a shard missing or from another sweep, 1 failure while writing,
4 some runs failed (listed in failures.csv).)";

constexpr const char* kVerifyExamples = R"(Examples:
  alliance verify results/kosovo_rules
  alliance verify results/kosovo_rules --sample 100 --seed 2
  alliance verify results/kosovo_rules --all

Exit codes: 0 complete, unchanged and reproduced, 1 a problem or a mismatch (listed), 2 bad usage.)";

constexpr const char* kAnalyzeExamples = R"(Examples:
  alliance analyze results/kosovo_sobol
  alliance analyze results/kosovo_sobol --metric kosovo_deadlock_months --bootstrap 2000 --out sobol.csv

Exit codes: 0 success, 2 bad usage or not a Saltelli or Morris sweep, 1 failure while running.)";

constexpr const char* kDiscoverExamples = R"(Examples:
  alliance discover results/kosovo_discover --metric kosovo_deadlock_months --where '>= 6'
  alliance discover results/kosovo_rules --metric kosovo_deadlock_months --where '>= 6' --per-point --paste
  alliance discover results/kosovo_discover --metric kosovo_deadlock_months --where '>= 6' --box 12 --out box12

Each run of runs.csv is a case (--per-point: each design point, by the mean of its runs); a case is
of interest when the metric meets --where. The box reported is the one with the highest coverage
among those whose density is at least --threshold (ties: the later, smaller box; when none reaches
it, the densest), or the box --box K of the trajectory. Writes trajectory.csv, box.csv and
discover.json into DIR/discover_<metric>/ (or --out).
Exit codes: 0 success, 2 bad usage or input (no such metric, a bad --where, no case or every
case of interest), 1 failure while running.)";

// -q: errors only; default: warnings; -v: info, what is done; -vv: debug,
// each replicate or run too; -vvv: trace.
void set_up_logging(int verbosity, bool quiet) {
  auto logger = spdlog::stderr_color_mt("alliance");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(quiet            ? spdlog::level::err
                    : verbosity >= 3 ? spdlog::level::trace
                    : verbosity == 2 ? spdlog::level::debug
                    : verbosity == 1 ? spdlog::level::info
                                     : spdlog::level::warn);
}

// The options `cmd` takes as typed ("--replicates", "-q"), its own and the
// top level's.
std::vector<std::string> option_names(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const CLI::App* a = &cmd; a; a = a->get_parent())
    for (const CLI::Option* opt : a->get_options()) {
      for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
      for (const auto& s : opt->get_snames()) names.push_back("-" + s);
    }
  return names;
}

// CLI11 says only "The following arguments were not expected"; this names
// each unknown option or command with the nearest known one. `cmd` is the
// command given, or null. Empty when no argument was unknown.
std::string unknown_arguments(const CLI::App& app, const CLI::App* cmd) {
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) commands.push_back(sub->get_name());
  const CLI::App& where = cmd ? *cmd : app;
  const std::string prefix = cmd ? fmt::format("alliance {}: ", cmd->get_name()) : std::string("alliance: ");
  std::string text;
  bool after_unknown_option = false;
  for (const std::string& arg : app.remaining(true)) {
    if (arg.size() > 1 && arg[0] == '-' && arg != "--") {
      const std::string name = arg.substr(0, arg.find('='));
      std::string hint;
      std::vector<std::string> elsewhere;  // the commands that do take it
      for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        if (sub != cmd && sub->get_option_no_throw(name)) elsewhere.push_back(sub->get_name());
      const std::string near =
          name.size() > 2 ? alliance::nearest_key(name, option_names(where), std::max<std::size_t>(2, name.size() / 3))
                          : std::string();
      if (!near.empty()) hint = fmt::format("; did you mean {}?", near);
      else if (!elsewhere.empty() && cmd) hint = fmt::format(" ({} is an option of {})", name, fmt::join(elsewhere, ", "));
      text += fmt::format("{}error: unknown option {}{}\n", prefix, name, hint);
      after_unknown_option = arg.find('=') == std::string::npos;
    } else if (!cmd) {
      const std::string near = alliance::nearest_key(arg, commands);
      text += fmt::format("alliance: error: unknown command \"{}\"{}; the commands are {}\n", arg,
                          near.empty() ? "" : fmt::format(" (did you mean {}?)", near), fmt::join(commands, ", "));
      break;  // what follows is the unknown command's
    } else if (after_unknown_option) {
      after_unknown_option = false;  // most likely the unknown option's value
    } else {
      text += fmt::format("{}error: unexpected argument \"{}\"\n", prefix, arg);
    }
  }
  if (!text.empty())
    text += fmt::format("Run `alliance{}{} --help` for the options.\n", cmd ? " " : "", cmd ? cmd->get_name() : "");
  return text;
}

// Standard output may be a full disk (`> /dev/full`) or a closed pipe: the
// buffered bytes fail only when flushed, so check before exit.
int stdout_written(int code) {
  std::cout.flush();
  const bool failed = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (!failed) return code;
  std::fprintf(stderr, "error: cannot write to standard output: %s\n", std::strerror(errno));
  return code == alliance::cli::kExitOk ? alliance::cli::kExitFailure : code;
}

// CLI11's PositiveNumber lets "nan" and "inf" through, and a limit of NaN
// gigabytes would turn the check it sets off.
const CLI::Validator kFinitePositive(
    [](std::string& text) -> std::string {
      double x = 0.0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
      if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(x) || x <= 0.0)
        return "expected a finite number > 0, got \"" + text + "\"";
      return "";
    },
    "NUMBER > 0");

// A seed is digits only: CLI11 would take "" as no seed at all (silently the
// file's) and "-1" as 2^64 - 1.
const CLI::Validator kSeed(
    [](std::string& text) -> std::string {
      if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string::npos)
        return "expected a whole number >= 0, got \"" + text + "\"";
      return "";
    },
    "SEED");

// An option whose words are an enum's name table (indexed by the enum):
// the word becomes its enum, any other is refused with CLI11's message for a
// value not in the set, and its exit code.
template <std::size_t N>
CLI::Validator one_of(const std::string_view (&names)[N]) {
  std::vector<std::string> words(std::begin(names), std::end(names));
  const CLI::Validator member = CLI::IsMember(words);
  CLI::Validator to_enum(
      [member, words](std::string& text) {
        std::string why = member(text);
        if (why.empty())
          text = std::to_string(std::find(words.begin(), words.end(), text) - words.begin());
        return why;
      },
      member.get_description());
  return to_enum;
}

// --shard i/n, 1-based: run i of every n.
std::optional<alliance::Shard> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  std::size_t i = 0, n = 0;
  const char* a = text.data();
  const char* b = text.data() + slash + 1;
  const char* end = text.data() + text.size();
  if (std::from_chars(a, b - 1, i).ptr != b - 1 || std::from_chars(b, end, n).ptr != end) return std::nullopt;
  if (n == 0 || i == 0 || i > n) return std::nullopt;
  return alliance::Shard{i - 1, n};
}

}  // namespace

int main(int argc, char** argv) {
  using namespace alliance::cli;
  CLI::App app{"alliance: agent-based simulation of military-alliance dynamics", "alliance"};
  app.footer(kOverview);
  app.set_version_flag("--version", std::string("alliance ") + alliance::kVersion);
  app.require_subcommand(1);
  // -v, -vv and -q before the command or after it (each command has them
  // too, so that its --help lists them); the counts add up.
  int verbosity = 0;
  bool quiet = false;
  auto add_log_flags = [&](CLI::App& a) {
    a.add_flag_function("-v,--verbose", [&](std::int64_t n) { verbosity += static_cast<int>(n); },
                        "Say what is done: files, tables, threads, seeds, timing (-vv: each replicate or run too)");
    a.add_flag_function("-q,--quiet", [&](std::int64_t n) { quiet = quiet || n > 0; },
                        "Only errors; no progress line");
  };
  add_log_flags(app);

  RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "Run a scenario and write CSV output");
  run_cmd->fallthrough();
  run_cmd->add_option("scenario", run.scenario, "Scenario file (TOML)")->required();
  run_cmd->add_option("--seed", run.seed, "Scenario seed (overrides simulation.seed)");
  run_cmd->add_option("--replicates", run.replicates, "Replicates (overrides simulation.replicates)");
  run_cmd->add_option("--out", run.out, "Output directory (default: results/<scenario name>)");
  run_cmd->add_option("--set", run.overrides, "Override a scenario key: dotted.key=value (repeatable)");
  run_cmd->add_option("--preset", run.preset, "Assumption set: realist or liberal (fills keys the file leaves unset)");
  run_cmd->add_option("--threads", run.threads, "Threads (default: every core)")->check(CLI::Range(0, 4096));
  run_cmd->add_option("--max-output-gb", run.max_output_gb, "Refuse runs whose tables would exceed this (default 8)")
      ->check(kFinitePositive);
  run_cmd->add_flag("--dry-run", run.dry_run,
                    "Check everything and print the plan (replicates, steps, seeds, threads, tables and their "
                    "estimated sizes, time); write nothing");
  run_cmd
      ->add_option_function<std::string>(
          "--tables",
          [&run](const std::string& names) {
            std::string why;
            const auto tables = alliance::TableSelection::parse(names, why);
            if (!tables) throw CLI::ValidationError("--tables", why);
            run.tables = *tables;
          },
          "Tables to write, comma-separated among steps, members, crises, votes, events and summary (default: all); "
          "summary.csv always")
      ->type_name("LIST");

  ValidateOptions validate;
  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario file without running it");
  validate_cmd->fallthrough();
  validate_cmd->add_option("scenario", validate.scenario, "Scenario file (TOML)")->required();
  validate_cmd->add_option("--set", validate.overrides, "Override a scenario key: dotted.key=value (repeatable)");
  validate_cmd->add_option("--preset", validate.preset, "Assumption set: realist or liberal");

  GraphOptions graph;
  auto* graph_cmd = app.add_subcommand("graph", "Write the alliance graph at a step (DOT or GraphML)");
  graph_cmd->fallthrough();
  graph_cmd->add_option("scenario", graph.scenario, "Scenario file (TOML)")->required();
  graph_cmd->add_option("--at", graph.at, "Step number or YYYY-MM date (default: the last step)");
  graph_cmd->add_option("--replicate", graph.replicate, "Replicate whose world is drawn")->check(CLI::NonNegativeNumber);
  graph_cmd->add_option("--seed", graph.seed, "Scenario seed (overrides simulation.seed)");
  graph_cmd->add_option("--format", graph.format, "dot or graphml")->transform(one_of(alliance::kGraphFormatNames));
  graph_cmd->add_option("--out", graph.out, "Output file (default: standard output)");
  graph_cmd->add_option("--set", graph.overrides, "Override a scenario key: dotted.key=value (repeatable)");
  graph_cmd->add_option("--preset", graph.preset, "Assumption set: realist or liberal");

  CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "Test the claims in claim files; print and write the verdicts");
  check_cmd->fallthrough();
  check_cmd->add_option("claims", check.paths, "Claim files (TOML), or folders of them")->required();
  check_cmd->add_option("--out", check.out, "Output directory (default: results/check)");
  check_cmd->add_option("--replicates", check.replicates, "Replicates for every claim (overrides the files')")
      ->check(CLI::Range(2, 100000));
  check_cmd->add_option("--seed", check.seed, "Seed for every claim (overrides the files')");
  check_cmd->add_option("--threads", check.threads, "Threads (default: every core)")->check(CLI::Range(0, 4096));
  check_cmd->add_option("--region-points", check.region_points,
                        "Points of each claim's region to sample (overrides the files' [region] points; 0: none)")
      ->check(CLI::Range(0, alliance::kMaxRegionPoints));
  check_cmd->add_flag("--fail-on-unexpected", check.fail_on_unexpected,
                      "Exit 3 when a verdict differs from the one the claim file expects, or a hypothesis holds or "
                      "fails by construction and its file does not say why it is kept (for CI)");

  auto* sweep_cmd = app.add_subcommand("sweep", "Run a sweep file's design: points x replicates, on every core");
  SweepOptions sweep;
  sweep_cmd->add_option("file", sweep.file, "Sweep file (TOML)")->required();
  sweep_cmd->add_option("--out", sweep.out, "Output directory (default: results/<sweep name>)");
  sweep_cmd->add_option("--threads", sweep.threads, "Threads (default: every core)")->check(CLI::Range(0, 4096));
  sweep_cmd
      ->add_option_function<std::string>(
          "--shard",
          [&sweep](const std::string& text) {
            sweep.shard = parse_shard(text);
            if (!sweep.shard) throw CLI::ValidationError("--shard", "expected i/n with 1 <= i <= n, e.g. --shard 3/8");
          },
          "Run only shard i of n (1-based, e.g. 3/8); join with alliance merge")
      ->type_name("I/N");
  sweep_cmd->add_flag("--resume", sweep.resume, "Continue an interrupted sweep into the same --out");
  sweep_cmd->add_flag("--keep-steps", sweep.keep_steps, "Also write every run's steps.csv rows (large)");
  sweep_cmd->add_flag("--dry-run", sweep.dry_run, "Print runs, time and output size estimates; run nothing");
  sweep_cmd->add_flag("--mpi", sweep.mpi, "Share the runs among MPI ranks (mpirun -np K alliance sweep FILE --mpi)");
  sweep_cmd->add_option("--progress", sweep.progress, "auto (a line on a terminal), json (a JSON line per second) or none")
      ->transform(one_of(kProgressModeNames));

  auto* calibrate_cmd = app.add_subcommand(
      "calibrate", "Calibrate parameters and compare models (presets) against the records, by ABC-SMC");
  CalibrateOptions calibrate;
  calibrate_cmd->add_option("file", calibrate.file, "Calibration file (TOML)")->required();
  calibrate_cmd->add_option("--out", calibrate.out, "Output directory (default: results/<calibration name>)");
  calibrate_cmd->add_option("--threads", calibrate.threads, "Threads (default: every core)")->check(CLI::Range(0, 4096));
  calibrate_cmd->add_option("--seed", calibrate.seed, "Seed (overrides the file's)");
  calibrate_cmd->add_flag("--leave-one-out", calibrate.leave_one_out,
                          "Also calibrate on all cases but one and predict the one left out, for each case");
  calibrate_cmd->add_flag("--resume", calibrate.resume,
                          "Continue an interrupted calibration into the same --out, after its last whole generation");
  calibrate_cmd
      ->add_option("--progress", calibrate.progress, "auto (a line on a terminal), json (a JSON line per second) or none")
      ->transform(one_of(kProgressModeNames));

  auto* merge_cmd = app.add_subcommand("merge", "Join the outputs of a sweep's shards into one");
  MergeOptions merge;
  merge_cmd->add_option("shards", merge.shards, "Shard output directories")->required();
  merge_cmd->add_option("--out", merge.out, "Output directory")->required();

  auto* verify_cmd = app.add_subcommand("verify", "Check a finished sweep is complete and unchanged; re-run a sample of its runs and compare");
  VerifyOptions verify;
  verify_cmd->add_option("dir", verify.dir, "Sweep output directory")->required();
  verify_cmd->add_option("--sample", verify.sample, "Runs to re-run (default 20)")->check(CLI::Range(1, 1000000));
  verify_cmd->add_option("--seed", verify.seed, "Seed of the sample's choice (default 1)");
  verify_cmd->add_flag("--all", verify.all, "Re-run every run, not a sample");

  auto* analyze_cmd = app.add_subcommand("analyze", "Sobol indices or Morris effects of a Saltelli or Morris sweep");
  AnalyzeOptions analyze;
  analyze_cmd->add_option("dir", analyze.dir, "Sweep output directory")->required();
  analyze_cmd->add_option("--metric", analyze.metrics, "Metric to analyse (repeatable; default: all)");
  analyze_cmd->add_option("--bootstrap", analyze.bootstrap, "Bootstrap resamples for the intervals (default 1000)")
      ->check(CLI::Range(0, 100000));
  analyze_cmd->add_option("--seed", analyze.seed, "Seed of the bootstrap (default 1)");
  analyze_cmd->add_option("--out", analyze.out, "CSV file (default: DIR/sensitivity.csv)");

  auto* discover_cmd =
      app.add_subcommand("discover", "Scenario discovery (PRIM): the box of parameters where a metric meets a condition");
  DiscoverOptions discover;
  discover_cmd->add_option("dir", discover.dir, "Sweep output directory")->required();
  discover_cmd->add_option("--metric", discover.metric, "Metric of runs.csv (one of the sweep's metrics)")->required();
  discover_cmd->add_option("--where", discover.where, "Condition a case of interest meets: >=, >, <=, < or == and a number, e.g. '>= 6'")
      ->required();
  discover_cmd->add_flag("--per-point", discover.per_point,
                         "A case per design point, by the mean of its runs (default: a case per run)");
  discover_cmd->add_option("--alpha", discover.alpha, "Share of the box's cases one peel removes (default 0.05)")
      ->check(CLI::Range(0.001, 0.49));
  discover_cmd->add_option("--mass-min", discover.mass_min, "Smallest share of all cases a box may hold (default 0.05)")
      ->check(CLI::Range(0.0, 0.99));
  discover_cmd->add_flag("--paste", discover.paste, "Paste after peeling: widen the last box where that raises the density");
  discover_cmd->add_option("--paste-alpha", discover.paste_alpha, "Share of the cases outside a side one paste adds (default 0.05)")
      ->check(CLI::Range(0.001, 0.49));
  discover_cmd->add_option("--threshold", discover.threshold,
                           "Density the reported box must reach: the box with the highest coverage among those at or "
                           "above it is reported (default 0.8)")
      ->check(CLI::Range(0.0, 1.0));
  discover_cmd->add_option("--box", discover.box, "Report box K of the trajectory (0: every case) instead")
      ->check(CLI::NonNegativeNumber);
  discover_cmd->add_option("--out", discover.out, "Output directory (default: DIR/discover_<metric>)");

  run_cmd->footer(kRunExamples);
  validate_cmd->footer(kValidateExamples);
  graph_cmd->footer(kGraphExamples);
  check_cmd->footer(kCheckExamples);
  sweep_cmd->footer(kSweepExamples);
  calibrate_cmd->footer(kCalibrateExamples);
  merge_cmd->footer(kMergeExamples);
  verify_cmd->footer(kVerifyExamples);
  analyze_cmd->footer(kAnalyzeExamples);
  discover_cmd->footer(kDiscoverExamples);

  // Every subcommand takes -q, -v and -vv after it as well as before, and
  // checks its --seed, if it has one.
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->fallthrough();
    add_log_flags(*sub);
    if (CLI::Option* seed = sub->get_option_no_throw("--seed")) seed->check(kSeed);
  }

  int code = kExitBadInput;
  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      // An unknown option or command: named, with the nearest known one.
      if (e.get_exit_code() != 0) {
        const auto given = app.get_subcommands();
        const std::string unknown = unknown_arguments(app, given.empty() ? nullptr : given.front());
        if (!unknown.empty()) {
          std::fputs(unknown.c_str(), stderr);
          return kExitBadInput;
        }
      }
      code = app.exit(e) == 0 ? kExitOk : kExitBadInput;
      return stdout_written(code);
    }
    set_up_logging(verbosity, quiet);
    run.quiet = quiet;
    sweep.quiet = quiet;
    calibrate.quiet = quiet;
    code = guarded([&] {
      if (*run_cmd) return run_command(run);
      if (*validate_cmd) return validate_command(validate);
      if (*graph_cmd) return graph_command(graph);
      if (*check_cmd) return check_command(check);
      if (*sweep_cmd) return sweep_command(sweep);
      if (*calibrate_cmd) return calibrate_command(calibrate);
      if (*merge_cmd) return merge_command(merge);
      if (*verify_cmd) return verify_command(verify);
      if (*analyze_cmd) return analyze_command(analyze);
      return discover_command(discover);
    });
  } catch (const std::exception& e) {
    // Whatever escaped a command (out of memory, a write to a closed pipe):
    // a message and exit code 1, never an abort.
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitFailure;
  }
  return stdout_written(code);
}
