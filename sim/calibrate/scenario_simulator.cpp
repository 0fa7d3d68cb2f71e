#include "calibrate/scenario_simulator.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/rng.hpp"
#include "io/cell.hpp"
#include "io/columns.hpp"
#include "runner/run_scenario.hpp"
#include "scenario/build_world.hpp"
#include "scenario/input_error.hpp"
#include "scenario/input_file.hpp"
#include "scenario/reader_toml.hpp"
#include "scenario/table_reader.hpp"

namespace alliance {

namespace {

// A number as a TOML float literal that reads back to the same double.
std::string float_literal(double x) {
  std::string s = fmt::format("{}", x);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

bool applies(const CalibrationParameterDef& p, const std::string& case_name) {
  return p.cases.empty() || std::find(p.cases.begin(), p.cases.end(), case_name) != p.cases.end();
}

}  // namespace

std::string ScenarioSimulator::literal(std::size_t parameter, double value) const {
  const CalibrationParameterDef& p = def_.parameters[parameter];
  if (p.prior.kind == abc::PriorKind::choice) return p.literals.at(static_cast<std::size_t>(value));
  return float_literal(value);
}

abc::Problem ScenarioSimulator::problem() const {
  abc::Problem problem;
  for (const auto& p : def_.parameters) problem.parameters.push_back({p.name, p.prior});
  for (const auto& m : def_.models) {
    abc::Model model{m, {}, 1.0};
    for (std::size_t j = 0; j < def_.parameters.size(); ++j) {
      const auto& models = def_.parameters[j].models;
      if (models.empty() || std::find(models.begin(), models.end(), m) != models.end()) model.parameters.push_back(j);
    }
    problem.models.push_back(std::move(model));
  }
  return problem;
}

std::vector<std::string> ScenarioSimulator::overrides(std::size_t c, std::size_t model,
                                                      const std::vector<double>& theta, std::uint64_t seed) const {
  std::vector<std::string> o;
  const std::string& preset = def_.models[model];
  if (preset != "as_written") o.push_back(fmt::format("preset=\"{}\"", preset));
  o.push_back(fmt::format("simulation.seed={}", seed));
  o.push_back(fmt::format("simulation.replicates={}", def_.replicates));
  const CaseDef& cs = def_.cases[c];
  o.insert(o.end(), cs.overrides.begin(), cs.overrides.end());
  for (std::size_t j = 0; j < def_.parameters.size(); ++j)
    if (!std::isnan(theta[j]) && applies(def_.parameters[j], cs.name))
      o.push_back(fmt::format("{}={}", def_.parameters[j].path, literal(j, theta[j])));
  return o;
}

ScenarioSimulator::ScenarioSimulator(const CalibrationDef& def) : def_(def) {
  std::vector<InputIssue> issues;
  auto add = [&](const InputError& e) { issues.insert(issues.end(), e.issues().begin(), e.issues().end()); };
  const std::size_t cases = def_.cases.size();
  bytes_.resize(cases);
  tables_.resize(cases);
  for (std::size_t c = 0; c < cases; ++c) {
    const CaseDef& cs = def_.cases[c];
    const std::string path = cs.scenario.lexically_normal().string();
    try {
      bytes_[c] = read_input_file(cs.scenario, kScenarioFile);
      tables_[c] = parse_toml(bytes_[c], path);
    } catch (const InputError& e) {
      const std::string why = e.issues().empty() ? e.what() : e.issues().front().to_string();
      issues.push_back({def_.source, cs.line, cs.column, fmt::format("case[{}].scenario", c),
                        fmt::format("{} (the path {} is relative to the calibration file)", why, path)});
      continue;
    }
    // Under each model, with every parameter at each end of its prior: the
    // keys exist and the scenario takes the values.
    for (std::size_t m = 0; m < def_.models.size(); ++m) {
      const abc::Problem pr = problem();
      std::vector<std::vector<double>> corners;
      for (int end = 0; end < 2; ++end) {
        std::vector<double> theta(def_.parameters.size(), abc::kAbsent);
        for (const std::size_t j : pr.models[m].parameters) {
          const abc::Prior& q = def_.parameters[j].prior;
          if (q.kind == abc::PriorKind::choice) theta[j] = end == 0 ? 0.0 : static_cast<double>(q.choices - 1);
          else if (std::isfinite(end == 0 ? q.lo : q.hi)) theta[j] = end == 0 ? q.lo : q.hi;
          else theta[j] = q.mean + (end == 0 ? -3.0 : 3.0) * q.sd;
        }
        corners.push_back(std::move(theta));
      }
      for (const auto& theta : corners) {
        const std::vector<std::string> o = overrides(c, m, theta, def_.settings.seed);
        std::vector<std::string> origins;
        for (const auto& x : o) origins.push_back(fmt::format("{} (case {}, model {})", x, cs.name, def_.models[m]));
        try {
          const ScenarioDef sd = read_scenario_table(tables_[c], path, o, origins);
          if (m == 0 && &theta == &corners.front()) {
            // The records and their metrics, once per case.
            std::vector<std::string> wanted = cs.records;
            if (wanted.empty())
              for (const auto& r : sd.records) wanted.push_back(r.name);
            if (wanted.empty())
              issues.push_back({def_.source, cs.line, cs.column, fmt::format("case[{}].scenario", c),
                                fmt::format("{} has no [[record]] to fit to", path)});
            const std::vector<Column> columns = summary_table_columns(sd);
            for (const auto& name : wanted) {
              const auto it = std::find_if(sd.records.begin(), sd.records.end(),
                                           [&](const RecordDef& r) { return r.name == name; });
              if (it == sd.records.end()) {
                std::vector<std::string> names;
                for (const auto& r : sd.records) names.push_back(r.name);
                issues.push_back({def_.source, cs.records_line, cs.records_column, fmt::format("case[{}].records", c),
                                  fmt::format("{} has no [[record]] \"{}\"; it has {}", path, name,
                                              names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", ")))});
                continue;
              }
              if (std::none_of(columns.begin(), columns.end(), [&](const Column& x) { return x.name == it->metric; }))
                issues.push_back({def_.source, cs.records_line, cs.records_column, fmt::format("case[{}].records", c),
                                  fmt::format("the record \"{}\" names the metric {}, which is not a summary column of {}",
                                              name, it->metric, path)});
              targets_.push_back({c, fmt::format("{}.{}", cs.name, it->name), it->name, it->metric, it->value,
                                  it->tolerance > 0 ? it->tolerance : 1.0});
            }
          }
        } catch (const InputError& e) {
          add(e);
          issues.push_back({def_.source, cs.line, cs.column, fmt::format("case[{}]", c),
                            fmt::format("the scenario {} does not read under model {} with the parameters at the {} "
                                        "of their priors (see above)",
                                        path, def_.models[m], &theta == &corners.front() ? "low ends" : "high ends")});
        }
      }
    }
  }
  if (!issues.empty()) throw InputError(std::move(issues));
}

