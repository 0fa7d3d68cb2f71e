// `alliance calibrate`: ABC-SMC over a calibration file's priors and models
// against its cases' records; writes particles, posterior summaries,
// generations and model probabilities.
#include <chrono>

#include <oneapi/tbb/info.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "calibrate/calibration.hpp"
#include "calibrate/calibration_reader.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "io/data_package.hpp"
#include "io/output_directory.hpp"
#include "io/output_lock.hpp"
#include "io/output_target.hpp"
#include "io/run_metadata.hpp"
#include "scenario/input_error.hpp"
#include "scenario/input_file.hpp"

namespace alliance::cli {

int calibrate_command(const CalibrateOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  // Read once (a regular file of up to 1 MB), parsed and hashed from the same bytes.
  const std::string bytes = read_input_file(options.file, kCalibrationFile);
  const std::string sha256 = sha256_hex(bytes);
  const CalibrationDef def = read_calibration_text(bytes, options.file.string());
  const ScenarioSimulator simulator(def);  // every case read and checked under every model
  spdlog::info("checked {} (sha256 {}): {} cases, {} records, {} parameters, {} models, in {:.1f} ms",
               options.file.string(), sha256, def.cases.size(), simulator.targets().size(), def.parameters.size(),
               def.models.size(),
               std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());

  if (options.leave_one_out && def.cases.size() < 2) {
    fmt::print(stderr, "error: --leave-one-out needs at least two [[case]]s; {} has {}\n", options.file.string(),
               def.cases.size());
    return kExitBadInput;
  }
  std::vector<std::filesystem::path> inputs = {options.file};
  for (const auto& c : def.cases) inputs.push_back(c.scenario);
  const std::filesystem::path out = check_output_directory(
      options.out.empty() ? std::filesystem::path("results") / def.name : options.out, OutputKind::calibrate, inputs);
  const OutputLock lock(out);

  // An interrupted calibration leaves its checkpoint beside the output
  // (written after each generation); --resume continues after it.
  const std::filesystem::path state_file = calibration_state_path(out);
  const std::uint64_t seed = options.seed.value_or(def.settings.seed);
  const std::string identity = calibration_identity(simulator, sha256, seed, options.leave_one_out);
  std::vector<abc::Result> resume;
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::symlink_status(state_file, ec))) {
    if (!options.resume) {
      fmt::print(stderr,
                 "error: an interrupted calibration into {} left {}: continue it with --resume, or delete {} to "
                 "start over\n",
                 out.string(), state_file.string(), state_file.string());
      return kExitBadInput;
    }
    try {
      resume = read_calibration_state(read_input_file(state_file, kMetadataFile), identity);
    } catch (const std::exception& e) {
      fmt::print(stderr, "error: cannot resume from {}: {}; delete it to start over\n", state_file.string(), e.what());
      return kExitBadInput;
    }
    std::size_t generations = 0;
    for (const auto& f : resume) generations += f.generations.size();
    spdlog::info("resuming from {}: {} fits, {} generations done", state_file.string(), resume.size(), generations);
  } else if (options.resume) {
    spdlog::info("nothing to resume in {}; starting the calibration", state_file.string());
  }

  const abc::Settings& s = def.settings;
  const std::size_t fits = options.leave_one_out ? def.cases.size() + 1 : 1;
  ProgressLine line("particles", !options.quiet && options.progress == ProgressMode::line);
  ProgressJson json("particles");
  CalibrationPlan plan;
  plan.threads = options.threads;
  plan.seed = options.seed;
  plan.leave_one_out = options.leave_one_out;
  plan.resume = std::move(resume);
  plan.checkpoint = [&](const std::vector<abc::Result>& done) {
    write_file_atomically(state_file, calibration_state_json(identity, done));
  };
  std::size_t fit = 0;
  plan.stage = [&](const std::string& what) {
    line.finish();
    ++fit;
    spdlog::info("{} ({} of {})", what, fit, fits);
  };
  // Done: particles accepted so far, of at most (generations x particles) per fit.
  plan.progress = [&](std::size_t generation, std::size_t accepted, std::size_t simulations) {
    spdlog::debug("generation {}: {} of {} particles accepted, {} simulations so far", generation, accepted,
                  s.particles, simulations);
    const std::size_t total = s.generations * s.particles;
    const std::size_t done = std::min(total, generation * s.particles + accepted);
    if (options.progress == ProgressMode::json) json.update(done, total);
    else if (options.progress == ProgressMode::line && !options.quiet) line.update(done, total);
  };
  spdlog::info("seed {}; {} particles, at most {} generations{}, {} replicates per case, on {} threads -> {}",
               options.seed.value_or(s.seed), s.particles, s.generations,
               s.max_simulations > 0 ? fmt::format(" or {} simulations", s.max_simulations) : "", def.replicates,
               options.threads > 0 ? options.threads : oneapi::tbb::info::default_concurrency(), out.string());
  const CalibrationOutcome outcome = run_calibration(simulator, plan);
  line.finish();
  for (const auto& g : outcome.all.generations)
    spdlog::info("generation {}: epsilon {:.4g}, {} simulations, acceptance {:.3f}, ESS {:.1f}", g.number, g.epsilon,
                 g.simulations, g.acceptance_rate, g.ess);

  OutputDirectory dir(out, OutputKind::calibrate);
  dir.write_file("particles.csv", {particles_csv(simulator, outcome.all)});
  dir.write_file("posterior.csv", {posterior_csv(simulator, outcome.all)});
  dir.write_file("generations.csv", {generations_csv(simulator, outcome.all)});
  dir.write_file("models.csv", {models_csv(simulator, outcome.all)});
  if (options.leave_one_out) dir.write_file("leave_one_out.csv", {leave_one_out_csv(simulator, outcome)});
  dir.write_file("datapackage.json",
                 {tables_package_json("alliance-calibrate",
                                      "Output of `alliance calibrate`: ABC-SMC particles, posterior summaries, "
                                      "generations and model probabilities; files, seeds and settings in "
                                      "calibrate.json.",
                                      calibration_tables(simulator, options.leave_one_out))});
  dir.write_file("calibrate.json", {calibration_metadata_json(simulator, outcome, sha256)});
  dir.commit();
  std::filesystem::remove(state_file, ec);  // done: nothing to resume
  fmt::print("{}", calibration_text(simulator, outcome));
  spdlog::info("wrote {} in {:.1f} s", out.string(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return kExitOk;
}

}  // namespace alliance::cli
