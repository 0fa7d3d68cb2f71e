#include "sensitivity/prim.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

namespace alliance {

namespace {

bool inside(const PrimData& d, const PrimBox& b, std::size_t i) {
  for (std::size_t j = 0; j < d.dimensions(); ++j) {
    const double v = d.x[j][i];
    if (d.categorical[j]) {
      if (!b.kept[j][static_cast<std::size_t>(v)]) return false;
    } else if (v < b.lower[j] || v > b.upper[j]) {
      return false;
    }
  }
  return true;
}

struct Count {
  std::size_t cases = 0, interest = 0;
};

Count count_in(const PrimData& d, const PrimBox& b) {
  Count c;
  for (std::size_t i = 0; i < d.cases(); ++i)
    if (inside(d, b, i)) {
      ++c.cases;
      c.interest += d.y[i] ? 1 : 0;
    }
  return c;
}

std::size_t restricted_count(const PrimResult& r, const PrimBox& b) {
  std::size_t n = 0;
  for (std::size_t j = 0; j < b.lower.size(); ++j) n += restricts(r, b, j) ? 1 : 0;
  return n;
}

double density(const Count& c) { return c.cases == 0 ? 0.0 : double(c.interest) / double(c.cases); }

// A candidate box one step away from the current one.
struct Candidate {
  PrimStepKind kind = PrimStepKind::start;
  std::size_t parameter = 0;
  double limit = 0.0;
  std::size_t category = 0;
  PrimBox box;
  Count count;
  std::size_t restricted = 0;
  double objective = 0.0;
};

// The gain in density per case removed (peeling) or added (pasting): the
// EMA Workbench's default ("lenient1") objective.
double objective(const Count& from, const Count& to) {
  if (to.cases == from.cases) return 0.0;
  const double gain = density(to) - density(from);
  const double change = to.cases > from.cases ? double(to.cases - from.cases) : double(from.cases - to.cases);
  return gain / change;
}

// Better: a larger objective; then fewer restricted parameters; then the earlier candidate.
bool better(const Candidate& a, const std::optional<Candidate>& best) {
  if (!best) return true;
  if (a.objective != best->objective) return a.objective > best->objective;
  return a.restricted < best->restricted;
}

// The lower alpha-quantile limit of `v` (reordered): the midpoint between
// the value at index floor((n - 1) alpha) and the next larger distinct
// value; nothing when there is none (every value above is equal).
std::optional<double> lower_limit(std::vector<double>& v, double alpha) {
  if (v.empty()) return std::nullopt;
  const auto k = static_cast<std::size_t>(std::floor(double(v.size() - 1) * alpha));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  const double at = v[k];
  std::optional<double> next;
  for (const double x : v)
    if (x > at && (!next || x < *next)) next = x;
  if (!next) return std::nullopt;
  return at + (*next - at) / 2.0;
}

// The upper (1 - alpha)-quantile limit: the midpoint between the value at
// index ceil((n - 1)(1 - alpha)) and the next smaller distinct value.
std::optional<double> upper_limit(std::vector<double>& v, double alpha) {
  if (v.empty()) return std::nullopt;
  const auto k = std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(double(v.size() - 1) * (1.0 - alpha))));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  const double at = v[k];
  std::optional<double> previous;
  for (const double x : v)
    if (x < at && (!previous || x > *previous)) previous = x;
  if (!previous) return std::nullopt;
  return *previous + (at - *previous) / 2.0;
}

PrimStep step_of(const PrimResult& r, const Candidate& c) {
  PrimStep s;
  s.kind = c.kind;
  s.parameter = c.parameter;
  s.limit = c.limit;
  s.category = c.category;
  s.box = c.box;
  s.cases = c.count.cases;
  s.interest = c.count.interest;
  s.restricted = restricted_count(r, c.box);
  s.coverage = double(c.count.interest) / double(r.total_interest);
  s.density = density(c.count);
  s.mass = double(c.count.cases) / double(r.total);
  return s;
}

