#pragma once
// Statistics the recorders report.
#include <optional>
#include <span>

namespace alliance {

// Spearman's rank correlation (ties get their average rank); nullopt with
// fewer than three pairs or when either variable is constant.
std::optional<double> spearman(std::span<const double> x, std::span<const double> y);

}  // namespace alliance
