#include "cli/commands.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/progress.hpp"
#include "io/output_directory.hpp"
#include "runner/run_scenario.hpp"
#include "scenario/build_world.hpp"
#include "scenario/input_error.hpp"
#include "scenario/reader.hpp"

namespace alliance::cli {

namespace {

std::optional<std::string> read_bytes(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void report(const InputError& e) {
  for (const auto& issue : e.issues()) fmt::print(stderr, "{}\n", issue.to_string());
}

// Reads and checks a scenario; nullopt (after printing why) when it is bad.
std::optional<ScenarioDef> load(const std::filesystem::path& path, const std::vector<std::string>& overrides,
                                std::string& bytes) {
  auto text = read_bytes(path);
  if (!text) {
    fmt::print(stderr, "{}: error: cannot open the scenario file for reading\n", path.string());
    return std::nullopt;
  }
  bytes = std::move(*text);
  try {
    return read_scenario_text(bytes, path.string(), overrides);
  } catch (const InputError& e) {
    report(e);
    return std::nullopt;
  }
}

}  // namespace

int validate_command(const ValidateOptions& options) {
  std::vector<std::string> overrides = options.overrides;
  if (!options.preset.empty()) overrides.insert(overrides.begin(), fmt::format("preset=\"{}\"", options.preset));
  std::string bytes;
  auto def = load(options.scenario, overrides, bytes);
  if (!def) return kExitBadInput;
  const World world = build_world(*def);
  fmt::print("{}: ok: {} states, {} founding members, rule {}, preset {}, {} crises, {} events, {} steps of a {}, {} replicates\n",
             options.scenario.string(), world.state_count(), world.members.size(), rule_name(world.rule.rule),
             def->preset.empty() ? "none" : def->preset,
             world.crises.size(), world.schedule.size(), def->simulation.steps,
             step_unit_name(def->simulation.step_unit), def->simulation.replicates);
  return kExitOk;
}

int run_command(const RunOptions& options) {
  std::vector<std::string> overrides = options.overrides;
  // --preset first, so that a --set of `preset` given with it still wins.
  if (!options.preset.empty()) overrides.insert(overrides.begin(), fmt::format("preset=\"{}\"", options.preset));
  if (options.seed) overrides.push_back(fmt::format("simulation.seed={}", *options.seed));
  if (options.replicates) overrides.push_back(fmt::format("simulation.replicates={}", *options.replicates));
  std::string bytes;
  auto def = load(options.scenario, overrides, bytes);
  if (!def) return kExitBadInput;

  const std::filesystem::path out =
      options.out.empty() ? std::filesystem::path("results") / options.scenario.stem() : options.out;
  try {
    OutputDirectory::check_target(out);
  } catch (const OutputPathError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  }

  spdlog::info("running {} ({} replicates of {} steps, seed {})", options.scenario.string(),
               def->simulation.replicates, def->simulation.steps, def->simulation.seed);
  ProgressLine progress("replicates", !options.quiet);
  const auto started = std::chrono::steady_clock::now();
  RunResult result;
  try {
    result = run_scenario(*def, RunPlan{options.threads},
                          [&](std::size_t done, std::size_t total) { progress.update(done, total); });
    progress.finish();
    write_run_output(out, *def, result, bytes, overrides);
  } catch (const OutputPathError& e) {
    progress.finish();
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    progress.finish();
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitFailure;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("wrote {} in {:.2f} s", out.string(), seconds);
  return kExitOk;
}

}  // namespace alliance::cli
