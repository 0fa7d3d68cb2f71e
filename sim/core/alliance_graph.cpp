#include "core/alliance_graph.hpp"

namespace alliance {

AllianceGraph::AllianceGraph(std::size_t state_count) : graph_(state_count), state_count_(state_count) {}

void AllianceGraph::set_deployment(StateId from, StateId to, double capability) {
  for (auto [e, end] = boost::out_edges(from.value, graph_); e != end; ++e) {
    if (boost::target(*e, graph_) == to.value && graph_[*e].kind == EdgeKind::deployment) {
      if (capability > 0.0) graph_[*e].weight = capability;
      else boost::remove_edge(*e, graph_);
      return;
    }
  }
  if (capability > 0.0)
    boost::add_edge(from.value, to.value, EdgeData{EdgeKind::deployment, capability}, graph_);
}

double AllianceGraph::deployment(StateId from, StateId to) const {
  for (auto [e, end] = boost::out_edges(from.value, graph_); e != end; ++e)
    if (boost::target(*e, graph_) == to.value && graph_[*e].kind == EdgeKind::deployment)
      return graph_[*e].weight;
  return 0.0;
}

std::size_t AllianceGraph::count_edges(EdgeKind kind) const {
  std::size_t n = 0;
  for (auto [e, end] = boost::edges(graph_); e != end; ++e) n += graph_[*e].kind == kind;
  return n;
}

void AllianceGraph::fill_deployment_matrix(Eigen::MatrixXd& out) const {
  const auto n = static_cast<Eigen::Index>(state_count_);
  out.setZero(n, n);
  for (auto [e, end] = boost::edges(graph_); e != end; ++e) {
    if (graph_[*e].kind != EdgeKind::deployment) continue;
    out(static_cast<Eigen::Index>(boost::source(*e, graph_)),
        static_cast<Eigen::Index>(boost::target(*e, graph_))) = graph_[*e].weight;
  }
}

}  // namespace alliance
