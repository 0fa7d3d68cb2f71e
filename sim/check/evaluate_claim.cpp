#include "check/evaluate_claim.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "io/cell.hpp"
#include "io/columns.hpp"
#include "scenario/input_file.hpp"
#include "io/run_metadata.hpp"
#include "runner/run_scenario.hpp"
#include "scenario/input_error.hpp"
#include "scenario/reader.hpp"

namespace alliance {

namespace {

using Values = std::vector<std::optional<double>>;  // one per replicate

// The summary of one (preset, variant) run: each column's value by replicate.
struct VariantRun {
  std::vector<Column> columns;
  std::vector<SummaryRow> rows;  // [replicate][column]
};

class ClaimRunner {
 public:
  ClaimRunner(const ClaimDef& claim, const CheckPlan& plan)
      : claim_(claim), plan_(plan),
        replicates_(plan.replicates.value_or(claim.replicates)),
        seed_(plan.seed.value_or(claim.seed)) {}

  int replicates() const { return replicates_; }
  std::uint64_t seed() const { return seed_; }

  // The scenario as this (preset, variant) reads it; throws InputError.
  const ScenarioDef& scenario(const std::string& preset, const std::string& variant_name) {
    const auto key = std::make_pair(preset, variant_name);
    if (auto it = defs_.find(key); it != defs_.end()) return it->second;
    const auto variant = std::find_if(claim_.variants.begin(), claim_.variants.end(),
                                      [&](const VariantDef& v) { return v.name == variant_name; });
    std::vector<std::string> overrides;
    if (preset != "as_written") overrides.push_back(fmt::format("preset=\"{}\"", preset));
    overrides.push_back(fmt::format("simulation.seed={}", seed_));
    overrides.push_back(fmt::format("simulation.replicates={}", replicates_));
    overrides.insert(overrides.end(), variant->overrides.begin(), variant->overrides.end());
    const std::string path = claim_.scenario.lexically_normal().string();
    const std::string& bytes = scenario_bytes();
    try {
      return defs_.emplace(key, read_scenario_text(bytes, claim_.scenario.string(), overrides)).first->second;
    } catch (const InputError& e) {
      auto issues = e.issues();
      issues.push_back({claim_.source, 0, 0, fmt::format("variant.{}", variant_name),
                        variant->overrides.empty()
                            ? fmt::format("the scenario {} does not read under preset {} (see above)", path, preset)
                            : fmt::format("the scenario {} does not accept this variant's `set` under preset {} "
                                          "(see above)", path, preset)});
      throw InputError(std::move(issues));
    }
  }

  // The scenario file's bytes, read once for every (preset, variant) and the
  // hash, so that all see the same file; an InputError at the claim's
  // `scenario` key when it cannot be read (scenario/input_file.hpp says why).
  const std::string& scenario_bytes() {
    if (scenario_bytes_) return *scenario_bytes_;
    try {
      scenario_bytes_ = read_input_file(claim_.scenario, kScenarioFile);
    } catch (const InputError& e) {
      const std::string why = e.issues().empty() ? e.what() : e.issues().front().message;
      throw InputError({{claim_.source, claim_.scenario_line, claim_.scenario_column, "scenario",
                         fmt::format("{} (the path {} is relative to the claim file)", why,
                                     claim_.scenario.lexically_normal().string())}});
    }
    return *scenario_bytes_;
  }

  static std::vector<Column> summary_columns_of(const ScenarioDef& def) { return summary_table_columns(def); }

  const VariantRun& run(const std::string& preset, const std::string& variant_name) {
    const auto key = std::make_pair(preset, variant_name);
    if (auto it = runs_.find(key); it != runs_.end()) return it->second;
    const ScenarioDef& def = scenario(preset, variant_name);
    spdlog::debug("{}: {} replicates of {} ({}, {})", claim_.id, replicates_, claim_.scenario.string(), preset,
                  variant_name);
    VariantRun run;
    run.columns = summary_columns_of(def);
    for (auto& replicate : run_scenario(def, RunPlan{plan_.threads, TableSelection::summary_only()}).replicates)
      run.rows.push_back(std::move(replicate.summary));
    return runs_.emplace(key, std::move(run)).first->second;
  }

