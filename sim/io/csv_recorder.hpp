#pragma once
// Records what a replicate did, step by step, as CSV rows (without headers)
// in memory, for the run driver to write in replicate order. Each table's
// columns are declared once in io/*_table.cpp; this file builds each row's
// context and lets the declarations write it.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/step.hpp"
#include "io/columns.hpp"
#include "io/run_tables.hpp"

namespace alliance {

// A replicate's rows of every table, by RunTable.
struct ReplicateTables {
  std::array<std::string, kRunTableCount> text;
  std::string& operator[](RunTable t) { return text[static_cast<std::size_t>(t)]; }
  const std::string& operator[](RunTable t) const { return text[static_cast<std::size_t>(t)]; }
};

// Records steps, members, crises, votes and events (not the summary:
// SummaryRecorder). `tables` chooses which; the others cost nothing.
class CsvRecorder final : public StepObserver {
 public:
  CsvRecorder(const RecordingContext& context, int replicate, std::uint64_t seed,
              const TableSelection& tables = TableSelection::all());
  void on_step(const World& world) override;
  // False when only the summary is selected: the recorder can be left out.
  bool records_anything() const;
  void move_into(ReplicateTables& tables);

 private:
  RowPlace place(const World& w) const;
  void record_step(const World& w);
  void record_members(const World& w);
  void record_crises(const World& w);
  void record_events(const World& w);

  const RecordingContext& context_;
  int replicate_;
  std::uint64_t seed_;
  TableSelection tables_;
  fmt::memory_buffer steps_, members_, crises_, votes_, events_;
  // members.csv: each state's numbers as last written, by state and column,
  // and the members' mean ally willingness, kept while M2's output and the
  // membership stay as they were (their O(N^2) sum then needs no redoing).
  std::vector<NumberMemo> member_memos_;
  std::vector<double> ally_willingness_;
  std::uint64_t willingness_version_ = 0;
  std::vector<StateId> willingness_members_;
};

}  // namespace alliance
