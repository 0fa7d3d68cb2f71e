#pragma once
// Severity from measured values (sim/MODEL.md, "M3 Severity from measured
// values"; issue 16, item 5): a crisis may give dated values of a cited
// measure instead of a 0-1 path drawn by judgement; one function with
// parameters shared by every scenario turns them into severity:
//
//   s_k(x) = ln(1 + x / x0_k) / ln(1 + x1_k / x0_k)
//
// 0 at x = 0, 1 at x = x1_k, increasing, concave: each doubling of a large
// toll adds about the same (Weber-Fechner; the log scale of casualty counts
// in Richardson 1960). With several kinds the crisis's severity is the
// largest of them. Values are interpolated linearly in time between dated
// points and held flat beyond them, as the path is.
#include <optional>
#include <string_view>
#include <vector>

#include "mechanisms/severity_params.hpp"

namespace alliance {

enum class MeasureKind { deaths, displaced, attacks };
inline constexpr MeasureKind kMeasureKinds[] = {MeasureKind::deaths, MeasureKind::displaced, MeasureKind::attacks};

std::string_view measure_kind_name(MeasureKind kind);
std::optional<MeasureKind> parse_measure_kind(std::string_view name);

struct MeasurePoint {
  MeasureKind kind = MeasureKind::displaced;
  int step = 0;
  double value = 0.0;  // deaths, attacks: cumulative since the crisis began; displaced: at the date
};

// The notice level x0 and the full level x1 of a kind.
double measure_notice(MeasureKind kind, const SeverityParams& p);
double measure_full(MeasureKind kind, const SeverityParams& p);

// s_k(x) above; x < 0 counts as 0.
double measured_severity(MeasureKind kind, double x, const SeverityParams& p);

// The value of one kind's series at `step`: linear between its points, flat
// beyond them; nullopt when the kind has no point.
std::optional<double> measure_at(const std::vector<MeasurePoint>& points, MeasureKind kind, int step);

// The severity path the crisis decision reads (M3's `path`): one point per
// step from the first dated value to the last, each the largest s_k of the
// kinds given, so the interpolation runs over the measure, not the severity.
struct SeverityPath {
  std::vector<int> steps;
  std::vector<double> values;
};
SeverityPath severity_path_from_measures(const std::vector<MeasurePoint>& points, const SeverityParams& p);

}  // namespace alliance
