#pragma once
// The alliance graph of one step, as a picture's source: the alliance, its
// members and aspirants, the adversary, and the ties between them. Written
// through Boost.Graph's own writers, as Graphviz DOT (render with `dot`)
// or GraphML (Gephi, igraph, networkx, yEd).
#include <ostream>
#include <string>

#include <boost/graph/adjacency_list.hpp>

#include "io/graph_format.hpp"
#include "state/world.hpp"

namespace alliance {

struct GraphNode {
  std::string id;     // state code, the adversary's code, or "alliance"
  std::string label;  // "name (code)"
  std::string kind;   // alliance | member | aspirant | promised | state | adversary
  double capability = 0.0;  // capability units (alliance: members' sum)
  std::string shape, color;  // DOT only
};

struct GraphTie {
  // guarantee: alliance -> member, weight = credibility (probability);
  // promise: alliance -> promised non-member, weight 0;
  // deployment: i -> j, weight = capability of i stationed in j;
  // rivalry: a -> b, weight 1, for a strategic rivalry running at the step
  //   (either direction: the pair is unordered);
  // transit_land, transit_sea: a -> b, weight = km, a route reinforcements
  //   may take (either direction), whoever holds its ends;
  // influence: adversary -> state, weight = affinity phi (0-1), where above 0.
  std::string kind;
  double weight = 0.0;
  bool hollow = false;  // guarantee below the hollow threshold
  std::string label, style, color;  // DOT only
};

using ExportGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, GraphNode, GraphTie>;

ExportGraph export_graph(const World& world, const std::string& alliance_name);

void write_graph(std::ostream& out, const ExportGraph& graph, GraphFormat format);

}  // namespace alliance
