#pragma once
// The tables `alliance run` writes, described: each column's name, type,
// unit and meaning, taken from its declaration (io/run_tables.hpp), for the
// CSV headers, datapackage.json, run.json and the README's reference.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario_def.hpp"

namespace alliance {

// Table Schema's names for a column's type: booleans are written 0/1 and
// year-months YYYY-MM.
enum class CellType { integer, number, string, boolean, yearmonth };
std::string_view type_name(CellType type);

struct Column {
  std::string name;
  std::string type;  // type_name() of its CellType
  std::string unit;  // "" when dimensionless
  std::string description;
};

struct TableSpec {
  std::string file;  // e.g. "steps.csv"
  std::string description;
  std::vector<Column> columns;
  std::vector<std::string> primary_key;  // columns that identify a row; empty if none do
};

// The tables `alliance run` writes, in this order; the summary's columns
// depend on the scenario's crises and accession waves.
enum class RunTable { steps, members, crises, votes, events, summary };
inline constexpr std::size_t kRunTableCount = 6;
// The table's name as --tables takes it ("members"); its file adds ".csv".
std::string_view table_name(RunTable t);
std::vector<TableSpec> output_tables(const ScenarioDef& def);
const TableSpec& table_of(const std::vector<TableSpec>& tables, RunTable table);

// Which tables a run writes. summary.csv is always written: it is what
// `check` and `sweep` read, and it costs one row per replicate.
class TableSelection {
 public:
  static TableSelection all();
  static TableSelection summary_only();
  // Names, comma-separated ("summary,steps"; "members.csv" will do for
  // "members"); nullopt, with `why` naming the unknown name, the nearest
  // known one and all of them, when a name is unknown.
  static std::optional<TableSelection> parse(std::string_view names, std::string& why);
  bool has(RunTable t) const { return on_[static_cast<std::size_t>(t)]; }
  TableSelection with(RunTable t) const {
    TableSelection s = *this;
    s.on_[static_cast<std::size_t>(t)] = true;
    return s;
  }

 private:
  std::array<bool, kRunTableCount> on_{};
};
// The tables of the selection, in the order of RunTable.
std::vector<TableSpec> written_tables(const ScenarioDef& def, const TableSelection& selection);

// Bytes a row of the table takes, estimated from its columns' types.
double estimated_row_bytes(const TableSpec& table);

// summary.csv's columns: fixed ones, a group per crisis (named by its id), a
// group per accession wave (io/summary_table.cpp).
std::vector<Column> summary_table_columns(const ScenarioDef& def);

std::string csv_header(const TableSpec& table);

// Accession waves: the distinct steps at which accessions happen, in order.
std::vector<int> accession_wave_steps(const ScenarioDef& def);

}  // namespace alliance
