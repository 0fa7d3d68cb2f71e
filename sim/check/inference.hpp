#pragma once
// The verdict a claim's hypothesis gets from a confidence interval
// (core/statistics.hpp computes the interval).
#include <optional>
#include <string_view>

#include "core/statistics.hpp"

namespace alliance {

// What a hypothesis says of its estimate: above a threshold, below it, or
// within `tolerance` of a target (a fit to the historical record).
enum class Direction { greater, less, within };

enum class Verdict { holds, does_not_hold, inconclusive };

std::string_view to_string(Verdict v);  // "holds", "does not hold", "inconclusive"
std::optional<Verdict> verdict_from_string(std::string_view s);

// The verdict is read from the interval, never from the point estimate alone:
//   greater  holds when lower > threshold; does not hold when upper <= threshold
//   less     holds when upper < threshold; does not hold when lower >= threshold
//   within   holds when [lower, upper] lies inside threshold ± tolerance;
//            does not hold when it lies wholly outside
// and is inconclusive otherwise, or when there is no interval.
Verdict judge(const std::optional<Interval>& interval, Direction direction, double threshold, double tolerance = 0.0);

}  // namespace alliance
