// Benchmark: the cost of the model step, single-threaded, output excluded.
//
//   alliance_bench [SCENARIO] [--replicates N] [--states N,N,...] [--csv FILE]
//
// Takes the scenario (default: scenarios/kosovo_1998.toml), admits every
// state from step 0, drops scheduled events and runs 24 steps: the
// "19-member, 24-step replicate" of the engine issue. Prints the median of
// five timed batches for a whole replicate and for each phase of the step.
// --states grows the same world to N states each (synthetic copies of its
// states, all members) and times a replicate of each size: the scaling rows
// of issue 19 (--copy-world: a new copy of the world per replicate, as
// before issue 19, for comparison). --csv appends those figures as rows of
// sim/bench/README.md's table.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/step.hpp"
#include "io/csv_recorder.hpp"
#include "runner/run_scenario.hpp"
#include "mechanisms/adversary.hpp"
#include "mechanisms/burden_sharing.hpp"
#include "mechanisms/credibility.hpp"
#include "mechanisms/democracy.hpp"
#include "mechanisms/crisis_decision.hpp"
#include "scenario/build_world.hpp"
#include "scenario/reader.hpp"

using namespace alliance;
using Clock = std::chrono::steady_clock;

namespace {

// Median over five batches of the seconds one call of `work` takes.
double median_seconds(int calls, const std::function<void()>& work) {
  std::array<double, 5> times{};
  for (double& t : times) {
    const auto start = Clock::now();
    for (int i = 0; i < calls; ++i) work();
    t = std::chrono::duration<double>(Clock::now() - start).count() / calls;
  }
  std::sort(times.begin(), times.end());
  return times[2];
}

// The scenario grown to `n` states: its own first, then copies of them
// under new codes ("Q" and two letters), scattered around their capitals.
ScenarioDef synthetic(const ScenarioDef& base, std::size_t n) {
  ScenarioDef def = base;
  const std::size_t own = base.states.size();
  for (std::size_t k = own; k < n; ++k) {
    StateDef s = base.states[k % own];
    const std::size_t i = k - own;
    s.code = fmt::format("Q{}{}", static_cast<char>('A' + i / 26 % 26), static_cast<char>('A' + i % 26));
    if (i >= 26 * 26) s.code = fmt::format("Z{}{}", static_cast<char>('A' + (i - 676) / 26 % 26), static_cast<char>('A' + (i - 676) % 26));
    s.name = s.code;
    s.position.latitude += static_cast<double>(i % 7) - 3.0;
    s.position.longitude += static_cast<double>(i % 11) - 5.0;
    def.states.push_back(s);
  }
  def.alliance.members.clear();
  for (const auto& s : def.states) def.alliance.members.push_back(s.code);
  return def;
}

struct CsvRows {
  std::FILE* file = nullptr;
  void add(std::string_view what, double value, std::string_view unit) const {
    if (file) fmt::print(file, "{},{:.6g},{}\n", what, value, unit);
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::string path = ALLIANCE_DEFAULT_BENCH_SCENARIO;
  int replicates = 2000;
  std::vector<std::size_t> sizes;
  std::string csv_path;
  bool copy_world = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--replicates" && i + 1 < argc) replicates = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--states" && i + 1 < argc) {
      std::string list = argv[++i];
      for (std::size_t pos = 0; pos < list.size();) {
        const auto comma = std::min(list.find(',', pos), list.size());
        sizes.push_back(static_cast<std::size_t>(std::max(1, std::atoi(list.substr(pos, comma - pos).c_str()))));
        pos = comma + 1;
      }
    } else if (arg == "--csv" && i + 1 < argc) csv_path = argv[++i];
    else if (arg == "--copy-world") copy_world = true;
    else path = arg;
  }
  CsvRows csv;
  if (!csv_path.empty()) {
    csv.file = std::fopen(csv_path.c_str(), "a");
    if (!csv.file) {
      fmt::print(stderr, "cannot open {}\n", csv_path);
      return 1;
    }
  }
  ScenarioDef def;
  try {
    def = read_scenario_file(path);
  } catch (const InputError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  }
  def.alliance.members.clear();
  for (const auto& s : def.states) def.alliance.members.push_back(s.code);
  def.events.clear();
  def.simulation.steps = 24;
  for (auto& c : def.crises) { c.start = 0; c.end = 23; }

  const World initial = build_world(def);
  const int steps = def.simulation.steps;
  const double members = static_cast<double>(initial.members().size());
  const double member_steps = members * steps;
  std::uint64_t r = 0;

