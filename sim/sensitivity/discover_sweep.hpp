#pragma once
// `alliance discover`: scenario discovery with PRIM (sensitivity/prim.hpp)
// over a finished sweep. Each run of runs.csv is a case (or, with
// per_point, each design point, its outcome the mean over its runs); its
// parameters are the sweep's parameters, its outcome whether the metric
// meets the condition (--where). Writes trajectory.csv, box.csv and
// discover.json (README, "Scenario discovery").
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "sensitivity/prim.hpp"
#include "sweep/merge_shards.hpp"

namespace alliance {

// A bad --where, a metric the sweep has not, a case set PRIM cannot use: exit 2.
class DiscoverError : public BadInput {
 public:
  using BadInput::BadInput;
};

// "M >= 6": an operator (>=, >, <=, <, ==) and a finite number.
struct Condition {
  enum class Op { ge, gt, le, lt, eq };
  Op op = Op::ge;
  double value = 0.0;
  bool holds(double x) const;
  std::string text() const;  // ">= 6"
};
// Parses ">= 6", ">=6", " < 0.5 "; DiscoverError naming the text otherwise.
Condition parse_condition(std::string_view text);

struct DiscoverPlan {
  std::string metric;
  Condition condition;
  bool per_point = false;  // a case per design point (the mean of its runs), not per run
  PrimOptions prim;
  double threshold = 0.8;          // density the chosen box must reach (default choice)
  std::optional<std::size_t> box;  // the box to report instead (--box K)
};

struct DiscoverResult {
  std::string trajectory_csv, box_csv, discover_json;
  std::string summary;  // what `alliance discover` prints
};

DiscoverResult discover_sweep(const SweepDirectory& dir, const DiscoverPlan& plan);

// The column headers of the two tables.
inline constexpr const char* kTrajectoryHeader =
    "box,step,parameter,limit,coverage,density,mass,cases,cases_of_interest,restricted,chosen\n";
inline constexpr const char* kBoxHeader =
    "parameter,type,min,max,lower,upper,values,all_values,restricted,p_value,p_lower,p_upper\n";

}  // namespace alliance
