#include "calibrate/abc_smc.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <optional>
#include <stdexcept>

#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <fmt/format.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

namespace alliance::abc {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double uniform01(Rng& rng) { return boost::random::uniform_real_distribution<double>(0.0, 1.0)(rng); }

std::size_t uniform_index(Rng& rng, std::size_t n) {
  return boost::random::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

double normal_density(double x, double mean, double sd) {
  const double z = (x - mean) / sd;
  return std::exp(-0.5 * z * z) / (sd * std::sqrt(2.0 * std::numbers::pi));
}

// Index drawn with probability proportional to `weights` (cumulative, last = total).
std::size_t draw_weighted(Rng& rng, const std::vector<double>& cumulative) {
  const double u = uniform01(rng) * cumulative.back();
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
  return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

// The previous population as proposals need it: by model, the particles
// with their weights normalised within the model, and each parameter's
// kernel scale.
struct ModelPopulation {
  std::vector<const Particle*> particles;
  std::vector<double> weights;     // normalised within the model
  std::vector<double> cumulative;  // of `weights`
  std::vector<double> scale;       // by parameter: the Gaussian kernel's sd (0: not this model's)
};

struct Population {
  std::vector<double> model_probability;  // p_{t-1}(m)
  std::vector<ModelPopulation> models;
};

class Smc {
 public:
  Smc(const Problem& problem, const Settings& settings, const Simulator& simulate, const Progress& progress)
      : problem_(problem), settings_(settings), simulate_(simulate), progress_(progress) {
    double total = 0.0;
    for (const auto& m : problem.models) total += m.prior;
    for (const auto& m : problem.models) model_prior_.push_back(m.prior / total);
  }

  Result run(const Result* resume, const GenerationDone& generation_done) {
    Result result;
    if (resume) {
      result.generations = resume->generations;
      result.simulations = resume->simulations;
    }
    oneapi::tbb::task_arena arena(settings_.threads > 0 ? settings_.threads : oneapi::tbb::task_arena::automatic);
    arena_ = &arena;
    double epsilon = kInf;
    for (std::size_t t = result.generations.size(); t < settings_.generations; ++t) {
      if (t > 0) {
        const Generation& last = result.generations.back();
        if (last.epsilon <= settings_.min_epsilon) {
          result.stop_reason = fmt::format("the tolerance reached min_epsilon ({:g})", settings_.min_epsilon);
          break;
        }
        std::vector<double> d;
        for (const auto& p : last.particles) d.push_back(p.distance);
        std::sort(d.begin(), d.end());
        const auto k = static_cast<std::size_t>(std::ceil(settings_.alpha * static_cast<double>(d.size())));
        epsilon = std::max(d[std::clamp<std::size_t>(k, 1, d.size()) - 1], settings_.min_epsilon);
        population_ = summarise(last);
      }
      if (settings_.max_simulations > 0 && result.simulations >= settings_.max_simulations) {
        result.stop_reason = fmt::format("the budget of {} simulations was spent", settings_.max_simulations);
        break;
      }
      std::optional<Generation> g = generation(t, epsilon, result.simulations);
      if (!g) {
        result.stop_reason = settings_.max_simulations > 0 && result.simulations >= settings_.max_simulations
                                 ? fmt::format("the budget of {} simulations ran out in generation {} (left out)",
                                               settings_.max_simulations, t)
                                 : fmt::format("generation {} accepted too few proposals (left out)", t);
        if (t == 0) throw std::invalid_argument(result.stop_reason + "; no generation from the prior finished");
        break;
      }
      result.generations.push_back(std::move(*g));
      if (generation_done) generation_done(result);
    }
    if (result.stop_reason.empty())
      result.stop_reason = fmt::format("the last of {} generations finished", settings_.generations);
    if (!result.generations.empty()) {
      result.model_probabilities = result.generations.back().model_probabilities;
      result.model_probability_se = bootstrap_se(result.generations.back());
    }
    return result;
  }

 private:
  // One generation at tolerance `epsilon`; nullopt when the budget ran out
  // (or proposals stopped being accepted) before N were accepted.
  std::optional<Generation> generation(std::size_t t, double epsilon, std::size_t& simulations) {
    const std::size_t n = settings_.particles;
    const std::size_t batch = settings_.batch > 0 ? settings_.batch : n;
    const std::size_t max_proposals = std::max<std::size_t>(1000 * n, 100'000);
    Generation g;
    g.number = t;
    g.epsilon = epsilon;
    struct Slot {
      bool simulated = false;
      Proposal proposal;
      Evaluation evaluation;
    };
    std::vector<Slot> slots(batch);
    while (g.particles.size() < n) {
      if (g.proposals >= max_proposals) return std::nullopt;
      const std::size_t first = g.proposals;
      arena_->execute([&] {
        oneapi::tbb::parallel_for(std::size_t{0}, batch, [&](std::size_t k) {
          Slot& s = slots[k];
          s = Slot{};
          s.proposal = propose(t, first + k);
          if (s.proposal.model == kNoModel) return;
          s.simulated = true;
          s.evaluation = simulate_(s.proposal);
        });
      });
      g.proposals += batch;
      for (std::size_t k = 0; k < batch; ++k) {
        Slot& s = slots[k];
        if (!s.simulated) continue;
        ++g.simulations;
        ++simulations;
        const double d = s.evaluation.distance;
        if (g.particles.size() < n && std::isfinite(d) && d <= epsilon) {
          Particle p;
          p.generation = t;
          p.index = s.proposal.index;
          p.model = s.proposal.model;
          p.theta = std::move(s.proposal.theta);
          p.distance = d;
          p.statistics = std::move(s.evaluation.statistics);
          p.seed = s.proposal.seed;
          g.particles.push_back(std::move(p));
        }
      }
      if (progress_) progress_(t, g.particles.size(), simulations);
      if (g.particles.size() < n && settings_.max_simulations > 0 && simulations >= settings_.max_simulations)
        return std::nullopt;
    }
    g.accepted = g.particles.size();
    g.acceptance_rate = g.simulations > 0 ? static_cast<double>(g.accepted) / static_cast<double>(g.simulations) : 0.0;
    weigh(g);
    return g;
  }

  static constexpr std::size_t kNoModel = static_cast<std::size_t>(-1);

  // Proposal `index` of generation t: from the prior (t = 0), else a
  // particle of the previous population, its model jumped and its values
  // perturbed. A proposal outside the prior, or in a model the previous
  // population lost, comes back with model kNoModel and no values: it is
  // not simulated (Toni & Stumpf 2010 draw again; the next index does).
  Proposal propose(std::size_t t, std::size_t index) const {
    Proposal p;
    p.generation = t;
    p.index = index;
    const std::uint64_t seed = proposal_seed(settings_.seed, t, index);
    Rng rng(seed);
    // The simulator's, apart from the proposal's own draws; 63 bits, so that
    // it is a TOML integer (a scenario's simulation.seed).
    p.seed = replicate_seed(seed, 0) >> 1;
    const std::size_t parameter_count = problem_.parameters.size();
    p.theta.assign(parameter_count, kAbsent);
    if (t == 0) {
      std::vector<double> cumulative(model_prior_.size());
      std::partial_sum(model_prior_.begin(), model_prior_.end(), cumulative.begin());
      p.model = draw_weighted(rng, cumulative);
      for (const std::size_t j : problem_.models[p.model].parameters)
        p.theta[j] = problem_.parameters[j].prior.sample(rng);
      return p;
    }
    const Population& pop = *population_;
    std::vector<double> cumulative(pop.model_probability.size());
    std::partial_sum(pop.model_probability.begin(), pop.model_probability.end(), cumulative.begin());
    std::size_t m = draw_weighted(rng, cumulative);
    const std::size_t models = problem_.models.size();
    if (models > 1 && uniform01(rng) < settings_.model_jump) {
      const std::size_t other = uniform_index(rng, models - 1);
      m = other >= m ? other + 1 : other;
    }
    const ModelPopulation& mp = pop.models[m];
    auto rejected = [&] {
      Proposal none;
      none.generation = t;
      none.index = index;
      none.model = kNoModel;
      none.seed = p.seed;
      return none;
    };
    if (mp.particles.empty()) return rejected();
    p.model = m;
    const Particle& parent = *mp.particles[draw_weighted(rng, mp.cumulative)];
    for (const std::size_t j : problem_.models[m].parameters) {
      const Prior& prior = problem_.parameters[j].prior;
      const double x = parent.theta[j];
      if (prior.kind == PriorKind::choice) {
        double y = x;
        if (prior.choices > 1 && uniform01(rng) < settings_.choice_jump) {
          const auto current = static_cast<std::size_t>(x);
          const std::size_t other = uniform_index(rng, prior.choices - 1);
          y = static_cast<double>(other >= current ? other + 1 : other);
        }
        p.theta[j] = y;
      } else if (settings_.truncated_kernel) {
        p.theta[j] = truncated_normal(rng, x, mp.scale[j], prior.lo, prior.hi);
      } else {
        p.theta[j] = x + mp.scale[j] * boost::random::normal_distribution<double>(0.0, 1.0)(rng);
      }
      if (prior.density(p.theta[j]) <= 0.0) return rejected();
    }
    return p;
  }

  // The kernel density of moving to `theta` from `from`, within model m.
  double kernel(const std::vector<double>& theta, const std::vector<double>& from, std::size_t m) const {
    double k = 1.0;
    for (const std::size_t j : problem_.models[m].parameters) {
      const Prior& prior = problem_.parameters[j].prior;
      if (prior.kind == PriorKind::choice) {
        if (prior.choices <= 1) continue;
        k *= theta[j] == from[j] ? 1.0 - settings_.choice_jump
                                 : settings_.choice_jump / static_cast<double>(prior.choices - 1);
      } else {
        const double sd = population_->models[m].scale[j];
        k *= normal_density(theta[j], from[j], sd);
        // Truncated to the prior's support: divided by the mass the Gaussian
        // from `from` keeps there (so each parent's kernel integrates to 1).
        if (settings_.truncated_kernel)
          k /= normal_cdf((prior.hi - from[j]) / sd) - normal_cdf((prior.lo - from[j]) / sd);
      }
    }
    return k;
  }

  double model_kernel(std::size_t to, std::size_t from) const {
    const std::size_t models = problem_.models.size();
    if (models == 1) return 1.0;
    return to == from ? 1.0 - settings_.model_jump : settings_.model_jump / static_cast<double>(models - 1);
  }

  double prior_density(const Particle& p) const {
    double d = model_prior_[p.model];
    for (const std::size_t j : problem_.models[p.model].parameters) d *= problem_.parameters[j].prior.density(p.theta[j]);
    return d;
  }

  // Importance weights: prior over proposal density (Toni & Stumpf 2010),
  // then normalised; the generation's ESS and model probabilities.
  void weigh(Generation& g) const {
    std::vector<double> w(g.particles.size());
    arena_->execute([&] {
      oneapi::tbb::parallel_for(std::size_t{0}, g.particles.size(), [&](std::size_t i) {
        const Particle& p = g.particles[i];
        if (g.number == 0) {
          w[i] = 1.0;
          return;
        }
        double model_term = 0.0;
        for (std::size_t m = 0; m < problem_.models.size(); ++m)
          model_term += population_->model_probability[m] * model_kernel(p.model, m);
        const ModelPopulation& mp = population_->models[p.model];
        double theta_term = 0.0;
        for (std::size_t k = 0; k < mp.particles.size(); ++k)
          theta_term += mp.weights[k] * kernel(p.theta, mp.particles[k]->theta, p.model);
        w[i] = prior_density(p) / (model_term * theta_term);
      });
    });
    double total = 0.0, squares = 0.0;
    for (const double x : w) total += x;
    g.model_probabilities.assign(problem_.models.size(), 0.0);
    for (std::size_t i = 0; i < w.size(); ++i) {
      g.particles[i].weight = w[i] / total;
      squares += g.particles[i].weight * g.particles[i].weight;
      g.model_probabilities[g.particles[i].model] += g.particles[i].weight;
    }
    g.ess = squares > 0 ? 1.0 / squares : 0.0;
  }

  Population summarise(const Generation& g) const {
    Population pop;
    pop.model_probability = g.model_probabilities;
    pop.models.resize(problem_.models.size());
    const std::size_t parameter_count = problem_.parameters.size();
    // Weighted variances by model, and over every particle that has the parameter (the fallback).
    auto variance = [&](std::size_t j, std::optional<std::size_t> model) {
      double sw = 0.0, mean = 0.0;
      for (const auto& p : g.particles)
        if ((!model || p.model == *model) && !std::isnan(p.theta[j])) {
          sw += p.weight;
          mean += p.weight * p.theta[j];
        }
      if (sw <= 0.0) return 0.0;
      mean /= sw;
      double v = 0.0;
      for (const auto& p : g.particles)
        if ((!model || p.model == *model) && !std::isnan(p.theta[j])) v += p.weight * (p.theta[j] - mean) * (p.theta[j] - mean);
      return v / sw;
    };
    for (std::size_t m = 0; m < problem_.models.size(); ++m) {
      ModelPopulation& mp = pop.models[m];
      double sw = 0.0;
      for (const auto& p : g.particles)
        if (p.model == m) {
          mp.particles.push_back(&p);
          mp.weights.push_back(p.weight);
          sw += p.weight;
        }
      for (double& w : mp.weights) w /= sw;
      mp.cumulative.resize(mp.weights.size());
      std::partial_sum(mp.weights.begin(), mp.weights.end(), mp.cumulative.begin());
      mp.scale.assign(parameter_count, 0.0);
      if (mp.particles.empty()) continue;
      for (const std::size_t j : problem_.models[m].parameters) {
        const Prior& prior = problem_.parameters[j].prior;
        if (prior.kind == PriorKind::choice) continue;
        double v = variance(j, m);
        if (!(v > 0.0)) v = variance(j, std::nullopt);
        if (!(v > 0.0)) {
          // Every particle at one value: a tenth of the prior's spread.
          const double spread = std::isfinite(prior.hi - prior.lo) ? (prior.hi - prior.lo) : 2.0 * prior.sd;
          v = spread * spread / 100.0;
        }
        mp.scale[j] = std::sqrt(2.0 * v);  // Beaumont et al. 2009: twice the weighted variance
      }
    }
    return pop;
  }

  // The Monte Carlo error of the model probabilities: the sd over bootstrap
  // resamples (with replacement) of the final population's particles, each
  // keeping its weight.
  std::vector<double> bootstrap_se(const Generation& g) const {
    const std::size_t models = problem_.models.size();
    std::vector<double> se(models, 0.0);
    if (settings_.bootstrap < 2 || g.particles.empty()) return se;
    Rng rng(replicate_seed(settings_.seed, 0xB007));
    std::vector<double> sum(models, 0.0), squares(models, 0.0), p(models);
    for (std::size_t b = 0; b < settings_.bootstrap; ++b) {
      std::fill(p.begin(), p.end(), 0.0);
      double total = 0.0;
      for (std::size_t i = 0; i < g.particles.size(); ++i) {
        const Particle& x = g.particles[uniform_index(rng, g.particles.size())];
        p[x.model] += x.weight;
        total += x.weight;
      }
      for (std::size_t m = 0; m < models; ++m) {
        const double q = p[m] / total;
        sum[m] += q;
        squares[m] += q * q;
      }
    }
    const auto b = static_cast<double>(settings_.bootstrap);
    for (std::size_t m = 0; m < models; ++m) {
      const double mean = sum[m] / b;
      se[m] = std::sqrt(std::max(0.0, (squares[m] / b - mean * mean) * b / (b - 1.0)));
    }
    return se;
  }

  const Problem& problem_;
  const Settings& settings_;
  const Simulator& simulate_;
  const Progress& progress_;
  std::vector<double> model_prior_;
  std::optional<Population> population_;
  oneapi::tbb::task_arena* arena_ = nullptr;
};

void check(const Problem& problem, const Settings& settings) {
  auto fail = [](const std::string& why) { throw std::invalid_argument(why); };
  if (problem.models.empty()) fail("no models");
  if (settings.particles < 2) fail("fewer than 2 particles");
  if (settings.generations < 1) fail("no generations");
  if (!(settings.alpha > 0.0 && settings.alpha < 1.0)) fail("alpha outside (0, 1)");
  if (!(settings.model_jump >= 0.0 && settings.model_jump <= 1.0)) fail("model_jump outside [0, 1]");
  for (const auto& m : problem.models) {
    if (!(m.prior > 0.0)) fail(fmt::format("model {}: prior probability not > 0", m.name));
    for (const std::size_t j : m.parameters)
      if (j >= problem.parameters.size()) fail(fmt::format("model {}: no parameter {}", m.name, j));
  }
  for (const auto& p : problem.parameters) {
    const Prior& q = p.prior;
    switch (q.kind) {
      case PriorKind::uniform:
        if (!(std::isfinite(q.lo) && std::isfinite(q.hi) && q.lo < q.hi)) fail(p.name + ": bad uniform range");
        break;
      case PriorKind::log_uniform:
        if (!(q.lo > 0.0 && std::isfinite(q.hi) && q.lo < q.hi)) fail(p.name + ": bad log-uniform range");
        break;
      case PriorKind::normal:
        if (!(q.sd > 0.0 && q.lo < q.hi)) fail(p.name + ": bad normal prior");
        break;
      case PriorKind::choice:
        if (q.choices < 1) fail(p.name + ": no choices");
        break;
    }
  }
}

}  // namespace

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

double truncated_normal(Rng& rng, double mean, double sd, double lo, double hi) {
  // Rejection from the normal while it keeps most of the mass; after many
  // misses, the inverse of the distribution function by bisection.
  boost::random::normal_distribution<double> normal(mean, sd);
  for (int i = 0; i < 1000; ++i) {
    const double x = normal(rng);
    if (x >= lo && x <= hi) return x;
  }
  const double a = normal_cdf((lo - mean) / sd), b = normal_cdf((hi - mean) / sd);
  const double u = a + (b - a) * uniform01(rng);
  double l = std::isfinite(lo) ? lo : mean - 40 * sd, h = std::isfinite(hi) ? hi : mean + 40 * sd;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (l + h);
    (normal_cdf((mid - mean) / sd) < u ? l : h) = mid;
  }
  return 0.5 * (l + h);
}

double Prior::sample(Rng& rng) const {
  switch (kind) {
    case PriorKind::uniform: return boost::random::uniform_real_distribution<double>(lo, hi)(rng);
    case PriorKind::log_uniform:
      return std::exp(boost::random::uniform_real_distribution<double>(std::log(lo), std::log(hi))(rng));
    case PriorKind::normal: return truncated_normal(rng, mean, sd, lo, hi);
    case PriorKind::choice: return static_cast<double>(uniform_index(rng, choices));
  }
  return 0.0;
}

double Prior::density(double x) const {
  if (std::isnan(x)) return 0.0;
  switch (kind) {
    case PriorKind::uniform: return x >= lo && x <= hi ? 1.0 / (hi - lo) : 0.0;
    case PriorKind::log_uniform: return x >= lo && x <= hi ? 1.0 / (x * (std::log(hi) - std::log(lo))) : 0.0;
    case PriorKind::normal: {
      if (x < lo || x > hi) return 0.0;
      const double mass = normal_cdf((hi - mean) / sd) - normal_cdf((lo - mean) / sd);
      return normal_density(x, mean, sd) / mass;
    }
    case PriorKind::choice: {
      const double i = std::round(x);
      return i == x && i >= 0 && i < static_cast<double>(choices) ? 1.0 / static_cast<double>(choices) : 0.0;
    }
  }
  return 0.0;
}

std::uint64_t proposal_seed(std::uint64_t seed, std::size_t generation, std::size_t index) {
  return replicate_seed(replicate_seed(seed, generation), index);
}

Result run_abc_smc(const Problem& problem, const Settings& settings, const Simulator& simulate,
                   const Progress& progress, const Result* resume, const GenerationDone& generation_done) {
  check(problem, settings);
  if (resume)
    for (std::size_t t = 0; t < resume->generations.size(); ++t)
      if (resume->generations[t].number != t || resume->generations[t].particles.size() != settings.particles)
        throw std::invalid_argument("the generations to resume from do not belong to these settings");
  return Smc(problem, settings, simulate, progress).run(resume, generation_done);
}

WeightedSummary weighted_summary(const std::vector<double>& values, const std::vector<double>& weights,
                                 const std::vector<double>& probabilities) {
  WeightedSummary s;
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (values.empty() || !(total > 0.0)) {
    s.mean = s.sd = std::numeric_limits<double>::quiet_NaN();
    s.quantiles.assign(probabilities.size(), s.mean);
    return s;
  }
  for (std::size_t i = 0; i < values.size(); ++i) s.mean += weights[i] * values[i] / total;
  double v = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) v += weights[i] * (values[i] - s.mean) * (values[i] - s.mean) / total;
  s.sd = std::sqrt(v);
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  // The inverse of the weighted empirical distribution function: the
  // smallest value whose cumulative weight reaches q.
  for (const double q : probabilities) {
    double cumulative = 0.0;
    double x = values[order.back()];
    for (const std::size_t i : order) {
      cumulative += weights[i] / total;
      if (cumulative >= q - 1e-12) {
        x = values[i];
        break;
      }
    }
    s.quantiles.push_back(x);
  }
  return s;
}

}  // namespace alliance::abc
