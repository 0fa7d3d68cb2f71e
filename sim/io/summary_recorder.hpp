#pragma once
// Per-replicate summary: deadlock months, time to action, intensity,
// credibility before and after each accession wave. It tallies as the run
// goes; the summary row's columns are declared in io/summary_table.cpp.
#include <cstdint>

#include "engine/step.hpp"
#include "io/run_tables.hpp"

namespace alliance {

class SummaryRecorder final : public StepObserver {
 public:
  SummaryRecorder(const RecordingContext& context, int replicate, std::uint64_t seed);
  void on_step(const World& world) override;
  SummaryRow row() const { return summary_row(tally_); }

 private:
  const RecordingContext& context_;
  SummaryTally tally_;
};

}  // namespace alliance
