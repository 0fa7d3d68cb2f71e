// The statistics of `alliance check`, against values computed in R 4
// (t.test, lm, confint, qt).
#include <doctest/doctest.h>

#include <vector>

#include "check/inference.hpp"

using namespace alliance;

TEST_CASE("Student-t quantiles match R's qt") {
  CHECK(student_t_quantile(0.975, 9) == doctest::Approx(2.2621571628).epsilon(1e-10));
  CHECK(student_t_quantile(0.995, 3) == doctest::Approx(5.84090930973).epsilon(1e-10));
  CHECK(student_t_quantile(0.5, 7) == doctest::Approx(0.0));
}

TEST_CASE("mean interval matches R's t.test") {
  const std::vector<double> one_to_ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const auto i = mean_interval(one_to_ten, 0.95);
  REQUIRE(i);
  CHECK(i->estimate == doctest::Approx(5.5));
  CHECK(i->lower == doctest::Approx(3.33414941033).epsilon(1e-10));
  CHECK(i->upper == doctest::Approx(7.66585058967).epsilon(1e-10));
  CHECK(i->n == 10);

  const std::vector<double> d{0.5, -0.2, 1.3, 0.8, 0.1};
  const auto j = mean_interval(d, 0.90);
  REQUIRE(j);
  CHECK(j->lower == doctest::Approx(-0.0599903389395).epsilon(1e-10));
  CHECK(j->upper == doctest::Approx(1.0599903389395).epsilon(1e-10));
}

TEST_CASE("mean interval: constant data give a point; one value gives none") {
  const std::vector<double> same(20, 0.25);
  const auto i = mean_interval(same);
  REQUIRE(i);
  CHECK(i->lower == doctest::Approx(0.25));
  CHECK(i->upper == doctest::Approx(0.25));
  CHECK_FALSE(mean_interval(std::vector<double>{1.0}));
  CHECK_FALSE(mean_interval(std::vector<double>{}));
}

TEST_CASE("slope interval matches R's confint(lm(y ~ x))") {
  const std::vector<double> x{1, 2, 3, 4, 5, 6}, y{2.1, 3.9, 6.2, 7.8, 10.1, 12.2};
  const auto s = slope_interval(x, y, 0.95);
  REQUIRE(s);
  CHECK(s->estimate == doctest::Approx(2.02));
  CHECK(s->lower == doctest::Approx(1.90127421329).epsilon(1e-10));
  CHECK(s->upper == doctest::Approx(2.13872578671).epsilon(1e-10));
  CHECK_FALSE(slope_interval(std::vector<double>{3, 3, 3}, std::vector<double>{1, 2, 3}));
  CHECK_FALSE(slope_interval(std::vector<double>{1, 2}, std::vector<double>{1, 2}));
}

TEST_CASE("verdicts are read from the interval, not the estimate") {
  const auto at = [](double lo, double hi) { return std::optional<Interval>(Interval{(lo + hi) / 2, lo, hi, 10}); };
  CHECK(judge(at(0.1, 0.5), Direction::greater, 0.0) == Verdict::holds);
  CHECK(judge(at(-0.1, 0.5), Direction::greater, 0.0) == Verdict::inconclusive);
  CHECK(judge(at(-0.5, 0.0), Direction::greater, 0.0) == Verdict::does_not_hold);
  CHECK(judge(at(0.0, 0.0), Direction::greater, 0.0) == Verdict::does_not_hold);
  CHECK(judge(at(-0.5, -0.1), Direction::less, 0.0) == Verdict::holds);
  CHECK(judge(at(-0.5, 0.1), Direction::less, 0.0) == Verdict::inconclusive);
  CHECK(judge(at(0.0, 0.3), Direction::less, 0.0) == Verdict::does_not_hold);
  CHECK(judge(at(5.5, 6.0), Direction::within, 7.0, 2.0) == Verdict::holds);
  CHECK(judge(at(4.5, 6.0), Direction::within, 7.0, 2.0) == Verdict::inconclusive);
  CHECK(judge(at(9.5, 10.0), Direction::within, 7.0, 2.0) == Verdict::does_not_hold);
  CHECK(judge(std::nullopt, Direction::greater, 0.0) == Verdict::inconclusive);
  for (Verdict v : {Verdict::holds, Verdict::does_not_hold, Verdict::inconclusive})
    CHECK(verdict_from_string(to_string(v)) == v);
  CHECK_FALSE(verdict_from_string("maybe"));
}
