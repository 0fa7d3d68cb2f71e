#pragma once
// The patient rule induction method (PRIM; Friedman and Fisher 1999) for
// scenario discovery, as the EMA Workbench uses it (Bryant and Lempert 2010;
// Kwakkel 2017): a box over the parameters is shrunk ("peeled") step by step
// towards the cases of interest, then optionally grown back ("pasted").
//
// Peeling: from the current box, each parameter offers candidate boxes: a
// numeric one its lower and its upper alpha-quantile peel (the cases below,
// or above, the midpoint between the quantile and the next distinct value
// are removed), a categorical one the removal of each of its categories
// still in the box. The candidate with the largest gain in density per case
// removed, (density_new - density_old) / (cases_old - cases_new), wins (ties:
// the one with fewer restricted parameters, then the first parameter, lower
// before upper); it is taken while it gains (> 0) and keeps at least
// `mass_min` of all cases. Pasting (optional) widens a restricted side by
// the paste_alpha share of the cases just outside it, or adds back one
// category, while that raises the density.
//
// Pure functions over plain data: no file, no randomness, same bytes for
// the same input.
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace alliance {

// Data that PRIM cannot work on (no case, no case of interest, ...): exit 2.
class PrimError : public BadInput {
 public:
  using BadInput::BadInput;
};

struct PrimData {
  std::vector<std::string> names;  // one per parameter
  // Per parameter: categorical (values are codes into `categories`) or numeric.
  std::vector<bool> categorical;
  std::vector<std::vector<std::string>> categories;  // per parameter; empty for a numeric one
  std::vector<std::vector<double>> x;  // per parameter, per case
  std::vector<char> y;                 // per case: 1 a case of interest, 0 not

  std::size_t cases() const { return y.size(); }
  std::size_t dimensions() const { return names.size(); }
};

struct PrimOptions {
  double alpha = 0.05;        // share of the box's cases one peel removes
  double mass_min = 0.05;     // smallest share of all cases a box may hold
  bool paste = false;         // widen the last peeled box again where that raises the density
  double paste_alpha = 0.05;  // share of the cases just outside a side one paste adds
};

// A box: per parameter, [lower, upper] for a numeric one, the categories
// kept (by code) for a categorical one.
struct PrimBox {
  std::vector<double> lower, upper;
  std::vector<std::vector<char>> kept;  // per parameter; empty for a numeric one
};

enum class PrimStepKind { start, peel_lower, peel_upper, drop_category, paste_lower, paste_upper, add_category };
const char* prim_step_name(PrimStepKind kind);

struct PrimStep {
  PrimStepKind kind = PrimStepKind::start;
  std::size_t parameter = 0;  // the parameter changed (not for start)
  double limit = 0.0;         // the new limit (peel_*, paste_*)
  std::size_t category = 0;   // the category dropped or added
  PrimBox box;
  std::size_t cases = 0, interest = 0;  // in the box
  std::size_t restricted = 0;           // parameters restricted compared with the first box
  double coverage = 0.0, density = 0.0, mass = 0.0;
};

struct PrimResult {
  std::vector<PrimStep> trajectory;  // [0]: every case, the data's range
  std::size_t total = 0, total_interest = 0;
};

// Peels (then pastes, with options.paste) from the box that holds every case.
// PrimError when there are no cases, no case of interest, or only cases of
// interest, or when a parameter's values are not finite.
PrimResult prim(const PrimData& data, const PrimOptions& options);

// The box chosen by default: among the boxes whose density is at least
// `threshold`, the one with the highest coverage (ties: the later, smaller
// one). When none reaches it, the densest box (ties: the earlier, larger
// one), and `met` is false.
std::size_t choose_box(const PrimResult& result, double threshold, bool& met);

// Whether the box restricts parameter j (compared with the first box), and
// each side of it.
bool restricts_lower(const PrimResult& result, const PrimBox& box, std::size_t j);
bool restricts_upper(const PrimResult& result, const PrimBox& box, std::size_t j);
bool restricts(const PrimResult& result, const PrimBox& box, std::size_t j);

// The one-sided significance of a box's restrictions (Bryant and Lempert
// 2010's quasi-p values, as the EMA Workbench computes them): with the
// restriction taken away, the box grows to T cases of which H are of
// interest; p is the probability that T_box cases drawn at random without
// replacement from those T include at least H_box of interest
// (hypergeometric upper tail). A small p: the restriction matters. NaN where
// nothing is restricted.
struct PrimSignificance {
  double p_value = std::numeric_limits<double>::quiet_NaN();  // the parameter's whole restriction removed
  double p_lower = std::numeric_limits<double>::quiet_NaN();  // only its lower limit (numeric)
  double p_upper = std::numeric_limits<double>::quiet_NaN();  // only its upper limit (numeric)
};
std::vector<PrimSignificance> prim_significance(const PrimData& data, const PrimResult& result, std::size_t box);

// P(X >= k) for X hypergeometric: `draws` drawn without replacement from a
// population of `population` holding `successes`.
double hypergeometric_upper_tail(std::size_t population, std::size_t successes, std::size_t draws, std::size_t k);

}  // namespace alliance
