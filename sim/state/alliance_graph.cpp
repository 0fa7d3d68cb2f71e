#include "state/alliance_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

namespace alliance {

struct AllianceGraph::Impl {
  // directedS: edges live in per-vertex vectors, so copying a world (once per
  // replicate) costs a few allocations, not one per edge; no step needs in-edges.
  // A rivalry or a transit link is one edge, from a to b; Dijkstra reads
  // transit links both ways (fill_transit_distances).
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                      boost::no_property, EdgeData>;
  Graph graph;
};

AllianceGraph::AllianceGraph(std::size_t state_count)
    : impl_(std::make_unique<Impl>(Impl{Impl::Graph(state_count)})), state_count_(state_count) {}
AllianceGraph::AllianceGraph(const AllianceGraph& other)
    : impl_(std::make_unique<Impl>(*other.impl_)), state_count_(other.state_count_),
      transit_count_(other.transit_count_), deployment_revision_(other.deployment_revision_) {}
AllianceGraph& AllianceGraph::operator=(const AllianceGraph& other) {
  if (this != &other) {
    impl_ = std::make_unique<Impl>(*other.impl_);
    state_count_ = other.state_count_;
    transit_count_ = other.transit_count_;
    deployment_revision_ = other.deployment_revision_;
  }
  return *this;
}
AllianceGraph::AllianceGraph(AllianceGraph&&) noexcept = default;
AllianceGraph& AllianceGraph::operator=(AllianceGraph&&) noexcept = default;
AllianceGraph::~AllianceGraph() = default;

void AllianceGraph::set_deployment(StateId from, StateId to, double capability) {
  ++deployment_revision_;
  auto& graph = impl_->graph;
  for (auto [e, end] = boost::out_edges(from.value, graph); e != end; ++e) {
    if (boost::target(*e, graph) == to.value && graph[*e].kind == EdgeKind::deployment) {
      if (capability > 0.0) graph[*e].weight = capability;
      else boost::remove_edge(*e, graph);
      return;
    }
  }
  if (capability > 0.0)
    boost::add_edge(from.value, to.value, EdgeData{EdgeKind::deployment, capability}, graph);
}

double AllianceGraph::deployment(StateId from, StateId to) const {
  const auto& graph = impl_->graph;
  for (auto [e, end] = boost::out_edges(from.value, graph); e != end; ++e)
    if (boost::target(*e, graph) == to.value && graph[*e].kind == EdgeKind::deployment)
      return graph[*e].weight;
  return 0.0;
}

void AllianceGraph::add_rivalry(const Rivalry& r) {
  EdgeData e{EdgeKind::rivalry, 1.0};
  e.first_step = r.first_step;
  e.last_step = r.last_step;
  boost::add_edge(r.a.value, r.b.value, e, impl_->graph);
}

std::vector<Rivalry> AllianceGraph::rivalries() const {
  const auto& graph = impl_->graph;
  std::vector<Rivalry> out;
  for (auto [e, end] = boost::edges(graph); e != end; ++e) {
    const EdgeData& d = graph[*e];
    if (d.kind != EdgeKind::rivalry) continue;
    out.push_back({StateId{static_cast<std::uint32_t>(boost::source(*e, graph))},
                   StateId{static_cast<std::uint32_t>(boost::target(*e, graph))}, d.first_step, d.last_step});
  }
  return out;
}

void AllianceGraph::add_transit(const TransitLink& link) {
  EdgeData e{EdgeKind::transit, link.km};
  e.mode = link.mode;
  boost::add_edge(link.a.value, link.b.value, e, impl_->graph);
  ++transit_count_;
}

std::vector<TransitLink> AllianceGraph::transit_links() const {
  const auto& graph = impl_->graph;
  std::vector<TransitLink> out;
  for (auto [e, end] = boost::edges(graph); e != end; ++e) {
    const EdgeData& d = graph[*e];
    if (d.kind != EdgeKind::transit) continue;
    out.push_back({StateId{static_cast<std::uint32_t>(boost::source(*e, graph))},
                   StateId{static_cast<std::uint32_t>(boost::target(*e, graph))}, d.weight, d.mode});
  }
  return out;
}

std::size_t AllianceGraph::count_edges(EdgeKind kind) const {
  const auto& graph = impl_->graph;
  std::size_t n = 0;
  for (auto [e, end] = boost::edges(graph); e != end; ++e) n += graph[*e].kind == kind;
  return n;
}

void AllianceGraph::fill_deployment_matrix(Eigen::MatrixXd& out) const {
  const auto& graph = impl_->graph;
  const auto n = static_cast<Eigen::Index>(state_count_);
  out.setZero(n, n);
  for (auto [e, end] = boost::edges(graph); e != end; ++e) {
    if (graph[*e].kind != EdgeKind::deployment) continue;
    out(static_cast<Eigen::Index>(boost::source(*e, graph)),
        static_cast<Eigen::Index>(boost::target(*e, graph))) = graph[*e].weight;
  }
}

void AllianceGraph::fill_transit_distances(const std::vector<std::uint8_t>& passable, Eigen::MatrixXd& out) const {
  // The passable part of the transit network as an undirected graph of its
  // own, built afresh: this runs only when the membership changes
  // (refresh_derived_views), never in an ordinary step.
  using Transit = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                        boost::property<boost::edge_weight_t, double>>;
  const auto& graph = impl_->graph;
  const std::size_t n = state_count_;
  Transit transit(n);
  for (auto [e, end] = boost::edges(graph); e != end; ++e) {
    const std::size_t a = boost::source(*e, graph), b = boost::target(*e, graph);
    if (graph[*e].kind == EdgeKind::transit && passable[a] && passable[b])
      boost::add_edge(a, b, graph[*e].weight, transit);
  }
  const double inf = std::numeric_limits<double>::infinity();
  const auto en = static_cast<Eigen::Index>(n);
  out.setConstant(en, en, inf);
  std::vector<double> distance(n);
  for (std::size_t s = 0; s < n; ++s) {
    if (!passable[s]) continue;
    boost::dijkstra_shortest_paths(transit, s,
                                   boost::distance_map(distance.data()).distance_inf(inf));
    for (std::size_t t = 0; t < n; ++t)
      if (passable[t]) out(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(t)) = distance[t];
  }
}

}  // namespace alliance
