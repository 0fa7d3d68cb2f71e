#include "scenario/reader.hpp"
#include "scenario/reader_toml.hpp"

#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "scenario/crisis_reader.hpp"
#include "scenario/input_file.hpp"
#include "scenario/overrides.hpp"
#include "scenario/parameters.hpp"
#include "scenario/presets.hpp"
#include "scenario/data_series.hpp"
#include "scenario/references.hpp"
#include "scenario/table_reader.hpp"

namespace alliance {

namespace {

SimulationDef read_simulation(TableReader& r) {
  SimulationDef s;
  read_parameters(r, s, kSimulationParams);
  // Every step's date is written as YYYY-MM: the last must be 9999-12 at the latest.
  const YearMonth last = add_months(s.start, (s.steps - 1) * months_per_step(s.step_unit));
  if (last > kLastYearMonth) {
    const char* key = r.node("steps") ? "steps" : "start";
    r.error_at(r.node(key), key,
               fmt::format("the run's last step would be {}, past 9999-12 (dates are written as YYYY-MM): start "
                           "{} plus {} steps of a {}; start earlier or take fewer steps",
                           format_year_month(last), format_year_month(s.start), s.steps - 1,
                           step_unit_name(s.step_unit)));
  }
  r.finish();
  return s;
}

// With [data] (`has_data`), GDP, defence share, capital, democracy and
// affinity may be left to the tables (scenario/data_series.cpp); the default
// capability is set once GDP and defence share are known (finish_state).
StateDef read_state(TableReader& r, bool has_data) {
  static const std::regex kIso3("^[A-Z]{3}$");
  StateDef s;
  s.code = r.required_string("code").value_or("");
  if (!s.code.empty() && !std::regex_match(s.code, kIso3))
    r.error_at(r.node("code"), "code", fmt::format("expected an ISO 3166 alpha-3 code (three capital letters), got \"{}\"", s.code));
  s.name = r.string("name", s.code);
  auto& given = s.given;
  given.gdp = r.node("gdp") != nullptr;
  if (given.gdp || !has_data) s.gdp = r.required_number("gdp", kPositive).value_or(1.0);
  given.defence_share = r.node("defence_share") != nullptr;
  s.defence_share = r.number("defence_share", s.defence_share, kUnit);
  given.capability = r.node("capability") != nullptr;
  s.capability = r.number("capability", 0.0, kNonNegative);
  given.position = r.node("latitude") != nullptr || r.node("longitude") != nullptr;
  if (given.position || !has_data) s.position = read_position(r);
  given.democracy = r.node("democracy") != nullptr;
  s.democracy = r.number("democracy", s.democracy, kUnit);
  given.democracy_baseline = r.node("democracy_baseline") != nullptr;
  s.democracy_baseline = r.number("democracy_baseline", -1.0, kUnit);
  s.relative_gains = r.number("relative_gains", s.relative_gains, kUnit);
  s.risk_tolerance = r.number("risk_tolerance", s.risk_tolerance, kUnit);
  s.nuclear = r.boolean("nuclear", s.nuclear);
  given.adversary_affinity = r.node("adversary_affinity") != nullptr;
  s.adversary_affinity = r.number("adversary_affinity", s.adversary_affinity, kUnit);
  s.grievance = r.number("grievance", s.grievance, {0.0, 100.0});
  s.rival_gain_share = r.number("rival_gain_share", s.rival_gain_share, kUnit);
  r.finish();
  return s;
}

// Defaults that depend on other keys, once [data] has filled what it may.
void finish_state(StateDef& s) {
  // Default stock: ten years of current spending (documented in MODEL.md).
  if (!s.given.capability) s.capability = 10.0 * s.gdp * s.defence_share;
  if (s.democracy_baseline < 0.0) s.democracy_baseline = s.democracy;
}

DataDef read_data(TableReader& r) {
  DataDef d;
  d.present = true;
  d.series = r.required_string("series").value_or("");
  d.capitals = r.string("capitals", "");
  d.annual = r.boolean("annual", d.annual);
  std::vector<std::pair<std::string, AffinitySource>> sources;
  for (std::size_t i = 0; i < std::size(kAffinitySourceNames); ++i)
    sources.emplace_back(kAffinitySourceNames[i], static_cast<AffinitySource>(i));
  d.affinity = read_choice(r, "affinity", d.affinity, sources);
  d.rivalries = r.string("rivalries", "");
  r.finish();
  return d;
}

void read_qualified_majority(TableReader& r, RuleDef& rule) {
  read_parameters(r, rule, kQualifiedMajorityParams);
  std::vector<std::pair<std::string, QmWeighting>> weightings;
  for (std::size_t i = 0; i < std::size(kQmWeightingNames); ++i)
    weightings.emplace_back(kQmWeightingNames[i], static_cast<QmWeighting>(i));
  rule.qm_weighting = read_choice(r, "weighting", rule.qm_weighting, weightings);
  if (const toml::table* votes = r.table("votes")) {
    for (const auto& [code, value] : *votes) {
      auto v = value.as_integer();
      if (!v || v->get() < 0 || v->get() > 1000)
        r.error_at(&value, fmt::format("votes.{}", code.str()), "expected an integer number of votes in [0, 1000]");
      else rule.qm_votes[std::string(code.str())] = static_cast<int>(v->get());
    }
    if (rule.qm_weighting != QmWeighting::votes && !rule.qm_votes.empty())
      r.error_at(r.node("votes"), "votes", "votes are given but weighting is not \"votes\"");
  }
  if (rule.qm_weighting == QmWeighting::votes && rule.qm_votes.empty())
    r.error_at(nullptr, "votes", "weighting = \"votes\" needs a [alliance.qualified_majority.votes] table");
  r.finish();
}

std::optional<DecisionRule> read_rule_name(TableReader& r, std::string_view key, std::string fallback) {
  const std::string name = r.string(key, std::move(fallback));
  if (auto rule = parse_rule(name)) return rule;
  std::vector<std::string> names(std::begin(kRuleNames), std::end(kRuleNames));
  const std::string near = nearest_key(name, names);
  r.error_at(r.node(key), key,
             fmt::format("unknown decision rule \"{}\"; expected one of consensus, majority, "
                         "qualified_majority, directorate, unilateral{}",
                         name, near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
  return std::nullopt;
}

AllianceDef read_alliance(TableReader& r) {
  AllianceDef a;
  a.name = r.string("name", a.name);
  a.members = r.strings("members");
  if (a.members.empty()) r.error_at(r.node("members"), "members", "an alliance needs at least one member");
  a.rule.rule = read_rule_name(r, "rule", "consensus").value_or(DecisionRule::consensus);
  a.rule.leader = r.string("leader", "");
  a.rule.directorate = r.strings("directorate");
  if (const toml::table* qm = r.table("qualified_majority")) {
    TableReader sub(*qm, r.key_path("qualified_majority"), r.diagnostics());
    read_qualified_majority(sub, a.rule);
  }
  read_parameters(r, a.params, kAllianceParams);
  a.aspirants = r.strings("aspirants");
  a.promised = r.strings("promised");
  read_parameter_table(r, "credibility", a.credibility, kCredibilityParams);
  read_parameter_table(r, "burden", a.burden, kBurdenParams);
  read_parameter_table(r, "democracy", a.democracy, kDemocracyParams);
  read_parameter_table(r, "enlargement", a.enlargement, kEnlargementParams);
  r.finish();
  return a;
}

DeploymentDef read_deployment(TableReader& r) {
  DeploymentDef d;
  d.from = r.required_string("from").value_or("");
  d.to = r.required_string("to").value_or("");
  d.capability = r.required_number("capability", kPositive).value_or(0.0);
  r.finish();
  return d;
}

DisputeDef read_dispute(TableReader& r) {
  DisputeDef d;
  d.member = r.required_string("member").value_or("");
  d.aspirant = r.required_string("aspirant").value_or("");
  d.weight = r.required_number("weight", {0.0, 100.0}).value_or(0.0);
  d.source = r.required_string("source").value_or("");
  r.finish();
  return d;
}

RivalryDef read_rivalry(TableReader& r) {
  RivalryDef d;
  d.a = r.required_string("a").value_or("");
  d.b = r.required_string("b").value_or("");
  d.since = static_cast<int>(r.integer("since", 0, 1, 9999));
  d.until = static_cast<int>(r.integer("until", 0, 1, 9999));
  if (d.until != 0 && d.until < d.since)
    r.error_at(r.node("until"), "until", fmt::format("the rivalry ends ({}) before it begins ({})", d.until, d.since));
  d.source = r.required_string("source").value_or("");
  r.finish();
  return d;
}

TransitDef read_transit(TableReader& r) {
  TransitDef d;
  d.id = r.string("id", "");
  d.a = r.required_string("a").value_or("");
  d.b = r.required_string("b").value_or("");
  if (r.node("km")) d.km = r.required_number("km", kPositive).value_or(1.0);
  std::vector<std::pair<std::string, TransitMode>> modes;
  for (std::size_t i = 0; i < std::size(kTransitModeNames); ++i)
    modes.emplace_back(kTransitModeNames[i], static_cast<TransitMode>(i));
  d.mode = read_choice(r, "mode", d.mode, modes);
  d.open = r.boolean("open", d.open);
  d.source = r.string("source", "");
  r.finish();
  return d;
}

AdversaryDef read_adversary(TableReader& r) {
  AdversaryDef a;
  a.code = r.string("code", a.code);
  a.name = r.string("name", a.name);
  a.capability = r.required_number("capability", kNonNegative).value_or(0.0);
  a.position = read_position(r);
  read_parameters(r, a.params, kAdversaryParams);
  r.finish();
  return a;
}

EventDef read_event(TableReader& r, const RunCalendar& calendar, bool accession_with_capability) {
  EventDef e;
  e.step = read_step(r, "at", calendar, true).value_or(0);
  const std::string name = r.required_string("kind").value_or("");
  const std::optional<EventKind> kind = parse_event_kind(name);
  if (kind) e.kind = *kind;
  if (kind == EventKind::accession) {
    e.state = r.required_string("state").value_or("");
    e.with_capability = r.boolean("with_capability", accession_with_capability);
    e.capability = r.number("capability", -1.0, kNonNegative);
    e.from = r.string("from", "");
    if (!e.with_capability && (r.node("from") || e.capability >= 0.0))
      r.error_at(r.node("from") ? r.node("from") : r.node("capability"), "with_capability",
                 "`capability` and `from` apply only with with_capability = true");
  } else if (kind == EventKind::deployment) {
    e.from = r.required_string("from").value_or("");
    e.to = r.required_string("to").value_or("");
    e.capability = r.required_number("capability", kNonNegative).value_or(0.0);
    const std::string mode = r.string("mode", "set");
    if (mode != "set" && mode != "add")
      r.error_at(r.node("mode"), "mode", fmt::format("expected \"set\" or \"add\", got \"{}\"", mode));
    e.add = mode == "add";
  } else if (kind == EventKind::rule_change) {
    e.rule = read_rule_name(r, "rule", "consensus").value_or(DecisionRule::consensus);
  } else if (kind == EventKind::escalation) {
    e.crisis = r.required_string("crisis").value_or("");
    e.shock = r.required_number("shock", {-100.0, 100.0}).value_or(0.0);
  } else if (kind == EventKind::promise) {
    e.state = r.required_string("state").value_or("");
  } else if (kind == EventKind::sanction_reform) {
    e.every = static_cast<int>(r.integer("every", 0, 0, kMaxSteps));
  } else if (kind == EventKind::economy) {
    e.state = r.required_string("state").value_or("");
    e.gdp = r.number("gdp", -1.0, kPositive);
    e.defence_share = r.number("defence_share", -1.0, kUnit);
    e.democracy = r.number("democracy", -1.0, kUnit);
    if (!r.node("gdp") && !r.node("defence_share") && !r.node("democracy"))
      r.error_at(r.node("kind"), "gdp", "an economy event needs `gdp`, `defence_share`, `democracy` or some of them");
  } else if (kind == EventKind::adversary) {
    e.capability = r.required_number("capability", kNonNegative).value_or(0.0);
  } else if (kind == EventKind::attitude) {
    e.state = r.required_string("state").value_or("");
    e.crisis = r.string("crisis", "");
    e.risk_tolerance = r.number("risk_tolerance", -1.0, kUnit);
    e.relative_gains = r.number("relative_gains", -1.0, kUnit);
    e.adversary_affinity = r.number("adversary_affinity", -1.0, kUnit);
    e.interest = r.number("interest", -1.0, {0.0, 100.0});
    e.aspirant = r.string("aspirant", "");
    e.dispute = r.number("dispute", -1.0, {0.0, 100.0});
    if (r.node("dispute") && e.aspirant.empty())
      r.error_at(r.node("dispute"), "aspirant", "a dispute is with an aspirant: name it with `aspirant`");
    if (!e.aspirant.empty() && !r.node("dispute"))
      r.error_at(r.node("aspirant"), "dispute", "`aspirant` names whose dispute changes: give `dispute`");
    if (e.interest >= 0.0 && e.crisis.empty())
      r.error_at(r.node("interest"), "crisis", "an interest is in a crisis: name it with `crisis`");
    if (!e.crisis.empty() && !r.node("interest"))
      r.error_at(r.node("crisis"), "interest", "`crisis` names whose interest changes: give `interest`");
    if (!r.node("risk_tolerance") && !r.node("relative_gains") && !r.node("adversary_affinity") && !r.node("interest") &&
        !r.node("dispute"))
      r.error_at(r.node("kind"), "risk_tolerance",
                 "an attitude event needs `risk_tolerance`, `relative_gains`, `adversary_affinity`, `interest` or "
                 "`dispute`");
  } else if (!name.empty()) {
    const std::vector<std::string> names(kEventKindNames.begin(), kEventKindNames.end());
    const std::string near = nearest_key(name, names);
    r.error_at(r.node("kind"), "kind",
               fmt::format("unknown event kind \"{}\"; expected {} or {}{}", name,
                           fmt::join(names.begin(), names.end() - 1, ", "), names.back(),
                           near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
    return e;  // which other keys are known depends on the kind: no use judging them
  }
  r.finish();
  return e;
}

RecordDef read_record(TableReader& r) {
  static const std::regex kIdent("^[a-z][a-z0-9_]*$");
  RecordDef d;
  d.name = r.required_string("name").value_or("");
  if (!d.name.empty() && !std::regex_match(d.name, kIdent))
    r.error_at(r.node("name"), "name", fmt::format("expected a lower-case identifier like \"air_campaign\", got \"{}\"", d.name));
  d.what = r.required_string("what").value_or("");
  d.metric = r.required_string("metric").value_or("");
  d.value = r.required_number("value", {-1e12, 1e12}).value_or(0.0);
  d.tolerance = r.required_number("tolerance", kPositive).value_or(1.0);
  d.date = r.string("date", "");
  if (!d.date.empty() && !parse_year_month(d.date))
    r.error_at(r.node("date"), "date", fmt::format("expected \"YYYY-MM\", got \"{}\"", d.date));
  d.source = r.required_string("source").value_or("");
  r.finish();
  return d;
}

template <typename Def, typename ReadOne>
std::vector<Def> read_array(TableReader& top, std::string_view key, ReadOne read_one) {
  std::vector<Def> out;
  const toml::array* arr = top.array_of_tables(key);
  if (!arr) return out;
  int index = 0;
  for (const auto& node : *arr) {
    TableReader r(*node.as_table(), fmt::format("{}[{}]", key, index++), top.diagnostics());
    out.push_back(read_one(r));
  }
  return out;
}

ScenarioDef read_root(const toml::table& root, std::string source, const std::vector<std::string>& origins) {
  Diagnostics diag(source);
  diag.set_argument_sources(origins);
  ScenarioDef def;
  def.source = source;
  TableReader top(root, "", diag);
  def.preset = top.string("preset", "");
  def.title = top.string("title", "");
  def.description = top.string("description", "");

  if (const toml::table* sim = top.table("simulation")) {
    TableReader r(*sim, "simulation", diag);
    def.simulation = read_simulation(r);
  } else {
    diag.add(0, 0, "simulation", "missing; a scenario needs a [simulation] table with `steps`");
  }
  const RunCalendar calendar = run_calendar(def.simulation);

  const toml::table* data = top.table("data");
  if (data) {
    TableReader r(*data, "data", diag);
    def.data = read_data(r);
  }
  if (const toml::array* states = top.array_of_tables("state")) {
    int index = 0;
    for (const auto& node : *states) {
      TableReader r(*node.as_table(), fmt::format("state[{}]", index++), diag);
      def.states.push_back(read_state(r, data != nullptr));
      const bool from_argument = diag.from_argument(node.source().path.get());  // then not a line of the file
      def.states.back().line = from_argument ? 0 : static_cast<int>(node.source().begin.line);
      def.states.back().column = from_argument ? 0 : static_cast<int>(node.source().begin.column);
    }
  }
  if (def.states.empty()) diag.add(0, 0, "state", "missing; a scenario needs [[state]] tables");
  if (def.states.size() > static_cast<std::size_t>(kMaxStates))
    diag.add(0, 0, "state",
             fmt::format("{} states exceed the limit of {}: the model keeps state-by-state matrices, which grow as "
                         "the square; to go beyond, raise kMaxStates in sim/core/limits.hpp and rebuild",
                         def.states.size(), kMaxStates));

  if (const toml::table* a = top.table("alliance")) {
    TableReader r(*a, "alliance", diag);
    def.alliance = read_alliance(r);
  } else {
    diag.add(0, 0, "alliance", "missing; a scenario needs an [alliance] table with `members`");
  }
  def.deployments = read_array<DeploymentDef>(top, "deployment", read_deployment);
  def.disputes = read_array<DisputeDef>(top, "dispute", read_dispute);
  def.rivalries = read_array<RivalryDef>(top, "rivalry", read_rivalry);
  def.transit = read_array<TransitDef>(top, "transit", read_transit);
  if (const toml::table* adv = top.table("adversary")) {
    TableReader r(*adv, "adversary", diag);
    def.adversary = read_adversary(r);
  } else {
    diag.add(0, 0, "adversary", "missing; a scenario needs an [adversary] table");
  }
  read_parameter_table(top, "severity", def.severity, kSeverityParams);
  def.crises = read_array<CrisisDef>(top, "crisis", [&](TableReader& r) { return read_crisis(r, calendar); });
  // An accession without `with_capability` follows [alliance.enlargement]'s,
  // so one key turns a scenario into its with-capability counterfactual.
  const bool with_capability = def.alliance.enlargement.with_capability;
  def.events =
      read_array<EventDef>(top, "event", [&](TableReader& r) { return read_event(r, calendar, with_capability); });
  def.records = read_array<RecordDef>(top, "record", read_record);
  for (std::size_t i = 0; i < def.records.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (def.records[i].name == def.records[j].name)
        diag.add(0, 0, fmt::format("record[{}].name", i), fmt::format("\"{}\" names an earlier record too", def.records[i].name));
  top.finish();

  if (data && diag.empty()) apply_data(def, diag);
  for (StateDef& s : def.states) finish_state(s);
  if (diag.empty()) check_references(def, root, diag);
  diag.throw_if_any();
  // By step; within a step the events from [data] first, so that the file's
  // own (hand-entered, with their sources) have the last word.
  std::stable_sort(def.events.begin(), def.events.end(), [](const EventDef& a, const EventDef& b) {
    return a.step != b.step ? a.step < b.step : a.from_data && !b.from_data;
  });
  return def;
}

// Issues at a command-line argument that differ only in an element's index
// (state[3].x, state[4].x: the argument was state.*.x) become one, at
// state[*].x; every other issue is kept as it is, in order.
std::vector<InputIssue> merge_argument_issues(std::vector<InputIssue> issues, const std::vector<std::string>& origins) {
  static const std::regex index(R"(\[[0-9]+\])");
  std::vector<InputIssue> merged;
  std::vector<std::size_t> count;
  for (InputIssue& issue : issues) {
    if (issue.line != 0 || std::find(origins.begin(), origins.end(), issue.file) == origins.end()) {
      merged.push_back(std::move(issue));
      count.push_back(1);
      continue;
    }
    const std::string any = std::regex_replace(issue.key, index, "[*]");
    auto same = [&](const InputIssue& m) {
      return m.line == 0 && m.file == issue.file && m.message == issue.message &&
             std::regex_replace(m.key, index, "[*]") == any;
    };
    const auto it = std::find_if(merged.begin(), merged.end(), same);
    if (it == merged.end()) {
      merged.push_back(std::move(issue));
      count.push_back(1);
    } else if (++count[static_cast<std::size_t>(it - merged.begin())] == 2) {
      it->key = any;
    }
  }
  return merged;
}

// The preset named by the top-level `preset` key fills in what the file and
// the overrides leave unset.
void apply_named_preset(toml::table& root, const std::string& source, const std::vector<std::string>& origins) {
  const toml::node* node = root.get("preset");
  if (!node) return;
  const auto name = node->value<std::string>();
  if (!name) return;  // a wrong type is reported by the reader
  const Preset* preset = find_preset(*name);
  if (!preset) {
    std::vector<std::string> names;
    for (const auto& p : presets()) names.push_back(p.name);
    const std::string near = nearest_key(*name, names);
    Diagnostics diag(source);
    diag.set_argument_sources(origins);  // --preset NAME, or a --set of preset
    diag.add_at(node->source().path.get(), static_cast<int>(node->source().begin.line),
                static_cast<int>(node->source().begin.column), "preset",
                fmt::format("unknown preset \"{}\"; expected realist or liberal{}", *name,
                            near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
    diag.throw_if_any();
  }
  apply_preset(root, *preset);
}

}  // namespace

ScenarioDef read_scenario_text(std::string_view text, std::string source_name,
                               const std::vector<std::string>& overrides, const std::vector<std::string>& origins) {
  toml::table root = parse_toml(text, source_name);  // before source_name is moved from
  return read_scenario_table(std::move(root), std::move(source_name), overrides, origins);
}

ScenarioDef read_scenario_table(toml::table root, std::string source_name, const std::vector<std::string>& overrides,
                                const std::vector<std::string>& origins) {
  apply_overrides(root, overrides, source_name, origins);
  if (origins.empty()) {
    apply_named_preset(root, source_name, origins);
    return read_root(root, std::move(source_name), origins);
  }
  // From the command line: an unknown --preset and the file's problems
  // together, and an argument's problem once for all the elements it set
  // ("state.*.x" is one argument, not one per state).
  std::vector<InputIssue> issues;
  try {
    apply_named_preset(root, source_name, origins);
  } catch (const InputError& e) {
    issues = e.issues();
  }
  try {
    ScenarioDef def = read_root(root, source_name, origins);
    if (issues.empty()) return def;
  } catch (const InputError& e) {
    issues.insert(issues.end(), e.issues().begin(), e.issues().end());
  }
  throw InputError(merge_argument_issues(std::move(issues), origins));
}

ScenarioDef read_scenario_file(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  return read_scenario_text(read_input_file(path, kScenarioFile), path.string(), overrides);
}

}  // namespace alliance
