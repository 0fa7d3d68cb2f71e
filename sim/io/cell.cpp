#include "io/cell.hpp"

#include <charconv>
#include <cmath>
#include <iterator>

#include <fmt/compile.h>

namespace alliance {

void append_number(fmt::memory_buffer& out, double x) {
  // In every build: a NaN or infinity must never reach a file (issue 6). The
  // check costs less than the formatting after it.
  if (!std::isfinite(x))
    throw NonFiniteOutput(fmt::format("a non-finite number ({}) reached the output: a fault in the model; please "
                                      "report it with the scenario and seed", x));
  if (x == 0.0) x = 0.0;  // no "-0"
  fmt::format_to(std::back_inserter(out), FMT_COMPILE("{:.8g}"), x);
}

std::optional<double> Cell::as_number() const {
  switch (kind_) {
    case Kind::signed_integer: return static_cast<double>(signed_);
    case Kind::unsigned_integer: return static_cast<double>(unsigned_);
    case Kind::number: return number_;
    case Kind::empty:
    case Kind::text: return std::nullopt;
  }
  return std::nullopt;
}

void Cell::append_to(fmt::memory_buffer& out) const {
  switch (kind_) {
    case Kind::empty: return;
    case Kind::signed_integer: fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), signed_); return;
    case Kind::unsigned_integer: fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), unsigned_); return;
    case Kind::number: append_number(out, number_); return;
    case Kind::text: out.append(text_.data(), text_.data() + text_.size()); return;
  }
}

bool cell_fits(const Cell& cell, std::string_view type) {
  switch (cell.kind()) {
    case Cell::Kind::empty: return true;
    case Cell::Kind::signed_integer:
    case Cell::Kind::unsigned_integer:
      if (type == "boolean") return cell.as_number() == 0.0 || cell.as_number() == 1.0;
      return type == "integer" || type == "string";
    case Cell::Kind::number: return type == "number";
    case Cell::Kind::text: return type == "string" || type == "yearmonth";
  }
  return false;
}

std::string csv_line(const std::vector<Cell>& cells) {
  fmt::memory_buffer out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    cells[i].append_to(out);
  }
  out.push_back('\n');
  return fmt::to_string(out);
}

std::optional<double> value_as_written(const Cell& cell) {
  if (cell.empty()) return std::nullopt;
  fmt::memory_buffer text;
  cell.append_to(text);
  double x = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return x;
}

}  // namespace alliance
