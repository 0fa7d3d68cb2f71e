#include "mechanisms/severity.hpp"

#include <algorithm>
#include <cmath>

namespace alliance {

std::string_view measure_kind_name(MeasureKind kind) {
  switch (kind) {
    case MeasureKind::deaths: return "deaths";
    case MeasureKind::displaced: return "displaced";
    case MeasureKind::attacks: return "attacks";
  }
  return "";
}

std::optional<MeasureKind> parse_measure_kind(std::string_view name) {
  for (MeasureKind k : kMeasureKinds)
    if (measure_kind_name(k) == name) return k;
  return std::nullopt;
}

double measure_notice(MeasureKind kind, const SeverityParams& p) {
  switch (kind) {
    case MeasureKind::deaths: return p.deaths_notice;
    case MeasureKind::displaced: return p.displaced_notice;
    case MeasureKind::attacks: return p.attacks_notice;
  }
  return 1.0;
}

double measure_full(MeasureKind kind, const SeverityParams& p) {
  switch (kind) {
    case MeasureKind::deaths: return p.deaths_full;
    case MeasureKind::displaced: return p.displaced_full;
    case MeasureKind::attacks: return p.attacks_full;
  }
  return 1.0;
}

double measured_severity(MeasureKind kind, double x, const SeverityParams& p) {
  const double x0 = measure_notice(kind, p);
  const double x1 = measure_full(kind, p);
  return std::log1p(std::max(0.0, x) / x0) / std::log1p(x1 / x0);
}

std::optional<double> measure_at(const std::vector<MeasurePoint>& points, MeasureKind kind, int step) {
  const MeasurePoint* before = nullptr;  // last point at or before `step`
  const MeasurePoint* after = nullptr;   // first point after it
  for (const MeasurePoint& m : points) {
    if (m.kind != kind) continue;
    if (m.step <= step) before = &m;
    else if (!after) after = &m;
  }
  if (!before && !after) return std::nullopt;
  if (!after) return before->value;
  if (!before) return after->value;
  const double t = double(step - before->step) / double(after->step - before->step);
  return before->value + t * (after->value - before->value);
}

SeverityPath severity_path_from_measures(const std::vector<MeasurePoint>& points, const SeverityParams& p) {
  SeverityPath path;
  if (points.empty()) return path;
  const auto [lo, hi] = std::minmax_element(points.begin(), points.end(),
                                            [](const MeasurePoint& a, const MeasurePoint& b) { return a.step < b.step; });
  for (int step = lo->step; step <= hi->step; ++step) {
    double s = 0.0;
    for (MeasureKind k : kMeasureKinds)
      if (auto x = measure_at(points, k, step)) s = std::max(s, measured_severity(k, *x, p));
    path.steps.push_back(step);
    path.values.push_back(s);
  }
  return path;
}

}  // namespace alliance
