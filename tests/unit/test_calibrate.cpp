// ABC-SMC (sim/calibrate/abc_smc.hpp) on problems with known answers, its
// determinism across thread counts, and calibration files: a good one reads
// whole; each mistake is named by line and key.
//
// Known answers (sim/MODEL.md, "Calibration"):
//
// 1. A normal mean with known variance: n = 10 observations from
//    N(mu, 1) with mean ybar = 1, prior mu ~ N(0, 1). The posterior is
//    N(n ybar / (n + 1), 1 / (n + 1)): mean 0.9091, sd 0.3015. ABC on the
//    sufficient statistic ybar with |ybar_sim - ybar| <= epsilon targets
//    prior x P(|ybar_sim - ybar| <= eps | mu), whose variance exceeds the
//    posterior's by about eps^2 / 3 (0.0003 at eps = 0.03: +0.2% on the sd).
//    What is left is Monte Carlo error: with an ESS of several hundred, the
//    standard error of the mean is about 0.30 / sqrt(ESS) ~ 0.015 and that
//    of the sd about 0.30 / sqrt(2 ESS) ~ 0.01. The test allows 0.05 on the
//    mean and 0.04 on the sd (about 3-4 standard errors).
//
// 2. Model choice with analytic evidence: the same data, M0: mu = 0 against
//    M1: mu ~ N(0, 1), equal prior odds, ybar = 0.7. ybar is sufficient for
//    the choice (both models share the residuals' distribution), and
//    B10 = N(0.7; 0, 1 + 1/n) / N(0.7; 0, 1/n) = 2.80, P(M1 | y) = 0.737.
//    At tolerance eps the ABC model posterior is that of P(|Z - ybar| <= eps)
//    under each model's predictive (Z ~ N(0, v_m)), 0.737 within 0.001 at
//    eps = 0.02. Its Monte Carlo error, sqrt(p (1 - p) / ESS) ~ 0.02 for an
//    ESS of 500 and more for the SMC's correlations, is what the bootstrap
//    reports; the test allows 0.06.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include <boost/random/normal_distribution.hpp>

#include "calibrate/abc_smc.hpp"
#include "calibrate/calibration_reader.hpp"
#include "calibrate/scenario_simulator.hpp"
#include "scenario/input_error.hpp"

using namespace alliance;

namespace {

constexpr double kN = 10.0;  // observations
const double kSe = 1.0 / std::sqrt(kN);  // sd of ybar given mu

double standard_normal(Rng& rng) { return boost::random::normal_distribution<double>(0.0, 1.0)(rng); }

double normal_pdf(double x, double var) { return std::exp(-0.5 * x * x / var) / std::sqrt(2.0 * std::numbers::pi * var); }

abc::Problem normal_mean_problem() {
  abc::Problem p;
  abc::Prior prior;
  prior.kind = abc::PriorKind::normal;
  prior.mean = 0.0;
  prior.sd = 1.0;
  prior.lo = -10.0;
  prior.hi = 10.0;
  p.parameters.push_back({"mu", prior});
  p.models.push_back({"normal", {0}, 1.0});
  return p;
}

// ybar given mu: exactly N(mu, 1/n), drawn from the proposal's seed.
abc::Simulator normal_mean_simulator(double ybar) {
  return [ybar](const abc::Proposal& p) {
    Rng rng(p.seed);
    const double mu = std::isnan(p.theta.empty() ? abc::kAbsent : p.theta[0]) ? 0.0 : p.theta[0];
    const double sim = mu + kSe * standard_normal(rng);
    return abc::Evaluation{std::abs(sim - ybar), {sim}};
  };
}

abc::WeightedSummary posterior_of(const abc::Result& r, std::size_t j) {
  std::vector<double> values, weights;
  for (const auto& p : r.generations.back().particles) {
    values.push_back(p.theta[j]);
    weights.push_back(p.weight);
  }
  return abc::weighted_summary(values, weights, {0.5});
}

}  // namespace

