#include "io/columns.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "io/run_tables.hpp"
#include "scenario/input_error.hpp"  // nearest_key

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

// By RunTable; each file is the name with ".csv".
constexpr std::string_view kNames[kRunTableCount] = {"steps", "members", "crises", "votes", "events", "summary"};

}  // namespace

std::string_view table_name(RunTable t) { return kNames[static_cast<std::size_t>(t)]; }

namespace {

std::string file_of(RunTable t) { return std::string(kNames[static_cast<std::size_t>(t)]) + ".csv"; }

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
      {file_of(RunTable::steps), "one row per replicate and step", described(step_columns()), {"replicate", "step"}},
      {file_of(RunTable::members), "one row per replicate, step and state", described(member_columns()), {"replicate", "step", "code"}},
      {file_of(RunTable::crises), "one row per replicate, step and active crisis", described(crisis_columns()),
       {"replicate", "step", "crisis"}},
      {file_of(RunTable::votes), "one row per replicate, step, active crisis and member", described(vote_columns()),
       {"replicate", "step", "crisis", "code"}},
      {file_of(RunTable::events), "one row per event", described(event_columns()), {}},
      {file_of(RunTable::summary), "one row per replicate", summary_table_columns(def), {"replicate"}},
  };
}

const TableSpec& table_of(const std::vector<TableSpec>& tables, RunTable table) {
  return tables.at(static_cast<std::size_t>(table));
}

TableSelection TableSelection::all() {
  TableSelection s;
  s.on_.fill(true);
  return s;
}

TableSelection TableSelection::summary_only() {
  TableSelection s;
  s.on_[static_cast<std::size_t>(RunTable::summary)] = true;
  return s;
}

std::optional<TableSelection> TableSelection::parse(std::string_view names, std::string& why) {
  TableSelection s = summary_only();
  while (!names.empty()) {
    const auto comma = names.find(',');
    std::string_view name = names.substr(0, comma);
    if (name.ends_with(".csv")) name.remove_suffix(4);  // the file's name will do
    const auto* it = std::find(std::begin(kNames), std::end(kNames), name);
    if (it == std::end(kNames)) {
      const std::string near = nearest_key(name, std::vector<std::string>(std::begin(kNames), std::end(kNames)));
      why = fmt::format("no table \"{}\"{}; the tables are steps, members, crises, votes, events and summary "
                        "(summary is always written)", name,
                        near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near));
      return std::nullopt;
    }
    s.on_[static_cast<std::size_t>(it - std::begin(kNames))] = true;
    if (comma == std::string_view::npos) break;
    names.remove_prefix(comma + 1);
  }
  return s;
}

std::vector<TableSpec> written_tables(const ScenarioDef& def, const TableSelection& selection) {
  std::vector<TableSpec> tables = output_tables(def);
  std::vector<TableSpec> written;
  for (std::size_t t = 0; t < tables.size(); ++t)
    if (selection.has(static_cast<RunTable>(t))) written.push_back(std::move(tables[t]));
  return written;
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
