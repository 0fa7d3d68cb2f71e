#pragma once
// Reads one [[crisis]] table of a scenario (scenario/reader.cpp reads the
// rest). Errors go to the reader's diagnostics, named by file, line and key.
#include "core/calendar.hpp"
#include "scenario/scenario_def.hpp"
#include "scenario/table_reader.hpp"

namespace alliance {

CrisisDef read_crisis(TableReader& r, const RunCalendar& calendar);

}  // namespace alliance