TEST_CASE("priors: densities are normalised, samples stay in the support") {
  Rng rng(3);
  abc::Prior u{abc::PriorKind::uniform, 2.0, 6.0};
  abc::Prior lu{abc::PriorKind::log_uniform, 0.01, 1.0};
  abc::Prior n{abc::PriorKind::normal, 0.0, 1.0, 0.5, 1.0};
  abc::Prior c{abc::PriorKind::choice};
  c.choices = 3;
  for (const abc::Prior* q : {&u, &lu, &n}) {
    // Midpoint rule over the support.
    double integral = 0.0;
    const int steps = 20000;
    const double h = (q->hi - q->lo) / steps;
    for (int i = 0; i < steps; ++i) integral += q->density(q->lo + (i + 0.5) * h) * h;
    CHECK(integral == doctest::Approx(1.0).epsilon(1e-3));
    for (int i = 0; i < 200; ++i) {
      const double x = q->sample(rng);
      CHECK(q->density(x) > 0.0);
    }
    CHECK(q->density(q->hi + 1.0) == 0.0);
  }
  CHECK(c.density(1.0) == doctest::Approx(1.0 / 3.0));
  CHECK(c.density(1.5) == 0.0);
  CHECK(c.density(3.0) == 0.0);
}

TEST_CASE("known answer: normal mean with known variance") {
  abc::Settings s;
  s.particles = 1000;
  s.generations = 12;
  s.alpha = 0.5;
  s.min_epsilon = 0.03;
  s.seed = 11;
  s.bootstrap = 0;
  const double ybar = 1.0;
  const abc::Result r = abc::run_abc_smc(normal_mean_problem(), s, normal_mean_simulator(ybar));
  const double post_mean = kN * ybar / (kN + 1.0), post_sd = std::sqrt(1.0 / (kN + 1.0));
  const abc::WeightedSummary got = posterior_of(r, 0);
  const auto& last = r.generations.back();
  MESSAGE("normal mean: ABC mean " << got.mean << " sd " << got.sd << " (analytic " << post_mean << ", " << post_sd
                                   << "); final epsilon " << last.epsilon << ", ESS " << last.ess << ", "
                                   << r.generations.size() << " generations, " << r.simulations << " simulations; "
                                   << r.stop_reason);
  CHECK(last.epsilon <= 0.03);
  CHECK(last.ess > 300.0);
  CHECK(std::abs(got.mean - post_mean) < 0.05);
  CHECK(std::abs(got.sd - post_sd) < 0.04);
  // Tolerances shrink; weights are normalised.
  for (std::size_t t = 2; t < r.generations.size(); ++t)
    CHECK(r.generations[t].epsilon <= r.generations[t - 1].epsilon);
  double total = 0.0;
  for (const auto& p : last.particles) total += p.weight;
  CHECK(total == doctest::Approx(1.0));
}

// 3. The truncated kernel (settings.truncated_kernel): the normal mean of
//    answer 1 with ybar = 0.2 and a flat prior mu ~ U(0, 3), so that the
//    posterior, N(0.2, 1/n) cut at 0, has a quarter of its mass pressed
//    against the bound, where a truncated kernel's renormalisation matters.
//    Its mean and sd by the midpoint rule; the same allowances as answer 1.
TEST_CASE("known answer: a posterior against the prior's bound, with either kernel") {
  abc::Problem problem;
  problem.parameters.push_back({"mu", abc::Prior{abc::PriorKind::uniform, 0.0, 3.0}});
  problem.models.push_back({"normal", {0}, 1.0});
  const double ybar = 0.2;
  double mass = 0.0, first = 0.0, second = 0.0;
  const int steps = 30000;
  for (int i = 0; i < steps; ++i) {
    const double mu = (i + 0.5) * 3.0 / steps;
    const double w = normal_pdf(mu - ybar, 1.0 / kN);
    mass += w;
    first += w * mu;
    second += w * mu * mu;
  }
  const double post_mean = first / mass, post_sd = std::sqrt(second / mass - post_mean * post_mean);
  for (const bool truncated : {false, true}) {
    CAPTURE(truncated);
    abc::Settings s;
    s.particles = 1000;
    s.generations = 12;
    s.min_epsilon = 0.03;
    s.seed = 12;
    s.bootstrap = 0;
    s.truncated_kernel = truncated;
    const abc::Result r = abc::run_abc_smc(problem, s, normal_mean_simulator(ybar));
    const abc::WeightedSummary got = posterior_of(r, 0);
    MESSAGE("bounded mean, truncated " << truncated << ": ABC mean " << got.mean << " sd " << got.sd << " (numeric "
                                       << post_mean << ", " << post_sd << "); ESS " << r.generations.back().ess);
    CHECK(r.generations.back().epsilon <= 0.03);
    CHECK(std::abs(got.mean - post_mean) < 0.05);
    CHECK(std::abs(got.sd - post_sd) < 0.04);
    for (const auto& g : r.generations)
      if (truncated) CHECK(g.simulations == g.proposals);  // nothing falls outside the prior
  }
}