void peel(const PrimData& d, const PrimOptions& o, PrimResult& r) {
  std::vector<std::size_t> members(d.cases());
  for (std::size_t i = 0; i < members.size(); ++i) members[i] = i;
  std::vector<double> values;
  while (true) {
    const PrimStep& current = r.trajectory.back();
    const Count now{current.cases, current.interest};
    std::optional<Candidate> best;
    auto consider = [&](Candidate c) {
      if (c.count.cases == 0 || c.count.cases >= now.cases) return;
      c.restricted = restricted_count(r, c.box);
      c.objective = objective(now, c.count);
      if (better(c, best)) best = std::move(c);
    };
    for (std::size_t j = 0; j < d.dimensions(); ++j) {
      const std::vector<double>& xj = d.x[j];
      if (d.categorical[j]) {
        std::vector<Count> by(d.categories[j].size());
        for (const std::size_t i : members) {
          Count& c = by[static_cast<std::size_t>(xj[i])];
          ++c.cases;
          c.interest += d.y[i] ? 1 : 0;
        }
        for (std::size_t k = 0; k < by.size(); ++k) {
          if (!current.box.kept[j][k] || by[k].cases == 0) continue;
          Candidate c{PrimStepKind::drop_category, j, 0.0, k, current.box, {now.cases - by[k].cases, now.interest - by[k].interest}};
          c.box.kept[j][k] = 0;
          consider(std::move(c));
        }
        continue;
      }
      for (const bool lower : {true, false}) {
        values.clear();
        for (const std::size_t i : members) values.push_back(xj[i]);
        const auto limit = lower ? lower_limit(values, o.alpha) : upper_limit(values, o.alpha);
        if (!limit) continue;
        Count c;
        for (const std::size_t i : members)
          if (lower ? xj[i] >= *limit : xj[i] <= *limit) {
            ++c.cases;
            c.interest += d.y[i] ? 1 : 0;
          }
        Candidate cand{lower ? PrimStepKind::peel_lower : PrimStepKind::peel_upper, j, *limit, 0, current.box, c};
        (lower ? cand.box.lower : cand.box.upper)[j] = *limit;
        consider(std::move(cand));
      }
    }
    if (!best || best->objective <= 0.0 || double(best->count.cases) / double(r.total) < o.mass_min) return;
    r.trajectory.push_back(step_of(r, *best));
    const PrimBox& box = r.trajectory.back().box;
    std::erase_if(members, [&](std::size_t i) { return !inside(d, box, i); });
  }
}

void paste(const PrimData& d, const PrimOptions& o, PrimResult& r) {
  const PrimBox& first = r.trajectory.front().box;
  std::vector<double> strip;
  while (true) {
    const PrimStep& current = r.trajectory.back();
    const Count now{current.cases, current.interest};
    std::optional<Candidate> best;
    auto consider = [&](Candidate c) {
      c.count = count_in(d, c.box);
      if (c.count.cases <= now.cases || density(c.count) <= density(now)) return;
      c.restricted = restricted_count(r, c.box);
      c.objective = objective(now, c.count);
      if (better(c, best)) best = std::move(c);
    };
    for (std::size_t j = 0; j < d.dimensions(); ++j) {
      if (d.categorical[j]) {
        for (std::size_t k = 0; k < d.categories[j].size(); ++k) {
          if (current.box.kept[j][k] || !first.kept[j][k]) continue;
          Candidate c{PrimStepKind::add_category, j, 0.0, k, current.box, {}};
          c.box.kept[j][k] = 1;
          consider(std::move(c));
        }
        continue;
      }
      for (const bool lower : {true, false}) {
        if (lower ? !restricts_lower(r, current.box, j) : !restricts_upper(r, current.box, j)) continue;
        // The cases just outside this side that every other limit admits.
        PrimBox open = current.box;
        (lower ? open.lower : open.upper)[j] = (lower ? first.lower : first.upper)[j];
        strip.clear();
        for (std::size_t i = 0; i < d.cases(); ++i) {
          const double v = d.x[j][i];
          if ((lower ? v < current.box.lower[j] : v > current.box.upper[j]) && inside(d, open, i)) strip.push_back(v);
        }
        if (strip.empty()) continue;
        // The paste_alpha share of the strip nearest the box: the strip's
        // upper (lower) quantile limit, or all of it.
        std::optional<double> limit = lower ? upper_limit(strip, o.paste_alpha) : lower_limit(strip, o.paste_alpha);
        if (!limit) limit = lower ? *std::min_element(strip.begin(), strip.end()) : *std::max_element(strip.begin(), strip.end());
        Candidate c{lower ? PrimStepKind::paste_lower : PrimStepKind::paste_upper, j, *limit, 0, current.box, {}};
        (lower ? c.box.lower : c.box.upper)[j] = *limit;
        consider(std::move(c));
      }
    }
    if (!best || best->objective <= 0.0) return;
    r.trajectory.push_back(step_of(r, *best));
  }
}

