#include "sweep/sweep_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "scenario/input_file.hpp"
#include "io/run_metadata.hpp"
#include "scenario/name_rule.hpp"
#include "scenario/reader.hpp"
#include "scenario/reader_toml.hpp"
#include "scenario/table_reader.hpp"
#include "sweep/design.hpp"

namespace alliance {

namespace {

constexpr int kMaxLevels = 100'000;
constexpr int kMaxSamples = 100'000'000;

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }
int column_of(const toml::node& n) { return static_cast<int>(n.source().begin.column); }

// A value as `--set` reads it, and as a CSV cell.
std::pair<std::string, std::string> literal_and_cell(const toml::node& n) {
  std::ostringstream literal;
  n.visit([&](auto&& v) {
    if constexpr (toml::is_table<decltype(v)>)
      literal << v;  // refused by the caller
    else
      literal << toml::toml_formatter(v, toml::format_flags::none);
  });
  if (const auto s = n.value_exact<std::string>()) return {literal.str(), *s};
  return {literal.str(), literal.str()};
}

void read_values(TableReader& r, const toml::node& values, ParameterDef& p) {
  const toml::array* arr = values.as_array();
  if (!arr || arr->empty()) {
    r.error_at(&values, "values", "expected a non-empty array of values, e.g. [\"consensus\", \"majority\"]");
    return;
  }
  std::set<std::string> seen;
  for (const auto& v : *arr) {
    if (v.is_table()) {
      r.error_at(&v, "values", "a value cannot be a table");
      continue;
    }
    auto [literal, cell] = literal_and_cell(v);
    if (!seen.insert(literal).second) r.error_at(&v, "values", fmt::format("{} is listed twice", literal));
    p.literals.push_back(std::move(literal));
    p.cells.push_back(std::move(cell));
  }
}

void read_range(TableReader& r, const toml::node& range, ParameterDef& p) {
  const toml::array* arr = range.as_array();
  const auto lo = arr && arr->size() == 2 ? (*arr)[0].value<double>() : std::nullopt;
  const auto hi = arr && arr->size() == 2 ? (*arr)[1].value<double>() : std::nullopt;
  if (!lo || !hi || !std::isfinite(*lo) || !std::isfinite(*hi) || !(*lo < *hi)) {
    r.error_at(&range, "range", "expected [low, high], two finite numbers with low < high");
    return;
  }
  p.lo = *lo;
  p.hi = *hi;
  if (p.distribution == Distribution::log_uniform && p.lo <= 0.0)
    r.error_at(&range, "range", "a log-uniform range needs low > 0");
  if (p.distribution == Distribution::integer &&
      (std::floor(p.lo) != p.lo || std::floor(p.hi) != p.hi || std::abs(p.lo) > 1e15 || std::abs(p.hi) > 1e15))
    r.error_at(&range, "range", "an integer range needs whole numbers, e.g. [2, 30]");
}

ParameterDef read_parameter(TableReader& r, const toml::node& where) {
  ParameterDef p;
  p.line = line_of(where);
  p.column = column_of(where);
  if (auto path = r.required_string("path")) p.path = *path;
  p.name = r.string("name", p.path);
  if (p.name.empty() || p.name.find_first_of(",\"\n\r") != std::string::npos)
    r.error_at(r.node("name"), "name", "expected a column name without commas, quotes or line breaks");
  const toml::node* values = r.node("values");
  const toml::node* range = r.node("range");
  p.distribution = read_choice<Distribution>(r, "distribution", Distribution::uniform,
                                             {{"uniform", Distribution::uniform},
                                              {"log-uniform", Distribution::log_uniform},
                                              {"integer", Distribution::integer}});
  p.levels = static_cast<int>(r.integer("levels", 0, 2, kMaxLevels));
  if (values && range) {
    r.error_at(range, "range", "give `values` or `range`, not both");
  } else if (values) {
    if (r.node("distribution")) r.error_at(r.node("distribution"), "distribution", "applies to a `range` only");
    if (r.node("levels")) r.error_at(r.node("levels"), "levels", "applies to a `range` only");
    p.distribution = Distribution::values;
    read_values(r, *values, p);
  } else if (range) {
    read_range(r, *range, p);
    if (p.distribution == Distribution::integer && p.levels > 0 && double(p.levels) > p.hi - p.lo + 1.0)
      r.error_at(r.node("levels"), "levels", "more levels than whole numbers in the range");
  } else {
    r.error_at(&where, "values",
               "missing; a parameter needs `values = [...]` or `range = [low, high]` (with `distribution`)");
  }
  r.finish();
  return p;
}

// `name` names the output folder, results/<name>: a name, never a path
// (scenario/name_rule.hpp). Without the key, the file's name without
// ".toml" must be one.
void read_name(TableReader& top, SweepDef& def) {
  const std::string stem = std::filesystem::path(def.source).stem().string();
  const toml::node* n = top.node("name");
  if (n && !n->is_string()) {
    top.required_string("name");  // reports the wrong type
    return;
  }
  def.name = top.string("name", stem);
  const std::string why = name_problem(def.name);
  if (why.empty()) return;
  if (n)
    top.error_at(n, "name",
                 fmt::format("{} cannot name the output folder results/<name>: {}; use 1 to {} letters, digits, '.', "
                             "'_' or '-', starting with a letter, digit or '_'",
                             quoted_for_message(def.name), why, kMaxNameLength));
  else
    top.diagnostics().add(0, 0, "name",
                          fmt::format("missing, and the file's name without .toml, {}, cannot name the output "
                                      "folder results/<name>: {}; add name = \"...\" (1 to {} letters, digits, "
                                      "'.', '_' or '-')",
                                      quoted_for_message(stem), why, kMaxNameLength));
}

SweepDef read_root(const toml::table& root, std::string source) {
  Diagnostics diag(source);
  TableReader top(root, "", diag);
  SweepDef def;
  def.source = source;
  if (auto scenario = top.required_string("scenario")) {
    const std::filesystem::path p(*scenario);
    def.scenario = p.is_absolute() ? p : std::filesystem::path(source).parent_path() / p;
    def.scenario_line = line_of(*top.node("scenario"));
    def.scenario_column = column_of(*top.node("scenario"));
  }
  read_name(top, def);
  def.design = read_choice<DesignKind>(top, "design", DesignKind::grid,
                                       {{"grid", DesignKind::grid},
                                        {"random", DesignKind::random},
                                        {"lhs", DesignKind::lhs},
                                        {"saltelli", DesignKind::saltelli},
                                        {"morris", DesignKind::morris}});
  const bool needs_samples = def.design != DesignKind::grid;
  def.samples = static_cast<int>(top.integer("samples", 0, 1, kMaxSamples));
  if (needs_samples && !top.node("samples"))
    diag.add(0, 0, "samples",
             fmt::format("missing; the {} design needs `samples` ({})", design_name(def.design),
                         def.design == DesignKind::saltelli ? "base samples N; runs N (d + 2) points"
                         : def.design == DesignKind::morris ? "trajectories r; runs r (d + 1) points"
                                                            : "the number of points"));
  if (!needs_samples && top.node("samples"))
    top.error_at(top.node("samples"), "samples", "a grid's size is the product of its parameters' levels");
  def.morris_levels = static_cast<int>(top.integer("morris_levels", 4, 2, 1000));
  if (def.morris_levels % 2 != 0)
    top.error_at(top.node("morris_levels"), "morris_levels", "expected an even number of levels (Morris 1991)");
  def.replicates = static_cast<int>(top.integer("replicates", 1, 1, kMaxReplicates));
  def.seed = static_cast<std::uint64_t>(top.integer("seed", 1, 0, std::numeric_limits<long long>::max()));
  def.metrics = top.strings("metrics");

  std::set<std::string> paths, names;
  if (const toml::array* parameters = top.array_of_tables("parameter")) {
    std::size_t index = 0;
    for (const auto& node : *parameters) {
      TableReader r(*node.as_table(), fmt::format("parameter[{}]", index++), diag);
      ParameterDef p = read_parameter(r, node);
      if (p.path == "simulation.seed" || p.path == "simulation.replicates")
        r.error_at(r.node("path"), "path",
                   "set by the sweep for each run (its `seed` and `replicates`); it cannot be a parameter");
      if (!p.path.empty() && !paths.insert(p.path).second)
        r.error_at(r.node("path"), "path", fmt::format("\"{}\" is swept twice", p.path));
      if (!p.name.empty() && !names.insert(p.name).second)
        r.error_at(r.node("name"), "name", fmt::format("two parameters are named \"{}\"", p.name));
      if (def.design == DesignKind::grid && p.grid_size() == 0 && p.distribution != Distribution::values)
        r.error_at(&node, "levels", "a grid needs `levels` for a continuous range (how many evenly spaced values)");
      def.parameters.push_back(std::move(p));
    }
  }
  if (def.parameters.empty()) diag.add(0, 0, "parameter", "missing; a sweep needs at least one [[parameter]]");
  top.finish();
  diag.throw_if_any();

  const std::size_t points = design_size(def);
  const long double runs = static_cast<long double>(points) * def.replicates;
  bool overflow = false;
  if (def.design == DesignKind::grid) {  // the product may overflow before the check
    long double product = 1;
    for (const auto& p : def.parameters) product *= static_cast<long double>(p.grid_size());
    overflow = product * def.replicates > static_cast<long double>(kMaxSweepRuns);
  }
  if (overflow || runs > static_cast<long double>(kMaxSweepRuns))
    throw InputError({{source, 0, 0, "replicates",
                       fmt::format("the design asks for more than {} runs; split it into several sweeps",
                                   kMaxSweepRuns)}});
  return def;
}

std::string first_issue(const InputError& e) {
  if (e.issues().empty()) return e.what();
  const InputIssue& i = e.issues().front();
  return i.key.empty() ? i.message : fmt::format("{}: {}", i.key, i.message);
}

}  // namespace

