#pragma once
// The declared parameters (core/parameter.hpp), walked: the reader reads and
// range-checks them, `--set` checks a value against them, and the key tables
// of scenarios/README.md and sim/MODEL.md are written from them (run.json's
// echo walks them in io/run_metadata.cpp). Nothing here names a parameter.
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/parameter.hpp"
#include "scenario/table_reader.hpp"

namespace alliance {

// Reads one declared value when its key is present, checking its type and
// range with the messages of every other key (TableReader); absent, `value`
// keeps the default it holds.
void read_value(TableReader& r, const ParamInfo& info, double& value);
void read_value(TableReader& r, const ParamInfo& info, int& value);
void read_value(TableReader& r, const ParamInfo& info, std::uint64_t& value);
void read_value(TableReader& r, const ParamInfo& info, bool& value);
void read_value(TableReader& r, const ParamInfo& info, StepUnit& value);
void read_value(TableReader& r, const ParamInfo& info, YearMonth& value);

// Every row of `specs`, in order, into `out`.
template <typename T, std::size_t N>
void read_parameters(TableReader& r, T& out, const ParamSpec<T> (&specs)[N]) {
  for (const ParamSpec<T>& spec : specs)
    std::visit([&](auto member) { read_value(r, spec.info, out.*member); }, spec.member);
}

// A sub-table that holds declared parameters only, e.g. [alliance.burden];
// when it is absent the defaults stand.
template <typename T, std::size_t N>
void read_parameter_table(TableReader& parent, std::string_view key, T& out, const ParamSpec<T> (&specs)[N]) {
  const toml::table* table = parent.table(key);
  if (!table) return;
  TableReader r(*table, parent.key_path(key), parent.diagnostics());
  read_parameters(r, out, specs);
  r.finish();
}

// A declaration without its struct, for `--set` and the README.
struct ParameterEntry {
  ParamInfo info;
  std::string fallback;  // the default, as the README shows it
};

// The declared parameters of one table of the scenario file.
struct ParameterSection {
  std::string path;    // dotted, as --set names it: "alliance.credibility"
  bool array = false;  // an array of tables ([[crisis]]): --set names an element, crisis.ID.key
  std::vector<ParameterEntry> entries;
};

// Every section, in the order of scenarios/README.md.
const std::vector<ParameterSection>& parameter_sections();

// The declaration of a dotted key whose array elements are left out
// ("crisis.perception_noise" for `--set crisis.kosovo.perception_noise=...`);
// nullptr when the key declares no parameter.
const ParamInfo* find_parameter(std::string_view path);

// Reads the value under info.key in r's table as the reader would, for its
// messages only.
void check_parameter(TableReader& r, const ParamInfo& info);

// "number in [0, 1]", "integer 1..12000", "boolean", ...
std::string describe_type(const ParamInfo& info);

// The markdown table of a section, as in scenarios/README.md and
// sim/MODEL.md (written there by tests/unit/test_parameters.cpp).
std::string parameter_table_markdown(const ParameterSection& section);

}  // namespace alliance
