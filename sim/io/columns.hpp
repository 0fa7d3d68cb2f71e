#pragma once
// Every output column with its type, unit and meaning: the one place the
// CSV headers and their documentation (scenarios/README.md, run.json) come from.
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario_def.hpp"

namespace alliance {

struct Column {
  std::string name;
  std::string type;  // integer | number | string | boolean (0/1) | yearmonth (YYYY-MM): Table Schema names
  std::string unit;  // "" when dimensionless
  std::string description;
};

struct TableSpec {
  std::string file;  // e.g. "steps.csv"
  std::string description;
  std::vector<Column> columns;
  std::vector<std::string> primary_key;  // columns that identify a row; empty if none do
};

// The tables `alliance run` writes; the summary's columns depend on the
// scenario's crises and accession waves.
std::vector<TableSpec> output_tables(const ScenarioDef& def);

std::string csv_header(const TableSpec& table);

// Accession waves: the distinct steps at which accessions happen, in order.
std::vector<int> accession_wave_steps(const ScenarioDef& def);

}  // namespace alliance
