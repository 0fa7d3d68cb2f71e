#include "sensitivity/discover_sweep.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "io/run_metadata.hpp"  // sha256_of_file
#include "scenario/input_error.hpp"
#include "scenario/input_file.hpp"
#include "sweep/sweep_tables.hpp"
#include "version.hpp"

namespace alliance {

namespace {

std::optional<double> number(std::string_view cell) {
  while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
  while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
  if (cell.empty()) return std::nullopt;
  if (cell.front() == '+') cell.remove_prefix(1);
  double x = 0.0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), x);
  if (ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

// A listed parameter whose values are all numbers is numeric (ordered), as
// are ranges; one with any text value is categorical.
bool is_categorical(const ParameterDef& p) {
  if (p.distribution != Distribution::values) return false;
  return std::any_of(p.cells.begin(), p.cells.end(), [](const std::string& c) { return !number(c); });
}

std::string num(double x) { return fmt::format("{:.8g}", x); }
std::string share(double x) { return fmt::format("{:.6g}", x); }
std::string p_cell(double p) { return std::isnan(p) ? std::string() : fmt::format("{:.3g}", p); }

std::string joined(const std::vector<std::string>& categories, const std::vector<char>& kept) {
  std::string out;
  for (std::size_t k = 0; k < categories.size(); ++k)
    if (kept[k]) out += (out.empty() ? "" : ";") + categories[k];
  return out;
}

struct Cases {
  PrimData data;
  std::size_t left_out = 0;  // runs (points) without a value of the metric
  std::size_t rows = 0;      // rows of runs.csv read
};

Cases read_cases(const SweepDirectory& dir, const DiscoverPlan& plan) {
  const SweepDef& def = dir.sweep.def;
  const auto& metrics = def.metrics;
  if (std::find(metrics.begin(), metrics.end(), plan.metric) == metrics.end()) {
    std::vector<std::string> parameters;
    for (const auto& p : def.parameters) parameters.push_back(p.name);
    const bool is_parameter = std::find(parameters.begin(), parameters.end(), plan.metric) != parameters.end();
    const std::string near = nearest_key(plan.metric, metrics);
    throw DiscoverError(fmt::format(
        "{}: \"{}\" is {} of runs.csv{}; its metrics: {}", dir.dir.string(), plan.metric,
        is_parameter ? "a parameter, not a metric," : "not a metric",
        near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near), fmt::join(metrics, ", ")));
  }
  const std::filesystem::path runs_file = dir.dir / "runs.csv";
  std::error_code ec;
  if (!std::filesystem::exists(runs_file, ec))
    throw DiscoverError(fmt::format("{}: no runs.csv", dir.dir.string()));
  try {
    require_regular_file(runs_file, "runs table");  // a FIFO would hang the reader
  } catch (const InputError& e) {
    throw DiscoverError(e.what());
  }
  std::ifstream in(runs_file, std::ios::binary);
  if (!in) throw DiscoverError(fmt::format("cannot read {}", runs_file.string()));
  std::string line;
  std::getline(in, line);
  const auto header = split_csv_line(line);
  auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
      throw DiscoverError(fmt::format("{}: runs.csv has no column {} (its header: {})", dir.dir.string(), name, line));
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t point_column = column("point");
  const std::size_t metric_column = column(plan.metric);
  const std::size_t d = def.parameters.size();
  std::vector<std::size_t> parameter_column;
  Cases out;
  PrimData& data = out.data;
  std::vector<std::map<std::string, std::size_t>> code(d);
  for (const auto& p : def.parameters) {
    parameter_column.push_back(column(p.name));
    data.names.push_back(p.name);
    const bool categorical = is_categorical(p);
    data.categorical.push_back(categorical);
    data.categories.emplace_back(categorical ? p.cells : std::vector<std::string>{});
    if (categorical)
      for (std::size_t k = 0; k < p.cells.size(); ++k) code[data.x.size()][p.cells[k]] = k;
    data.x.emplace_back();
  }

  // Per point (per_point): the parameter values of its first run, the sum
  // and count of its values of the metric.
  std::vector<double> values_of_point;
  double sum = 0.0;
  std::size_t n = 0;
  std::optional<std::size_t> point;
  auto close_point = [&] {
    if (!point) return;
    if (n == 0) {
      ++out.left_out;
    } else {
      for (std::size_t j = 0; j < d; ++j) data.x[j].push_back(values_of_point[j]);
      data.y.push_back(plan.condition.holds(sum / double(n)) ? 1 : 0);
    }
    sum = 0.0;
    n = 0;
  };
  std::vector<double> values(d);
  while (std::getline(in, line)) {
    ++out.rows;
    const auto cells = split_csv_line(line);
    if (cells.size() != header.size())
      throw DiscoverError(fmt::format("{}: row {} has {} cells where the header has {}", runs_file.string(),
                                      out.rows, cells.size(), header.size()));
    for (std::size_t j = 0; j < d; ++j) {
      const std::string& cell = cells[parameter_column[j]];
      if (data.categorical[j]) {
        const auto it = code[j].find(cell);
        if (it == code[j].end())
          throw DiscoverError(fmt::format("{}: row {}: {} = \"{}\" is none of the sweep's values", runs_file.string(),
                                          out.rows, data.names[j], cell));
        values[j] = double(it->second);
      } else if (const auto x = number(cell)) {
        values[j] = *x;
      } else {
        throw DiscoverError(fmt::format("{}: row {}: {} = \"{}\" is not a number", runs_file.string(), out.rows,
                                        data.names[j], cell));
      }
    }
    const std::string& cell = cells[metric_column];
    const auto y = number(cell);
    if (!y && !cell.empty())
      throw DiscoverError(fmt::format("{}: row {}: {} = \"{}\" is not a number", runs_file.string(), out.rows,
                                      plan.metric, cell));
    if (!plan.per_point) {
      if (!y) {
        ++out.left_out;
        continue;
      }
      for (std::size_t j = 0; j < d; ++j) data.x[j].push_back(values[j]);
      data.y.push_back(plan.condition.holds(*y) ? 1 : 0);
      continue;
    }
    const auto p = number(cells[point_column]);
    if (!p) throw DiscoverError(fmt::format("{}: row {} has no point number", runs_file.string(), out.rows));
    const auto this_point = static_cast<std::size_t>(*p);
    if (!point || this_point != *point) {
      close_point();
      point = this_point;
      values_of_point = values;
    }
    if (y) {
      sum += *y;
      ++n;
    }
  }
  close_point();
  return out;
}

std::string describe_limits(const PrimData& d, const PrimResult& r, const PrimBox& b, std::size_t j) {
  if (d.categorical[j]) {
    std::string kept = joined(d.categories[j], b.kept[j]);
    for (std::size_t at = kept.find(';'); at != std::string::npos; at = kept.find(';', at + 2)) kept.replace(at, 1, ", ");
    return "in {" + kept + "}";
  }
  const bool lo = restricts_lower(r, b, j), hi = restricts_upper(r, b, j);
  if (lo && hi) return fmt::format("{} .. {}", num(b.lower[j]), num(b.upper[j]));
  if (lo) return fmt::format(">= {}", num(b.lower[j]));
  return fmt::format("<= {}", num(b.upper[j]));
}

}  // namespace

