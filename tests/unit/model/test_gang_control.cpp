// Gang-control dynamics (include/mmsim/gang_control.hpp): the exact logistic
// curve, the Laplacian's conservation and averaging, bounds and monotonicity
// on random cases, and the engine's use of it (metrics, static control).

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "mmsim/engine.hpp"
#include "mmsim/gang_control.hpp"
#include "mmsim/rng.hpp"

namespace {

using mmsim::ControlDynamics;
using mmsim::GangControl;
using mmsim::Hours;
using mmsim::Rng;
using mmsim::Scenario;
using mmsim::Theatre;
using mmsim::ZoneId;

ZoneId z(std::size_t i) { return ZoneId(static_cast<std::uint32_t>(i)); }

// Uniform on 0 .. n - 1 (n > 0).
std::size_t below(Rng& rng, std::size_t n) {
    return static_cast<std::size_t>(rng.uniform01() * static_cast<double>(n));
}

Theatre theatre_of(const std::vector<double>& g) {
    Theatre theatre;
    for (std::size_t i = 0; i < g.size(); ++i) {
        mmsim::Zone zone;
        zone.id = "z" + std::to_string(i);
        zone.population = 1000;
        zone.gang_control = g[i];
        theatre.zones.push_back(zone);
    }
    return theatre;
}

double logistic(double g0, double rate_per_day, int days) {
    return g0 / (g0 + (1 - g0) * std::exp(-rate_per_day * days));
}

// A connected random road graph: a random tree plus a few extra roads, with
// travel times of 0 to 3 scales.
Theatre random_theatre(Rng& rng, std::size_t zones) {
    std::vector<double> g(zones);
    for (double& value : g) value = rng.uniform01() < 0.2 ? std::round(rng.uniform01()) : rng.uniform01();
    Theatre theatre = theatre_of(g);
    auto road = [&](std::size_t a, std::size_t b) {
        for (const mmsim::Road& r : theatre.roads)
            if ((r.a == z(a) && r.b == z(b)) || (r.a == z(b) && r.b == z(a))) return;
        theatre.roads.push_back(mmsim::Road{z(a), z(b), 3 * rng.uniform01(), {}});
    };
    for (std::size_t i = 1; i < zones; ++i) road(i, below(rng, i));
    for (std::size_t extra = below(rng, zones); extra > 0; --extra) {
        const std::size_t a = below(rng, zones), b = below(rng, zones);
        if (a != b) road(a, b);
    }
    return theatre;
}

// Random rates within the stability condition s + k max D <= 1, sometimes at
// its edge.
ControlDynamics random_dynamics(Rng& rng, const Theatre& theatre) {
    ControlDynamics d;
    d.spillover_scale = 1;
    d.growth_per_day = rng.uniform01() < 0.2 ? 0 : 2 * rng.uniform01();
    const double degree = mmsim::max_weighted_degree(theatre, d.spillover_scale).degree;
    const double budget = rng.uniform01() < 0.2 ? 1 : rng.uniform01();
    const double share = rng.uniform01();
    d.suppression_per_day = budget * share;
    d.spillover_per_day = degree > 0 ? budget * (1 - share) / degree : 0;
    return d;
}

Eigen::VectorXd random_coverage(Rng& rng, Eigen::Index zones) {
    Eigen::VectorXd c(zones);
    for (Eigen::Index i = 0; i < zones; ++i)
        c[i] = rng.uniform01() < 0.2 ? std::round(rng.uniform01()) : rng.uniform01();
    return c;
}

}  // namespace

