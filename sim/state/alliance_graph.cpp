#include "state/alliance_graph.hpp"

#include <boost/graph/adjacency_list.hpp>

namespace alliance {

struct AllianceGraph::Impl {
  // directedS: edges live in per-vertex vectors, so copying a world (once per
  // replicate) costs a few allocations, not one per edge; no step needs in-edges.
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                      boost::no_property, EdgeData>;
  Graph graph;
};

AllianceGraph::AllianceGraph(std::size_t state_count)
    : impl_(std::make_unique<Impl>(Impl{Impl::Graph(state_count)})), state_count_(state_count) {}
AllianceGraph::AllianceGraph(const AllianceGraph& other)
    : impl_(std::make_unique<Impl>(*other.impl_)), state_count_(other.state_count_) {}
AllianceGraph& AllianceGraph::operator=(const AllianceGraph& other) {
  if (this != &other) {
    impl_ = std::make_unique<Impl>(*other.impl_);
    state_count_ = other.state_count_;
  }
  return *this;
}
AllianceGraph::AllianceGraph(AllianceGraph&&) noexcept = default;
AllianceGraph& AllianceGraph::operator=(AllianceGraph&&) noexcept = default;
AllianceGraph::~AllianceGraph() = default;

void AllianceGraph::set_deployment(StateId from, StateId to, double capability) {
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

}  // namespace alliance