  const double replicate = median_seconds(replicates, [&] {
    Rng rng(replicate_seed(1, r++));
    volatile double sink = run_replicate(initial, steps, rng, {}).cache.credibility.credibility[0];
    (void)sink;
  });
  const double copy = median_seconds(replicates, [&] {
    World copy_of = initial;
    volatile std::size_t sink = copy_of.state_count();
    (void)sink;
  });
  World w = initial;
  Rng rng(1);
  // Every pair (the step computes again only the rows whose inputs moved).
  const double willingness = median_seconds(replicates * steps, [&] {
    w.cache.credibility.inputs.valid = false;
    update_willingness(w);
  });
  const double credibility = median_seconds(replicates * steps, [&] { update_credibility(w); });
  const double crisis = median_seconds(replicates * steps, [&] { decide_crisis(w, 0, rng); w.events.clear(); });
  const double burden = median_seconds(replicates * steps, [&] { update_burden_sharing(w); });
  const double adversary = median_seconds(replicates * steps, [&] { update_adversary(w, rng); w.events.clear(); });
  const double democracy = median_seconds(replicates * steps, [&] { update_democracy(w); w.events.clear(); });

  const RecordingContext context = RecordingContext::from(def);
  const double recorded = median_seconds(std::max(1, replicates / 10), [&] {
    volatile std::size_t sink =
        run_one_replicate(def, initial, context, 0, replicate_seed(1, r++), TableSelection::all()).summary.size();
    (void)sink;
  });

  fmt::print("alliance_bench: {} ({} members from step 0, {} steps, rule {}, {} crises)\n", path,
             initial.members().size(), steps, rule_name(initial.rule.rule), initial.crises.size());
  fmt::print("single thread, median of 5 batches of {} replicates; output excluded unless stated\n", replicates);
  fmt::print("  replicate (world copy + {} steps)    {:10.2f} us\n", steps, replicate * 1e6);
  fmt::print("  per member-step                     {:10.1f} ns\n", replicate / member_steps * 1e9);
  fmt::print("  of which copying the initial world   {:10.2f} us\n", copy * 1e6);
  fmt::print("  per member-step, by phase (M2 runs only when its inputs changed):\n");
  fmt::print("    M2 willingness (all pairs)        {:10.1f} ns\n", willingness / members * 1e9);
  fmt::print("    M2 credibility (hold x decide)    {:10.1f} ns\n", credibility / members * 1e9);
  fmt::print("    M3 crisis decision                {:10.1f} ns\n", crisis / members * 1e9);
  fmt::print("    M1 burden sharing                 {:10.1f} ns\n", burden / members * 1e9);
  fmt::print("    M4 adversary                      {:10.1f} ns\n", adversary / members * 1e9);
  fmt::print("    M5 democracy                      {:10.1f} ns\n", democracy / members * 1e9);
  fmt::print("  replicate with CSV recording        {:10.2f} us\n", recorded * 1e6);
  fmt::print("  replicates per second (no output)   {:10.0f}\n", 1.0 / replicate);
  csv.add("step_ns_per_member_step", replicate / member_steps * 1e9, "ns");

  // Growing the world: a replicate's time (its world reused, as a thread
  // of `run` or `sweep` reuses it) for each size, fewer replicates the
  // larger it is.
  std::vector<double> per_replicate;
  for (const std::size_t n : sizes) {
    const ScenarioDef big = synthetic(def, n);
    const World world = build_world(big);
    World scratch = world;
    const int calls = std::max(3, static_cast<int>(replicates * 400 / static_cast<long>(n * n)));
    const double seconds = median_seconds(calls, [&] {
      Rng grown_rng(replicate_seed(1, r++));
      if (copy_world) {  // as before issue 19: a new copy of the world per replicate
        volatile double sink = run_replicate(world, steps, grown_rng, {}).cache.credibility.credibility[0];
        (void)sink;
        return;
      }
      scratch = world;
      run_steps(scratch, steps, grown_rng, {});
      volatile double sink = scratch.cache.credibility.credibility[0];
      (void)sink;
    });
    per_replicate.push_back(seconds);
    fmt::print("  synthetic world of {:5} states: {:12.1f} us per replicate ({} steps, median of 5 batches of {})\n",
               n, seconds * 1e6, steps, calls);
    csv.add(fmt::format("synthetic_N{}_us_per_replicate", n), seconds * 1e6, "us");
  }
  for (std::size_t k = 1; k < sizes.size(); ++k) {
    const double ratio = per_replicate[k] / per_replicate[k - 1];
    fmt::print("  time ratio N={} / N={}: {:.2f} (N^2 would give {:.2f})\n", sizes[k], sizes[k - 1], ratio,
               std::pow(static_cast<double>(sizes[k]) / static_cast<double>(sizes[k - 1]), 2));
    csv.add(fmt::format("synthetic_ratio_N{}_over_N{}", sizes[k], sizes[k - 1]), ratio, "ratio");
  }
  if (csv.file) std::fclose(csv.file);
  return 0;
}
