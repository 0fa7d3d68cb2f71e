#pragma once
// One Boost.Graph over the scenario's states (model brief, "Graph").
//
// Vertices 0..N-1 are the states in file order; edges are the ties that
// differ from pair to pair and change only by events: deployment
// (capability of i stationed in j). The alliance guarantee is not stored
// per pair: membership implies it (Article 5 binds every member to every
// other), and n^2 edges made copying a world, once per replicate, cost more
// than all its steps. The adversary's influence (affinity phi_i) moves
// every step under M5, so it lives in State, not here. `alliance graph`
// (io/graph_export) assembles the whole picture for a given step.
// The step reads a dense copy (World::cache.deployment) refreshed when an event
// changes the graph, so the step loop does no graph searches.
// Boost.Graph stays inside alliance_graph.cpp: this header is read by every
// mechanism, and the adjacency_list template made each of them slow to build.
#include <cstddef>
#include <memory>

#include <Eigen/Core>

#include "core/ids.hpp"

namespace alliance {

enum class EdgeKind { deployment };

struct EdgeData {
  EdgeKind kind = EdgeKind::deployment;
  double weight = 0.0;  // capability units
};

class AllianceGraph {
 public:
  explicit AllianceGraph(std::size_t state_count);
  AllianceGraph(const AllianceGraph& other);
  AllianceGraph& operator=(const AllianceGraph& other);
  AllianceGraph(AllianceGraph&&) noexcept;
  AllianceGraph& operator=(AllianceGraph&&) noexcept;
  ~AllianceGraph();

  std::size_t state_count() const { return state_count_; }

  void set_deployment(StateId from, StateId to, double capability);
  double deployment(StateId from, StateId to) const;

  std::size_t count_edges(EdgeKind kind) const;
  // D(i, j) = capability of i stationed in j.
  void fill_deployment_matrix(Eigen::MatrixXd& out) const;


 private:
  struct Impl;  // the Boost.Graph adjacency_list
  std::unique_ptr<Impl> impl_;
  std::size_t state_count_;
};

}  // namespace alliance
