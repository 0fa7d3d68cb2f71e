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
