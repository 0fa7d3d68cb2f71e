#include "cli/commands.hpp"

#include <charconv>
#include <chrono>
#include <sstream>

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
#include "runner/resource_limits.hpp"
#include "runner/run_scenario.hpp"
#include "scenario/build_world.hpp"
#include "scenario/input_error.hpp"
#include "scenario/reader.hpp"

namespace alliance::cli {

namespace {

// --preset NAME as the first override, so that a --set of `preset` given
// with it still wins.
std::vector<std::string> with_preset(std::vector<std::string> overrides, const std::string& preset) {
  if (!preset.empty()) overrides.insert(overrides.begin(), fmt::format("preset=\"{}\"", preset));
  return overrides;
}

// Reads and checks a scenario; nullopt (after printing why) when it is bad.
std::optional<ScenarioDef> load(const std::filesystem::path& path, const std::vector<std::string>& overrides,
                                std::string& bytes) {
  try {
    // Regular files only, up to 16 MB (scenario/input_file.hpp): not a FIFO, a device or /dev/zero.
    bytes = read_input_file(path, kScenarioFile);
    const auto started = std::chrono::steady_clock::now();
    ScenarioDef def = read_scenario_text(bytes, path.string(), overrides);
    if (spdlog::should_log(spdlog::level::debug))
      spdlog::debug("checked {} (sha256 {}; {} states, {} overrides) in {:.1f} ms", path.string(), sha256_hex(bytes),
                    def.states.size(), overrides.size(),
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    return def;
  } catch (const InputError& e) {
    report(e);
    return std::nullopt;
  }
}

// "--at": a step number or a "YYYY-MM" date, by the scenario file's rule
// (core/calendar.hpp, step_of_point); the last step when not given.
StepOfPoint step_at(const std::string& at, const SimulationDef& sim) {
  if (at.empty()) return {sim.steps - 1, {}};
  const RunCalendar calendar = run_calendar(sim);
  if (at.find_first_not_of("0123456789") != std::string::npos) return step_of_point(std::string_view(at), calendar);
  long long step = 0;
  if (std::from_chars(at.data(), at.data() + at.size(), step).ec != std::errc{})
    return {std::nullopt, fmt::format("step {} is past the end of the run (steps = {})", at, sim.steps)};
  return step_of_point(step, calendar);
}

}  // namespace

void report(const InputError& e) {
  for (const auto& issue : e.issues()) fmt::print(stderr, "{}\n", issue.to_string());
}

int validate_command(const ValidateOptions& options) {
  std::vector<std::string> overrides = with_preset(options.overrides, options.preset);
  std::string bytes;
  auto def = load(options.scenario, overrides, bytes);
  if (!def) return kExitBadInput;
  const World world = build_world(*def);
  fmt::print("{}: ok: {} states, {} founding members, rule {}, preset {}, {} crises, {} events, {} steps of a {}, {} replicates\n",
             options.scenario.string(), world.state_count(), world.members().size(), rule_name(world.rule.rule),
             def->preset.empty() ? "none" : def->preset,
             world.crises.size(), world.params.schedule.size(), def->simulation.steps,
             step_unit_name(def->simulation.step_unit), def->simulation.replicates);
  return kExitOk;
}

int run_command(const RunOptions& options) {
  std::vector<std::string> overrides = with_preset(options.overrides, options.preset);
  if (options.seed) overrides.push_back(fmt::format("simulation.seed={}", *options.seed));
  if (options.replicates) overrides.push_back(fmt::format("simulation.replicates={}", *options.replicates));
  std::string bytes;
  auto def = load(options.scenario, overrides, bytes);
  if (!def) return kExitBadInput;

  // The output path is checked and locked before any work (io/output_target.hpp).
  const std::filesystem::path out = check_output_directory(
      options.out.empty() ? std::filesystem::path("results") / options.scenario.stem() : options.out,
      OutputKind::run, {options.scenario});
  const OutputLock lock(out);
  if (const auto refused = check_resources(*def, out, ResourceLimits{options.max_output_gb}, options.tables)) {
    fmt::print(stderr, "error: {}\n", refused->message);
    return refused->machine ? kExitFailure : kExitBadInput;
  }

  spdlog::info("running {} ({} replicates of {} steps, seed {})", options.scenario.string(),
               def->simulation.replicates, def->simulation.steps, def->simulation.seed);
  ProgressLine progress("replicates", !options.quiet);
  const auto started = std::chrono::steady_clock::now();
  const RunResult result = run_scenario(*def, RunPlan{options.threads, options.tables},
                                        [&](std::size_t done, std::size_t total) { progress.update(done, total); });
  progress.finish();
  write_run_output(out, *def, result, bytes, overrides);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("wrote {} in {:.2f} s", out.string(), seconds);
  return kExitOk;
}

int graph_command(const GraphOptions& options) {
  std::vector<std::string> overrides = with_preset(options.overrides, options.preset);
  if (options.seed) overrides.push_back(fmt::format("simulation.seed={}", *options.seed));
  std::string bytes;
  auto def = load(options.scenario, overrides, bytes);
  if (!def) return kExitBadInput;
  const std::filesystem::path out_file =
      options.out.empty() ? std::filesystem::path() : check_output_file(options.out, {options.scenario});
  const StepOfPoint point = step_at(options.at, def->simulation);
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
  Rng rng(replicate_seed(def->simulation.seed, static_cast<std::uint64_t>(options.replicate)));
  const World world = run_replicate(build_world(*def), at + 1, rng, {});
  std::ostringstream text;
  write_graph(text, export_graph(world, def->alliance.name), options.format);
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
