#pragma once
// An output column declared once: its name, type, unit, meaning and the code
// that computes it from a row of the recorder's context (the idea of Mesa's
// DataCollector and Agents.jl's `adata`). The CSV header, datapackage.json,
// run.json, the README's column reference (checked by a test), the size
// estimate and the values all come from the same declaration.
#include <array>
#include <cassert>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
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

// A row's cells, comma-separated, as one CSV line; with `memos` (one per
// column, NumberMemo) for a table whose rows repeat from step to step
// (members.csv), where most numbers are unchanged. The row's room is
// reserved once and written in place. Debug builds check each cell against
// its column's declared type.
template <typename Row>
void append_row(fmt::memory_buffer& out, const std::vector<ColumnDef<Row>>& columns, const Row& row,
                NumberMemo* memos = nullptr) {
  constexpr std::size_t kMaxColumns = 64;
  assert(columns.size() <= kMaxColumns);
  // Room for the cells, left uninitialised: a std::array<Cell, 64> set
  // every one of its 2.5 KB to empty cells for every row, a fifth of the
  // time members.csv took (perf). Cells are trivially destructible.
  static_assert(std::is_trivially_destructible_v<Cell>);
  union Slot {
    Slot() {}
    Cell cell;
  };
  std::array<Slot, kMaxColumns> slots;
  std::size_t room = columns.size();  // the commas and the newline
  for (std::size_t i = 0; i < columns.size(); ++i) {
    Cell& cell = *new (&slots[i].cell) Cell(columns[i].value(row));
    assert(cell_fits(cell, type_name(columns[i].type)));
    room += cell.max_text_size();
  }
  const std::size_t at = out.size();
  out.resize(at + room);
  char* p = out.data() + at;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) *p++ = ',';
    p = slots[i].cell.write_to(p, memos ? memos + i : nullptr);
  }
  *p++ = '\n';
  out.resize(static_cast<std::size_t>(p - out.data()));
}

// The documentation part of declarations, with `prefix` before each name.
template <typename Row>
void describe(std::vector<Column>& into, const std::vector<ColumnDef<Row>>& columns, std::string_view prefix = {}) {
  for (const auto& c : columns)
    into.push_back({std::string(prefix) + std::string(c.name), std::string(type_name(c.type)), std::string(c.unit),
                    std::string(c.description)});
}

}  // namespace alliance
