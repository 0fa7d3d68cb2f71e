#pragma once
// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC) over
// an abstract simulator, with model choice. The algorithm and its sources
// are in sim/MODEL.md, "Calibration":
//
//   - populations of weighted particles under tolerances that shrink from
//     generation to generation (Toni et al. 2009);
//   - a component-wise Gaussian perturbation kernel with twice the weighted
//     variance of the previous population (Beaumont et al. 2009);
//   - each tolerance the alpha-quantile of the previous generation's
//     distances (adaptive, as in Del Moral et al. 2012);
//   - models as a discrete parameter with a model-jump kernel, posterior
//     model probabilities the models' shares of the weight (Toni & Stumpf 2010).
//
// Deterministic given the seed, whatever the thread count: proposal i of
// generation t draws everything from its own generator, seeded from
// (seed, t, i); proposals are evaluated in parallel in batches of a fixed
// size and accepted in index order.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "core/rng.hpp"

namespace alliance::abc {

enum class PriorKind { uniform, log_uniform, normal, choice };

// A prior over one parameter. Densities are normalised: models with
// different parameters are compared through them.
struct Prior {
  PriorKind kind = PriorKind::uniform;
  // uniform, log-uniform: the support [lo, hi]; normal: truncated to it
  // (infinite bounds: not truncated).
  double lo = 0.0, hi = 1.0;
  double mean = 0.0, sd = 1.0;  // normal
  std::size_t choices = 0;      // choice: the values 0 .. choices-1, equally likely

  double sample(Rng& rng) const;
  double density(double x) const;  // 0 outside the support
};

struct Parameter {
  std::string name;
  Prior prior;
};

// A model: which of the problem's parameters it has, and its prior probability.
struct Model {
  std::string name;
  std::vector<std::size_t> parameters;  // indices into Problem::parameters
  double prior = 1.0;                   // relative; normalised over the models
};

struct Problem {
  std::vector<Parameter> parameters;
  std::vector<Model> models;  // at least one
};

inline constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

// What the simulator is asked to run: a model, values of its parameters
// (kAbsent for parameters the model does not have) and a seed.
struct Proposal {
  std::size_t generation = 0;
  std::size_t index = 0;  // the proposal's number within its generation
  std::size_t model = 0;
  std::vector<double> theta;
  std::uint64_t seed = 0;  // for the simulator's own random numbers (63 bits)
};

// A simulation's distance from the data (non-finite: failed, never
// accepted) and its summary statistics (kept with the particle).
struct Evaluation {
  double distance = std::numeric_limits<double>::infinity();
  std::vector<double> statistics;
};

// Called from several threads at once; must depend on the proposal only.
using Simulator = std::function<Evaluation(const Proposal&)>;

struct Settings {
  std::size_t particles = 100;     // N, per generation
  std::size_t generations = 10;    // at most, generation 0 (from the prior) included
  double alpha = 0.5;              // epsilon_t: the alpha-quantile of generation t-1's distances
  double min_epsilon = 0.0;        // stop once a generation ran at a tolerance this small
  std::size_t max_simulations = 0; // stop before this many simulations are exceeded (0: no limit)
  std::size_t batch = 0;           // proposals evaluated together (0: N); part of the result, not the threads
  double model_jump = 0.2;         // probability that a proposal leaves its parent's model
  double choice_jump = 0.3;        // probability that a choice parameter moves to another value
  // The continuous components' kernel: a Gaussian (proposals outside the
  // prior's support discarded), or that Gaussian truncated to the support
  // and renormalised there, so that no proposal falls outside it (in many
  // dimensions almost every untruncated one does).
  bool truncated_kernel = false;
  std::uint64_t seed = 1;
  int threads = 0;                 // 0: every core
  std::size_t bootstrap = 1000;    // resamples for the Monte Carlo error of the model probabilities
};

struct Particle {
  std::size_t generation = 0;
  std::size_t index = 0;  // its proposal's number
  std::size_t model = 0;
  std::vector<double> theta;
  double weight = 0.0;    // normalised over the generation
  double distance = 0.0;
  std::vector<double> statistics;
  std::uint64_t seed = 0;
};

struct Generation {
  std::size_t number = 0;
  double epsilon = 0.0;          // +inf for generation 0
  std::size_t proposals = 0;     // proposals drawn (batches are whole)
  std::size_t simulations = 0;   // of them, simulated (the others fell outside the prior or a dead model)
  std::size_t accepted = 0;      // N
  double acceptance_rate = 0.0;  // accepted / simulations
  double ess = 0.0;              // effective sample size, (sum w)^2 / sum w^2
  std::vector<double> model_probabilities;
  std::vector<Particle> particles;
};

struct Result {
  std::vector<Generation> generations;  // the last is the posterior sample
  std::string stop_reason;
  std::size_t simulations = 0;          // in all, rejected and discarded ones included
  // Of the last generation: the models' shares of the weight and their
  // Monte Carlo standard errors (bootstrap over the population).
  std::vector<double> model_probabilities;
  std::vector<double> model_probability_se;
};

// Progress: after each batch, the generation, its particles accepted so far
// and the simulations in all.
using Progress = std::function<void(std::size_t generation, std::size_t accepted, std::size_t simulations)>;

// Called after each generation with the result so far (generations and
// simulations), e.g. to keep a checkpoint.
using GenerationDone = std::function<void(const Result& so_far)>;

// Throws std::invalid_argument on settings or a problem it cannot run.
// `resume`, if given, holds the generations (and simulations) of an
// interrupted run of the same problem, settings and simulator: the run
// continues after them, and gives the same result as if never interrupted.
Result run_abc_smc(const Problem& problem, const Settings& settings, const Simulator& simulate,
                   const Progress& progress = {}, const Result* resume = nullptr,
                   const GenerationDone& generation_done = {});

// The seed of proposal i of generation t under master seed s.
std::uint64_t proposal_seed(std::uint64_t seed, std::size_t generation, std::size_t index);

// Weighted summaries, for posterior tables: values with weights (not
// necessarily normalised).
struct WeightedSummary {
  double mean = 0.0, sd = 0.0;
  std::vector<double> quantiles;  // at the probabilities asked for
};
WeightedSummary weighted_summary(const std::vector<double>& values, const std::vector<double>& weights,
                                 const std::vector<double>& probabilities);

// The standard normal distribution function.
double normal_cdf(double x);

// A draw from N(mean, sd^2) truncated to [lo, hi] (infinite bounds: not
// truncated): rejection, then the inverse distribution function.
double truncated_normal(Rng& rng, double mean, double sd, double lo, double hi);

}  // namespace alliance::abc
