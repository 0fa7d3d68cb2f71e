#pragma once
// The points of a sweep: which parameter values each point takes.
//
// Every design is computed point by point from (sweep file, seed), so point k
// is the same on every thread, shard, rank and resume, and nothing grows with
// the number of points. Sizes (d parameters, n = `samples`):
//   grid      product of the parameters' level counts (first parameter slowest)
//   random    n points, uniform in the unit cube
//   lhs       n points; each parameter's n strata used once (McKay et al. 1979)
//   saltelli  n (d + 2): per base sample j the rows A_j, AB_j^1..AB_j^d, B_j
//             (Saltelli et al. 2010), A and B from a 2d-dimensional Sobol
//             sequence (Boost.Random's, Joe & Kuo directions)
//   morris    n (d + 1): n trajectories of d + 1 points on a p-level grid,
//             one parameter moving by delta = p / (2 (p - 1)) per step
//             (Morris 1991; Campolongo et al. 2007)
#include <cstddef>
#include <string>
#include <vector>

#include "sweep/sweep_def.hpp"

namespace alliance {

struct ParameterValue {
  std::string literal;  // as `--set path=literal` reads it
  std::string cell;     // as written in the CSV files
};

class Design {
 public:
  explicit Design(const SweepDef& def);

  std::size_t size() const { return size_; }
  std::size_t dimension() const { return def_.parameters.size(); }

  // Point k's coordinates in the unit cube [0, 1]^d (grid: level / (levels - 1)).
  std::vector<double> unit_point(std::size_t k) const;
  // Point k's parameter values.
  std::vector<ParameterValue> values(std::size_t k) const;

  // Morris: the step of the grid in unit coordinates.
  double morris_delta() const;

 private:
  SweepDef def_;  // a copy: a Design outlives the definition it was made from
  std::size_t size_ = 0;
};

// Design size for the sweep file, or 0 when a grid parameter has no levels.
std::size_t design_size(const SweepDef& def);

// A parameter's value at unit coordinate u (u = 1 takes the top of the range
// or the last of the values).
ParameterValue value_at(const ParameterDef& p, double u);

// Pseudo-random permutation of [0, n) keyed by `key` (a Feistel network with
// cycle walking): a bijection computed in O(1) memory, for LHS strata.
std::size_t permute_index(std::size_t i, std::size_t n, std::uint64_t key);

}  // namespace alliance
