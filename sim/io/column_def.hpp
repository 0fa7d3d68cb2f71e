#pragma once
// An output column declared once: its name, type, unit, meaning and the code
// that computes it from a row of the recorder's context (the idea of Mesa's
// DataCollector and Agents.jl's `adata`). The CSV header, datapackage.json,
// run.json, the README's column reference (checked by a test), the size
// estimate and the values all come from the same declaration.
#include <cassert>
#include <string>
#include <string_view>
#include <vector>

#include "io/cell.hpp"
#include "io/columns.hpp"

namespace alliance {

template <typename Row>
struct ColumnDef {
  std::string_view name;
  CellType type;
  std::string_view unit;  // "" when dimensionless
  std::string_view description;
  Cell (*value)(const Row&);
};

// A row's cells, comma-separated, as one CSV line. Debug builds check each
// cell against its column's declared type.
template <typename Row>
void append_row(fmt::memory_buffer& out, const std::vector<ColumnDef<Row>>& columns, const Row& row) {
  bool first = true;
  for (const auto& c : columns) {
    if (!first) out.push_back(',');
    first = false;
    const Cell cell = c.value(row);
    assert(cell_fits(cell, type_name(c.type)));
    cell.append_to(out);
  }
  out.push_back('\n');
}

// The documentation part of declarations, with `prefix` before each name.
template <typename Row>
void describe(std::vector<Column>& into, const std::vector<ColumnDef<Row>>& columns, std::string_view prefix = {}) {
  for (const auto& c : columns)
    into.push_back({std::string(prefix) + std::string(c.name), std::string(type_name(c.type)), std::string(c.unit),
                    std::string(c.description)});
}

}  // namespace alliance
