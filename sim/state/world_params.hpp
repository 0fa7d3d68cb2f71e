#pragma once
// What a replicate reads and never changes: each mechanism's parameters as
// the scenario declares them (copied whole by scenario/build_world.cpp), the
// step's length, the geography, and the schedule of events.
#include <vector>

#include <Eigen/Core>

#include "mechanisms/alliance_params.hpp"
#include "mechanisms/burden_params.hpp"
#include "mechanisms/credibility_params.hpp"
#include "mechanisms/democracy_params.hpp"
#include "mechanisms/enlargement_params.hpp"
#include "state/agents.hpp"

namespace alliance {

struct WorldParams {
  AllianceParams alliance;
  CredibilityParams credibility;
  BurdenParams burden;
  DemocracyParams democracy;
  EnlargementParams enlargement;
  double years_per_step = 1.0 / 12.0;

  // Geography, fixed by the capitals' coordinates.
  Eigen::MatrixXd distance_km;           // between capitals
  Eigen::MatrixXd reinforcement_reach;   // exp(-d_ij / lambda_r)
  std::vector<double> adversary_km;      // capital to the adversary
  std::vector<double> border_proximity;  // g_j = exp(-d(adv, j) / lambda_b), M4
  // exp(-d(adv, j) / lambda_adv): the adversary's reach (M2's A_j and
  // nuclear risk, M3's nuclear risk), computed once when the world is built.
  std::vector<double> adversary_reach;

  std::vector<ScheduledEvent> schedule;  // sorted by step
};

}  // namespace alliance