bool Condition::holds(double x) const {
  switch (op) {
    case Op::ge: return x >= value;
    case Op::gt: return x > value;
    case Op::le: return x <= value;
    case Op::lt: return x < value;
    case Op::eq: return x == value;
  }
  return false;
}

std::string Condition::text() const {
  constexpr const char* names[] = {">=", ">", "<=", "<", "=="};
  return fmt::format("{} {}", names[static_cast<int>(op)], num(value));
}

Condition parse_condition(std::string_view text) {
  std::string_view t = text;
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  Condition c;
  const std::pair<const char*, Condition::Op> ops[] = {
      {">=", Condition::Op::ge}, {"<=", Condition::Op::le}, {"==", Condition::Op::eq},
      {">", Condition::Op::gt},  {"<", Condition::Op::lt}};
  bool found = false;
  for (const auto& [word, op] : ops)
    if (t.starts_with(word)) {
      c.op = op;
      t.remove_prefix(std::string_view(word).size());
      found = true;
      break;
    }
  const auto value = found ? number(t) : std::nullopt;
  if (!value)
    throw DiscoverError(fmt::format("--where \"{}\": expected an operator (>=, >, <=, <, ==) and a number, "
                                    "e.g. --where '>= 6'",
                                    text));
  c.value = *value;
  return c;
}

