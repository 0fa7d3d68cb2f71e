#include "check/evaluate_claim.hpp"

#include <algorithm>
#include <charconv>
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
#include "sweep/design.hpp"

namespace alliance {

namespace {

using Values = std::vector<std::optional<double>>;  // one per replicate

// The summary of one (preset, variant) run: each column's value by replicate.
struct VariantRun {
  std::vector<Column> columns;
  std::vector<SummaryRow> rows;  // [replicate][column]
};

// The claim's scenario bytes, read once for every setting and the hash, so
// that every run sees the same file.
class ScenarioSource {
 public:
  explicit ScenarioSource(const ClaimDef& claim) : claim_(claim) {}

  // An InputError at the claim's `scenario` key when the file cannot be read
  // (scenario/input_file.hpp says why).
  const std::string& bytes() {
    if (bytes_) return *bytes_;
    try {
      bytes_ = read_input_file(claim_.scenario, kScenarioFile);
    } catch (const InputError& e) {
      const std::string why = e.issues().empty() ? e.what() : e.issues().front().message;
      throw InputError({{claim_.source, claim_.scenario_line, claim_.scenario_column, "scenario",
                         fmt::format("{} (the path {} is relative to the claim file)", why,
                                     claim_.scenario.lexically_normal().string())}});
    }
    return *bytes_;
  }

 private:
  const ClaimDef& claim_;
  std::optional<std::string> bytes_;
};

// Where a hypothesis is evaluated: a preset, with or without the claimed
// cause, at the claim's own values or at one point of its region.
struct Setting {
  std::string preset;
  const CauseAbsentDef* cause = nullptr;  // nullptr: as claimed
  std::vector<std::string> point;         // the region point's overrides; empty: none
  int replicates = 0;
  std::uint64_t seed = 0;
};

// The runs of one setting, each variant's scenario read and run once.
class SettingRuns {
 public:
  SettingRuns(const ClaimDef& claim, const CheckPlan& plan, ScenarioSource& source, Setting setting)
      : claim_(claim), plan_(plan), source_(source), setting_(std::move(setting)) {}

  const Setting& setting() const { return setting_; }

  // The scenario as this setting's variant reads it; throws InputError.
  const ScenarioDef& scenario(const std::string& variant_name) {
    if (auto it = defs_.find(variant_name); it != defs_.end()) return it->second;
    const auto variant = std::find_if(claim_.variants.begin(), claim_.variants.end(),
                                      [&](const VariantDef& v) { return v.name == variant_name; });
    std::vector<std::string> overrides;
    if (setting_.preset != "as_written") overrides.push_back(fmt::format("preset=\"{}\"", setting_.preset));
    overrides.push_back(fmt::format("simulation.seed={}", setting_.seed));
    overrides.push_back(fmt::format("simulation.replicates={}", setting_.replicates));
    // The region's point, then the mechanism set without the cause, then the
    // variant: a variant's own `set` has the last word on what it varies.
    overrides.insert(overrides.end(), setting_.point.begin(), setting_.point.end());
    if (setting_.cause)
      overrides.insert(overrides.end(), setting_.cause->overrides.begin(), setting_.cause->overrides.end());
    overrides.insert(overrides.end(), variant->overrides.begin(), variant->overrides.end());
    const std::string path = claim_.scenario.lexically_normal().string();
    try {
      return defs_.emplace(variant_name, read_scenario_text(source_.bytes(), claim_.scenario.string(), overrides))
          .first->second;
    } catch (const InputError& e) {
      auto issues = e.issues();
      std::string where = fmt::format("under preset {}", setting_.preset);
      if (setting_.cause) where += fmt::format(" without_cause {}", setting_.cause->name);
      if (!setting_.point.empty()) where += fmt::format(" at the region point {}", fmt::join(setting_.point, " "));
      issues.push_back({claim_.source, 0, 0, fmt::format("variant.{}", variant_name),
                        variant->overrides.empty() && !setting_.cause && setting_.point.empty()
                            ? fmt::format("the scenario {} does not read {} (see above)", path, where)
                            : fmt::format("the scenario {} does not accept this variant's `set` {} "
                                          "(see above)", path, where)});
      throw InputError(std::move(issues));
    }
  }

  const VariantRun& run(const std::string& variant_name) {
    if (auto it = runs_.find(variant_name); it != runs_.end()) return it->second;
    const ScenarioDef& def = scenario(variant_name);
    spdlog::debug("{}: {} replicates of {} ({}{}, {})", claim_.id, setting_.replicates, claim_.scenario.string(),
                  setting_.preset, setting_.cause ? " without " + setting_.cause->name : std::string(),
                  variant_name);
    VariantRun run;
    run.columns = summary_table_columns(def);
    for (auto& replicate : run_scenario(def, RunPlan{plan_.threads, TableSelection::summary_only()}).replicates)
      run.rows.push_back(std::move(replicate.summary));
    defs_.erase(variant_name);  // read once; only the summary is needed from here
    return runs_.emplace(variant_name, std::move(run)).first->second;
  }