// 4. Many parameters: twenty uniform on [0, 1], the distance the largest
//    |theta_j - 0.5|. The untruncated kernel (twice the population's
//    variance, about 0.41 per component after the prior) keeps a proposal
//    inside the box with probability about 0.55^20, ~ 1e-5: the run stops
//    in generation 1 on the proposal limit. The truncated kernel goes on.
TEST_CASE("in twenty dimensions only the truncated kernel gets past the first generation") {
  abc::Problem problem;
  for (int j = 0; j < 20; ++j)
    problem.parameters.push_back({"x" + std::to_string(j), abc::Prior{abc::PriorKind::uniform, 0.0, 1.0}});
  std::vector<std::size_t> all(20);
  for (std::size_t j = 0; j < all.size(); ++j) all[j] = j;
  problem.models.push_back({"box", all, 1.0});
  const abc::Simulator simulator = [](const abc::Proposal& p) {
    double d = 0.0;
    for (const double x : p.theta) d = std::max(d, std::abs(x - 0.5));
    return abc::Evaluation{d, {d}};
  };
  abc::Settings s;
  s.particles = 100;
  s.generations = 4;
  s.seed = 20;
  s.bootstrap = 0;
  const abc::Result plain = abc::run_abc_smc(problem, s, simulator);
  s.truncated_kernel = true;
  const abc::Result truncated = abc::run_abc_smc(problem, s, simulator);
  MESSAGE("20 dimensions: gaussian kernel " << plain.generations.size() << " generations (" << plain.stop_reason
                                            << "); truncated " << truncated.generations.size() << ", final epsilon "
                                            << truncated.generations.back().epsilon);
  CHECK(plain.generations.size() == 1);
  CHECK(truncated.generations.size() == 4);
  CHECK(truncated.generations.back().epsilon < 0.45);
}

TEST_CASE("known answer: model choice between mu = 0 and mu ~ N(0, 1)") {
  abc::Problem problem = normal_mean_problem();
  problem.models = {{"zero", {}, 1.0}, {"normal", {0}, 1.0}};
  abc::Settings s;
  s.particles = 1000;
  s.generations = 12;
  s.alpha = 0.5;
  s.min_epsilon = 0.02;
  s.seed = 5;
  s.bootstrap = 200;
  const double ybar = 0.7;
  const abc::Result r = abc::run_abc_smc(problem, s, normal_mean_simulator(ybar));
  const double v0 = 1.0 / kN, v1 = 1.0 + 1.0 / kN;
  const double b10 = normal_pdf(ybar, v1) / normal_pdf(ybar, v0);
  const double p1 = b10 / (1.0 + b10);
  const double eps = r.generations.back().epsilon;
  auto hit = [&](double v) {
    const double sd = std::sqrt(v);
    return abc::normal_cdf((ybar + eps) / sd) - abc::normal_cdf((ybar - eps) / sd);
  };
  const double p1_abc = hit(v1) / (hit(v0) + hit(v1));
  MESSAGE("model choice: P(M1) = " << r.model_probabilities[1] << " +- " << r.model_probability_se[1]
                                   << " (analytic " << p1 << "; exact ABC at epsilon " << eps << ": " << p1_abc
                                   << "); " << r.generations.size() << " generations, " << r.simulations
                                   << " simulations; " << r.stop_reason);
  CHECK(b10 == doctest::Approx(2.80).epsilon(0.01));
  CHECK(std::abs(p1_abc - p1) < 0.002);
  CHECK(std::abs(r.model_probabilities[1] - p1) < 0.06);
  CHECK(r.model_probabilities[0] + r.model_probabilities[1] == doctest::Approx(1.0));
  CHECK(r.model_probability_se[1] > 0.0);
  CHECK(r.model_probability_se[1] < 0.05);
}

