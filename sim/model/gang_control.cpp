#include "mmsim/gang_control.hpp"

#include <cassert>
#include <cmath>
#include <vector>

namespace mmsim {

double spillover_weight(Hours travel_h, Hours scale_h) {
    assert(travel_h >= 0 && scale_h > 0);
    return std::exp(-travel_h / scale_h);
}

Eigen::SparseMatrix<double> road_laplacian(const Theatre& theatre, Hours scale_h) {
    const auto zones = static_cast<Eigen::Index>(theatre.zones.size());
    std::vector<Eigen::Triplet<double>> entries;
    entries.reserve(4 * theatre.roads.size());
    for (const Road& road : theatre.roads) {
        const double w = spillover_weight(road.travel, scale_h);
        const auto a = static_cast<Eigen::Index>(road.a.value);
        const auto b = static_cast<Eigen::Index>(road.b.value);
        entries.emplace_back(a, a, w);
        entries.emplace_back(b, b, w);
        entries.emplace_back(a, b, -w);
        entries.emplace_back(b, a, -w);
    }
    Eigen::SparseMatrix<double> laplacian(zones, zones);
    laplacian.setFromTriplets(entries.begin(), entries.end());  // sums duplicates
    return laplacian;
}

WeightedDegree max_weighted_degree(const Theatre& theatre, Hours scale_h) {
    std::vector<double> degree(theatre.zones.size(), 0.0);
    for (const Road& road : theatre.roads) {
        const double w = spillover_weight(road.travel, scale_h);
        degree[road.a.value] += w;
        degree[road.b.value] += w;
    }
    WeightedDegree best;
    for (std::size_t z = 0; z < degree.size(); ++z)
        if (degree[z] > best.degree) best = WeightedDegree{z, degree[z]};
    return best;
}

GangControl::GangControl(const Theatre& theatre, const ControlDynamics& dynamics)
    : dynamics_(dynamics),
      decay_(std::exp(-dynamics.growth_per_day)),
      g_(static_cast<Eigen::Index>(theatre.zones.size())) {
    for (std::size_t z = 0; z < theatre.zones.size(); ++z)
        g_[static_cast<Eigen::Index>(z)] = theatre.zones[z].gang_control;
    assert(dynamics.suppression_per_day +
               dynamics.spillover_per_day *
                   max_weighted_degree(theatre, dynamics.spillover_scale).degree <=
           1 + 1e-12);
    const auto zones = g_.size();
    Eigen::SparseMatrix<double, Eigen::RowMajor> identity(zones, zones);
    identity.setIdentity();
    // Row-major for the product spread_ * g; the sum needs one storage order.
    const Eigen::SparseMatrix<double, Eigen::RowMajor> laplacian =
        road_laplacian(theatre, dynamics.spillover_scale);
    spread_ = identity - dynamics.spillover_per_day * laplacian;
}

void GangControl::step(const Eigen::VectorXd& coverage) {
    assert(coverage.size() == g_.size());
    assert((coverage.array() >= 0).all() && (coverage.array() <= 1).all());
    if (dynamics_.growth_per_day > 0) {
        // g / (g + (1 - g) e^-r); a zone at 0 stays at 0 (0 / e^-r).
        g_ = (g_.array() / (g_.array() + (1 - g_.array()) * decay_)).matrix();
    }
    Eigen::VectorXd next = spread_ * g_;
    next -= dynamics_.suppression_per_day * coverage.cwiseProduct(g_);
    // Rounding only (see the header): the stability condition keeps the
    // exact step inside [0, 1].
    g_ = next.cwiseMax(0.0).cwiseMin(1.0);
}

}  // namespace mmsim