DiscoverResult discover_sweep(const SweepDirectory& dir, const DiscoverPlan& plan) {
  if (!(plan.threshold >= 0.0 && plan.threshold <= 1.0))
    throw DiscoverError(fmt::format("--threshold {}: expected a density in [0, 1]", plan.threshold));
  Cases cases = read_cases(dir, plan);
  const PrimData& data = cases.data;
  const char* unit = plan.per_point ? "points" : "runs";
  const char* one = plan.per_point ? "point" : "run";
  const char* left_unit = cases.left_out == 1 ? one : unit;
  if (cases.left_out > 0)
    spdlog::warn("{}: {} {} without a value of {} left out", dir.dir.string(), cases.left_out, left_unit, plan.metric);
  const std::string what = fmt::format("{} {}", plan.metric, plan.condition.text());
  if (data.cases() == 0)
    throw DiscoverError(fmt::format("{}: no {} with a value of {} to discover a box in", dir.dir.string(), unit,
                                    plan.metric));
  const auto interest = static_cast<std::size_t>(std::count(data.y.begin(), data.y.end(), 1));
  if (interest == 0)
    throw DiscoverError(fmt::format("{}: no case meets {} (0 of {} {}); nothing to discover", dir.dir.string(), what,
                                    data.cases(), unit));
  if (interest == data.cases())
    throw DiscoverError(fmt::format("{}: every case meets {} ({} of {} {}); nothing to discover", dir.dir.string(),
                                    what, interest, data.cases(), unit));
  spdlog::info("{}: {} of {} {} meet {}; peeling with alpha {}, mass_min {}{}", dir.dir.string(), interest,
               data.cases(), unit, what, plan.prim.alpha, plan.prim.mass_min,
               plan.prim.paste ? fmt::format(", then pasting with alpha {}", plan.prim.paste_alpha) : "");

  const PrimResult r = prim(data, plan.prim);
  bool met = true;
  std::size_t chosen = 0;
  std::string rule;
  if (plan.box) {
    if (*plan.box >= r.trajectory.size())
      throw DiscoverError(fmt::format("--box {}: the trajectory has {} boxes, 0 to {}", *plan.box,
                                      r.trajectory.size(), r.trajectory.size() - 1));
    chosen = *plan.box;
    rule = "--box";
  } else {
    chosen = choose_box(r, plan.threshold, met);
    rule = met ? fmt::format("the highest coverage with density >= {}", share(plan.threshold))
               : fmt::format("the densest: no box reached density {}", share(plan.threshold));
    if (!met) spdlog::warn("no box reached density {}; the densest, box {}, is reported", share(plan.threshold), chosen);
  }
  const PrimStep& box = r.trajectory[chosen];
  const auto significance = prim_significance(data, r, chosen);
  const PrimBox& first = r.trajectory.front().box;

  DiscoverResult out;
  out.trajectory_csv = kTrajectoryHeader;
  for (std::size_t k = 0; k < r.trajectory.size(); ++k) {
    const PrimStep& s = r.trajectory[k];
    std::string parameter, limit;
    if (s.kind != PrimStepKind::start) {
      parameter = csv_cell(data.names[s.parameter]);
      limit = s.kind == PrimStepKind::drop_category || s.kind == PrimStepKind::add_category
                  ? csv_cell(data.categories[s.parameter][s.category])
                  : num(s.limit);
    }
    out.trajectory_csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", k, prim_step_name(s.kind), parameter, limit,
                                      share(s.coverage), share(s.density), share(s.mass), s.cases, s.interest,
                                      s.restricted, k == chosen ? 1 : 0);
  }

  out.box_csv = kBoxHeader;
  std::vector<std::string> restricted_names;
  for (std::size_t j = 0; j < data.dimensions(); ++j) {
    const bool restricted = restricts(r, box.box, j);
    if (restricted) restricted_names.push_back(data.names[j]);
    const PrimSignificance& p = significance[j];
    if (data.categorical[j])
      out.box_csv += fmt::format("{},category,,,,,{},{},{},{},,\n", csv_cell(data.names[j]),
                                 csv_cell(joined(data.categories[j], box.box.kept[j])),
                                 csv_cell(joined(data.categories[j], first.kept[j])), restricted ? 1 : 0,
                                 p_cell(p.p_value));
    else
      out.box_csv += fmt::format("{},number,{},{},{},{},,,{},{},{},{}\n", csv_cell(data.names[j]), num(first.lower[j]),
                                 num(first.upper[j]), num(box.box.lower[j]), num(box.box.upper[j]), restricted ? 1 : 0,
                                 p_cell(p.p_value), p_cell(p.p_lower), p_cell(p.p_upper));
  }

  const nlohmann::json& meta = dir.metadata;
  nlohmann::json j = {
      {"program", {{"name", "alliance"}, {"version", kVersion}}},
      {"sweep",
       {{"name", dir.sweep.def.name},
        {"design", design_name(dir.sweep.def.design)},
        {"sweep_file_sha256", meta.value(nlohmann::json::json_pointer("/sweep_file/sha256"), std::string())},
        {"scenario_file_sha256", meta.value(nlohmann::json::json_pointer("/scenario_file/sha256"), std::string())},
        {"runs_sha256", sha256_of_file(dir.dir / "runs.csv")}}},
      {"metric", plan.metric},
      {"condition", plan.condition.text()},
      {"cases",
       {{"unit", plan.per_point ? "point (the mean of its runs)" : "run"},
        {"total", data.cases()},
        {"of_interest", interest},
        {"left_out", cases.left_out}}},
      {"prim",
       {{"alpha", plan.prim.alpha},
        {"mass_min", plan.prim.mass_min},
        {"paste", plan.prim.paste},
        {"paste_alpha", plan.prim.paste_alpha},
        {"threshold", plan.threshold},
        {"objective", "gain in density per case removed (added)"}}},
      {"boxes", r.trajectory.size()},
      {"chosen",
       {{"box", chosen},
        {"rule", rule},
        {"coverage", box.coverage},
        {"density", box.density},
        {"mass", box.mass},
        {"restricted", restricted_names}}},
      {"files", {"trajectory.csv", "box.csv"}},
  };
  out.discover_json = j.dump(2) + "\n";

  std::string& s = out.summary;
  s += fmt::format("{}: {} in {} of {} {} ({:.1f}%)", dir.dir.string(), what, interest, data.cases(), unit,
                   100.0 * double(interest) / double(data.cases()));
  if (cases.left_out > 0) s += fmt::format("; {} {} without a value left out", cases.left_out, left_unit);
  s += fmt::format("\nPRIM: {} boxes (alpha {}, mass_min {}{}); box {} is {}\n", r.trajectory.size(),
                   plan.prim.alpha, plan.prim.mass_min, plan.prim.paste ? ", pasted" : "", chosen, rule);
  s += fmt::format("box {}: coverage {:.3f}, density {:.3f}, mass {:.3f}, {} of {} parameters restricted\n", chosen,
                   box.coverage, box.density, box.mass, restricted_names.size(), data.dimensions());
  std::size_t width = 0;
  for (const auto& name : restricted_names) width = std::max(width, name.size());
  for (std::size_t k = 0; k < data.dimensions(); ++k)
    if (restricts(r, box.box, k))
      s += fmt::format("  {:<{}}  {}  (p {})\n", data.names[k], width, describe_limits(data, r, box.box, k),
                       p_cell(significance[k].p_value));
  if (restricted_names.size() < data.dimensions()) {
    std::vector<std::string> free;
    for (std::size_t k = 0; k < data.dimensions(); ++k)
      if (!restricts(r, box.box, k)) free.push_back(data.names[k]);
    s += fmt::format("  unrestricted: {}\n", fmt::join(free, ", "));
  }
  return out;
}

}  // namespace alliance
