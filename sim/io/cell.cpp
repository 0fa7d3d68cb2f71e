#include "io/cell.hpp"

#include <bit>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstring>
#include <iterator>


namespace alliance {

namespace {

constexpr std::uint64_t kPow10[20] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
                                      100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
                                      1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
                                      1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
                                      1000000000000000000ULL, 10000000000000000000ULL};

constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// printf's "%.8g" by the exact (slower) route: std::to_chars with a
// precision is specified as printf's conversion.
char* write_number_exactly(char* out, double x) {
  return std::to_chars(out, out + kNumberTextMax, x, std::chars_format::general, 8).ptr;
}

void throw_non_finite(double x) {
  throw NonFiniteOutput(fmt::format("a non-finite number ({}) reached the output: a fault in the model; please "
                                    "report it with the scenario and seed", x));
}

}  // namespace

// "%.8g" rounds the exact binary value to 8 significant digits. The
// shortest digits that round-trip (Dragonbox, as fmt computes them for
// "{}") lie within half a binary ulp of it, far closer than half a unit of
// the 8th digit for a normal double. So:
//  - 8 digits or fewer: they are the rounded value;
//  - 10 or more: no 9-digit decimal (a rounding midpoint) lies between them
//    and the exact value (it would have been shorter), so rounding them
//    rounds the value; the remainder is never exactly half (no trailing zeros);
//  - 9 ending in 5: a midpoint, where only the exact value decides: the
//    exact route; 9 ending otherwise round like 10 or more.
// Subnormals, whose shortest digits are coarser, take the exact route too.
// tests/unit/test_cell.cpp compares it with fmt's "{:.8g}" on millions of values.
char* write_number(char* out, double x) {
  if (x == 0.0) {  // and -0: no "-0"
    *out = '0';
    return out + 1;
  }
  if (std::fabs(x) < DBL_MIN) return write_number_exactly(out, x);
  const auto shortest = fmt::detail::dragonbox::to_decimal(x);
  const std::uint64_t significand = shortest.significand;
  const int n = fmt::detail::count_digits(significand);
  int exponent = shortest.exponent + n - 1;  // of the leading digit
  std::uint32_t eight;                        // the 8 significant digits, 10^7 <= eight < 10^8
  if (n > 8) {
    const std::uint64_t unit = kPow10[n - 8];
    const std::uint64_t rest = significand % unit;
    if (n == 9 && rest == 5) return write_number_exactly(out, x);
    eight = static_cast<std::uint32_t>(significand / unit) + (2 * rest >= unit ? 1U : 0U);
    if (eight == 100000000U) {
      eight = 10000000U;
      ++exponent;
    }
  } else {
    eight = static_cast<std::uint32_t>(significand * kPow10[8 - n]);
  }
  char digits[8];
  for (int i = 6; i >= 0; i -= 2) {
    std::memcpy(digits + i, kDigitPairs + 2 * (eight % 100), 2);
    eight /= 100;
  }
  int kept = 8;  // %g drops trailing zeros
  while (kept > 1 && digits[kept - 1] == '0') --kept;
  if (x < 0) *out++ = '-';
  if (exponent < -4 || exponent >= 8) {  // d.ddde+XX
    *out++ = digits[0];
    if (kept > 1) {
      *out++ = '.';
      std::memcpy(out, digits + 1, static_cast<std::size_t>(kept - 1));
      out += kept - 1;
    }
    *out++ = 'e';
    *out++ = exponent < 0 ? '-' : '+';
    int e = exponent < 0 ? -exponent : exponent;
    if (e >= 100) {
      *out++ = static_cast<char>('0' + e / 100);
      e %= 100;
    }
    *out++ = static_cast<char>('0' + e / 10);
    *out++ = static_cast<char>('0' + e % 10);
    return out;
  }
  if (exponent < 0) {  // 0.000ddd
    *out++ = '0';
    *out++ = '.';
    for (int z = -exponent - 1; z > 0; --z) *out++ = '0';
    std::memcpy(out, digits, static_cast<std::size_t>(kept));
    return out + kept;
  }
  const int whole = exponent + 1;  // ddd.ddd or ddd00
  if (kept <= whole) {
    std::memcpy(out, digits, static_cast<std::size_t>(kept));
    out += kept;
    for (int z = whole - kept; z > 0; --z) *out++ = '0';
    return out;
  }
  std::memcpy(out, digits, static_cast<std::size_t>(whole));
  out += whole;
  *out++ = '.';
  std::memcpy(out, digits + whole, static_cast<std::size_t>(kept - whole));
  return out + (kept - whole);
}

void append_number(fmt::memory_buffer& out, double x) {
  // In every build: a NaN or infinity must never reach a file (issue 6). The
  // check costs less than the formatting after it.
  if (!std::isfinite(x)) throw_non_finite(x);
  char text[kNumberTextMax];  // write_number writes 0 and -0 as "0"
  out.append(text, write_number(text, x));
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

// Everything but a memo's hit (Cell::write_to, inline).
char* Cell::write_slow(char* out, NumberMemo* memo) const {
  switch (kind_) {
    case Kind::empty: return out;
    case Kind::signed_integer: return std::to_chars(out, out + 20, signed_).ptr;
    case Kind::unsigned_integer: return std::to_chars(out, out + 20, unsigned_).ptr;
    case Kind::number: {
      // In every build: a NaN or infinity must never reach a file (issue 6).
      if (!std::isfinite(number_)) throw_non_finite(number_);
      if (!memo) return write_number(out, number_);
      // The memo missed (write_to copies its hits): format into it, then copy.
      memo->bits = std::bit_cast<std::uint64_t>(number_);
      memo->size = static_cast<std::uint8_t>(write_number(memo->text, number_) - memo->text);
      std::memcpy(out, memo->text, kNumberTextMax);  // the whole memo: a fixed-size copy, within the room
      return out + memo->size;
    }
    case Kind::text:
      if (!text_.empty()) std::memcpy(out, text_.data(), text_.size());  // an empty view's data may be null
      return out + text_.size();
  }
  return out;
}

void Cell::append_to(fmt::memory_buffer& out) const {
  const std::size_t at = out.size();
  out.resize(at + max_text_size());
  out.resize(static_cast<std::size_t>(write_to(out.data() + at, nullptr) - out.data()));
}

void Cell::append_to(fmt::memory_buffer& out, NumberMemo& memo) const {
  const std::size_t at = out.size();
  out.resize(at + max_text_size());
  out.resize(static_cast<std::size_t>(write_to(out.data() + at, &memo) - out.data()));
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
