#pragma once
// Refuse, before running, a run that would exhaust the machine: the disk it
// writes to (`alliance run` streams its tables there as replicates finish)
// or, for the Python module, which keeps the tables, the memory. The
// estimate is from the scenario's size alone.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/columns.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

// Bytes of CSV a run will write, of the selected tables: within about +-50%
// of the real size on the shipped scenarios (rows x bytes per row from the
// columns' types; events are a guess).
std::uint64_t estimated_output_bytes(const ScenarioDef& def,
                                     const TableSelection& tables = TableSelection::all());

// One table's share of estimated_output_bytes, for `alliance run --dry-run`:
// its rows (crises and votes as if every crisis ran every step, events a
// guess) and bytes.
struct TableEstimate {
  RunTable table;
  double rows = 0.0;
  double bytes = 0.0;
};
std::vector<TableEstimate> estimated_tables(const ScenarioDef& def, const TableSelection& tables);

struct ResourceLimits {
  double max_output_gb = 8.0;  // --max-output-gb
};

struct ResourceRefusal {
  std::string message;  // names the limit and how to raise it
  bool machine = false;  // the machine lacks room (memory, disk): exit 1; else over a set limit: exit 2
};

// Why the run must not start, or nullopt. An empty `out`: the tables are kept
// in memory only (the Python module), so free disk space is not checked.
std::optional<ResourceRefusal> check_resources(const ScenarioDef& def, const std::filesystem::path& out,
                                               const ResourceLimits& limits,
                                               const TableSelection& tables = TableSelection::all());

}  // namespace alliance
