#pragma once
// Steps are counted from the scenario's start month; a step is 1, 3 or 12 months.
#include <optional>
#include <string>
#include <string_view>

namespace alliance {

struct YearMonth {
  int year = 2000;
  int month = 1;  // 1..12
  auto operator<=>(const YearMonth&) const = default;
};

// Dates are written as "YYYY-MM" (a column type of the data package), so a
// run's dates stay within four-digit years.
inline constexpr YearMonth kFirstYearMonth{1, 1};
inline constexpr YearMonth kLastYearMonth{9999, 12};

// "1998-03" -> {1998, 3}; nullopt when malformed: not four digits, '-', two
// digits, or a year 0 or a month outside 1..12.
std::optional<YearMonth> parse_year_month(std::string_view text);
std::string format_year_month(YearMonth ym);

YearMonth add_months(YearMonth ym, int months);
int months_between(YearMonth from, YearMonth to);

// The step that falls on `date` when step 0 is `start` and a step is
// `months_per_step` months: what a "YYYY-MM" point in time means, in a
// scenario file and on the command line alike. nullopt when the date is
// before the start or between two steps.
std::optional<int> step_of_date(YearMonth date, YearMonth start, int months_per_step);

enum class StepUnit { month = 1, quarter = 3, year = 12 };
std::optional<StepUnit> parse_step_unit(std::string_view text);
std::string_view step_unit_name(StepUnit unit);
constexpr int months_per_step(StepUnit unit) { return static_cast<int>(unit); }

// A run's calendar: step 0 is `start`, a step is `unit` long, and there are
// `steps` of them.
struct RunCalendar {
  YearMonth start;
  StepUnit unit = StepUnit::month;
  int steps = 1;
};

// A point in time, as a scenario file (`at`, `start`, `end`) and the command
// line (`alliance graph --at`) write it: a step number, or a "YYYY-MM" date
// on the run's calendar (step_of_date). One rule for both: the step, or why
// the point is not a step of the run (`error`, without the key, which the
// caller names).
struct StepOfPoint {
  std::optional<int> step;
  std::string error;
};
StepOfPoint step_of_point(long long step, const RunCalendar& calendar);
StepOfPoint step_of_point(std::string_view date, const RunCalendar& calendar);
// Text as `--at` takes it: digits are a step number, anything else a date;
// empty is the last step.
StepOfPoint step_of_text(std::string_view at, const RunCalendar& calendar);

}  // namespace alliance
