// `alliance graph`: the exported graph has one tie per guarantee,
// deployment, promise, influence, running rivalry and transit route, and
// survives a GraphML round trip.
#include <doctest/doctest.h>

#include <sstream>

#include <boost/graph/graphml.hpp>
#include <boost/property_map/dynamic_property_map.hpp>

#include "io/graph_export.hpp"
#include "support/scenarios.hpp"

using namespace alliance;

namespace {

const char* kTies = R"(
[[deployment]]
from = "AAA"
to = "CCC"
capability = 40.0

[[rivalry]]
a = "BBB"
b = "CCC"
source = "test"

[[rivalry]]
a = "AAA"
b = "DDD"
until = 1990
source = "test: over before the run starts in 2000"

[[transit]]
a = "AAA"
b = "BBB"
km = 650.0

[[transit]]
a = "BBB"
b = "CCC"
km = 900.0
mode = "sea"
)";

World tied_world() {
  const ScenarioDef def = read_scenario_text(std::string(test::kLine) + kTies, "t.toml",
                                             {"alliance.promised=[\"DDD\"]", "state.CCC.adversary_affinity=0.3"});
  return build_world(def);
}

int count(const ExportGraph& g, const std::string& kind) {
  int n = 0;
  for (auto [e, end] = boost::edges(g); e != end; ++e) n += g[*e].kind == kind;
  return n;
}

}  // namespace

TEST_CASE("one guarantee per member, one tie per deployment, promise and affinity") {
  const World w = tied_world();
  const ExportGraph g = export_graph(w, "Line");
  CHECK(boost::num_vertices(g) == w.state_count() + 2);  // + alliance + adversary
  CHECK(count(g, "guarantee") == 3);
  CHECK(count(g, "deployment") == 1);
  CHECK(count(g, "promise") == 1);
  CHECK(count(g, "influence") == 1);
  CHECK(count(g, "rivalry") == 1);  // the running one only
  CHECK(count(g, "transit_land") == 1);
  CHECK(count(g, "transit_sea") == 1);
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const auto& tie = g[*e];
    if (tie.kind == "deployment") {
      CHECK(g[boost::source(*e, g)].id == "AAA");
      CHECK(g[boost::target(*e, g)].id == "CCC");
      CHECK(tie.weight == doctest::Approx(40.0));
    }
    if (tie.kind == "influence") CHECK(tie.weight == doctest::Approx(0.3));
    if (tie.kind == "transit_sea") CHECK(tie.weight == 900.0);
    if (tie.kind == "rivalry") {
      CHECK(g[boost::source(*e, g)].id == "BBB");
      CHECK(g[boost::target(*e, g)].id == "CCC");
    }
    if (tie.kind == "guarantee") CHECK(g[boost::target(*e, g)].kind == "member");
  }
}

TEST_CASE("a guarantee's weight is the member's credibility and marks it hollow below the threshold") {
  World w = tied_world();
  w.cache.credibility.credibility = {0.9, 0.5, 0.05, 0.0};
  const ExportGraph g = export_graph(w, "Line");
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    if (g[*e].kind != "guarantee") continue;
    const auto j = boost::target(*e, g);
    CHECK(g[*e].weight == w.cache.credibility.credibility[j]);
    CHECK(g[*e].hollow == (w.cache.credibility.credibility[j] < w.params.credibility.hollow_threshold));
  }
}

TEST_CASE("GraphML written by Boost reads back with every vertex, tie and property") {
  const ExportGraph written = export_graph(tied_world(), "Line");
  std::ostringstream out;
  write_graph(out, written, GraphFormat::graphml);

  ExportGraph read;
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("id", boost::get(&GraphNode::id, read));
  dp.property("kind", boost::get(&GraphNode::kind, read));
  dp.property("capability", boost::get(&GraphNode::capability, read));
  dp.property("kind", boost::get(&GraphTie::kind, read));
  dp.property("weight", boost::get(&GraphTie::weight, read));
  std::istringstream in(out.str());
  boost::read_graphml(in, read, dp);
  REQUIRE(boost::num_vertices(read) == boost::num_vertices(written));
  CHECK(boost::num_edges(read) == boost::num_edges(written));
  for (std::size_t v = 0; v < boost::num_vertices(read); ++v) {
    CHECK(read[v].id == written[v].id);
    CHECK(read[v].kind == written[v].kind);
    CHECK(read[v].capability == doctest::Approx(written[v].capability).epsilon(1e-5));
  }
  for (const char* kind : {"guarantee", "deployment", "promise", "influence", "rivalry", "transit_land", "transit_sea"})
    CHECK(count(read, kind) == count(written, kind));
}

TEST_CASE("DOT output names every vertex by its code") {
  std::ostringstream out;
  write_graph(out, export_graph(tied_world(), "Line"), GraphFormat::dot);
  const std::string dot = out.str();
  CHECK(dot.rfind("digraph G {", 0) == 0);
  for (const char* id : {"AAA ", "BBB ", "CCC ", "DDD ", "alliance ", "ADV "}) CHECK(dot.find(id) != std::string::npos);
  CHECK(dot.find("alliance->DDD") != std::string::npos);  // the promise
  CHECK(dot.find("AAA->CCC") != std::string::npos);       // the deployment
}