TEST_CASE("the same particles on 1 and 2 threads, and batches decide, not threads") {
  abc::Problem problem = normal_mean_problem();
  problem.models = {{"zero", {}, 1.0}, {"normal", {0}, 1.0}};
  abc::Settings s;
  s.particles = 60;
  s.generations = 4;
  s.seed = 9;
  s.batch = 16;
  s.threads = 1;
  const abc::Result a = abc::run_abc_smc(problem, s, normal_mean_simulator(0.7));
  s.threads = 2;
  const abc::Result b = abc::run_abc_smc(problem, s, normal_mean_simulator(0.7));
  REQUIRE(a.generations.size() == b.generations.size());
  CHECK(a.simulations == b.simulations);
  for (std::size_t t = 0; t < a.generations.size(); ++t) {
    const auto& x = a.generations[t].particles;
    const auto& y = b.generations[t].particles;
    REQUIRE(x.size() == y.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      CHECK(x[i].index == y[i].index);
      CHECK(x[i].model == y[i].model);
      CHECK(x[i].seed == y[i].seed);
      CHECK(x[i].weight == y[i].weight);  // bitwise: the same sums in the same order
      CHECK(x[i].distance == y[i].distance);
    }
  }
  CHECK(a.model_probability_se == b.model_probability_se);
}

TEST_CASE("resumed after any generation, the same result as never interrupted") {
  abc::Problem problem = normal_mean_problem();
  problem.models = {{"zero", {}, 1.0}, {"normal", {0}, 1.0}};
  abc::Settings s;
  s.particles = 40;
  s.generations = 5;
  s.seed = 21;
  s.bootstrap = 50;
  std::vector<abc::Result> checkpoints;
  const abc::Result whole = abc::run_abc_smc(problem, s, normal_mean_simulator(0.7), {}, nullptr,
                                             [&](const abc::Result& so_far) { checkpoints.push_back(so_far); });
  REQUIRE(checkpoints.size() == whole.generations.size());
  for (const auto& checkpoint : checkpoints) {
    const abc::Result resumed = abc::run_abc_smc(problem, s, normal_mean_simulator(0.7), {}, &checkpoint);
    REQUIRE(resumed.generations.size() == whole.generations.size());
    CHECK(resumed.simulations == whole.simulations);
    CHECK(resumed.stop_reason == whole.stop_reason);
    CHECK(resumed.model_probability_se == whole.model_probability_se);
    const auto& x = resumed.generations.back().particles;
    const auto& y = whole.generations.back().particles;
    for (std::size_t i = 0; i < x.size(); ++i) {
      CHECK(x[i].weight == y[i].weight);
      CHECK(std::equal(x[i].theta.begin(), x[i].theta.end(), y[i].theta.begin(), y[i].theta.end(),
                       [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }));
    }
  }
}

TEST_CASE("a simulation budget stops the run and keeps the last whole generation") {
  abc::Settings s;
  s.particles = 50;
  s.generations = 30;
  s.max_simulations = 600;
  s.seed = 2;
  const abc::Result r = abc::run_abc_smc(normal_mean_problem(), s, normal_mean_simulator(1.0));
  CHECK(r.stop_reason.find("budget") != std::string::npos);
  CHECK(r.generations.size() < 30);
  for (const auto& g : r.generations) CHECK(g.particles.size() == 50);
}

TEST_CASE("weighted summaries") {
  const auto s = abc::weighted_summary({1.0, 2.0, 3.0, 4.0}, {1.0, 1.0, 1.0, 1.0}, {0.25, 0.5, 1.0});
  CHECK(s.mean == doctest::Approx(2.5));
  CHECK(s.sd == doctest::Approx(std::sqrt(1.25)));
  CHECK(s.quantiles == std::vector<double>{1.0, 2.0, 4.0});
  const auto w = abc::weighted_summary({1.0, 2.0}, {3.0, 1.0}, {0.5, 0.8});
  CHECK(w.mean == doctest::Approx(1.25));
  CHECK(w.quantiles == std::vector<double>{1.0, 2.0});
}

