#include "sweep/design.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <boost/random/sobol.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <fmt/format.h>

#include "core/rng.hpp"

namespace alliance {

namespace {

// Distinct streams for the designs' draws, apart from the runs' seeds.
constexpr std::uint64_t kRandomStream = 0x52414e444f4d0001ULL;
constexpr std::uint64_t kLhsStream = 0x4c48530000000002ULL;
constexpr std::uint64_t kMorrisStream = 0x4d4f525249530003ULL;

Rng stream(std::uint64_t seed, std::uint64_t tag, std::uint64_t index) {
  return Rng(replicate_seed(splitmix64_mix(seed ^ tag), index));
}

// The shortest text that reads back as the same double, always as a TOML float.
std::string float_literal(double x) {
  std::string s = fmt::format("{}", x);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::size_t grid_index_count(const ParameterDef& p) { return std::max<std::size_t>(p.grid_size(), 1); }

}  // namespace

std::size_t ParameterDef::grid_size() const {
  switch (distribution) {
    case Distribution::values: return literals.size();
    case Distribution::integer:
      return levels > 0 ? static_cast<std::size_t>(levels) : static_cast<std::size_t>(hi - lo) + 1;
    case Distribution::uniform:
    case Distribution::log_uniform: return static_cast<std::size_t>(levels);
  }
  return 0;
}

std::string design_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid: return "grid";
    case DesignKind::random: return "random";
    case DesignKind::lhs: return "lhs";
    case DesignKind::saltelli: return "saltelli";
    case DesignKind::morris: return "morris";
  }
  return "";
}

ParameterValue value_at(const ParameterDef& p, double u) {
  u = std::clamp(u, 0.0, 1.0);
  switch (p.distribution) {
    case Distribution::values: {
      const std::size_t i = std::min(static_cast<std::size_t>(u * double(p.literals.size())), p.literals.size() - 1);
      return {p.literals[i], p.cells[i]};
    }
    case Distribution::integer: {
      const double span = p.hi - p.lo + 1.0;
      const double x = std::min(std::floor(p.lo + u * span), p.hi);
      const std::string s = fmt::format("{}", static_cast<long long>(x));
      return {s, s};
    }
    case Distribution::uniform: {
      const std::string s = float_literal(u >= 1.0 ? p.hi : p.lo + u * (p.hi - p.lo));
      return {s, s};
    }
    case Distribution::log_uniform: {
      const double x = u >= 1.0 ? p.hi : std::exp(std::log(p.lo) + u * (std::log(p.hi) - std::log(p.lo)));
      const std::string s = float_literal(x);
      return {s, s};
    }
  }
  return {};
}

std::size_t permute_index(std::size_t i, std::size_t n, std::uint64_t key) {
  if (n <= 1) return 0;
  unsigned bits = 2;
  while ((std::size_t{1} << bits) < n) bits += 2;  // an even width, split in two halves
  const unsigned half = bits / 2;
  const std::uint64_t mask = (std::uint64_t{1} << half) - 1;
  std::uint64_t x = i;
  do {  // cycle walking: a permutation of [0, 2^bits) restricted to [0, n)
    std::uint64_t left = x >> half, right = x & mask;
    for (std::uint64_t round = 0; round < 4; ++round) {
      const std::uint64_t f = splitmix64_mix(key ^ (round << 56) ^ right) & mask;
      const std::uint64_t next = left ^ f;
      left = right;
      right = next;
    }
    x = (left << half) | right;
  } while (x >= n);
  return static_cast<std::size_t>(x);
}

std::size_t design_size(const SweepDef& def) {
  const std::size_t d = def.parameters.size();
  const auto n = static_cast<std::size_t>(def.samples);
  switch (def.design) {
    case DesignKind::grid: {
      std::size_t size = 1;
      for (const auto& p : def.parameters) size *= p.grid_size();
      return size;
    }
    case DesignKind::random:
    case DesignKind::lhs: return n;
    case DesignKind::saltelli: return n * (d + 2);
    case DesignKind::morris: return n * (d + 1);
  }
  return 0;
}

Design::Design(const SweepDef& def) : def_(def), size_(design_size(def)) {}

double Design::morris_delta() const {
  const double p = def_.morris_levels;
  return p / (2.0 * (p - 1.0));
}

