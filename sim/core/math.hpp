#pragma once
#include <algorithm>
#include <cmath>

namespace alliance {

inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

inline double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

}  // namespace alliance
