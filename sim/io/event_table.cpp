// events.csv: one row per event.
#include "io/run_tables.hpp"

#include <fmt/format.h>

namespace alliance {

const std::vector<ColumnDef<EventRow>>& event_columns() {
  using R = const EventRow&;
  using T = CellType;
  static const std::vector<ColumnDef<EventRow>> columns = {
      {"replicate", T::integer, "", "replicate index", [](R r) -> Cell { return r.at.replicate; }},
      {"step", T::integer, "step", "step index", [](R r) -> Cell { return r.at.step; }},
      {"date", T::yearmonth, "YYYY-MM", "calendar month", [](R r) -> Cell { return *r.at.date; }},
      {"kind", T::string, "", "accession | deployment | rule_change | escalation | veto | consensus | action | bypass | promise | intervention | sanction_reform | reform_veto | backsliding",
       [](R r) -> Cell { return r.kind; }},
      {"actor", T::string, "ISO 3166 alpha-3", "state concerned, if any", [](R r) -> Cell { return r.actor; }},
      {"crisis", T::string, "", "crisis id, if any", [](R r) -> Cell { return r.crisis; }},
      {"detail", T::string, "", "what happened, as key=value pairs separated by ';'",
       [](R r) -> Cell { return r.detail; }},
  };
  return columns;
}

std::string_view event_type_name(EventType type) {
  static constexpr std::string_view kNames[] = {
      "accession", "deployment", "rule_change",     "escalation",  "veto",       "action",     "consensus",
      "bypass",    "promise",    "intervention",    "sanction_reform", "reform_veto", "backsliding"};
  return kNames[static_cast<int>(type)];
}

std::string event_detail(const World& w, const EventRecord& e) {
  std::string detail;
  switch (e.type) {
    case EventType::accession:
      detail = e.level ? fmt::format("with_capability=1;deployed={:.8g};from={}", e.value, w.states[e.other.value].code)
                       : "with_capability=0";
      detail += e.endogenous ? ";endogenous=1" : ";endogenous=0";
      break;
    case EventType::promise: break;
    case EventType::intervention: detail = fmt::format("threat={:.8g}", e.value); break;
    case EventType::sanction_reform: detail = fmt::format("adopted={};support={:.8g}", e.level, e.value); break;
    case EventType::reform_veto: break;
    case EventType::backsliding: detail = fmt::format("democracy={:.8g}", e.value); break;
    case EventType::deployment:
      detail = fmt::format("to={};stationed={:.8g}", w.states[e.other.value].code, e.value);
      break;
    case EventType::rule_change: detail = fmt::format("rule={}", rule_name(e.rule)); break;
    case EventType::escalation: detail = fmt::format("shock={:.8g}", e.value); break;
    case EventType::veto: break;
    case EventType::action:
    case EventType::consensus:
    case EventType::bypass:
      detail = fmt::format("level={};action={}", e.level, action_name(static_cast<ActionLevel>(e.level)));
      break;
  }
  return detail;
}

}  // namespace alliance
