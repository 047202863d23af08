#pragma once
// Gang control dynamics. Each zone z has a gang control g_z in [0, 1] (the
// share of the zone held by gangs; its incident rate follows it, see
// patrols.hpp). With a `control` section whose rates are not all zero, g
// changes once a day, at the end of each day, in two parts:
//
// 1. Growth, exact over the day. The logistic equation dg/dt = r g (1 - g)
//    is solved in closed form over one day:
//        h_z = g_z / (g_z + (1 - g_z) exp(-r))
//    so that without patrols and spill-over g follows the logistic curve
//    g(t) = g0 / (g0 + (1 - g0) exp(-r t)) exactly at every whole day. Zones
//    at 0 stay at 0 and zones at 1 stay at 1 (growth needs gangs to grow from).
//
// 2. Suppression and spill-over, one explicit Euler step over the day:
//        g' = h - s c ∘ h - k L h
//    c_z in [0, 1] is the zone's patrol coverage that day (its patrol ratio:
//    min(1, patrol team-hours / demanded team-hours); 0 for a zone without
//    demand), s the suppression rate and k the spill-over rate (per day).
//    L = D - W is the weighted Laplacian of the road graph: W_ab = exp(-travel
//    / scale) for zones a and b joined by a road (0 otherwise, roads only, not
//    paths), D the diagonal of its row sums (a zone's weighted degree). So
//    (L h)_a = sum_b W_ab (h_a - h_b): control flows from a zone to each
//    neighbour in proportion to the difference and to the road's weight, a
//    road of zero travel time weighing 1 and a road of travel `scale` 1/e.
//
// Properties (tests/unit/model/test_gang_control.cpp checks each):
// - Spill-over alone conserves sum_z g_z (L is symmetric, so 1ᵀL = 0): what
//   leaves a zone enters its neighbours. The sum is not weighted by
//   population: g is a share of each zone, and the model moves "control
//   pressure", not people. On a connected road graph it converges to the
//   plain mean of the initial g.
// - The loader requires s + k max_z D_zz <= 1 (the step's stability
//   condition). Then the step matrix I - s diag(c) - k L has non-negative
//   entries and rows summing to 1 - s c_z <= 1, so g' stays in [0, 1], and
//   the map g -> g' is monotone: more coverage anywhere never raises g
//   anywhere, on any later day. Growth preserves [0, 1] and order as well.
// - g' is clamped to [0, 1] afterwards. Under the stability condition the
//   clamp only removes rounding (a few units in the last place); it never
//   changes the model.

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <cstddef>

#include "mmsim/theatre.hpp"
#include "mmsim/time.hpp"

namespace mmsim {

/// How gang control g evolves, once a day (YAML: control; the model is in
/// gang_control.hpp). All three rates zero: g stays at each zone's initial
/// gang_control, as if the section were absent.
struct ControlDynamics {
    double growth_per_day = 0;       ///< logistic growth rate r, [0, 10]
    double suppression_per_day = 0;  ///< share of g removed a day at full patrol coverage, [0, 1]
    double spillover_per_day = 0;    ///< diffusion over a road of weight 1, >= 0
    Hours spillover_scale = 0.5;     ///< road weight = exp(-travel / spillover_scale), > 0
    double threshold = 0.5;          ///< control.*.days_to_threshold counts days until g < this, [0, 1]

    /// False when every rate is zero (static control).
    bool dynamic() const {
        return growth_per_day > 0 || suppression_per_day > 0 || spillover_per_day > 0;
    }
};

/// Weight of a road in the spill-over Laplacian: exp(-travel_h / scale_h), in
/// (0, 1]. Preconditions: travel_h >= 0, scale_h > 0.
double spillover_weight(Hours travel_h, Hours scale_h);

/// The weighted Laplacian L = D - W of `theatre`'s roads (one row and column
/// per zone), W_ab = spillover_weight(travel, scale_h). Symmetric; every row
/// sums to 0. Precondition: scale_h > 0.
Eigen::SparseMatrix<double> road_laplacian(const Theatre& theatre, Hours scale_h);

/// The zone with the largest weighted degree D_zz = sum_b W_zb, and that
/// degree (0 and zone 0 without roads). Precondition: at least one zone.
struct WeightedDegree {
    std::size_t zone = 0;
    double degree = 0;
};
WeightedDegree max_weighted_degree(const Theatre& theatre, Hours scale_h);

/// The daily update of gang control over a theatre (see the file comment).
class GangControl {
public:
    /// Starts from each zone's gang_control. `dynamics` must satisfy the
    /// stability condition (the loader checks it; asserted here).
    GangControl(const Theatre& theatre, const ControlDynamics& dynamics);

    /// g per zone, in [0, 1].
    const Eigen::VectorXd& control() const { return g_; }

    /// Advances one day. `coverage` holds one entry per zone, each in [0, 1].
    void step(const Eigen::VectorXd& coverage);

private:
    ControlDynamics dynamics_;
    double decay_ = 1;                                // exp(-growth_per_day)
    Eigen::SparseMatrix<double, Eigen::RowMajor> spread_;  // I - k L
    Eigen::VectorXd g_;
};

}  // namespace mmsim
