#include "runner/resource_limits.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "io/columns.hpp"

namespace alliance {

namespace {

// Events per state and step, measured on kosovo_1998 (200 replicates).
constexpr double kEventsPerMemberStep = 0.1;
constexpr double kGB = 1e9;

double gb(double bytes) { return bytes / kGB; }

std::optional<double> available_memory_bytes() {
  const long pages = ::sysconf(_SC_AVPHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return std::nullopt;
  return static_cast<double>(pages) * static_cast<double>(page);
}

// Free bytes on the file system that will hold `out` (its nearest existing ancestor).
std::optional<double> free_disk_bytes(const std::filesystem::path& out, std::filesystem::path& probe) {
  std::error_code ec;
  probe = out;
  while (!probe.empty() && !std::filesystem::exists(probe, ec)) probe = probe.parent_path();
  if (probe.empty()) probe = ".";
  const auto space = std::filesystem::space(probe, ec);
  if (ec) return std::nullopt;
  return static_cast<double>(space.available);
}

}  // namespace

std::uint64_t estimated_output_bytes(const ScenarioDef& def, const TableSelection& selection) {
  // Rows per table times bytes per row, from the columns' declarations.
  const auto tables = output_tables(def);
  const auto row = [&](RunTable t) { return selection.has(t) ? estimated_row_bytes(table_of(tables, t)) : 0.0; };
  const double steps = def.simulation.steps;
  const double states = static_cast<double>(def.states.size());
  const double crises = static_cast<double>(def.crises.size());
  const double per_step = row(RunTable::steps) + row(RunTable::members) * states +
                          crises * (row(RunTable::crises) + row(RunTable::votes) * states) +
                          row(RunTable::events) * kEventsPerMemberStep * states;
  const double per_replicate = steps * per_step + row(RunTable::summary);
  return static_cast<std::uint64_t>(per_replicate * def.simulation.replicates);
}

std::vector<TableEstimate> estimated_tables(const ScenarioDef& def, const TableSelection& selection) {
  // The rows behind estimated_output_bytes's sum, table by table.
  const auto tables = output_tables(def);
  const double replicates = def.simulation.replicates;
  const double step_rows = replicates * def.simulation.steps;
  const double states = static_cast<double>(def.states.size());
  const double crises = static_cast<double>(def.crises.size());
  std::vector<TableEstimate> out;
  for (std::size_t t = 0; t < kRunTableCount; ++t) {
    const auto table = static_cast<RunTable>(t);
    if (!selection.has(table)) continue;
    double rows = 0.0;
    switch (table) {
      case RunTable::steps: rows = step_rows; break;
      case RunTable::members: rows = step_rows * states; break;
      case RunTable::crises: rows = step_rows * crises; break;
      case RunTable::votes: rows = step_rows * crises * states; break;
      case RunTable::events: rows = step_rows * kEventsPerMemberStep * states; break;
      case RunTable::summary: rows = replicates; break;
    }
    out.push_back({table, rows, rows * estimated_row_bytes(table_of(tables, table))});
  }
  return out;
}

std::optional<ResourceRefusal> check_resources(const ScenarioDef& def, const std::filesystem::path& out,
                                               const ResourceLimits& limits, const TableSelection& tables) {
  const double bytes = static_cast<double>(estimated_output_bytes(def, tables));
  const std::string size = fmt::format("about {:.2g} GB of tables ({} replicates x {} steps x {} states)", gb(bytes),
                                       def.simulation.replicates, def.simulation.steps, def.states.size());
  if (bytes > limits.max_output_gb * kGB)
    return ResourceRefusal{fmt::format("this run would write {}, over the limit of {:g} GB; use fewer replicates or "
                                       "steps, or raise the limit with --max-output-gb", size, limits.max_output_gb),
                           false};
  // Only the Python module (no `out`) holds the tables until the end;
  // `alliance run` streams them to disk as replicates finish.
  if (const auto memory = available_memory_bytes(); out.empty() && memory && bytes > 0.8 * *memory)
    return ResourceRefusal{fmt::format("this run would hold {} in memory, and {:.2g} GB is available; use fewer "
                                       "replicates or steps (several runs with different --seed)",
                                       size, gb(*memory)),
                           true};
  std::filesystem::path probe;
  if (out.empty()) return std::nullopt;  // kept in memory only (the Python module): no disk to fill
  if (const auto disk = free_disk_bytes(out, probe); disk && bytes > *disk)
    return ResourceRefusal{fmt::format("this run would write {}, and the file system of {} has {:.2g} GB free; free "
                                       "space or choose another --out", size, probe.string(), gb(*disk)),
                           true};
  return std::nullopt;
}

}  // namespace alliance