 private:
  const ClaimDef& claim_;
  const CheckPlan& plan_;
  ScenarioSource& source_;
  Setting setting_;
  std::map<std::string, ScenarioDef> defs_;
  std::map<std::string, VariantRun> runs_;
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

// Reads the scenario under every variant the hypotheses use in this setting
// and checks that each metric names a summary column there.
void check_inputs(const ClaimDef& claim, SettingRuns& runs) {
  for (std::size_t k = 0; k < claim.hypotheses.size(); ++k) {
    const HypothesisDef& h = claim.hypotheses[k];
    for (const auto& variant : variants_used(h)) {
      const auto columns = summary_table_columns(runs.scenario(variant));
      column_index(columns, h.metric.column, claim, h, k, variant);
      if (!h.metric.minus.empty()) column_index(columns, h.metric.minus, claim, h, k, variant);
    }
  }
}

// Hypotheses naming a [[record]] of the scenario take its metric (unless
// they give one), target and tolerance.
ClaimDef with_records(const ClaimDef& claim, SettingRuns& runs) {
  ClaimDef resolved = claim;
  for (std::size_t k = 0; k < resolved.hypotheses.size(); ++k) {
    HypothesisDef& h = resolved.hypotheses[k];
    if (h.record.empty()) continue;
    const ScenarioDef& def = runs.scenario(variants_used(h).front());
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

// One hypothesis in one setting: its estimate, interval and verdict.
HypothesisResult evaluate_hypothesis(const ClaimDef& claim, const HypothesisDef& h, std::size_t k,
                                     SettingRuns& runs) {
  HypothesisResult result;
  result.claim = claim.id;
  result.hypothesis = h.name;
  result.preset = runs.setting().preset;
  if (runs.setting().cause) result.cause = runs.setting().cause->name;
  result.statement = h.statement;
  result.test = test_text(h);
  const std::string metric = metric_text(h.metric);
  std::vector<double> xs, ys;
  switch (h.comparison) {
    case Comparison::value: {
      for (const auto& v : metric_values(runs.run(h.variant), claim, h, k, h.variant))
        if (v) ys.push_back(*v);
        else ++result.left_out;
      result.interval = mean_interval(ys, claim.confidence);
      result.estimand = fmt::format("mean({} | {})", metric, h.variant);
      break;
    }
    case Comparison::difference: {
      // Paired by replicate: both variants ran with the same seeds.
      const auto a = metric_values(runs.run(h.variant), claim, h, k, h.variant);
      const auto b = metric_values(runs.run(h.baseline), claim, h, k, h.baseline);
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
        for (const auto& v : metric_values(runs.run(name), claim, h, k, name)) {
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
  const auto& columns = runs.run(h.comparison == Comparison::trend ? h.variants.front() : h.variant).columns;
  for (const auto& c : columns)
    if (c.name == h.metric.column) result.unit = h.comparison == Comparison::trend ? c.unit + " per x" : c.unit;
  result.verdict = judge(result.interval, h.direction, h.threshold, h.tolerance);
  // A record is something that happened: a model in which it does not
  // happen in most replicates misses it, which is not "too few values to
  // tell", and the replicates that do reach it are no fit on their own (a
  // mean over the 1 in 200 that reach it would otherwise "hold").
  if (h.direction == Direction::within && result.left_out > 0 && result.left_out >= ys.size()) {
    result.never_reached = ys.empty();
    result.rarely_reached = !ys.empty();
    result.verdict = Verdict::does_not_hold;
  }
  return result;
}

// The region's Latin hypercube (the sweep's design, McKay et al. 1979):
// per point, the `--set` overrides and the values as CSV cells.
struct RegionPoints {
  std::vector<std::vector<std::string>> overrides, cells;
};

// A range as the sweep's design takes it: uniform between its ends.
ParameterDef range_parameter(const RangeDef& r) {
  ParameterDef p;
  p.name = r.key;
  p.path = r.key;
  p.distribution = Distribution::uniform;
  p.lo = r.lo;
  p.hi = r.hi;
  return p;
}

RegionPoints region_points(const ClaimDef& claim, int points, std::uint64_t seed) {
  RegionPoints out;
  if (points <= 0 || claim.region.ranges.empty()) return out;
  SweepDef sweep;
  sweep.source = claim.source;
  sweep.name = claim.id;
  sweep.design = DesignKind::lhs;
  sweep.samples = points;
  sweep.seed = seed;
  for (const auto& r : claim.region.ranges) sweep.parameters.push_back(range_parameter(r));
  const Design design(sweep);
  for (std::size_t k = 0; k < design.size(); ++k) {
    std::vector<std::string> overrides, cells;
    const auto values = design.values(k);
    for (std::size_t d = 0; d < values.size(); ++d) {
      overrides.push_back(fmt::format("{}={}", claim.region.ranges[d].key, values[d].literal));
      cells.push_back(values[d].cell);
    }
    out.overrides.push_back(std::move(overrides));
    out.cells.push_back(std::move(cells));
  }
  return out;
}

std::string key_of(const std::string& assignment) { return assignment.substr(0, assignment.find('=')); }

// The point's overrides without the keys the mechanism set fixes itself.
std::vector<std::string> without_keys_of(const std::vector<std::string>& point, const CauseAbsentDef* cause) {
  if (!cause) return point;
  std::vector<std::string> kept;
  for (const auto& o : point)
    if (std::none_of(cause->overrides.begin(), cause->overrides.end(),
                     [&](const std::string& c) { return key_of(c) == key_of(o); }))
      kept.push_back(o);
  return kept;
}

bool varies_any(const RegionPoints& region, const CauseAbsentDef* cause) {
  return !region.overrides.empty() && !without_keys_of(region.overrides.front(), cause).empty();
}

std::vector<const CauseAbsentDef*> mechanism_sets(const ClaimDef& claim) {
  std::vector<const CauseAbsentDef*> sets{nullptr};
  for (const auto& c : claim.without_cause) sets.push_back(&c);
  return sets;
}

}  // namespace

std::string_view to_string(Audit a) {
  switch (a) {
    case Audit::can_fail: return "can fail";
    case Audit::holds_by_construction: return "holds by construction: not evidence";
    case Audit::holds_untested: return "holds everywhere; no mechanism set without its cause";
    case Audit::fails_by_construction: return "fails by construction";
    case Audit::undetermined: return "undetermined: holds or inconclusive, never fails";
  }
  return "";
}

// The audit compares the evaluations with the cause (`with`) to those
// without it (`without`), the claim's own values and the region's points
// both: it holds by construction when it holds at every evaluation of both;
// it fails by construction when it does not hold at any (and none is
// inconclusive); it can fail when it holds somewhere with its cause and
// does not hold somewhere; anything else (e.g. holds or inconclusive only)
// is undetermined.
Audit audit_of(const Tally& with, const Tally& without, bool has_cause_absent) {
  const std::size_t holds = with.holds + without.holds, fails = with.does_not_hold + without.does_not_hold;
  const std::size_t total = with.total() + without.total();
  if (holds == total) return has_cause_absent ? Audit::holds_by_construction : Audit::holds_untested;
  if (fails == total) return Audit::fails_by_construction;
  if (with.holds > 0 && fails > 0) return Audit::can_fail;
  return Audit::undetermined;
}

void validate_claim(const ClaimDef& given, const CheckPlan& plan) {
  ScenarioSource source(given);
  const std::uint64_t seed = plan.seed.value_or(given.seed);
  const int replicates = plan.replicates.value_or(given.replicates);
  SettingRuns first(given, plan, source, {given.presets.front(), nullptr, {}, replicates, seed});
  const ClaimDef claim = with_records(given, first);
  // Every preset and mechanism set reads the scenario, at the claim's own
  // values and at the region's two extreme corners (every range at its min,
  // every range at its max), so that a range the scenario cannot take is
  // refused before anything runs. Reading is cheap; running is not.
  std::vector<std::vector<std::string>> corners;
  if (plan.region_points.value_or(claim.region.points) > 0 && !claim.region.ranges.empty() &&
      !claim.variants.empty()) {
    // Each range alone at both ends first, so that a range the scenario
    // cannot take is named at its own line in the claim file.
    for (std::size_t k = 0; k < claim.region.ranges.size(); ++k) {
      const RangeDef& r = claim.region.ranges[k];
      for (double end : {0.0, 1.0}) {
        const std::string assignment = fmt::format("{}={}", r.key, value_at(range_parameter(r), end).literal);
        SettingRuns alone(claim, plan, source, {claim.presets.front(), nullptr, {assignment}, replicates, seed});
        try {
          alone.scenario(claim.variants.front().name);
        } catch (const InputError& e) {
          auto issues = e.issues();
          if (!issues.empty()) issues.pop_back();  // "does not accept this variant": the range is at fault
          issues.push_back({claim.source, r.line, r.column, fmt::format("range[{}].key", k),
                            fmt::format("the scenario {} does not take this range at its {} ({}; see above)",
                                        claim.scenario.lexically_normal().string(), end == 0.0 ? "min" : "max",
                                        assignment)});
          throw InputError(std::move(issues));
        }
      }
    }

    corners.resize(2);
    for (const auto& r : claim.region.ranges) {
      corners[0].push_back(fmt::format("{}={}", r.key, value_at(range_parameter(r), 0.0).literal));
      corners[1].push_back(fmt::format("{}={}", r.key, value_at(range_parameter(r), 1.0).literal));
    }
  }
  for (const auto& preset : claim.presets)
    for (const CauseAbsentDef* cause : mechanism_sets(claim)) {
      SettingRuns runs(claim, plan, source, {preset, cause, {}, replicates, seed});
      check_inputs(claim, runs);
      for (const auto& corner : corners) {
        SettingRuns at_corner(claim, plan, source, {preset, cause, without_keys_of(corner, cause), replicates, seed});
        check_inputs(claim, at_corner);
      }
    }
}

ClaimOutcome evaluate_claim(const ClaimDef& given, const CheckPlan& plan) {
  validate_claim(given, plan);
  ScenarioSource source(given);
  const std::uint64_t seed = plan.seed.value_or(given.seed);
  const int replicates = plan.replicates.value_or(given.replicates);
  SettingRuns first(given, plan, source, {given.presets.front(), nullptr, {}, replicates, seed});
  const ClaimDef claim = with_records(given, first);
  ClaimOutcome outcome;
  outcome.scenario_sha256 = sha256_hex(source.bytes());  // of the bytes the runs read
  outcome.replicates = replicates;
  outcome.seed = seed;
  outcome.region_replicates = claim.region.replicates;
  const auto sets = mechanism_sets(claim);
  std::vector<Tally> with(claim.hypotheses.size()), without(claim.hypotheses.size());

  for (const auto& preset : claim.presets)
    for (const CauseAbsentDef* cause : sets) {
      SettingRuns runs(claim, plan, source, {preset, cause, {}, replicates, seed});
      for (std::size_t k = 0; k < claim.hypotheses.size(); ++k) {
        HypothesisResult result = evaluate_hypothesis(claim, claim.hypotheses[k], k, runs);
        (cause ? without : with)[k].add(result.verdict);
        const auto& expect = claim.hypotheses[k].expect;
        if (auto it = expect.find(preset); it != expect.end() && !cause) result.expected = it->second;
        outcome.results.push_back(std::move(result));
      }
    }

  const RegionPoints region = region_points(claim, plan.region_points.value_or(claim.region.points), seed);
  outcome.region_design = region.cells;
  for (const auto& preset : claim.presets)
    for (const CauseAbsentDef* cause : sets) {
      std::vector<RegionResult> rows(claim.hypotheses.size());
      for (std::size_t k = 0; k < claim.hypotheses.size(); ++k)
        rows[k] = {claim.hypotheses[k].name, preset, cause ? cause->name : std::string(), 0, 0, 0, 0, std::nullopt};
      // A mechanism set that fixes some of the region's keys varies only the
      // others; one that fixes them all is evaluated once, not once per
      // point (the points would be copies).
      const std::size_t points =
          varies_any(region, cause) ? region.overrides.size() : std::min<std::size_t>(1, region.overrides.size());
      for (std::size_t p = 0; p < points; ++p) {
        SettingRuns runs(claim, plan, source,
                         {preset, cause, without_keys_of(region.overrides[p], cause), claim.region.replicates, seed});
        for (std::size_t k = 0; k < claim.hypotheses.size(); ++k) {
          const HypothesisResult r = evaluate_hypothesis(claim, claim.hypotheses[k], k, runs);
          RegionResult& row = rows[k];
          ++row.points;
          if (r.verdict == Verdict::holds) ++row.holds;
          else if (r.verdict == Verdict::does_not_hold) ++row.does_not_hold;
          else ++row.inconclusive;
          (cause ? without : with)[k].add(r.verdict);
          outcome.region_points.push_back({r.hypothesis, preset, r.cause, p, r.interval, r.verdict});
        }
      }
      if (region.overrides.empty()) continue;  // no region: no rows
      for (auto& row : rows) {
        row.share = share_interval(row.holds, row.points, claim.confidence);
        outcome.region.push_back(std::move(row));
      }
    }

  for (std::size_t k = 0; k < claim.hypotheses.size(); ++k)
    outcome.audit.push_back({claim.hypotheses[k].name, audit_of(with[k], without[k], !claim.without_cause.empty()),
                             with[k].holds + without[k].holds, with[k].does_not_hold + without[k].does_not_hold,
                             with[k].inconclusive + without[k].inconclusive, claim.hypotheses[k].kept_because});
  return outcome;
}

}  // namespace alliance