 private:
  const ClaimDef& claim_;
  const CheckPlan& plan_;
  int replicates_;
  std::uint64_t seed_;
  std::optional<std::string> scenario_bytes_;
  std::map<std::pair<std::string, std::string>, ScenarioDef> defs_;
  std::map<std::pair<std::string, std::string>, VariantRun> runs_;
};

std::size_t column_index(const std::vector<Column>& columns, const std::string& name, const ClaimDef& claim,
                         const HypothesisDef& h, std::size_t hypothesis_index, const std::string& variant) {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  std::vector<std::string> names;
  for (const auto& c : columns) names.push_back(c.name);
  const std::string near = nearest_key(name, names);
  throw InputError({{claim.source, h.line, h.column, fmt::format("hypothesis[{}].metric", hypothesis_index),
                     fmt::format("no column \"{}\" in the summary of {} (variant {}){}; see its summary.csv columns "
                                 "in README.md",
                                 name, claim.scenario.lexically_normal().string(), variant,
                                 near.empty() ? "" : fmt::format("; did you mean \"{}\"?", near))}});
}

// The metric by replicate, with the hypothesis' rule for missing values
// applied: a missing value becomes `missing`, or stays nullopt (left out).
Values metric_values(const VariantRun& run, const ClaimDef& claim, const HypothesisDef& h, std::size_t index,
                     const std::string& variant) {
  const std::size_t a = column_index(run.columns, h.metric.column, claim, h, index, variant);
  const std::optional<std::size_t> b =
      h.metric.minus.empty() ? std::nullopt
                             : std::optional(column_index(run.columns, h.metric.minus, claim, h, index, variant));
  Values values;
  for (const auto& cells : run.rows) {
    std::optional<double> x = value_as_written(cells.at(a));
    if (x && b) {
      const auto y = value_as_written(cells.at(*b));
      x = y ? std::optional(*x - *y) : std::nullopt;
    }
    if (!x) x = h.missing;
    values.push_back(x);
  }
  return values;
}

std::string metric_text(const MetricExpr& m) {
  return m.minus.empty() ? m.column : fmt::format("{} - {}", m.column, m.minus);
}

std::string test_text(const HypothesisDef& h) {
  switch (h.direction) {
    case Direction::greater: return fmt::format("> {}", h.threshold);
    case Direction::less: return fmt::format("< {}", h.threshold);
    case Direction::within:
      return h.record.empty() ? fmt::format("within {} +- {}", h.threshold, h.tolerance)
                              : fmt::format("within {} +- {} (record {})", h.threshold, h.tolerance, h.record);
  }
  return "";
}

std::vector<std::string> variants_used(const HypothesisDef& h) {
  switch (h.comparison) {
    case Comparison::value: return {h.variant};
    case Comparison::difference: return {h.variant, h.baseline};
    case Comparison::trend: return h.variants;
  }
  return {};
}

// Reads the scenario under every (preset, variant) the hypotheses use and
// checks that each metric names a summary column there.
void check_inputs(const ClaimDef& claim, ClaimRunner& runner) {
  for (const auto& preset : claim.presets)
    for (std::size_t k = 0; k < claim.hypotheses.size(); ++k) {
      const HypothesisDef& h = claim.hypotheses[k];
      for (const auto& variant : variants_used(h)) {
        const auto columns = ClaimRunner::summary_columns_of(runner.scenario(preset, variant));
        column_index(columns, h.metric.column, claim, h, k, variant);
        if (!h.metric.minus.empty()) column_index(columns, h.metric.minus, claim, h, k, variant);
      }
    }
}

}  // namespace

// Hypotheses naming a [[record]] of the scenario take its metric (unless
// they give one), target and tolerance.
ClaimDef with_records(const ClaimDef& claim, ClaimRunner& runner) {
  ClaimDef resolved = claim;
  for (std::size_t k = 0; k < resolved.hypotheses.size(); ++k) {
    HypothesisDef& h = resolved.hypotheses[k];
    if (h.record.empty()) continue;
    const ScenarioDef& def = runner.scenario(claim.presets.front(), variants_used(h).front());
    const auto it = std::find_if(def.records.begin(), def.records.end(),
                                 [&](const RecordDef& r) { return r.name == h.record; });
    if (it == def.records.end()) {
      std::vector<std::string> names;
      for (const auto& r : def.records) names.push_back(r.name);
      throw InputError({{claim.source, h.record_line, h.record_column, fmt::format("hypothesis[{}].record", k),
                         fmt::format("{} has no [[record]] \"{}\"; it has {}", claim.scenario.string(), h.record,
                                     names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", ")))}});
    }
    if (h.metric.column.empty()) {
      h.metric = {it->metric, ""};
      h.line = h.record_line;
      h.column = h.record_column;
    }
    h.threshold = it->value;
    h.tolerance = it->tolerance;
    if (h.statement.empty()) h.statement = fmt::format("{} (record: {})", it->what, it->source);
  }
  return resolved;
}

