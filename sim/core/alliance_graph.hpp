#pragma once
// One Boost.Graph over all states plus the adversary (model brief, "Graph").
//
// Vertices 0..N-1 are the scenario's states in file order; vertex N is the
// adversary. Edge kinds: guarantee (between members, both directions),
// deployment (capability of i stationed in j), influence (adversary -> state,
// weight = affinity). The graph is the record of who is tied to whom; the
// step reads dense copies of it (World::deployment) refreshed when an event
// changes it, so the step loop does no graph searches.
#include <cstddef>

#include <boost/graph/adjacency_list.hpp>
#include <Eigen/Core>

#include "core/ids.hpp"

namespace alliance {

enum class EdgeKind { guarantee, deployment, influence };

struct EdgeData {
  EdgeKind kind = EdgeKind::guarantee;
  double weight = 0.0;  // deployment: capability units; influence: affinity; guarantee: 1
};

class AllianceGraph {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                      boost::no_property, EdgeData>;

  explicit AllianceGraph(std::size_t state_count);

  std::size_t state_count() const { return state_count_; }
  std::size_t adversary_vertex() const { return state_count_; }

  // Guarantees both ways between `state` and every vertex in `members`.
  void add_guarantees(StateId state, const std::vector<StateId>& members);
  void set_deployment(StateId from, StateId to, double capability);
  double deployment(StateId from, StateId to) const;
  void set_influence(StateId to, double affinity);

  std::size_t count_edges(EdgeKind kind) const;
  // D(i, j) = capability of i stationed in j.
  void fill_deployment_matrix(Eigen::MatrixXd& out) const;

  const Graph& graph() const { return graph_; }

 private:
  Graph graph_;
  std::size_t state_count_;
};

}  // namespace alliance
