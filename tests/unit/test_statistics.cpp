#include <doctest/doctest.h>

#include <vector>

#include "core/statistics.hpp"

using namespace alliance;

TEST_CASE("Spearman's rank correlation") {
  const std::vector<double> x{1, 2, 3, 4, 5};
  CHECK(*spearman(x, std::vector<double>{2, 4, 8, 16, 32}) == doctest::Approx(1.0));
  CHECK(*spearman(x, std::vector<double>{5, 4, 3, 2, 1}) == doctest::Approx(-1.0));
  // Ties take their average rank: 4 / sqrt(5 * 4).
  CHECK(*spearman(std::vector<double>{1, 2, 3, 4}, std::vector<double>{1, 1, 2, 2}) ==
        doctest::Approx(0.894427191));
  CHECK_FALSE(spearman(std::vector<double>{1, 2}, std::vector<double>{2, 1}));
  CHECK_FALSE(spearman(x, std::vector<double>{3, 3, 3, 3, 3}));
}

TEST_CASE("a share's Wilson interval stays in [0, 1] and is exact at the ends") {
  const auto none = share_interval(0, 12);
  REQUIRE(none);
  CHECK(none->lower == 0.0);
  CHECK(none->upper == doctest::Approx(0.2425).epsilon(0.001));
  const auto all = share_interval(12, 12);
  CHECK(all->upper == 1.0);
  CHECK(all->lower == doctest::Approx(0.7575).epsilon(0.001));
  const auto half = share_interval(50, 100);
  CHECK(half->estimate == 0.5);
  CHECK(half->lower == doctest::Approx(0.4038).epsilon(0.001));  // Wilson 1927, z = 1.96
  CHECK_FALSE(share_interval(0, 0));
}
