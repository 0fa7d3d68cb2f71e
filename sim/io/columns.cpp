#include "io/columns.hpp"

#include <algorithm>

#include "io/run_tables.hpp"

namespace alliance {

std::string_view type_name(CellType type) {
  switch (type) {
    case CellType::integer: return "integer";
    case CellType::number: return "number";
    case CellType::string: return "string";
    case CellType::boolean: return "boolean";
    case CellType::yearmonth: return "yearmonth";
  }
  return "string";
}

std::vector<int> accession_wave_steps(const ScenarioDef& def) {
  std::vector<int> steps;
  for (const auto& e : def.events)
    if (e.kind == EventKind::accession && std::find(steps.begin(), steps.end(), e.step) == steps.end())
      steps.push_back(e.step);
  std::sort(steps.begin(), steps.end());
  return steps;
}

namespace {

template <typename Row>
std::vector<Column> described(const std::vector<ColumnDef<Row>>& columns) {
  std::vector<Column> out;
  describe(out, columns);
  return out;
}

}  // namespace

std::vector<TableSpec> output_tables(const ScenarioDef& def) {
  // In the order of RunTable.
  return {
      {"steps.csv", "one row per replicate and step", described(step_columns()), {"replicate", "step"}},
      {"members.csv", "one row per replicate, step and state", described(member_columns()), {"replicate", "step", "code"}},
      {"crises.csv", "one row per replicate, step and active crisis", described(crisis_columns()),
       {"replicate", "step", "crisis"}},
      {"votes.csv", "one row per replicate, step, active crisis and member", described(vote_columns()),
       {"replicate", "step", "crisis", "code"}},
      {"events.csv", "one row per event", described(event_columns()), {}},
      {"summary.csv", "one row per replicate", summary_table_columns(def), {"replicate"}},
  };
}

const TableSpec& table_of(const std::vector<TableSpec>& tables, RunTable table) {
  return tables.at(static_cast<std::size_t>(table));
}

double estimated_row_bytes(const TableSpec& table) {
  // Mean widths by type, measured on kosovo_1998 and teaching_triad (20
  // replicates) and rounded up: numbers take up to 8 significant digits but
  // many are short; strings are codes, ids and short details.
  double bytes = 0.0;
  for (const auto& c : table.columns) {
    if (c.type == "number") bytes += 7.0;
    else if (c.type == "integer") bytes += 2.0;
    else if (c.type == "boolean") bytes += 1.0;
    else if (c.type == "yearmonth") bytes += 7.0;
    else bytes += 6.0;
    bytes += 1.0;  // the comma or newline
  }
  return bytes;
}

std::string csv_header(const TableSpec& table) {
  std::string header;
  for (const auto& c : table.columns) {
    if (!header.empty()) header += ',';
    header += c.name;
  }
  header += '\n';
  return header;
}

}  // namespace alliance
