#include "calibrate/calibration.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <cmath>
#include <iterator>
#include <numeric>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "io/cell.hpp"
#include "io/run_metadata.hpp"
#include "version.hpp"

namespace alliance {

namespace {

const std::vector<double> kQuantiles = {0.025, 0.25, 0.5, 0.75, 0.975};
const std::vector<double> kPredictionQuantiles = {0.025, 0.5, 0.975};

// A number cell; empty when not finite (generation 0's tolerance, a
// missing statistic).
void number(fmt::memory_buffer& out, double x) {
  if (std::isfinite(x)) append_number(out, x);
}

std::vector<std::size_t> all_cases(const ScenarioSimulator& s) {
  std::vector<std::size_t> c(s.def().cases.size());
  std::iota(c.begin(), c.end(), std::size_t{0});
  return c;
}

// Fit `fit` of the plan, resumed from its checkpoint if there is one;
// `fits` holds every fit so far, for the checkpoint.
abc::Result calibrate_on(const ScenarioSimulator& simulator, const std::vector<std::size_t>& cases,
                         const abc::Settings& settings, const CalibrationPlan& plan, std::size_t fit,
                         std::vector<abc::Result>& fits) {
  const abc::Result* resume = fit < plan.resume.size() ? &plan.resume[fit] : nullptr;
  if (fits.size() <= fit) fits.resize(fit + 1);
  return abc::run_abc_smc(
      simulator.problem(), settings, [&](const abc::Proposal& p) { return simulator.evaluate(p, cases); },
      plan.progress, resume, [&](const abc::Result& so_far) {
        fits[fit] = so_far;
        if (plan.checkpoint) plan.checkpoint(fits);
      });
}

std::string hex(double x) { return fmt::format("{:a}", x); }

double unhex(const nlohmann::json& j) {
  const std::string text = j.get<std::string>();
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) throw std::runtime_error("a number in the state file is not one: " + text);
  return x;
}

nlohmann::json hex_array(const std::vector<double>& xs) {
  nlohmann::json a = nlohmann::json::array();
  for (const double x : xs) a.push_back(hex(x));
  return a;
}

std::vector<double> unhex_array(const nlohmann::json& a) {
  std::vector<double> xs;
  for (const auto& x : a) xs.push_back(unhex(x));
  return xs;
}

}  // namespace

CalibrationOutcome run_calibration(const ScenarioSimulator& simulator, const CalibrationPlan& plan) {
  CalibrationOutcome outcome;
  abc::Settings settings = simulator.def().settings;
  settings.threads = plan.threads;
  if (plan.seed) settings.seed = *plan.seed;
  outcome.seed = settings.seed;
  std::vector<abc::Result> fits;
  if (plan.stage) plan.stage("calibrating on every case");
  outcome.all = calibrate_on(simulator, all_cases(simulator), settings, plan, 0, fits);
  fits[0] = outcome.all;
  if (!plan.leave_one_out) return outcome;

  const std::size_t cases = simulator.def().cases.size();
  for (std::size_t c = 0; c < cases; ++c) {
    LeftOut lo;
    lo.case_index = c;
    std::vector<std::size_t> fitted;
    for (std::size_t k = 0; k < cases; ++k)
      if (k != c) fitted.push_back(k);
    if (plan.stage) plan.stage(fmt::format("leaving out case {}", simulator.def().cases[c].name));
    lo.fit = calibrate_on(simulator, fitted, settings, plan, c + 1, fits);
    fits[c + 1] = lo.fit;
    for (std::size_t k = 0; k < simulator.targets().size(); ++k)
      if (simulator.targets()[k].case_index == c) lo.targets.push_back(k);
    // Each particle of the final population, run on the case left out with
    // its own model, values and seed.
    const auto& particles = lo.fit.generations.back().particles;
    std::vector<std::vector<double>> means(particles.size());
    oneapi::tbb::task_arena arena(plan.threads > 0 ? plan.threads : oneapi::tbb::task_arena::automatic);
    arena.execute([&] {
      oneapi::tbb::parallel_for(std::size_t{0}, particles.size(), [&](std::size_t i) {
        const abc::Particle& p = particles[i];
        try {
          means[i] = simulator.case_means(c, p.model, p.theta, p.seed);
        } catch (const std::exception&) {
          means[i].assign(lo.targets.size(), std::numeric_limits<double>::quiet_NaN());
        }
      });
    });
    lo.predictions = particles.size();
    for (std::size_t k = 0; k < lo.targets.size(); ++k) {
      std::vector<double> values, weights;
      std::size_t missing = 0;
      for (std::size_t i = 0; i < particles.size(); ++i) {
        if (std::isnan(means[i][k])) {
          ++missing;
          continue;
        }
        values.push_back(means[i][k]);
        weights.push_back(particles[i].weight);
      }
      lo.predicted.push_back(abc::weighted_summary(values, weights, kPredictionQuantiles));
      lo.missing.push_back(missing);
    }
    outcome.left_out.push_back(std::move(lo));
  }
  return outcome;
}