std::vector<double> Design::unit_point(std::size_t k) const {
  const SweepDef& def = def_;
  const std::size_t d = dimension();
  std::vector<double> u(d, 0.0);
  switch (def.design) {
    case DesignKind::grid: {
      std::size_t rest = k;
      for (std::size_t j = d; j-- > 0;) {
        const std::size_t levels = grid_index_count(def.parameters[j]);
        const std::size_t index = rest % levels;
        rest /= levels;
        u[j] = levels > 1 ? double(index) / double(levels - 1) : 0.0;
      }
      break;
    }
    case DesignKind::random: {
      Rng rng = stream(def.seed, kRandomStream, k);
      boost::random::uniform_01<double> unit;
      for (auto& x : u) x = unit(rng);
      break;
    }
    case DesignKind::lhs: {
      Rng rng = stream(def.seed, kLhsStream, k);
      boost::random::uniform_01<double> unit;
      const auto n = static_cast<std::size_t>(def.samples);
      for (std::size_t j = 0; j < d; ++j) {
        const std::size_t stratum = permute_index(k, n, splitmix64_mix(def.seed ^ kLhsStream) + j);
        u[j] = (double(stratum) + unit(rng)) / double(n);
      }
      break;
    }
    case DesignKind::saltelli: {
      const std::size_t base = k / (d + 2), row = k % (d + 2);
      boost::random::sobol sobol(2 * d);
      sobol.seed(base);  // Boost's sequence starts after the all-zero point
      std::vector<double> ab(2 * d);
      for (auto& x : ab) x = double(sobol()) * 0x1p-64;
      for (std::size_t j = 0; j < d; ++j) u[j] = ab[j];  // A
      if (row == d + 1)
        for (std::size_t j = 0; j < d; ++j) u[j] = ab[d + j];  // B
      else if (row >= 1)
        u[row - 1] = ab[d + row - 1];  // A with column row-1 from B
      break;
    }
    case DesignKind::morris: {
      const std::size_t trajectory = k / (d + 1), steps = k % (d + 1);
      Rng rng = stream(def.seed, kMorrisStream, trajectory);
      const int p = def.morris_levels;
      const double delta = morris_delta();
      // Start levels l / (p - 1) with l / (p - 1) + delta <= 1, i.e. l < p / 2.
      boost::random::uniform_int_distribution<int> level(0, p / 2 - 1);
      boost::random::uniform_int_distribution<int> coin(0, 1);
      std::vector<double> direction(d);
      for (std::size_t j = 0; j < d; ++j) {
        const double base = double(level(rng)) / double(p - 1);
        direction[j] = coin(rng) ? 1.0 : -1.0;
        u[j] = direction[j] > 0 ? base : base + delta;
      }
      std::vector<std::size_t> order(d);
      std::iota(order.begin(), order.end(), std::size_t{0});
      for (std::size_t j = d; j > 1; --j) {  // Fisher-Yates with Boost's distribution
        boost::random::uniform_int_distribution<std::size_t> pick(0, j - 1);
        std::swap(order[j - 1], order[pick(rng)]);
      }
      for (std::size_t s = 0; s < steps; ++s) u[order[s]] += direction[order[s]] * delta;
      // Each coordinate is a level l / (p - 1) (delta is p/2 levels, p even):
      // snapped to it, so that one level is one number in points.csv, not
      // two that differ in the last digit (0.26666666666666666 and
      // 0.2666666666666667) and split the level in a grouping.
      for (auto& x : u) x = std::clamp(std::round(x * double(p - 1)) / double(p - 1), 0.0, 1.0);
      break;
    }
  }
  return u;
}

std::vector<ParameterValue> Design::values(std::size_t k) const {
  const auto u = unit_point(k);
  std::vector<ParameterValue> out;
  out.reserve(u.size());
  for (std::size_t j = 0; j < u.size(); ++j) {
    const ParameterDef& p = def_.parameters[j];
    if (def_.design == DesignKind::grid) {
      const std::size_t levels = grid_index_count(p);
      const auto index = static_cast<std::size_t>(std::lround(u[j] * double(levels - 1)));
      if (p.distribution == Distribution::values) {
        out.push_back({p.literals[index], p.cells[index]});
        continue;
      }
      if (p.distribution == Distribution::integer && p.levels == 0) {
        const std::string s = fmt::format("{}", static_cast<long long>(p.lo) + static_cast<long long>(index));
        out.push_back({s, s});
        continue;
      }
      if (p.distribution == Distribution::integer) {
        const double x = std::round(p.lo + u[j] * (p.hi - p.lo));
        const std::string s = fmt::format("{}", static_cast<long long>(x));
        out.push_back({s, s});
        continue;
      }
    }
    out.push_back(value_at(p, u[j]));
  }
  return out;
}

}  // namespace alliance
