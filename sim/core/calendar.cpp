#include "core/calendar.hpp"

#include <charconv>

#include <fmt/format.h>

namespace alliance {

std::optional<YearMonth> parse_year_month(std::string_view text) {
  // Digits only: from_chars alone would take "-100" as a year.
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6})
    if (!digit(i)) return std::nullopt;
  YearMonth ym;
  std::from_chars(text.data(), text.data() + 4, ym.year);
  std::from_chars(text.data() + 5, text.data() + 7, ym.month);
  if (ym < kFirstYearMonth || ym.month < 1 || ym.month > 12) return std::nullopt;
  return ym;
}

std::string format_year_month(YearMonth ym) { return fmt::format("{:04d}-{:02d}", ym.year, ym.month); }

YearMonth add_months(YearMonth ym, int months) {
  const int total = ym.year * 12 + (ym.month - 1) + months;
  // Floor division keeps dates before year 0 well defined, should anyone try.
  int year = total / 12;
  int rem = total % 12;
  if (rem < 0) { rem += 12; --year; }
  return {year, rem + 1};
}

int months_between(YearMonth from, YearMonth to) {
  return (to.year - from.year) * 12 + (to.month - from.month);
}

std::optional<int> step_of_date(YearMonth date, YearMonth start, int months_per_step) {
  const int months = months_between(start, date);
  if (months < 0 || months % months_per_step != 0) return std::nullopt;
  return months / months_per_step;
}

StepOfPoint step_of_point(long long step, const RunCalendar& calendar) {
  if (step < 0) return {std::nullopt, fmt::format("expected a step >= 0 or a \"YYYY-MM\" date, got {}", step)};
  if (step >= calendar.steps)
    return {std::nullopt, fmt::format("step {} is past the end of the run (steps = {})", step, calendar.steps)};
  return {static_cast<int>(step), {}};
}

StepOfPoint step_of_point(std::string_view date, const RunCalendar& calendar) {
  const auto ym = parse_year_month(date);
  if (!ym) return {std::nullopt, fmt::format("expected a \"YYYY-MM\" date or a step number, got \"{}\"", date)};
  const auto step = step_of_date(*ym, calendar.start, months_per_step(calendar.unit));
  if (!step) {
    if (*ym < calendar.start)
      return {std::nullopt,
              fmt::format("date {} is before the run's start, {}", date, format_year_month(calendar.start))};
    return {std::nullopt, fmt::format("date {} falls between two steps (the run starts {} and steps by {})", date,
                                      format_year_month(calendar.start), step_unit_name(calendar.unit))};
  }
  if (*step >= calendar.steps)
    return {std::nullopt, fmt::format("date {} is step {}, past the end of the run (steps = {})", date, *step,
                                      calendar.steps)};
  return {step, {}};
}

std::optional<StepUnit> parse_step_unit(std::string_view text) {
  if (text == "month") return StepUnit::month;
  if (text == "quarter") return StepUnit::quarter;
  if (text == "year") return StepUnit::year;
  return std::nullopt;
}

std::string_view step_unit_name(StepUnit unit) {
  switch (unit) {
    case StepUnit::month: return "month";
    case StepUnit::quarter: return "quarter";
    case StepUnit::year: return "year";
  }
  return "month";
}

StepOfPoint step_of_text(std::string_view at, const RunCalendar& calendar) {
  if (at.empty()) return {calendar.steps - 1, {}};
  if (at.find_first_not_of("0123456789") != std::string_view::npos) return step_of_point(at, calendar);
  long long step = 0;
  if (std::from_chars(at.data(), at.data() + at.size(), step).ec != std::errc{})
    return {std::nullopt, fmt::format("step {} is past the end of the run (steps = {})", at, calendar.steps)};
  return step_of_point(step, calendar);
}

}  // namespace alliance