std::vector<double> ScenarioSimulator::case_means(std::size_t c, std::size_t model,
                                                  const std::vector<double>& theta, std::uint64_t seed) const {
  const CaseDef& cs = def_.cases[c];
  const ScenarioDef sd =
      read_scenario_table(tables_[c], cs.scenario.lexically_normal().string(), overrides(c, model, theta, seed));
  const World initial = build_world(sd);
  const RecordingContext context = RecordingContext::from(sd);
  const std::vector<Column> columns = summary_table_columns(sd);
  std::vector<std::size_t> targets, cells;
  for (std::size_t k = 0; k < targets_.size(); ++k) {
    if (targets_[k].case_index != c) continue;
    targets.push_back(k);
    const auto it = std::find_if(columns.begin(), columns.end(),
                                 [&](const Column& x) { return x.name == targets_[k].metric; });
    cells.push_back(it == columns.end() ? columns.size() : static_cast<std::size_t>(it - columns.begin()));
  }
  std::vector<double> sum(targets.size(), 0.0);
  std::vector<int> count(targets.size(), 0);
  for (int r = 0; r < sd.simulation.replicates; ++r) {
    // Replicate r of `alliance run --seed SEED`: its seed is replicate_seed(SEED, r).
    const ReplicateOutput out = run_one_replicate(sd, initial, context, r,
                                                  replicate_seed(sd.simulation.seed, static_cast<std::uint64_t>(r)),
                                                  TableSelection::summary_only());
    for (std::size_t k = 0; k < targets.size(); ++k) {
      std::optional<double> x = cells[k] < out.summary.size() ? value_as_written(out.summary[cells[k]]) : std::nullopt;
      if (!x) x = cs.missing;
      if (!x) continue;
      sum[k] += *x;
      ++count[k];
    }
  }
  std::vector<double> means(targets.size());
  for (std::size_t k = 0; k < targets.size(); ++k)
    means[k] = count[k] > 0 ? sum[k] / count[k] : std::numeric_limits<double>::quiet_NaN();
  return means;
}

abc::Evaluation ScenarioSimulator::evaluate(const abc::Proposal& p, const std::vector<std::size_t>& cases) const {
  abc::Evaluation e;
  double distance = 0.0;
  for (const std::size_t c : cases) {
    std::vector<double> means;
    try {
      means = case_means(c, p.model, p.theta, p.seed);
    } catch (const std::exception& ex) {
      // A value the scenario refuses (checked at both ends of each prior,
      // so rare): no distance, never accepted.
      spdlog::debug("generation {}, proposal {}: case {} failed: {}", p.generation, p.index, def_.cases[c].name,
                    ex.what());
      std::size_t n = 0;
      for (const auto& t : targets_) n += t.case_index == c;
      means.assign(n, std::numeric_limits<double>::quiet_NaN());
    }
    std::size_t i = 0;
    for (const auto& t : targets_) {
      if (t.case_index != c) continue;
      const double mean = means[i++];
      e.statistics.push_back(mean);
      const double z = std::isnan(mean) ? std::numeric_limits<double>::infinity() : std::abs(mean - t.value) / t.tolerance;
      switch (def_.distance) {
        case DistanceKind::sum: distance += z; break;
        case DistanceKind::euclidean: distance += z * z; break;
        case DistanceKind::max: distance = std::max(distance, z); break;
      }
    }
  }
  e.distance = def_.distance == DistanceKind::euclidean ? std::sqrt(distance) : distance;
  return e;
}

}  // namespace alliance
