#pragma once
// One Boost.Graph over the scenario's states (model brief, "Graph").
//
// Vertices 0..N-1 are the states in file order; edges are the ties that
// differ from pair to pair:
// - deployment: capability of i stationed in j (changed by events);
// - rivalry: i and j are strategic rivals from one step to another (the
//   scenario's [[rivalry]] tables or [data]'s rivalries table); M1 weighs a
//   state's relative gains against its rivals (sim/MODEL.md, "M1");
// - transit: a land or sea route between i and j, with its length in km;
//   M2's reinforcements follow the shortest route through member territory
//   (Dijkstra; sim/MODEL.md, "M2").
// The alliance guarantee is not stored per pair: membership implies it
// (Article 5 binds every member to every other), and n^2 edges made copying
// a world, once per replicate, cost more than all its steps. The
// adversary's influence (affinity phi_i) moves every step under M5, so it
// lives in State, not here. `alliance graph` (io/graph_export) assembles the
// whole picture for a given step.
// The step reads dense copies (WorldCache: deployment, rivalries, transit
// reach) refreshed when an event changes the graph or the membership, so
// the step loop does no graph searches.
// Boost.Graph stays inside alliance_graph.cpp: this header is read by every
// mechanism, and the adjacency_list template made each of them slow to build.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "core/ids.hpp"

namespace alliance {

enum class EdgeKind { deployment, rivalry, transit };

// How a transit route runs; a label (the export draws them apart): its
// cost is its `km`, which a sea route may give as an effective length.
enum class TransitMode { land, sea };
inline constexpr std::string_view kTransitModeNames[] = {"land", "sea"};

inline constexpr int kForever = std::numeric_limits<int>::max();

struct EdgeData {
  EdgeKind kind = EdgeKind::deployment;
  double weight = 0.0;          // deployment: capability units; transit: km; rivalry: 1
  int first_step = 0;           // rivalry: the first step it runs
  int last_step = kForever;     // rivalry: the last step it runs
  TransitMode mode = TransitMode::land;  // transit
};

// A rivalry between two states, running from first_step to last_step
// (inclusive; kForever: to the end).
struct Rivalry {
  StateId a, b;
  int first_step = 0;
  int last_step = kForever;
  bool runs_at(int step) const { return first_step <= step && step <= last_step; }
};

// A transit route; undirected.
struct TransitLink {
  StateId a, b;
  double km = 0.0;
  TransitMode mode = TransitMode::land;
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
  // Raised by every set_deployment (and kept by a copy): the dense
  // deployment matrix (WorldCache) is filled again only when it moved.
  std::uint64_t deployment_revision() const { return deployment_revision_; }

  void add_rivalry(const Rivalry& rivalry);
  std::vector<Rivalry> rivalries() const;  // in the order added

  void add_transit(const TransitLink& link);
  std::vector<TransitLink> transit_links() const;  // in the order added
  bool has_transit() const { return transit_count_ > 0; }

  std::size_t count_edges(EdgeKind kind) const;
  // D(i, j) = capability of i stationed in j.
  void fill_deployment_matrix(Eigen::MatrixXd& out) const;

  // d^T(i, j): the length in km of the shortest transit route from i to j
  // that passes only through states with passable[v] != 0 (its ends
  // included), by Boost.Graph's Dijkstra from each passable state; 0 on the
  // diagonal of a passable state, +infinity where there is no such route
  // (and in the rows and columns of the others). `out` is n x n.
  void fill_transit_distances(const std::vector<std::uint8_t>& passable, Eigen::MatrixXd& out) const;

 private:
  struct Impl;  // the Boost.Graph adjacency_list
  std::unique_ptr<Impl> impl_;
  std::size_t state_count_;
  std::size_t transit_count_ = 0;
  std::uint64_t deployment_revision_ = 0;
};

}  // namespace alliance