TEST_SUITE("gang control") {
    TEST_CASE("with no patrols and no spill-over each zone follows the closed-form logistic curve") {
        const std::vector<double> g0 = {0, 1e-6, 0.05, 0.5, 0.8, 0.99, 1};
        Theatre theatre = theatre_of(g0);
        for (std::size_t i = 1; i < g0.size(); ++i) theatre.roads.push_back(mmsim::Road{z(i - 1), z(i), 0.5, {}});
        ControlDynamics d;
        d.growth_per_day = 0.03;
        d.suppression_per_day = 0.5;  // no effect without coverage
        GangControl control(theatre, d);
        const Eigen::VectorXd none = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(g0.size()));
        for (int day = 1; day <= 1000; ++day) {
            control.step(none);
            for (std::size_t i = 0; i < g0.size(); ++i)
                REQUIRE(control.control()[static_cast<Eigen::Index>(i)] ==
                        doctest::Approx(logistic(g0[i], d.growth_per_day, day)).epsilon(1e-12));
        }
        CHECK(control.control()[0] == 0);  // nothing to grow from
        CHECK(control.control()[6] == 1);
    }

    TEST_CASE("the road Laplacian is symmetric with rows summing to zero") {
        Rng rng(7);
        const Theatre theatre = random_theatre(rng, 9);
        const Eigen::MatrixXd laplacian = mmsim::road_laplacian(theatre, 0.5);
        CHECK((laplacian - laplacian.transpose()).norm() == 0);
        CHECK(laplacian.rowwise().sum().cwiseAbs().maxCoeff() < 1e-15);
        const mmsim::WeightedDegree widest = mmsim::max_weighted_degree(theatre, 0.5);
        CHECK(laplacian.diagonal().maxCoeff() == doctest::Approx(widest.degree).epsilon(1e-15));
        CHECK(laplacian(static_cast<Eigen::Index>(widest.zone), static_cast<Eigen::Index>(widest.zone)) ==
              doctest::Approx(widest.degree).epsilon(1e-15));
        CHECK(mmsim::spillover_weight(0, 0.5) == 1);
        CHECK(mmsim::spillover_weight(0.5, 0.5) == doctest::Approx(std::exp(-1.0)));
    }

    TEST_CASE("with only spill-over the total is conserved and converges to the mean") {
        Rng rng(11);
        for (int trial = 0; trial < 40; ++trial) {
            CAPTURE(trial);
            const Theatre theatre = random_theatre(rng, 2 + below(rng, 11));
            ControlDynamics d;
            d.spillover_scale = 1;
            const double degree = mmsim::max_weighted_degree(theatre, 1).degree;
            d.spillover_per_day = (0.05 + 0.9 * rng.uniform01()) / degree;
            GangControl control(theatre, d);
            const double total = control.control().sum();
            const double mean = total / static_cast<double>(control.control().size());
            const Eigen::VectorXd none = Eigen::VectorXd::Zero(control.control().size());
            int day = 0;
            for (; day < 100'000 && (control.control().array() - mean).abs().maxCoeff() > 1e-9; ++day) {
                control.step(none);
                REQUIRE(control.control().sum() == doctest::Approx(total).epsilon(1e-12));
            }
            CHECK((control.control().array() - mean).abs().maxCoeff() <= 1e-9);
        }
    }

    TEST_CASE("control never leaves [0, 1]") {
        Rng rng(13);
        for (int trial = 0; trial < 200; ++trial) {
            CAPTURE(trial);
            const Theatre theatre = random_theatre(rng, 1 + below(rng, 12));
            GangControl control(theatre, random_dynamics(rng, theatre));
            for (int day = 0; day < 200; ++day) {
                control.step(random_coverage(rng, control.control().size()));
                REQUIRE(control.control().minCoeff() >= 0);
                REQUIRE(control.control().maxCoeff() <= 1);
            }
        }
    }

    TEST_CASE("more coverage never raises control") {
        Rng rng(17);
        for (int trial = 0; trial < 200; ++trial) {
            CAPTURE(trial);
            const Theatre theatre = random_theatre(rng, 1 + below(rng, 12));
            const ControlDynamics d = random_dynamics(rng, theatre);
            GangControl less(theatre, d), more(theatre, d);
            for (int day = 0; day < 100; ++day) {
                const Eigen::VectorXd c = random_coverage(rng, less.control().size());
                // More coverage in some zones, the same elsewhere.
                Eigen::VectorXd extra = c;
                for (Eigen::Index i = 0; i < extra.size(); ++i)
                    if (rng.uniform01() < 0.5) extra[i] += (1 - extra[i]) * rng.uniform01();
                less.step(c);
                more.step(extra);
                REQUIRE((more.control().array() <= less.control().array() + 1e-12).all());
            }
        }
    }
}
