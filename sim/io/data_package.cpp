#include "io/data_package.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "io/columns.hpp"
#include "version.hpp"

namespace alliance {

using nlohmann::ordered_json;

namespace {

// A Table Schema field descriptor. Booleans are written 0/1, which the
// spec's default true/false values do not cover, so they are named; a
// probability or a share is bounded, which a validator can then check.
ordered_json field(const Column& c) {
  ordered_json f = {{"name", c.name}, {"type", c.type}, {"description", c.description}};
  if (c.type == "yearmonth") f["format"] = "default";  // YYYY-MM
  if (c.type == "boolean") {
    f["trueValues"] = {"1"};
    f["falseValues"] = {"0"};
  }
  if (!c.unit.empty()) f["unit"] = c.unit;  // not in the spec; extra properties are allowed
  if (c.unit == "probability" || c.unit == "share") f["constraints"] = {{"minimum", 0}, {"maximum", 1}};
  if (c.name == "seed") f["constraints"] = {{"pattern", "[0-9]+"}};
  return f;
}

// Package and resource names must be lower-case [a-z0-9._-].
std::string package_name(const std::string& source) {
  std::string stem = source;
  if (const auto slash = stem.find_last_of('/'); slash != std::string::npos) stem = stem.substr(slash + 1);
  if (const auto dot = stem.rfind('.'); dot != std::string::npos && dot > 0) stem = stem.substr(0, dot);
  std::string name = "alliance-run";
  if (!stem.empty()) name += '-';
  for (const char ch : stem) {
    const auto c = static_cast<unsigned char>(ch);
    name += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : (ch == '.' || ch == '_' ? ch : '-');
  }
  return name;
}

ordered_json resources_json(const std::vector<TableSpec>& tables) {
  ordered_json resources = ordered_json::array();
  for (const auto& table : tables) {
    ordered_json fields = ordered_json::array();
    for (const auto& c : table.columns) fields.push_back(field(c));
    ordered_json schema = {{"fields", fields}, {"missingValues", {""}}};
    if (!table.primary_key.empty()) schema["primaryKey"] = table.primary_key;
    const std::string name = table.file.substr(0, table.file.rfind('.'));
    resources.push_back({{"profile", "tabular-data-resource"},
                         {"name", name},
                         {"path", table.file},
                         {"description", table.description},
                         {"format", "csv"},
                         {"mediatype", "text/csv"},
                         {"encoding", "utf-8"},
                         {"dialect", {{"delimiter", ","}, {"header", true}, {"doubleQuote", true}}},
                         {"schema", schema}});
  }
  return resources;
}

}  // namespace

std::string data_package_json(const ScenarioDef& def, const RunProvenance& provenance) {
  ordered_json package;
  package["profile"] = "tabular-data-package";
  package["name"] = package_name(provenance.scenario_path);
  if (!def.title.empty()) package["title"] = def.title;
  package["description"] =
      "Output of `alliance run`. Every parameter, seed and the scenario's hash are in run.json; the model is "
      "documented in sim/MODEL.md.";
  package["sources"] = {{{"title", std::string("alliance ") + kVersion + ", scenario " + provenance.scenario_path},
                         {"path", provenance.scenario_path}}};
  package["alliance"] = {{"version", kVersion},
                         {"scenario_sha256", provenance.scenario_sha256},
                         {"seed", def.simulation.seed},
                         {"metadata", "run.json"}};
  package["resources"] = resources_json(written_tables(def, provenance.tables));
  return package.dump(2) + "\n";
}

std::string tables_package_json(const std::string& name, const std::string& description,
                                const std::vector<TableSpec>& tables) {
  ordered_json package;
  package["profile"] = "tabular-data-package";
  package["name"] = name;
  package["description"] = description;
  package["alliance"] = {{"version", kVersion}, {"metadata", "run.json"}};
  package["resources"] = resources_json(tables);
  return package.dump(2) + "\n";
}

}  // namespace alliance
