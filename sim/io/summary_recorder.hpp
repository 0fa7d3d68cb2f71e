#pragma once
// Per-replicate summary, as an observer of the step: the tally and the
// summary row's columns are in io/summary_table.cpp.
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
