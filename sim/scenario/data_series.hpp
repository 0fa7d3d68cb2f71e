#pragma once
// [data]: a scenario's states read from annual tables beside it
// (scenarios/data/, made by scenarios/data/import_data.py from public data
// sets) instead of hand-entered numbers. What a state's table omits comes
// from the tables at the run's start; with `annual`, each January of the run
// brings every state's GDP and defence share of that year as economy events.
// scenarios/README.md, "[data]"; sim/MODEL.md, "Input data".
#include <string>
#include <vector>

namespace alliance {

// Where a state's adversary affinity comes from when its table has none.
enum class AffinitySource { none, atop_pledges };
inline constexpr std::string_view kAffinitySourceNames[] = {"none", "atop_pledges"};

struct DataDef {
  bool present = false;   // the scenario has a [data] table
  std::string series;     // annual series by code and year, as written in the file
  std::string capitals;   // capitals by code with their dates of validity
  bool annual = true;     // yearly economy events from `series`
  AffinitySource affinity = AffinitySource::none;
  std::string rivalries;  // strategic rivalries by pair of codes (data/rivalries.csv), or empty
  std::vector<std::string> files;  // the tables read, resolved against the scenario's folder
};

struct ScenarioDef;
class Diagnostics;

// Fills what the states omit and appends the yearly economy events (before
// the file's own, so that a hand-entered event the same month wins).
// Reports a missing value, a malformed table or an unknown state code in
// `diagnostics`; an unreadable table is an InputError.
void apply_data(ScenarioDef& def, Diagnostics& diagnostics);

// From now on in this process, a data table is read once per path and kept:
// `alliance sweep` calls it before reading its base scenario, so that every
// point reads the tables as they were when the sweep started (the bytes
// inputs/ keeps), not from the disk again for each point.
void pin_data_tables();

}  // namespace alliance
