// The sweep designs: sizes as documented, LHS strata each used once, Saltelli
// rows that differ from A in one column, Morris steps of one parameter by
// delta, and every point the same whoever computes it.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "sweep/design.hpp"
#include "sweep/sweep_reader.hpp"

using namespace alliance;

namespace {

SweepDef continuous(DesignKind kind, int samples, std::size_t d) {
  SweepDef def;
  def.design = kind;
  def.samples = samples;
  def.seed = 42;
  for (std::size_t j = 0; j < d; ++j) {
    ParameterDef p;
    p.name = p.path = "p" + std::to_string(j);
    p.distribution = Distribution::uniform;
    p.lo = -1.0;
    p.hi = 3.0;
    p.levels = 3;
    def.parameters.push_back(p);
  }
  return def;
}

}  // namespace

TEST_CASE("design sizes: grid = product of levels, saltelli = N (d + 2), morris = r (d + 1)") {
  CHECK(design_size(continuous(DesignKind::grid, 0, 3)) == 27);
  CHECK(design_size(continuous(DesignKind::random, 50, 3)) == 50);
  CHECK(design_size(continuous(DesignKind::lhs, 50, 3)) == 50);
  CHECK(design_size(continuous(DesignKind::saltelli, 64, 3)) == 64 * 5);
  CHECK(design_size(continuous(DesignKind::morris, 10, 3)) == 10 * 4);
  SweepDef mixed = continuous(DesignKind::grid, 0, 1);
  ParameterDef rule;
  rule.distribution = Distribution::values;
  rule.literals = {"\"consensus\"", "\"majority\""};
  rule.cells = {"consensus", "majority"};
  mixed.parameters.push_back(rule);
  ParameterDef count;
  count.distribution = Distribution::integer;
  count.lo = 2;
  count.hi = 6;
  mixed.parameters.push_back(count);
  CHECK(design_size(mixed) == 3 * 2 * 5);
}

TEST_CASE("a grid visits every combination once, first parameter slowest") {
  const SweepDef def = continuous(DesignKind::grid, 0, 2);
  const Design design(def);
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t k = 0; k < design.size(); ++k) {
    const auto v = design.values(k);
    seen.insert({v[0].cell, v[1].cell});
  }
  CHECK(seen.size() == 9);
  CHECK(design.values(0)[0].cell == "-1.0");
  CHECK(design.values(0)[1].cell == "-1.0");
  CHECK(design.values(1)[0].cell == "-1.0");
  CHECK(design.values(1)[1].cell == "1.0");
  CHECK(design.values(3)[0].cell == "1.0");
  CHECK(design.values(8)[1].cell == "3.0");
}

TEST_CASE("LHS: each parameter's n strata are used exactly once") {
  for (const int n : {1, 7, 64, 1000}) {
    const SweepDef def = continuous(DesignKind::lhs, n, 4);
    const Design design(def);
    std::vector<std::set<int>> strata(4);
    for (std::size_t k = 0; k < design.size(); ++k) {
      const auto u = design.unit_point(k);
      for (std::size_t j = 0; j < 4; ++j) {
        CHECK(u[j] >= 0.0);
        CHECK(u[j] < 1.0);
        strata[j].insert(static_cast<int>(std::floor(u[j] * n)));
      }
    }
    for (const auto& s : strata) CHECK(s.size() == static_cast<std::size_t>(n));
  }
}

TEST_CASE("permute_index is a bijection of [0, n)") {
  for (const std::size_t n : {1u, 2u, 3u, 17u, 1024u, 1025u}) {
    std::set<std::size_t> images;
    for (std::size_t i = 0; i < n; ++i) images.insert(permute_index(i, n, 99));
    CHECK(images.size() == n);
    CHECK(*images.rbegin() == n - 1);
  }
}

