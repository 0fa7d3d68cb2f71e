#include "check/inference.hpp"

namespace alliance {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::holds: return "holds";
    case Verdict::does_not_hold: return "does not hold";
    case Verdict::inconclusive: return "inconclusive";
  }
  return "inconclusive";
}

std::optional<Verdict> verdict_from_string(std::string_view s) {
  for (Verdict v : {Verdict::holds, Verdict::does_not_hold, Verdict::inconclusive})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

Verdict judge(const std::optional<Interval>& interval, Direction direction, double threshold, double tolerance) {
  if (!interval) return Verdict::inconclusive;
  const double lo = interval->lower, hi = interval->upper;
  switch (direction) {
    case Direction::greater:
      if (lo > threshold) return Verdict::holds;
      if (hi <= threshold) return Verdict::does_not_hold;
      break;
    case Direction::less:
      if (hi < threshold) return Verdict::holds;
      if (lo >= threshold) return Verdict::does_not_hold;
      break;
    case Direction::within:
      if (lo >= threshold - tolerance && hi <= threshold + tolerance) return Verdict::holds;
      if (hi < threshold - tolerance || lo > threshold + tolerance) return Verdict::does_not_hold;
      break;
  }
  return Verdict::inconclusive;
}

}  // namespace alliance