std::filesystem::path calibration_state_path(const std::filesystem::path& out) {
  const std::filesystem::path parent = out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
  return parent / fmt::format(".{}.calibrate-state.json", out.filename().string());
}

std::string calibration_identity(const ScenarioSimulator& simulator, const std::string& file_sha256,
                                 std::uint64_t seed, bool leave_one_out) {
  nlohmann::ordered_json id;
  id["version"] = kVersion;
  id["file_sha256"] = file_sha256;
  nlohmann::ordered_json scenarios = nlohmann::ordered_json::array();
  for (std::size_t c = 0; c < simulator.def().cases.size(); ++c)
    scenarios.push_back(sha256_hex(simulator.scenario_bytes(c)));
  id["scenario_sha256"] = scenarios;
  id["seed"] = seed;
  id["leave_one_out"] = leave_one_out;
  return id.dump();
}

std::string calibration_state_json(const std::string& identity, const std::vector<abc::Result>& fits) {
  nlohmann::json state;
  state["program"] = "alliance calibrate";
  state["identity"] = nlohmann::json::parse(identity);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& fit : fits) {
    nlohmann::json generations = nlohmann::json::array();
    for (const auto& g : fit.generations) {
      nlohmann::json particles = nlohmann::json::array();
      for (const auto& p : g.particles)
        particles.push_back({p.index, p.model, p.seed, hex(p.weight), hex(p.distance), hex_array(p.theta),
                             hex_array(p.statistics)});
      generations.push_back({{"number", g.number},
                             {"epsilon", hex(g.epsilon)},
                             {"proposals", g.proposals},
                             {"simulations", g.simulations},
                             {"accepted", g.accepted},
                             {"acceptance_rate", hex(g.acceptance_rate)},
                             {"ess", hex(g.ess)},
                             {"model_probabilities", hex_array(g.model_probabilities)},
                             {"particles", particles}});
    }
    list.push_back({{"simulations", fit.simulations}, {"generations", generations}});
  }
  state["fits"] = list;
  return state.dump() + "\n";
}

