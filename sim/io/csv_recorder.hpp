#pragma once
// Records what a replicate did, step by step, as CSV rows (without headers)
// in memory, for the run driver to write in replicate order.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/step.hpp"
#include "scenario/scenario_def.hpp"

namespace alliance {

// A NaN or infinity was about to be written: a fault in the model.
class NonFiniteOutput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What every recorder of a run shares: the calendar and thresholds.
struct RecordingContext {
  std::vector<std::string> dates;  // "YYYY-MM" per step
  int months_per_step = 1;
  double hollow_threshold = 0.5;
  std::vector<int> wave_steps;     // accession waves

  static RecordingContext from(const ScenarioDef& def);
};

struct ReplicateTables {
  std::string steps, members, crises, votes, events, summary;
};

class CsvRecorder final : public StepObserver {
 public:
  CsvRecorder(const RecordingContext& context, int replicate, std::uint64_t seed);
  void on_step(const World& world) override;
  // Per-step rows so far; the summary row is written by SummaryRecorder.
  void move_into(ReplicateTables& tables);

 private:
  void record_step(const World& w);
  void record_members(const World& w);
  void record_crises(const World& w);
  void record_events(const World& w);
  void record_member_economics(const World& w, const State& s, std::optional<double> burden_share);

  const RecordingContext& context_;
  int replicate_;
  std::uint64_t seed_;
  fmt::memory_buffer steps_, members_, crises_, votes_, events_;
};

// Mean and minimum credibility and hollow share over the current members.
struct CredibilityStats {
  double mean = 0.0;
  double min = 0.0;
  double hollow_share = 0.0;
};
CredibilityStats credibility_stats(const World& world, double hollow_threshold);

// Burden sharing and democracy over the current members (M1, M5).
struct MemberStats {
  double total_spending = 0.0;
  std::optional<double> leader_burden_share;
  std::optional<double> leader_gdp_share;
  std::optional<double> spearman_gdp_spending;
  double mean_democracy = 0.0;
};
MemberStats member_stats(const World& world);

// Appends a number as CSV (8 significant digits, no "-0"); throws NonFiniteOutput
// on NaN or infinity.
void append_number(fmt::memory_buffer& out, double x);
// An optional number: empty when absent ("not applicable").
void append_optional(fmt::memory_buffer& out, const std::optional<double>& x);

}  // namespace alliance