void validate_claim(const ClaimDef& given, const CheckPlan& plan) {
  ClaimRunner runner(given, plan);
  const ClaimDef claim = with_records(given, runner);
  check_inputs(claim, runner);
}

ClaimOutcome evaluate_claim(const ClaimDef& given, const CheckPlan& plan) {
  ClaimRunner runner(given, plan);
  const ClaimDef claim = with_records(given, runner);
  check_inputs(claim, runner);
  ClaimOutcome outcome;
  outcome.scenario_sha256 = sha256_hex(runner.scenario_bytes());  // of the bytes the runs read
  outcome.replicates = runner.replicates();
  outcome.seed = runner.seed();

  for (const auto& preset : claim.presets) {
    for (std::size_t k = 0; k < claim.hypotheses.size(); ++k) {
      const HypothesisDef& h = claim.hypotheses[k];
      HypothesisResult result;
      result.claim = claim.id;
      result.hypothesis = h.name;
      result.preset = preset;
      result.test = test_text(h);
      if (auto it = h.expect.find(preset); it != h.expect.end()) result.expected = it->second;
      const std::string metric = metric_text(h.metric);
      std::vector<double> xs, ys;

      switch (h.comparison) {
        case Comparison::value: {
          const auto& run = runner.run(preset, h.variant);
          for (const auto& v : metric_values(run, claim, h, k, h.variant))
            if (v) ys.push_back(*v);
            else ++result.left_out;
          result.interval = mean_interval(ys, claim.confidence);
          result.estimand = fmt::format("mean({} | {})", metric, h.variant);
          break;
        }
        case Comparison::difference: {
          // Paired by replicate: both variants ran with the same seeds.
          const auto a = metric_values(runner.run(preset, h.variant), claim, h, k, h.variant);
          const auto b = metric_values(runner.run(preset, h.baseline), claim, h, k, h.baseline);
          for (std::size_t r = 0; r < a.size(); ++r)
            if (a[r] && b[r]) ys.push_back(*a[r] - *b[r]);
            else ++result.left_out;
          result.interval = mean_interval(ys, claim.confidence);
          result.estimand = fmt::format("mean({0} | {1}) - mean({0} | {2})", metric, h.variant, h.baseline);
          break;
        }
        case Comparison::trend: {
          for (const auto& name : h.variants) {
            const auto& variant = *std::find_if(claim.variants.begin(), claim.variants.end(),
                                                [&](const VariantDef& v) { return v.name == name; });
            for (const auto& v : metric_values(runner.run(preset, name), claim, h, k, name)) {
              if (!v) {
                ++result.left_out;
                continue;
              }
              xs.push_back(*variant.x);
              ys.push_back(*v);
            }
          }
          result.interval = slope_interval(xs, ys, claim.confidence);
          result.estimand = fmt::format("slope of {} on x over {}", metric, fmt::join(h.variants, ", "));
          break;
        }
      }
      const auto& columns = runner.run(preset, h.comparison == Comparison::trend ? h.variants.front() : h.variant).columns;
      for (const auto& c : columns)
        if (c.name == h.metric.column) result.unit = h.comparison == Comparison::trend ? c.unit + " per x" : c.unit;
      result.verdict = judge(result.interval, h.direction, h.threshold, h.tolerance);
      outcome.results.push_back(std::move(result));
    }
  }
  return outcome;
}

}  // namespace alliance
