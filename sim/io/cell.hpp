#pragma once
// One value of an output table, typed, and the one way it is written as CSV.
// Recorders produce cells; the writer formats them; `check` and `sweep` read
// summary cells in-process (as numbers or as formatted text).
#include <concepts>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"

namespace alliance {

// A NaN or infinity was about to be written: a fault in the model.
class NonFiniteOutput : public RunFailure {
 public:
  using RunFailure::RunFailure;
};

class Cell {
 public:
  enum class Kind : std::uint8_t { empty, signed_integer, unsigned_integer, number, text };

  Cell() = default;  // empty: "not applicable"
  Cell(bool b) : kind_(Kind::signed_integer), signed_(b ? 1 : 0) {}  // written 0/1
  template <std::signed_integral T>
  Cell(T i) : kind_(Kind::signed_integer), signed_(i) {}
  template <std::unsigned_integral T>
    requires(!std::same_as<T, bool>)
  Cell(T u) : kind_(Kind::unsigned_integer), unsigned_(u) {}
  Cell(double x) : kind_(Kind::number), number_(x) {}
  Cell(const std::optional<double>& x) : kind_(x ? Kind::number : Kind::empty), number_(x.value_or(0.0)) {}
  // Text is borrowed: it must outlive the cell (codes, ids, names).
  Cell(std::string_view s) : kind_(Kind::text), text_(s) {}
  Cell(const char* s) : Cell(std::string_view(s)) {}
  Cell(const std::string& s) : Cell(std::string_view(s)) {}

  Kind kind() const { return kind_; }
  bool empty() const { return kind_ == Kind::empty; }
  // The value as a number: integers and numbers; empty and text give nothing.
  std::optional<double> as_number() const;

  // Appends the cell as CSV: integers as they are, numbers with 8
  // significant digits and no "-0", text unquoted (identifiers only), empty
  // as nothing. Throws NonFiniteOutput on NaN or infinity.
  void append_to(fmt::memory_buffer& out) const;

 private:
  Kind kind_ = Kind::empty;
  std::int64_t signed_ = 0;
  std::uint64_t unsigned_ = 0;
  double number_ = 0.0;
  std::string_view text_;
};

// Whether a cell can stand in a column of this Table Schema type
// (columns.hpp): empty anywhere; integers in integer and string columns
// (seeds), 0/1 in boolean ones; numbers in number columns; text in string and
// yearmonth ones.
bool cell_fits(const Cell& cell, std::string_view type);

// Cells as one CSV line, with its newline.
std::string csv_line(const std::vector<Cell>& cells);

// Appends a number as CSV (8 significant digits, no "-0"); throws
// NonFiniteOutput on NaN or infinity.
void append_number(fmt::memory_buffer& out, double x);

// A cell's value as its CSV text holds it (numbers to 8 significant
// digits), so that what `check` and `calibrate` compute from a summary is
// what a user recomputes from summary.csv; empty gives nothing.
std::optional<double> value_as_written(const Cell& cell);

}  // namespace alliance
