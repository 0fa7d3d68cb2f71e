#include <doctest/doctest.h>

#include "core/calendar.hpp"
#include "core/geo.hpp"

using namespace alliance;

TEST_CASE("year-month parsing accepts YYYY-MM only") {
  CHECK(parse_year_month("1998-03") == YearMonth{1998, 3});
  CHECK_FALSE(parse_year_month("1998-13"));
  CHECK_FALSE(parse_year_month("1998-3"));
  CHECK_FALSE(parse_year_month("98-03-01"));
  CHECK_FALSE(parse_year_month("abcd-ef"));
}

TEST_CASE("years run from 0001 to 9999, four digits without a sign") {
  CHECK(parse_year_month("0001-01") == YearMonth{1, 1});
  CHECK(parse_year_month("9999-12") == kLastYearMonth);
  CHECK_FALSE(parse_year_month("0000-12"));
  CHECK_FALSE(parse_year_month("-100-01"));
  CHECK_FALSE(parse_year_month("+999-01"));
  CHECK_FALSE(parse_year_month(" 999-01"));
  CHECK_FALSE(parse_year_month("1998--3"));
  CHECK_FALSE(parse_year_month("1998-+3"));
  CHECK_FALSE(parse_year_month("1998-00"));
}

TEST_CASE("months add across years and back") {
  CHECK(add_months({1998, 3}, 12) == YearMonth{1999, 3});
  CHECK(add_months({1998, 11}, 3) == YearMonth{1999, 2});
  CHECK(add_months({1999, 1}, -1) == YearMonth{1998, 12});
  CHECK(months_between({1998, 3}, {1999, 3}) == 12);
  CHECK(format_year_month({1949, 4}) == "1949-04");
}

TEST_CASE("a date is a step only on the calendar's step boundaries, from the start on") {
  CHECK(step_of_date({1998, 3}, {1998, 3}, 1) == 0);
  CHECK(step_of_date({1999, 3}, {1998, 3}, 3) == 4);
  CHECK(step_of_date({1999, 4}, {1998, 3}, 3) == std::nullopt);  // between two quarters
  CHECK(step_of_date({1998, 2}, {1998, 3}, 1) == std::nullopt);  // before the start
  CHECK(step_of_date({2000, 3}, {1998, 3}, 12) == 2);
}

TEST_CASE("a point in time is a step number or a date on the run's calendar, by one rule") {
  const RunCalendar quarters{{1998, 3}, StepUnit::quarter, 8};
  CHECK(step_of_point(0, quarters).step == 0);
  CHECK(step_of_point(7, quarters).step == 7);
  CHECK(step_of_point(std::string_view("1999-03"), quarters).step == 4);
  CHECK(step_of_point(8, quarters).error == "step 8 is past the end of the run (steps = 8)");
  CHECK(step_of_point(-1, quarters).error == "expected a step >= 0 or a \"YYYY-MM\" date, got -1");
  CHECK(step_of_point(std::string_view("2000-03"), quarters).error ==
        "date 2000-03 is step 8, past the end of the run (steps = 8)");
  CHECK(step_of_point(std::string_view("1999-04"), quarters).error ==
        "date 1999-04 falls between two steps (the run starts 1998-03 and steps by quarter)");
  CHECK(step_of_point(std::string_view("1998-02"), quarters).error ==
        "date 1998-02 is before the run's start, 1998-03");
  CHECK(step_of_point(std::string_view("1998-13"), quarters).error ==
        "expected a \"YYYY-MM\" date or a step number, got \"1998-13\"");
  CHECK_FALSE(step_of_point(std::string_view("1998-13"), quarters).step);
}

TEST_CASE("great-circle distance London-Paris is about 344 km") {
  const double d = distance_km({51.5074, -0.1278}, {48.8566, 2.3522});
  CHECK(d == doctest::Approx(343.5).epsilon(0.01));
  CHECK(distance_km({10, 10}, {10, 10}) == 0.0);
}
