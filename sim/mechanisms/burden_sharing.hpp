#pragma once
// M1: burden sharing in the alliance (claim C3). sim/MODEL.md, "M1".
//
// Olson & Zeckhauser (1966) with Sandler's joint products: member i spends
// x_i of GDP Y_i and enjoys security S_i = x_i + sigma_i * sum_{j != i} x_j;
// with U_i = (1 - alpha_i) ln(Y_i - x_i) + alpha_i ln S_i its best response
// is x_i = max(0, alpha_i Y_i - (1 - alpha_i) sigma_i sum_{j != i} x_j).
// A realist discounts what allies provide: sigma_i = sigma (1 - k_i).
// With rivalries on the graph the discount is pairwise (Powell 1991; Snidal
// 1991): ally j's spending counts sigma (1 - k_i rho_ij), rho_ij = 1 for a
// rival and nu (`nonrival_weight`) for any other ally; a scenario without
// rivalries is the scalar form, rho_ij = 1 for every ally.
#include <cstdint>
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

// The equilibrium of x_i = max(0, a_i - b_i (T - x_i) + c_i R_i), where
// R_i = sum of x_j over i's rivals (`pairs`, both ways), c_i >= 0: the
// pairwise form, sum_{j != i} sigma_i (1 - k_i rho_ij) x_j =
// b_i (T - x_i) - c_i R_i. For given R it is the scalar game above with
// a_i + c_i R_i, solved exactly; R must equal G(R), the rivals' spending in
// that solution. G is piecewise linear in R (linear while the set of
// spenders stays), so Newton's method on R - G(R) = 0, with G's Jacobian
// from the solution's spenders, lands on the fixed point in one step once
// the set of spenders settles: at most 50 steps, stopping when no R_i is off
// by more than 1e-12 of the largest a_i (sim/MODEL.md, "M1"). With every
// c_i = 0 (or no pairs) it is one call of solve_spending_equilibrium.
// `scratch` is sized to at least n (RivalScratch::resize). Returns the
// number of scalar solves.
int solve_spending_with_rivals(std::span<const double> a, std::span<const double> b, std::span<const double> c,
                               std::span<const RivalSlots> pairs, std::span<double> x,
                               std::span<std::uint8_t> active, RivalScratch& scratch);

// M1's preferences fitted to the record (calibrate = true): for member i
// with recorded spending r_i = defence_share_i Y_i and allies' recorded
// spending O_i = sum_{j != i} r_j, the alpha_i whose best response to O_i
// is r_i: alpha_i = (r_i + sigma_i O_i) / (Y_i + sigma_i O_i); pairwise,
// sigma_i O_i = sigma ((1 - k_i nu) O_i - k_i (1 - nu) R_i), R_i the rivals'
// recorded spending. With every
// member's alpha so fitted, the recorded spending is the unique equilibrium.
// Non-members spend alone: alpha_i = defence_share_i.
void fit_security_weights(World& world);

// Equilibrium spending of every state this step (members play the game;
// others spend alpha_i Y_i alone). Once a year (every 12 months of steps)
// capability accrues: K += 1 year * (x - delta K), for states and members.
void update_burden_sharing(World& world);

}  // namespace alliance