double log_choose(std::size_t n, std::size_t k) {
  return std::lgamma(double(n) + 1.0) - std::lgamma(double(k) + 1.0) - std::lgamma(double(n - k) + 1.0);
}

}  // namespace

const char* prim_step_name(PrimStepKind kind) {
  switch (kind) {
    case PrimStepKind::start: return "start";
    case PrimStepKind::peel_lower: return "peel_lower";
    case PrimStepKind::peel_upper: return "peel_upper";
    case PrimStepKind::drop_category: return "drop_category";
    case PrimStepKind::paste_lower: return "paste_lower";
    case PrimStepKind::paste_upper: return "paste_upper";
    case PrimStepKind::add_category: return "add_category";
  }
  return "?";
}

bool restricts_lower(const PrimResult& r, const PrimBox& b, std::size_t j) {
  return b.kept[j].empty() && b.lower[j] > r.trajectory.front().box.lower[j];
}

bool restricts_upper(const PrimResult& r, const PrimBox& b, std::size_t j) {
  return b.kept[j].empty() && b.upper[j] < r.trajectory.front().box.upper[j];
}

bool restricts(const PrimResult& r, const PrimBox& b, std::size_t j) {
  if (b.kept[j].empty()) return restricts_lower(r, b, j) || restricts_upper(r, b, j);
  return b.kept[j] != r.trajectory.front().box.kept[j];
}

PrimResult prim(const PrimData& d, const PrimOptions& o) {
  const std::size_t n = d.cases(), dims = d.dimensions();
  if (d.categorical.size() != dims || d.categories.size() != dims || d.x.size() != dims)
    throw PrimError("PRIM: the parameters' names, kinds, categories and values differ in number");
  if (!(o.alpha > 0.0 && o.alpha < 0.5) || !(o.paste_alpha > 0.0 && o.paste_alpha < 0.5) ||
      !(o.mass_min >= 0.0 && o.mass_min < 1.0))
    throw PrimError(
        "PRIM: alpha and paste_alpha (--alpha, --paste-alpha) must lie in (0, 0.5), mass_min (--mass-min) in [0, 1)");
  if (n == 0) throw PrimError("no cases to discover a box in");
  PrimResult r;
  r.total = n;
  for (const char y : d.y) r.total_interest += y ? 1 : 0;
  if (r.total_interest == 0) throw PrimError(fmt::format("no case of the {} meets the condition", n));
  if (r.total_interest == n) throw PrimError(fmt::format("every one of the {} cases meets the condition", n));

  PrimStep start;
  start.box.lower.assign(dims, 0.0);
  start.box.upper.assign(dims, 0.0);
  start.box.kept.resize(dims);
  for (std::size_t j = 0; j < dims; ++j) {
    if (d.x[j].size() != n) throw PrimError(fmt::format("PRIM: {} has {} values for {} cases", d.names[j], d.x[j].size(), n));
    if (d.categorical[j]) {
      start.box.kept[j].assign(d.categories[j].size(), 0);
      for (const double v : d.x[j]) {
        if (!(v >= 0.0) || static_cast<std::size_t>(v) >= d.categories[j].size())
          throw PrimError(fmt::format("PRIM: {} has a category code out of range", d.names[j]));
        start.box.kept[j][static_cast<std::size_t>(v)] = 1;
      }
      continue;
    }
    for (const double v : d.x[j])
      if (!std::isfinite(v)) throw PrimError(fmt::format("{} has a value that is not a finite number", d.names[j]));
    const auto [lo, hi] = std::minmax_element(d.x[j].begin(), d.x[j].end());
    start.box.lower[j] = *lo;
    start.box.upper[j] = *hi;
  }
  start.cases = n;
  start.interest = r.total_interest;
  start.coverage = 1.0;
  start.density = double(r.total_interest) / double(n);
  start.mass = 1.0;
  r.trajectory.push_back(std::move(start));
  peel(d, o, r);
  if (o.paste) paste(d, o, r);
  return r;
}

