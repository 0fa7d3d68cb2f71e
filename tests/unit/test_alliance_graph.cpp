// The alliance graph: deployment, rivalry and transit edges, and the
// shortest transit routes through passable (member) territory (Dijkstra).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "state/alliance_graph.hpp"

using namespace alliance;

namespace {

StateId s(std::uint32_t i) { return StateId{i}; }

// Five states: 0 - 1 - 2 - 3 by land (100, 200, 300 km), a sea route
// 0 - 3 of 1000 km, and a short cut 1 - 4 - 3 (50 + 50) through state 4.
AllianceGraph small_network() {
  AllianceGraph g(5);
  g.add_transit({s(0), s(1), 100.0, TransitMode::land});
  g.add_transit({s(1), s(2), 200.0, TransitMode::land});
  g.add_transit({s(2), s(3), 300.0, TransitMode::land});
  g.add_transit({s(0), s(3), 1000.0, TransitMode::sea});
  g.add_transit({s(1), s(4), 50.0, TransitMode::land});
  g.add_transit({s(4), s(3), 50.0, TransitMode::land});
  return g;
}

}  // namespace

TEST_CASE("Dijkstra: shortest transit routes, hand-computed") {
  const AllianceGraph g = small_network();
  CHECK(g.has_transit());
  CHECK(g.count_edges(EdgeKind::transit) == 6);
  Eigen::MatrixXd d;
  g.fill_transit_distances({1, 1, 1, 1, 1}, d);
  CHECK(d(0, 0) == 0.0);
  CHECK(d(0, 1) == 100.0);
  CHECK(d(0, 2) == 300.0);
  CHECK(d(0, 3) == 200.0);  // 0-1-4-3: 100 + 50 + 50
  CHECK(d(2, 3) == 300.0);  // direct 300 = 2-1-4-3 (200 + 50 + 50)
  CHECK(d(3, 0) == d(0, 3));  // routes run both ways
  CHECK(d(2, 4) == 250.0);
}

TEST_CASE("Dijkstra: a route passes only through passable states; none leaves +infinity") {
  const AllianceGraph g = small_network();
  Eigen::MatrixXd d;
  // State 4 (the short cut) not passable: 0 to 3 takes the land route (600) or the sea (1000).
  g.fill_transit_distances({1, 1, 1, 1, 0}, d);
  CHECK(d(0, 3) == 600.0);
  CHECK(std::isinf(d(0, 4)));
  CHECK(std::isinf(d(4, 4)));
  // Cut at 1 as well: only the sea route is left from 0 to 3, and 2 is cut off from 0.
  g.fill_transit_distances({1, 0, 1, 1, 0}, d);
  CHECK(d(0, 3) == 1000.0);
  CHECK(d(0, 2) == 1300.0);  // by sea to 3, then by land to 2
  g.fill_transit_distances({1, 0, 1, 0, 0}, d);
  CHECK(std::isinf(d(0, 2)));
  CHECK(d(2, 2) == 0.0);
}

TEST_CASE("rivalries and transit links are kept with their steps and lengths; deployments unchanged") {
  AllianceGraph g(3);
  g.set_deployment(s(0), s(1), 5.0);
  g.add_rivalry({s(1), s(2), 12, 47});
  g.add_transit({s(0), s(2), 700.0, TransitMode::sea});
  const AllianceGraph copy = g;  // copies carry every kind
  CHECK(copy.deployment(s(0), s(1)) == 5.0);
  const auto rivals = copy.rivalries();
  REQUIRE(rivals.size() == 1);
  CHECK(rivals[0].a == s(1));
  CHECK(rivals[0].b == s(2));
  CHECK_FALSE(rivals[0].runs_at(11));
  CHECK(rivals[0].runs_at(12));
  CHECK(rivals[0].runs_at(47));
  CHECK_FALSE(rivals[0].runs_at(48));
  const auto links = copy.transit_links();
  REQUIRE(links.size() == 1);
  CHECK(links[0].km == 700.0);
  CHECK(links[0].mode == TransitMode::sea);
  Eigen::MatrixXd dense;
  copy.fill_deployment_matrix(dense);
  CHECK(dense.sum() == 5.0);  // rivalry and transit edges are not deployments
  CHECK_FALSE(AllianceGraph(3).has_transit());
}
