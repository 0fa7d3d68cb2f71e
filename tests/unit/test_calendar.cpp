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

TEST_CASE("great-circle distance London-Paris is about 344 km") {
  const double d = distance_km({51.5074, -0.1278}, {48.8566, 2.3522});
  CHECK(d == doctest::Approx(343.5).epsilon(0.01));
  CHECK(distance_km({10, 10}, {10, 10}) == 0.0);
}
