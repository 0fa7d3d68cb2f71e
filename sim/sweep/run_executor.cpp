#include "sweep/run_executor.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "io/columns.hpp"
#include "core/rng.hpp"
#include "runner/run_scenario.hpp"
#include "scenario/build_world.hpp"
#include "scenario/reader.hpp"
#include "scenario/reader_toml.hpp"
#include "sweep/design.hpp"
#include "sweep/sweep_tables.hpp"

namespace alliance {

namespace {

std::string issues_text(const InputError& e) {
  std::string text;
  for (const auto& i : e.issues()) {
    if (!text.empty()) text += "; ";
    text += i.key.empty() ? i.message : fmt::format("{}: {}", i.key, i.message);
  }
  return text.empty() ? e.what() : text;
}

std::string prefix_lines(const std::string& lines, std::size_t run) {
  std::string out;
  const std::string prefix = fmt::format("{},", run);
  std::size_t pos = 0;
  while (pos < lines.size()) {
    const auto nl = lines.find('\n', pos);
    const std::size_t end = nl == std::string::npos ? lines.size() : nl + 1;
    out += prefix;
    out.append(lines, pos, end - pos);
    pos = end;
  }
  return out;
}

}  // namespace

struct RunExecutor::PointCache {
  std::size_t point = static_cast<std::size_t>(-1);
  std::vector<ParameterValue> values;
  std::optional<ScenarioDef> def;
  std::optional<World> initial;
  std::optional<RecordingContext> context;
  std::vector<std::size_t> metric_cells;  // where each metric is in this point's summary row
  std::string error;                      // the point cannot be built
};

RunExecutor::RunExecutor(const PreparedSweep& sweep, bool keep_steps)
    : sweep_(sweep), keep_steps_(keep_steps), cache_(std::make_unique<PointCache>()) {}

RunExecutor::~RunExecutor() = default;

SweepRecord RunExecutor::execute(std::size_t run) {
  const auto replicates = static_cast<std::size_t>(sweep_.def.replicates);
  const std::size_t point = run / replicates;
  const int replicate = static_cast<int>(run % replicates);
  const std::uint64_t seed = run_seed(sweep_.def.seed, run);
  PointCache& c = *cache_;
  if (c.point != point) {
    // The previous point's world lends its geography when it is the same
    // (a sweep over anything but positions and reach scales).
    std::optional<World> previous = std::move(c.initial);
    c = PointCache{};
    c.point = point;
    c.values = Design(sweep_.def).values(point);
    if (spdlog::should_log(spdlog::level::debug)) {
      std::string values;
      for (std::size_t j = 0; j < c.values.size(); ++j)
        values += fmt::format("{}{}={}", j ? ", " : "", sweep_.def.parameters[j].path, c.values[j].literal);
      spdlog::debug("point {}: {}", point, values);
    }
    std::vector<std::string> overrides;
    for (std::size_t j = 0; j < c.values.size(); ++j)
      overrides.push_back(fmt::format("{}={}", sweep_.def.parameters[j].path, c.values[j].literal));
    try {
      c.def = read_scenario_table(sweep_.base, sweep_.def.scenario.lexically_normal().string(), overrides);
      c.initial = build_world(*c.def, previous ? &*previous : nullptr);
      c.context = RecordingContext::from(*c.def);
      const std::vector<Column> columns = summary_table_columns(*c.def);
      for (const std::size_t m : sweep_.metric_index) {
        const std::string& name = sweep_.summary_columns[m].name;
        const auto it = std::find_if(columns.begin(), columns.end(), [&](const Column& x) { return x.name == name; });
        if (it == columns.end()) {
          c.error = fmt::format("the metric {} is not a summary column under this point's values", name);
          break;
        }
        c.metric_cells.push_back(static_cast<std::size_t>(it - columns.begin()));
      }
    } catch (const InputError& e) {
      c.error = "the scenario does not accept this point's values: " + issues_text(e);
    } catch (const std::exception& e) {
      c.error = e.what();
    }
  }
  SweepRecord record;
  record.run = run;
  record.row = run_prefix(run, point, replicate, seed, c.values);
  std::string error = c.error;
  if (error.empty()) {
    try {
      // What `alliance run --seed <run seed> --replicates 1` computes.
      const TableSelection tables =
          keep_steps_ ? TableSelection::summary_only().with(RunTable::steps) : TableSelection::summary_only();
      const ReplicateOutput output =
          run_one_replicate(*c.def, *c.initial, *c.context, 0, replicate_seed(seed, 0), tables, &scratch_);
      std::vector<Cell> metrics;
      for (const std::size_t cell : c.metric_cells) metrics.push_back(output.summary.at(cell));
      record.row += csv_line(metrics);
      if (keep_steps_) record.steps = prefix_lines(output.tables[RunTable::steps], run);
      spdlog::debug("run {} (point {}, replicate {}, seed {}): done", run, point, replicate, seed);
      return record;
    } catch (const std::exception& e) {
      error = e.what();
    }
  }
  record.failed = true;
  spdlog::debug("run {} (point {}, replicate {}, seed {}): failed: {}", run, point, replicate, seed, error);
  record.row += csv_cell(error) + "\n";
  record.steps.clear();
  return record;
}

}  // namespace alliance
