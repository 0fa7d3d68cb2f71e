#include "io/graph_export.hpp"

#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <fmt/format.h>

namespace alliance {

namespace {

const char* state_kind(const State& s) {
  if (s.is_member()) return "member";
  if (s.promised) return "promised";
  if (s.aspirant) return "aspirant";
  return "state";
}

std::string label(const std::string& name, const std::string& code) {
  return name.empty() || name == code ? code : fmt::format("{} ({})", name, code);
}

const char* state_color(const State& s) {
  if (s.is_member()) return "steelblue";
  if (s.promised || s.aspirant) return "darkorange";
  return "gray50";
}

}  // namespace

ExportGraph export_graph(const World& w, const std::string& alliance_name) {
  ExportGraph g;
  const std::size_t n = w.state_count();
  for (const auto& s : w.states)
    boost::add_vertex(GraphNode{s.code, label(s.name, s.code), state_kind(s), s.capability, "ellipse", state_color(s)}, g);

  double members_capability = 0.0;
  for (const StateId m : w.members()) members_capability += w.states[m.value].capability;
  const auto alliance = boost::add_vertex(
      GraphNode{"alliance", alliance_name, "alliance", members_capability, "box", "navy"}, g);
  const auto& adv = w.adversary;
  const auto adversary =
      boost::add_vertex(GraphNode{adv.code, label(adv.name, adv.code), "adversary", adv.capability, "octagon", "firebrick"}, g);

  const double hollow_below = w.params.credibility.hollow_threshold;
  for (std::size_t j = 0; j < n; ++j) {
    const State& s = w.states[j];
    if (s.is_member()) {
      const double c = w.cache.credibility.credibility[j];
      const bool hollow = c < hollow_below;
      boost::add_edge(alliance, j,
                      GraphTie{"guarantee", c, hollow, fmt::format("{:.2f}", c), hollow ? "dashed" : "solid", "navy"},
                      g);
    } else if (s.promised) {
      boost::add_edge(alliance, j, GraphTie{"promise", 0.0, false, "promise", "dotted", "darkorange"}, g);
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (const double d = w.cache.deployment(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)); d > 0.0)
        boost::add_edge(i, j, GraphTie{"deployment", d, false, fmt::format("{:g}", d), "bold", "darkgreen"}, g);
  for (const Rivalry& r : w.cache.rivalries)
    if (r.runs_at(w.step))
      boost::add_edge(r.a.value, r.b.value, GraphTie{"rivalry", 1.0, false, "rivals", "dashed", "purple"}, g);
  for (const TransitLink& t : w.graph.transit_links()) {
    const bool sea = t.mode == TransitMode::sea;
    boost::add_edge(t.a.value, t.b.value,
                    GraphTie{sea ? "transit_sea" : "transit_land", t.km, false, fmt::format("{:.0f} km", t.km),
                             sea ? "dotted" : "solid", sea ? "deepskyblue4" : "sienna"},
                    g);
  }
  for (std::size_t j = 0; j < n; ++j)
    if (const double phi = w.states[j].adversary_affinity; phi > 0.0)
      boost::add_edge(adversary, j, GraphTie{"influence", phi, false, fmt::format("{:.2f}", phi), "dashed", "firebrick"},
                      g);
  return g;
}

void write_graph(std::ostream& out, const ExportGraph& graph, GraphFormat format) {
  // Boost's writers need mutable property maps even to read.
  auto& g = const_cast<ExportGraph&>(graph);
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("label", boost::get(&GraphNode::label, g));
  dp.property("kind", boost::get(&GraphNode::kind, g));
  dp.property("capability", boost::get(&GraphNode::capability, g));
  dp.property("kind", boost::get(&GraphTie::kind, g));
  dp.property("weight", boost::get(&GraphTie::weight, g));
  dp.property("hollow", boost::get(&GraphTie::hollow, g));
  if (format == GraphFormat::graphml) {
    dp.property("id", boost::get(&GraphNode::id, g));
    boost::write_graphml(out, g, dp, true);
    return;
  }
  dp.property("node_id", boost::get(&GraphNode::id, g));
  dp.property("shape", boost::get(&GraphNode::shape, g));
  dp.property("color", boost::get(&GraphNode::color, g));
  dp.property("label", boost::get(&GraphTie::label, g));
  dp.property("style", boost::get(&GraphTie::style, g));
  dp.property("color", boost::get(&GraphTie::color, g));
  boost::write_graphviz_dp(out, g, dp);
}

}  // namespace alliance
