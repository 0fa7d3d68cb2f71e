// alliance: the command line. Parses options into structs and calls the
// library (cli/commands.cpp); nothing else happens here.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "version.hpp"

namespace {

constexpr const char* kExamples = R"(Examples:
  alliance validate scenarios/teaching_triad.toml
  alliance run scenarios/teaching_triad.toml --out results/triad
  alliance run scenarios/kosovo_1998.toml --replicates 100 --seed 7
  alliance run scenarios/kosovo_1998.toml --set alliance.rule=majority --out results/kosovo_majority
  alliance run scenarios/kosovo_1998.toml --preset realist --out results/kosovo_realist
  alliance run scenarios/kosovo_1998.toml --set state.GRC.adversary_affinity=0.2
  alliance graph scenarios/kosovo_1998.toml --at 1999-03 | dot -Tsvg > kosovo.svg
  alliance graph scenarios/teaching_triad.toml --format graphml --out triad.graphml
  alliance check scenarios/claims/
  alliance check scenarios/claims/c2_consensus_deadlock.toml --replicates 50 --out results/c2

Exit codes: 0 success, 2 bad usage or bad input, 1 failure while running;
check --fail-on-unexpected: 3 when a verdict is not the expected one.
Scenario keys: scenarios/README.md. Model: sim/MODEL.md.)";

void set_up_logging(int verbosity, bool quiet) {
  auto logger = spdlog::stderr_color_mt("alliance");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(quiet ? spdlog::level::err
                    : verbosity >= 2 ? spdlog::level::trace
                    : verbosity == 1 ? spdlog::level::debug
                                     : spdlog::level::info);
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

}  // namespace

int main(int argc, char** argv) {
  using namespace alliance::cli;
  CLI::App app{"alliance: agent-based simulation of military-alliance dynamics", "alliance"};
  app.footer(kExamples);
  app.set_version_flag("--version", std::string("alliance ") + alliance::kVersion);
  app.require_subcommand(1);
  int verbosity = 0;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbosity, "More log output (-vv for all)");
  app.add_flag("-q,--quiet", quiet, "Only errors; no progress line");

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
      ->check(CLI::PositiveNumber);

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
  graph_cmd->add_option("--format", graph.format, "dot or graphml")->check(CLI::IsMember({"dot", "graphml"}));
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
  check_cmd->add_flag("--fail-on-unexpected", check.fail_on_unexpected,
                      "Exit 3 when a verdict differs from the one the claim file expects (for CI)");

  int code = kExitBadInput;
  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      code = app.exit(e) == 0 ? kExitOk : kExitBadInput;
      return stdout_written(code);
    }
    set_up_logging(verbosity, quiet);
    run.quiet = quiet;
    if (*run_cmd) code = run_command(run);
    else if (*validate_cmd) code = validate_command(validate);
    else if (*graph_cmd) code = graph_command(graph);
    else if (*check_cmd) code = check_command(check);
  } catch (const std::exception& e) {
    // Whatever escaped a command (out of memory, a write to a closed pipe):
    // a message and exit code 1, never an abort.
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitFailure;
  }
  return stdout_written(code);
}