std::size_t choose_box(const PrimResult& r, double threshold, bool& met) {
  std::optional<std::size_t> chosen;
  for (std::size_t k = 0; k < r.trajectory.size(); ++k)
    if (r.trajectory[k].density >= threshold && (!chosen || r.trajectory[k].coverage >= r.trajectory[*chosen].coverage))
      chosen = k;
  met = chosen.has_value();
  if (chosen) return *chosen;
  std::size_t densest = 0;
  for (std::size_t k = 1; k < r.trajectory.size(); ++k)
    if (r.trajectory[k].density > r.trajectory[densest].density) densest = k;
  return densest;
}

double hypergeometric_upper_tail(std::size_t population, std::size_t successes, std::size_t draws, std::size_t k) {
  if (successes > population || draws > population) return std::nan("");
  const std::size_t failures = population - successes;
  const std::size_t lo = draws > failures ? draws - failures : 0;
  const std::size_t hi = std::min(successes, draws);
  if (k <= lo) return 1.0;
  if (k > hi) return 0.0;
  const double whole = log_choose(population, draws);
  std::vector<double> logs;
  logs.reserve(hi - k + 1);
  for (std::size_t i = k; i <= hi; ++i)
    logs.push_back(log_choose(successes, i) + log_choose(failures, draws - i) - whole);
  const double top = *std::max_element(logs.begin(), logs.end());
  double sum = 0.0;
  for (const double l : logs) sum += std::exp(l - top);
  return std::clamp(std::exp(top) * sum, 0.0, 1.0);
}

std::vector<PrimSignificance> prim_significance(const PrimData& d, const PrimResult& r, std::size_t k) {
  const PrimStep& s = r.trajectory.at(k);
  const PrimBox& first = r.trajectory.front().box;
  std::vector<PrimSignificance> out(d.dimensions());
  auto p_without = [&](const PrimBox& wider) {
    const Count c = count_in(d, wider);
    return hypergeometric_upper_tail(c.cases, c.interest, s.cases, s.interest);
  };
  for (std::size_t j = 0; j < d.dimensions(); ++j) {
    if (!restricts(r, s.box, j)) continue;
    PrimBox wider = s.box;
    wider.lower[j] = first.lower[j];
    wider.upper[j] = first.upper[j];
    wider.kept[j] = first.kept[j];
    out[j].p_value = p_without(wider);
    if (d.categorical[j]) continue;
    if (restricts_lower(r, s.box, j)) {
      PrimBox w = s.box;
      w.lower[j] = first.lower[j];
      out[j].p_lower = p_without(w);
    }
    if (restricts_upper(r, s.box, j)) {
      PrimBox w = s.box;
      w.upper[j] = first.upper[j];
      out[j].p_upper = p_without(w);
    }
  }
  return out;
}

}  // namespace alliance