SweepDef read_sweep_text(std::string_view text, std::string source_name) {
  const toml::table root = parse_toml(text, source_name);
  return read_root(root, std::move(source_name));
}

SweepDef read_sweep_file(const std::filesystem::path& path) {
  return read_sweep_text(read_input_file(path, kSweepFile), path.string());
}

PreparedSweep prepare_sweep(SweepDef def, std::string sweep_bytes) {
  PreparedSweep s;
  s.sweep_bytes = std::move(sweep_bytes);
  const std::string scenario = def.scenario.lexically_normal().string();
  try {
    s.scenario_bytes = read_input_file(def.scenario, kScenarioFile);  // regular files only, up to 16 MB
  } catch (const InputError& e) {
    const std::string why = e.issues().empty() ? e.what() : e.issues().front().message;
    throw InputError({{def.source, def.scenario_line, def.scenario_column, "scenario",
                       fmt::format("{} (the path {} is relative to the sweep file)", why, scenario)}});
  }
  s.base = parse_toml(s.scenario_bytes, scenario);
  // Read from a table parsed again, not from a copy of s.base: toml++ copies
  // no source positions, and the base scenario's errors must name their line.
  const ScenarioDef base = read_scenario_table(parse_toml(s.scenario_bytes, scenario), scenario);
  s.summary_columns = summary_table_columns(base);
  if (base.data.present) {
    // inputs/ holds the scenario beside copies of its tables at the same
    // relative paths, so that merge and verify read what the runs read. A
    // table named by an absolute path or through ".." stays where it is.
    const std::vector<std::string> written{base.data.series, base.data.capitals};
    for (std::size_t i = 0; i < written.size() && i < base.data.files.size(); ++i) {
      const std::filesystem::path rel = std::filesystem::path(written[i]).lexically_normal();
      if (written[i].empty() || rel.is_absolute() || rel.empty() || *rel.begin() == "..") continue;
      s.data_inputs.emplace_back(rel.generic_string(), read_input_file(base.data.files[i], kScenarioFile));
    }
  }

  Diagnostics diag(def.source);
  for (std::size_t i = 0; i < def.parameters.size(); ++i) {
    const ParameterDef& p = def.parameters[i];
    std::vector<std::string> tried;
    if (p.distribution == Distribution::values) tried = p.literals;
    else tried = {value_at(p, 0.0).literal, value_at(p, 1.0).literal};
    for (const auto& literal : tried) {
      try {
        read_scenario_table(s.base, scenario, {fmt::format("{}={}", p.path, literal)});
      } catch (const InputError& e) {
        diag.add(p.line, p.column, fmt::format("parameter[{}].path", i),
                 fmt::format("the scenario {} does not accept {} = {}: {}", scenario, p.path, literal,
                             first_issue(e)));
        break;
      }
    }
  }
  std::vector<std::string> columns;
  for (const auto& c : s.summary_columns)
    if (c.name != "replicate" && c.name != "seed") columns.push_back(c.name);
  if (def.metrics.empty()) def.metrics = columns;
  for (const auto& m : def.metrics) {
    const auto it = std::find(columns.begin(), columns.end(), m);
    if (it == columns.end()) {
      const std::string near = nearest_key(m, columns);
      diag.add(0, 0, "metrics",
               fmt::format("\"{}\" is not a column of {}'s summary.csv{}", m, scenario,
                           near.empty() ? "" : fmt::format("; did you mean \"{}\"?", near)));
      continue;
    }
    for (std::size_t c = 0; c < s.summary_columns.size(); ++c)
      if (s.summary_columns[c].name == m) s.metric_index.push_back(c);
  }
  diag.throw_if_any();
  s.points = design_size(def);
  s.def = std::move(def);
  return s;
}

}  // namespace alliance