TEST_CASE("Saltelli: AB^i is A with column i from B") {
  const std::size_t d = 3;
  const Design design(continuous(DesignKind::saltelli, 16, d));
  for (std::size_t j = 0; j < 16; ++j) {
    const auto a = design.unit_point(j * (d + 2));
    const auto b = design.unit_point(j * (d + 2) + d + 1);
    for (std::size_t i = 0; i < d; ++i) {
      const auto ab = design.unit_point(j * (d + 2) + 1 + i);
      for (std::size_t c = 0; c < d; ++c) CHECK(ab[c] == (c == i ? b[c] : a[c]));
    }
  }
}

TEST_CASE("Morris: consecutive points of a trajectory differ in one parameter by delta") {
  const std::size_t d = 4;
  const SweepDef def = continuous(DesignKind::morris, 25, d);
  const Design design(def);
  CHECK(design.morris_delta() == doctest::Approx(4.0 / 6.0));
  for (std::size_t t = 0; t < 25; ++t) {
    std::set<std::size_t> moved;
    for (std::size_t s = 0; s < d; ++s) {
      const auto before = design.unit_point(t * (d + 1) + s);
      const auto after = design.unit_point(t * (d + 1) + s + 1);
      int changed = 0;
      for (std::size_t c = 0; c < d; ++c) {
        if (before[c] == after[c]) continue;
        ++changed;
        moved.insert(c);
        CHECK(std::abs(after[c] - before[c]) == doctest::Approx(design.morris_delta()));
      }
      CHECK(changed == 1);
      for (double x : after) {  // on the p-level grid
        CHECK(x >= 0.0);
        CHECK(x <= 1.0);
        CHECK(x * 3 == std::round(x * 3));  // exactly a level: one number per level in points.csv
        CHECK(x == std::round(x * 3) / 3);
      }
    }
    CHECK(moved.size() == d);  // every parameter moves once per trajectory
  }
}

TEST_CASE("the same sweep file and seed give the same points; another seed others") {
  for (const auto kind : {DesignKind::random, DesignKind::lhs, DesignKind::morris}) {
    SweepDef def = continuous(kind, 20, 3);
    const Design a(def), b(def);
    def.seed = 43;
    const Design c(def);
    bool any_differs = false;
    for (std::size_t k = 0; k < a.size(); ++k) {
      CHECK(a.unit_point(k) == b.unit_point(k));
      any_differs = any_differs || a.unit_point(k) != c.unit_point(k);
    }
    CHECK(any_differs);
  }
}

TEST_CASE("values: log-uniform spans the range geometrically, integers stay whole, categories all appear") {
  ParameterDef log;
  log.distribution = Distribution::log_uniform;
  log.lo = 0.01;
  log.hi = 100.0;
  CHECK(std::stod(value_at(log, 0.5).literal) == doctest::Approx(1.0));
  CHECK(value_at(log, 1.0).literal == "100.0");
  ParameterDef whole;
  whole.distribution = Distribution::integer;
  whole.lo = 2;
  whole.hi = 4;
  std::set<std::string> seen;
  for (double u = 0; u <= 1.0; u += 0.01) seen.insert(value_at(whole, u).literal);
  CHECK(seen == std::set<std::string>{"2", "3", "4"});
  ParameterDef cat;
  cat.distribution = Distribution::values;
  cat.literals = {"\"a\"", "\"b\"", "\"c\""};
  cat.cells = {"a", "b", "c"};
  CHECK(value_at(cat, 0.0).cell == "a");
  CHECK(value_at(cat, 0.5).cell == "b");
  CHECK(value_at(cat, 1.0).cell == "c");
}

TEST_CASE("Morris: every coordinate is exactly one of the p levels, so a level is one number in points.csv") {
  for (int p : {4, 6, 8, 10}) {
    SweepDef def = continuous(DesignKind::morris, 40, 5);
    def.morris_levels = p;
    const Design design(def);
    std::set<double> seen;
    for (std::size_t k = 0; k < design.size(); ++k)
      for (double x : design.unit_point(k)) seen.insert(x);
    CAPTURE(p);
    CHECK(seen.size() <= static_cast<std::size_t>(p));
    for (double x : seen) CHECK(x == std::round(x * (p - 1)) / (p - 1));
  }
}
