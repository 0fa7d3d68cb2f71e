#pragma once
// M1: burden sharing in the alliance (claim C3). sim/MODEL.md, "M1".
//
// Olson & Zeckhauser (1966) with Sandler's joint products: member i spends
// x_i of GDP Y_i and enjoys security S_i = x_i + sigma_i * sum_{j != i} x_j;
// with U_i = (1 - alpha_i) ln(Y_i - x_i) + alpha_i ln S_i its best response
// is x_i = max(0, alpha_i Y_i - (1 - alpha_i) sigma_i sum_{j != i} x_j).
// A realist discounts what allies provide: sigma_i = sigma (1 - k_i).
#include <span>

#include "state/world.hpp"

namespace alliance {

// The Nash equilibrium of x_i = max(0, a_i - b_i (T - x_i)), T = sum x, for
// a_i >= 0 and 0 <= b_i < 1 (b_i = 1 only with a_i = 0). Each best response
// is x_i = max(0, (a_i - b_i T) / (1 - b_i)); the right side falls as T
// rises, so the fixed point is unique. Found exactly by shrinking the set
// of spenders: T_S = sum_S a/(1-b) / (1 + sum_S b/(1-b)), dropping members
// with a_i < b_i T_S until none drops (at most n rounds). `active` is a
// scratch buffer of the same length. Returns T.
double solve_spending_equilibrium(std::span<const double> a, std::span<const double> b, std::span<double> x,
                                  std::span<std::uint8_t> active);

// M1's preferences fitted to the record (calibrate = true): for member i
// with recorded spending r_i = defence_share_i Y_i and allies' recorded
// spending O_i = sum_{j != i} r_j, the alpha_i whose best response to O_i
// is r_i: alpha_i = (r_i + sigma_i O_i) / (Y_i + sigma_i O_i). With every
// member's alpha so fitted, the recorded spending is the unique equilibrium.
// Non-members spend alone: alpha_i = defence_share_i.
void fit_security_weights(World& world);

// Equilibrium spending of every state this step (members play the game;
// others spend alpha_i Y_i alone). Once a year (every 12 months of steps)
// capability accrues: K += 1 year * (x - delta K), for states and members.
void update_burden_sharing(World& world);

}  // namespace alliance