std::vector<abc::Result> read_calibration_state(const std::string& text, const std::string& identity) {
  const nlohmann::json state = nlohmann::json::parse(text, nullptr, false);
  if (state.is_discarded() || !state.is_object() || state.value("program", "") != "alliance calibrate")
    throw std::runtime_error("it is not the state of an interrupted calibration");
  const nlohmann::json then = state.value("identity", nlohmann::json());
  if (then != nlohmann::json::parse(identity))
    throw std::runtime_error(
        fmt::format("it is the state of another calibration (then: {}; now: {})", then.dump(), identity));
  std::vector<abc::Result> fits;
  try {
    for (const auto& f : state.at("fits")) {
      abc::Result fit;
      fit.simulations = f.at("simulations").get<std::size_t>();
      for (const auto& j : f.at("generations")) {
        abc::Generation g;
        g.number = j.at("number").get<std::size_t>();
        g.epsilon = unhex(j.at("epsilon"));
        g.proposals = j.at("proposals").get<std::size_t>();
        g.simulations = j.at("simulations").get<std::size_t>();
        g.accepted = j.at("accepted").get<std::size_t>();
        g.acceptance_rate = unhex(j.at("acceptance_rate"));
        g.ess = unhex(j.at("ess"));
        g.model_probabilities = unhex_array(j.at("model_probabilities"));
        for (const auto& q : j.at("particles")) {
          abc::Particle p;
          p.generation = g.number;
          p.index = q.at(0).get<std::size_t>();
          p.model = q.at(1).get<std::size_t>();
          p.seed = q.at(2).get<std::uint64_t>();
          p.weight = unhex(q.at(3));
          p.distance = unhex(q.at(4));
          p.theta = unhex_array(q.at(5));
          p.statistics = unhex_array(q.at(6));
          g.particles.push_back(std::move(p));
        }
        fit.generations.push_back(std::move(g));
      }
      fits.push_back(std::move(fit));
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(fmt::format("it is damaged ({})", e.what()));
  }
  return fits;
}

std::vector<TableSpec> calibration_tables(const ScenarioSimulator& simulator, bool leave_one_out) {
  const CalibrationDef& def = simulator.def();
  std::vector<Column> particle_columns = {
      {"generation", "integer", "", "ABC-SMC generation (0: drawn from the prior)"},
      {"particle", "integer", "", "the proposal's number within its generation (its seed derives from it)"},
      {"model", "string", "", "the model (preset) of the particle"},
  };
  for (const auto& p : def.parameters)
    particle_columns.push_back({p.name, p.prior.kind == abc::PriorKind::choice && !p.literals.empty() &&
                                                (p.literals[0] == "true" || p.literals[0] == "false")
                                            ? "boolean"
                                            : "number",
                                "", fmt::format("{} (empty: not a parameter of this model)", p.path)});
  particle_columns.push_back({"weight", "number", "", "importance weight, normalised over the generation"});
  particle_columns.push_back({"distance", "number", "",
                              fmt::format("{} over the records of |simulated mean - record| / tolerance",
                                          distance_name(def.distance))});
  particle_columns.push_back({"seed", "integer", "",
                              "scenario seed of every case's run (alliance run --seed SEED --replicates R reproduces it)"});
  for (const auto& t : simulator.targets())
    particle_columns.push_back({t.name, "number", "",
                                fmt::format("simulated mean of {} over the replicates (record: {:g} +- {:g}; empty: no "
                                            "replicate had it)",
                                            t.metric, t.value, t.tolerance)});
  std::vector<TableSpec> tables = {
      {"particles.csv", "every accepted particle of every generation", particle_columns, {"generation", "particle"}},
      {"posterior.csv",
       "weighted posterior summaries of each parameter by model (\"all\": every model's particles together), from "
       "the final generation",
       {{"model", "string", "", "model (preset), or all"},
        {"parameter", "string", "", "the parameter's name"},
        {"particles", "integer", "", "particles of the final generation with the parameter"},
        {"mean", "number", "", "weighted mean"},
        {"sd", "number", "", "weighted standard deviation"},
        {"q025", "number", "", "weighted 2.5% quantile"},
        {"q25", "number", "", "weighted 25% quantile"},
        {"q50", "number", "", "weighted median"},
        {"q75", "number", "", "weighted 75% quantile"},
        {"q975", "number", "", "weighted 97.5% quantile"}},
       {"model", "parameter"}},
      {"generations.csv", "one row per generation: tolerance, acceptance and effective sample size",
       [&] {
         std::vector<Column> c = {
             {"generation", "integer", "", "ABC-SMC generation"},
             {"epsilon", "number", "", "tolerance (empty for generation 0: every proposal accepted)"},
             {"proposals", "integer", "", "proposals drawn"},
             {"simulations", "integer", "", "proposals simulated (the others fell outside the prior or in a lost model)"},
             {"accepted", "integer", "", "particles accepted"},
             {"acceptance_rate", "number", "probability", "accepted / simulations"},
             {"ess", "number", "particles", "effective sample size, (sum w)^2 / sum w^2"},
         };
         for (const auto& m : def.models)
           c.push_back({"p_" + m, "number", "probability", fmt::format("posterior probability of model {}", m)});
         return c;
       }(),
       {"generation"}},
      {"models.csv", "posterior model probabilities of the final generation",
       {{"model", "string", "", "model (preset)"},
        {"prior", "number", "probability", "prior probability"},
        {"probability", "number", "probability", "posterior probability: the model's share of the weight"},
        {"mc_se", "number", "probability",
         "Monte Carlo standard error: sd over bootstrap resamples of the final population"},
        {"particles", "integer", "", "particles of the model in the final generation"}},
       {"model"}},
  };
  if (leave_one_out)
    tables.push_back(
        {"leave_one_out.csv",
         "each case left out in turn: calibrated on the others, its records predicted (posterior predictive of the "
         "simulated mean)",
         {{"left_out", "string", "", "the case left out"},
          {"target", "string", "", "<case>.<record>"},
          {"record", "number", "", "the recorded value"},
          {"tolerance", "number", "", "the record's tolerance"},
          {"predicted_mean", "number", "", "weighted mean of the predictions"},
          {"predicted_sd", "number", "", "weighted sd of the predictions"},
          {"q025", "number", "", "2.5% quantile of the predictions"},
          {"q50", "number", "", "median of the predictions"},
          {"q975", "number", "", "97.5% quantile of the predictions"},
          {"within_tolerance", "boolean", "", "1 when |predicted_mean - record| <= tolerance"},
          {"in_interval", "boolean", "", "1 when the record lies in [q025, q975]"},
          {"missing", "integer", "particles", "particles whose runs never had the metric (left out)"},
          {"fit_simulations", "integer", "", "simulations of the calibration on the other cases"},
          {"fit_generations", "integer", "", "its generations"}},
         {"left_out", "target"}});
  return tables;
}

std::string particles_csv(const ScenarioSimulator& simulator, const abc::Result& result) {
  fmt::memory_buffer out;
  const auto tables = calibration_tables(simulator, false);
  out.append(csv_header(tables[0]));
  const auto& def = simulator.def();
  for (const auto& g : result.generations)
    for (const auto& p : g.particles) {
      fmt::format_to(std::back_inserter(out), "{},{},{}", g.number, p.index, def.models[p.model]);
      for (std::size_t j = 0; j < def.parameters.size(); ++j) {
        out.push_back(',');
        if (!std::isnan(p.theta[j])) {
          const std::string literal = simulator.literal(j, p.theta[j]);
          out.append(literal == "true" ? std::string("1") : literal == "false" ? std::string("0") : literal);
        }
      }
      out.push_back(',');
      number(out, p.weight);
      out.push_back(',');
      number(out, p.distance);
      fmt::format_to(std::back_inserter(out), ",{}", p.seed);
      for (const double s : p.statistics) {
        out.push_back(',');
        number(out, s);
      }
      out.push_back('\n');
    }
  return fmt::to_string(out);
}

std::string posterior_csv(const ScenarioSimulator& simulator, const abc::Result& result) {
  fmt::memory_buffer out;
  out.append(csv_header(calibration_tables(simulator, false)[1]));
  const auto& def = simulator.def();
  const auto& particles = result.generations.back().particles;
  auto row = [&](const std::string& model, std::optional<std::size_t> m) {
    for (std::size_t j = 0; j < def.parameters.size(); ++j) {
      std::vector<double> values, weights;
      for (const auto& p : particles)
        if ((!m || p.model == *m) && !std::isnan(p.theta[j])) {
          values.push_back(def.parameters[j].prior.kind == abc::PriorKind::choice
                               ? def.parameters[j].values[static_cast<std::size_t>(p.theta[j])]
                               : p.theta[j]);
          weights.push_back(p.weight);
        }
      if (values.empty()) continue;
      const abc::WeightedSummary s = abc::weighted_summary(values, weights, kQuantiles);
      fmt::format_to(std::back_inserter(out), "{},{},{},", model, def.parameters[j].name, values.size());
      number(out, s.mean);
      out.push_back(',');
      number(out, s.sd);
      for (const double q : s.quantiles) {
        out.push_back(',');
        number(out, q);
      }
      out.push_back('\n');
    }
  };
  for (std::size_t m = 0; m < def.models.size(); ++m) row(def.models[m], m);
  if (def.models.size() > 1) row("all", std::nullopt);
  return fmt::to_string(out);
}

std::string generations_csv(const ScenarioSimulator& simulator, const abc::Result& result) {
  fmt::memory_buffer out;
  out.append(csv_header(calibration_tables(simulator, false)[2]));
  for (const auto& g : result.generations) {
    fmt::format_to(std::back_inserter(out), "{},", g.number);
    number(out, g.epsilon);
    fmt::format_to(std::back_inserter(out), ",{},{},{},", g.proposals, g.simulations, g.accepted);
    number(out, g.acceptance_rate);
    out.push_back(',');
    number(out, g.ess);
    for (const double p : g.model_probabilities) {
      out.push_back(',');
      number(out, p);
    }
    out.push_back('\n');
  }
  return fmt::to_string(out);
}

std::string models_csv(const ScenarioSimulator& simulator, const abc::Result& result) {
  fmt::memory_buffer out;
  out.append(csv_header(calibration_tables(simulator, false)[3]));
  const auto& def = simulator.def();
  const auto& particles = result.generations.back().particles;
  for (std::size_t m = 0; m < def.models.size(); ++m) {
    fmt::format_to(std::back_inserter(out), "{},", def.models[m]);
    number(out, 1.0 / static_cast<double>(def.models.size()));
    out.push_back(',');
    number(out, result.model_probabilities[m]);
    out.push_back(',');
    number(out, result.model_probability_se[m]);
    fmt::format_to(std::back_inserter(out), ",{}\n",
                   std::count_if(particles.begin(), particles.end(), [&](const abc::Particle& p) { return p.model == m; }));
  }
  return fmt::to_string(out);
}

std::string leave_one_out_csv(const ScenarioSimulator& simulator, const CalibrationOutcome& outcome) {
  fmt::memory_buffer out;
  out.append(csv_header(calibration_tables(simulator, true).back()));
  for (const auto& lo : outcome.left_out) {
    for (std::size_t k = 0; k < lo.targets.size(); ++k) {
      const Target& t = simulator.targets()[lo.targets[k]];
      const abc::WeightedSummary& s = lo.predicted[k];
      fmt::format_to(std::back_inserter(out), "{},{},", simulator.def().cases[lo.case_index].name, t.name);
      number(out, t.value);
      out.push_back(',');
      number(out, t.tolerance);
      out.push_back(',');
      number(out, s.mean);
      out.push_back(',');
      number(out, s.sd);
      for (const double q : s.quantiles) {
        out.push_back(',');
        number(out, q);
      }
      const bool finite = std::isfinite(s.mean);
      fmt::format_to(std::back_inserter(out), ",{},{},{},{},{}\n",
                     finite ? (std::abs(s.mean - t.value) <= t.tolerance ? "1" : "0") : "",
                     finite ? (s.quantiles[0] <= t.value && t.value <= s.quantiles[2] ? "1" : "0") : "",
                     lo.missing[k], lo.fit.simulations, lo.fit.generations.size());
    }
  }
  return fmt::to_string(out);
}

std::string calibration_metadata_json(const ScenarioSimulator& simulator, const CalibrationOutcome& outcome,
                                      const std::string& file_sha256) {
  using nlohmann::ordered_json;
  const CalibrationDef& def = simulator.def();
  const abc::Settings& s = def.settings;
  ordered_json meta;
  meta["program"] = "alliance calibrate";
  meta["version"] = kVersion;
  meta["file"] = def.source;
  meta["file_sha256"] = file_sha256;
  meta["name"] = def.name;
  meta["title"] = def.title;
  meta["method"] =
      "ABC-SMC with model choice (Toni et al. 2009; Toni & Stumpf 2010), Gaussian kernel with twice the weighted "
      "variance (Beaumont et al. 2009), adaptive tolerances (alpha-quantile; Del Moral et al. 2012); sim/MODEL.md, "
      "Calibration";
  meta["seed"] = outcome.seed;
  meta["seeds"] =
      "proposal i of generation t draws from mt19937_64 seeded with replicate_seed(replicate_seed(seed, t), i); "
      "the particle's `seed` is replicate_seed(that, 0) >> 1 (63 bits), the scenario seed of its runs of every case";
  ordered_json cases = ordered_json::array();
  for (std::size_t c = 0; c < def.cases.size(); ++c) {
    ordered_json targets = ordered_json::array();
    for (const auto& t : simulator.targets())
      if (t.case_index == c)
        targets.push_back({{"name", t.name}, {"metric", t.metric}, {"value", t.value}, {"tolerance", t.tolerance}});
    ordered_json cs = {{"name", def.cases[c].name},
                       {"scenario", def.cases[c].scenario.lexically_normal().string()},
                       {"scenario_sha256", sha256_hex(simulator.scenario_bytes(c))},
                       {"set", def.cases[c].overrides},
                       {"targets", targets}};
    if (def.cases[c].missing) cs["missing"] = *def.cases[c].missing;
    else cs["missing"] = "drop";
    cases.push_back(cs);
  }
  meta["cases"] = cases;
  meta["models"] = def.models;
  ordered_json parameters = ordered_json::array();
  const char* kinds[] = {"uniform", "log-uniform", "normal", "choice"};
  for (const auto& p : def.parameters) {
    ordered_json j = {{"name", p.name}, {"path", p.path}, {"prior", kinds[static_cast<int>(p.prior.kind)]}};
    if (p.prior.kind == abc::PriorKind::choice) j["values"] = p.literals;
    else if (std::isfinite(p.prior.lo)) j["range"] = {p.prior.lo, p.prior.hi};
    if (p.prior.kind == abc::PriorKind::normal) {
      j["mean"] = p.prior.mean;
      j["sd"] = p.prior.sd;
    }
    if (!p.cases.empty()) j["cases"] = p.cases;
    if (!p.models.empty()) j["models"] = p.models;
    parameters.push_back(j);
  }
  meta["parameters"] = parameters;
  meta["settings"] = {{"particles", s.particles},   {"generations", s.generations},
                      {"alpha", s.alpha},           {"min_epsilon", s.min_epsilon},
                      {"max_simulations", s.max_simulations}, {"batch", s.batch > 0 ? s.batch : s.particles},
                      {"model_jump", s.model_jump}, {"choice_jump", s.choice_jump},
                      {"bootstrap", s.bootstrap},   {"replicates", def.replicates},
                      {"distance", distance_name(def.distance)}};
  meta["stop_reason"] = outcome.all.stop_reason;
  meta["generations"] = outcome.all.generations.size();
  meta["simulations"] = outcome.all.simulations;
  meta["scenario_runs"] = outcome.all.simulations * def.cases.size() * static_cast<std::size_t>(def.replicates);
  if (!outcome.left_out.empty()) {
    ordered_json loo = ordered_json::array();
    for (const auto& lo : outcome.left_out)
      loo.push_back({{"left_out", def.cases[lo.case_index].name},
                     {"stop_reason", lo.fit.stop_reason},
                     {"generations", lo.fit.generations.size()},
                     {"simulations", lo.fit.simulations},
                     {"predictions", lo.predictions}});
    meta["leave_one_out"] = loo;
  }
  ordered_json files;
  for (const auto& t : calibration_tables(simulator, !outcome.left_out.empty())) files[t.file] = t.description;
  files["datapackage.json"] = "column types and units";
  meta["files"] = files;
  return meta.dump(2) + "\n";
}

std::string calibration_text(const ScenarioSimulator& simulator, const CalibrationOutcome& outcome) {
  const CalibrationDef& def = simulator.def();
  const abc::Result& r = outcome.all;
  std::string text = fmt::format("{}: {} generations, {} simulations ({}); {}\n", def.name, r.generations.size(),
                                 r.simulations, fmt::format("{} scenario runs", r.simulations * def.cases.size() *
                                                                                    static_cast<std::size_t>(def.replicates)),
                                 r.stop_reason);
  const auto& last = r.generations.back();
  text += fmt::format("final tolerance {:.4g}, ESS {:.1f} of {} particles\n", last.epsilon, last.ess, last.particles.size());
  if (def.models.size() > 1)
    for (std::size_t m = 0; m < def.models.size(); ++m)
      text += fmt::format("  P({}) = {:.3f} +- {:.3f}\n", def.models[m], r.model_probabilities[m],
                          r.model_probability_se[m]);
  for (std::size_t j = 0; j < def.parameters.size(); ++j) {
    std::vector<double> values, weights;
    for (const auto& p : last.particles)
      if (!std::isnan(p.theta[j])) {
        values.push_back(def.parameters[j].prior.kind == abc::PriorKind::choice
                             ? def.parameters[j].values[static_cast<std::size_t>(p.theta[j])]
                             : p.theta[j]);
        weights.push_back(p.weight);
      }
    if (values.empty()) continue;
    const auto s = abc::weighted_summary(values, weights, {0.025, 0.975});
    text += fmt::format("  {} = {:.3g} (sd {:.3g}; 95% {:.3g} .. {:.3g})\n", def.parameters[j].name, s.mean, s.sd,
                        s.quantiles[0], s.quantiles[1]);
  }
  for (const auto& lo : outcome.left_out)
    for (std::size_t k = 0; k < lo.targets.size(); ++k) {
      const Target& t = simulator.targets()[lo.targets[k]];
      const auto& s = lo.predicted[k];
      text += fmt::format("  left out {}: {} predicted {:.3g} (95% {:.3g} .. {:.3g}), record {:g} +- {:g}\n",
                          def.cases[lo.case_index].name, t.name, s.mean, s.quantiles[0], s.quantiles[2], t.value,
                          t.tolerance);
    }
  return text;
}

}  // namespace alliance
