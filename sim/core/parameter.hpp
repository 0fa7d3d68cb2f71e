#pragma once
// How a scalar model parameter is declared: once, in the header of the struct
// that holds it (sim/mechanisms/*_params.hpp; sim/scenario/scenario_def.hpp
// for [simulation] and the qualified-majority threshold). The member's
// initialiser is the default; a row of the struct's table gives its key in
// the scenario file, the member it fills, the values allowed and one line of
// documentation. The reader, `--set`, the run.json echo and the key tables of
// scenarios/README.md are all generated from the rows
// (sim/scenario/parameters.hpp), so none of them lists a parameter by hand.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>
#include <variant>

#include "core/calendar.hpp"

namespace alliance {

// The numbers a parameter accepts: [lo, hi], or (lo, hi] when lo_open; a hi
// of kNoUpperLimit or more means no upper limit.
struct Range {
  double lo;
  double hi;
  bool lo_open = false;  // (lo, hi] instead of [lo, hi]
};

inline constexpr double kNoUpperLimit = 1e12;
inline constexpr Range kUnit{0.0, 1.0};
inline constexpr Range kNonNegative{0.0, kNoUpperLimit};
inline constexpr Range kPositive{0.0, kNoUpperLimit, true};

enum class ParamKind { number, integer, boolean, step_unit, month };

// What a declaration says, whichever struct holds the value.
struct ParamInfo {
  std::string_view key;  // within its table of the scenario file
  ParamKind kind = ParamKind::number;
  std::string_view doc;  // one line: symbol, unit, meaning
  Range range{0.0, 0.0};  // number
  long long min = 0;      // integer: [min, max]
  long long max = 0;
  std::string_view limit_note;  // integer: why max, appended when a value exceeds it
};

template <typename T>
using ParamMember =
    std::variant<double T::*, int T::*, std::uint64_t T::*, bool T::*, StepUnit T::*, YearMonth T::*>;

template <typename T>
struct ParamSpec {
  ParamInfo info;
  ParamMember<T> member;  // where the value lives
};

// The rows of a table: param::number("key", &Struct::member, range, "doc"), ...
namespace param {

// Every row starts from this: ParamInfo's members are given one by one, so
// that no row depends on the order in which they are declared.
constexpr ParamInfo info(std::string_view key, ParamKind kind, std::string_view doc) {
  ParamInfo i{};
  i.key = key;
  i.kind = kind;
  i.doc = doc;
  return i;
}

template <typename T>
constexpr ParamSpec<T> number(std::string_view key, double T::*member, Range range, std::string_view doc) {
  ParamInfo i = info(key, ParamKind::number, doc);
  i.range = range;
  return {i, member};
}

template <typename T, typename I>
  requires(std::is_same_v<I, int> || std::is_same_v<I, std::uint64_t>)
constexpr ParamSpec<T> integer(std::string_view key, I T::*member, long long min, long long max, std::string_view doc,
                               std::string_view limit_note = {}) {
  ParamInfo i = info(key, ParamKind::integer, doc);
  i.min = min;
  i.max = max;
  i.limit_note = limit_note;
  return {i, member};
}

template <typename T>
constexpr ParamSpec<T> boolean(std::string_view key, bool T::*member, std::string_view doc) {
  return {info(key, ParamKind::boolean, doc), member};
}

// "month", "quarter" or "year".
template <typename T>
constexpr ParamSpec<T> step_unit(std::string_view key, StepUnit T::*member, std::string_view doc) {
  return {info(key, ParamKind::step_unit, doc), member};
}

// "YYYY-MM".
template <typename T>
constexpr ParamSpec<T> month(std::string_view key, YearMonth T::*member, std::string_view doc) {
  return {info(key, ParamKind::month, doc), member};
}

}  // namespace param

namespace detail {

// Converts to any member type: an aggregate accepts as many of these in a
// braced initialiser as it has members, which is how member_count counts.
struct AnyMember {
  template <typename U>
  constexpr operator U() const noexcept;  // never called; unevaluated only
};

template <typename T, typename... Seen>
constexpr std::size_t member_count() {
  if constexpr (requires { T{Seen{}..., AnyMember{}}; }) return member_count<T, Seen..., AnyMember>();
  else return sizeof...(Seen);
}

}  // namespace detail

// A parameter struct's table is whole when it has one row per member of the
// struct and no member or key twice: a member added without its row does
// not compile (each *_params.hpp static_asserts this), so no parameter can
// exist that the reader, --set, run.json and the README do not know.
template <typename T, std::size_t N>
constexpr bool declares_every_member(const ParamSpec<T> (&specs)[N]) {
  if (N != detail::member_count<T>()) return false;
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t j = i + 1; j < N; ++j)
      if (specs[i].member == specs[j].member || specs[i].info.key == specs[j].info.key) return false;
  return true;
}

}  // namespace alliance
