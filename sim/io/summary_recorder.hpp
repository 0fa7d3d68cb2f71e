#pragma once
// Per-replicate summary: deadlock months, time to action, intensity,
// credibility before and after each accession wave (one row of summary.csv).
#include <optional>
#include <string>
#include <vector>

#include "io/csv_recorder.hpp"

namespace alliance {

class SummaryRecorder final : public StepObserver {
 public:
  SummaryRecorder(const RecordingContext& context, int replicate, std::uint64_t seed);
  void on_step(const World& world) override;
  std::string row() const;  // columns as in io/columns.cpp, summary_columns()

 private:
  struct CrisisTally {
    int deadlock_steps = 0;
    std::optional<int> steps_to_threat;
    std::optional<int> steps_to_air_campaign;
    int max_level = 0;
    int level_sum = 0, active_steps = 0;
    int vetoes = 0;
    std::vector<char> vetoed;  // by state
    int bypass_steps = 0;
  };
  struct WaveTally {
    int new_members = 0;
    std::optional<CredibilityStats> before;
    CredibilityStats after;
    double new_members_credibility = 0.0;
  };

  const RecordingContext& context_;
  int replicate_;
  std::uint64_t seed_;
  int steps_ = 0;
  std::size_t members_start_ = 0, members_end_ = 0;
  CredibilityStats start_, last_;
  MemberStats last_members_;
  double threat_end_ = 0.0, adversary_capability_end_ = 0.0;
  int interventions_ = 0, endogenous_accessions_ = 0;
  std::optional<int> sanction_reform_step_;
  std::vector<CrisisTally> crises_;
  std::vector<WaveTally> waves_;
};

}  // namespace alliance