namespace {

const std::string kCalibrationSource = std::string(ALLIANCE_SOURCE_DIR) + "/scenarios/calibrations/test.toml";

constexpr const char* kGoodCalibration = R"(
name = "tiny"
models = ["realist", "liberal"]
particles = 20
generations = 2
replicates = 2
seed = 4

[[case]]
name = "kosovo"
scenario = "../kosovo_1998.toml"
records = ["first_threat"]
missing = 16

[[parameter]]
name = "greece_affinity"
path = "state.GRC.adversary_affinity"
prior = "uniform"
range = [0.0, 0.9]

[[parameter]]
name = "noise"
path = "crisis.kosovo.perception_noise"
prior = "log-uniform"
range = [0.01, 0.5]

[[parameter]]
name = "deliberation"
path = "alliance.deliberation"
prior = "choice"
values = [false, true]
models = ["liberal"]
)";

std::string issues_of(const std::string& text) {
  try {
    ScenarioSimulator simulator(read_calibration_text(text, kCalibrationSource));
  } catch (const InputError& e) {
    std::string all;
    for (const auto& i : e.issues()) all += i.to_string() + "\n";
    return all;
  }
  return "";
}

}  // namespace

TEST_CASE("calibration files: a good one reads whole") {
  const CalibrationDef def = read_calibration_text(kGoodCalibration, kCalibrationSource);
  CHECK(def.name == "tiny");
  CHECK(def.models == std::vector<std::string>{"realist", "liberal"});
  REQUIRE(def.cases.size() == 1);
  CHECK(def.cases[0].missing == 16.0);
  REQUIRE(def.parameters.size() == 3);
  CHECK(def.parameters[1].prior.kind == abc::PriorKind::log_uniform);
  CHECK(def.parameters[2].literals == std::vector<std::string>{"false", "true"});
  CHECK(def.settings.particles == 20);
  const ScenarioSimulator simulator(def);
  REQUIRE(simulator.targets().size() == 1);
  CHECK(simulator.targets()[0].name == "kosovo.first_threat");
  CHECK(simulator.targets()[0].value == 7.0);
  const abc::Problem problem = simulator.problem();
  CHECK(problem.models[0].parameters == std::vector<std::size_t>{0, 1});
  CHECK(problem.models[1].parameters == std::vector<std::size_t>{0, 1, 2});
  const auto o = simulator.overrides(0, 1, {0.25, 0.1, 1.0}, 77);
  CHECK(o == std::vector<std::string>{"preset=\"liberal\"", "simulation.seed=77", "simulation.replicates=2",
                                      "state.GRC.adversary_affinity=0.25", "crisis.kosovo.perception_noise=0.1",
                                      "alliance.deliberation=true"});
}

TEST_CASE("calibration files: each mistake is named by line and key") {
  auto with = [](const std::string& from, const std::string& to) {
    std::string text = kGoodCalibration;
    text.replace(text.find(from), from.size(), to);
    return issues_of(text);
  };
  CHECK(with("prior = \"uniform\"", "prior = \"uniformm\"").find(":18:9: error: parameter[0].prior: unknown value") !=
        std::string::npos);
  CHECK(with("range = [0.0, 0.9]", "range = [0.9, 0.0]").find("parameter[0].range: expected [low, high]") !=
        std::string::npos);
  CHECK(with("range = [0.01, 0.5]", "range = [0.0, 0.5]").find("needs low > 0") != std::string::npos);
  CHECK(with("models = [\"realist\", \"liberal\"]", "models = [\"realist\", \"neocon\"]").find("unknown model \"neocon\"") !=
        std::string::npos);
  CHECK(with("records = [\"first_threat\"]", "records = [\"first_treat\"]").find("has no [[record]] \"first_treat\"") !=
        std::string::npos);
  CHECK(with("particles = 20", "particles = 1").find("particles") != std::string::npos);
  CHECK(with("seed = 4", "seed = 4\nsede = 5").find("sede") != std::string::npos);
  CHECK(with("path = \"state.GRC.adversary_affinity\"", "path = \"state.GRC.adversary_afinity\"")
            .find("does not read under model realist") != std::string::npos);
  CHECK(with("range = [0.0, 0.9]", "range = [0.0, 1.9]").find("high ends") != std::string::npos);
  CHECK(with("scenario = \"../kosovo_1998.toml\"", "scenario = \"../kosovo_1999.toml\"")
            .find("case[0].scenario") != std::string::npos);
}
