#pragma once
// One value of an output table, typed, and the one way it is written as CSV.
// Recorders produce cells; the writer formats them; `check` and `sweep` read
// summary cells in-process (as numbers or as formatted text).
#include <bit>
#include <concepts>
#include <cstring>
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

// The longest text append_number writes ("-1.2345678e-308").
inline constexpr std::size_t kNumberTextMax = 23;

// The last number written in one place of a table (a state's column) and
// its text. A fresh memo matches nothing.
struct NumberMemo {
  std::uint64_t bits = 0;
  std::uint8_t size = 0;  // 0: holds nothing
  char text[kNumberTextMax];
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
  // The same, remembering a number's text in `memo`: when the cell holds
  // the very number the memo last saw, its text is copied, not formatted
  // again (most numbers of members.csv repeat the previous step's).
  void append_to(fmt::memory_buffer& out, NumberMemo& memo) const;
  // The most characters append_to can write for this cell, and the same
  // writing into `out` with that much room (memo may be null); returns the
  // end. What append_row uses to reserve a row once and write it in place.
  // Inline: called for every cell of every row (members.csv: about 20 per
  // member-step), where a call cost as much as the copy it made.
  std::size_t max_text_size() const {
    switch (kind_) {
      case Kind::empty: return 0;
      case Kind::signed_integer:
      case Kind::unsigned_integer: return 20;  // the digits of 2^64 - 1, or a sign and 19
      case Kind::number: return kNumberTextMax;
      case Kind::text: return text_.size();
    }
    return 0;
  }
  char* write_to(char* out, NumberMemo* memo) const {
    // The commonest case inline: a number the memo holds (unchanged since
    // the previous step), copied whole, a fixed-size copy within the room;
    // the memo only ever holds a finite number.
    if (kind_ == Kind::number && memo && memo->size != 0 && memo->bits == std::bit_cast<std::uint64_t>(number_)) {
      std::memcpy(out, memo->text, kNumberTextMax);
      return out + memo->size;
    }
    return write_slow(out, memo);
  }

 private:
  char* write_slow(char* out, NumberMemo* memo) const;

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
// The same text into `out` (room for kNumberTextMax characters); returns
// its end; 0 and -0 as "0". Otherwise byte for byte printf's "%.8g" (and fmt's "{:.8g}"), from the
// shortest round-trip digits where they decide it (almost always), which is
// several times cheaper than the exact formatting it falls back on.
char* write_number(char* out, double x);

// A cell's value as its CSV text holds it (numbers to 8 significant
// digits), so that what `check` and `calibrate` compute from a summary is
// what a user recomputes from summary.csv; empty gives nothing.
std::optional<double> value_as_written(const Cell& cell);

}  // namespace alliance
