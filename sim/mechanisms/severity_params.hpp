#pragma once
// The one mapping from a crisis's measured values to severity (sim/MODEL.md,
// "M3 Severity from measured values"): read from the scenario's [severity]
// table, shared by every crisis of every scenario that gives
// [[crisis.measure]]. Declared once (core/parameter.hpp): the initialiser is
// the default, the row the rest. Shipped scenarios keep the defaults (a test
// checks it); calibration and sweeps may vary them.
#include "core/parameter.hpp"

namespace alliance {

struct SeverityParams {
  double deaths_notice = 25.0;
  double deaths_full = 1000.0;
  double displaced_notice = 10000.0;
  double displaced_full = 1000000.0;
  double attacks_notice = 1.0;
  double attacks_full = 20.0;
  friend bool operator==(const SeverityParams&, const SeverityParams&) = default;
};

inline constexpr ParamSpec<SeverityParams> kSeverityParams[] = {
    param::number("deaths_notice", &SeverityParams::deaths_notice, kPositive,
                  "x₀ for deaths (cumulative since the crisis began): the scale at which severity starts to rise; "
                  "25, UCDP's threshold of an armed conflict"),
    param::number("deaths_full", &SeverityParams::deaths_full, kPositive,
                  "x₁ for deaths: severity 1; 1000, the UCDP / Correlates of War threshold of a war"),
    param::number("displaced_notice", &SeverityParams::displaced_notice, kPositive,
                  "x₀ for persons displaced (at the date: inside the territory and beyond); judgement"),
    param::number("displaced_full", &SeverityParams::displaced_full, kPositive,
                  "x₁ for persons displaced: severity 1; judgement"),
    param::number("attacks_notice", &SeverityParams::attacks_notice, kPositive,
                  "x₀ for attacks (cumulative since the crisis began); judgement"),
    param::number("attacks_full", &SeverityParams::attacks_full, kPositive,
                  "x₁ for attacks: severity 1; judgement"),
};
static_assert(declares_every_member(kSeverityParams));

}  // namespace alliance
