// mmsim estimate and the hypercube models behind it: the estimate reduces to
// the exact solutions on the validated scenarios (tests/data/validation/),
// Larson's approximation stays near the exact hypercube, and the force on a
// day follows the arrivals and the vehicles.

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "mmsim/analytic.hpp"
#include "mmsim/compare.hpp"
#include "mmsim/estimate.hpp"
#include "mmsim/hypercube.hpp"
#include "mmsim/scenario.hpp"

using namespace mmsim;

namespace {

Scenario validation_scenario(const std::string& name) {
    return load_scenario(std::string(MMSIM_SOURCE_DIR) + "/tests/data/validation/" + name);
}

double rate_per_h(const Zone& zone) { return zone.incident_rate_per_day / kHoursPerDay; }

constexpr double kTight = 1e-10;

}  // namespace

TEST_SUITE("estimate") {
    TEST_CASE("the general exact hypercube with two units is the two-unit hypercube") {
        for (HypercubeQueue queue : {HypercubeQueue::fcfs, HypercubeQueue::loss}) {
            const TwoUnitHypercube two = hypercube_two_units(0.6, 0.3, 1.0, queue);
            const HypercubeResult h = hypercube_exact({2, {0.6, 0.3}, {{0, 1}, {1, 0}}, 1.0, queue, {}});
            CHECK(h.workload[0] == doctest::Approx(two.workload_unit1).epsilon(kTight));
            CHECK(h.workload[1] == doctest::Approx(two.workload_unit2).epsilon(kTight));
            CHECK(h.prob_all_busy == doctest::Approx(two.p_both_busy).epsilon(kTight));
            CHECK(h.mean_wait_h == doctest::Approx(two.mean_wait_h).epsilon(kTight));
        }
    }

    TEST_CASE("the estimate equals the exact two-unit hypercube on the validated scenarios") {
        SUBCASE("queueing") {
            const Scenario s = validation_scenario("hypercube.yaml");
            const TwoUnitHypercube exact = hypercube_two_units(
                rate_per_h(s.theatre.zones[0]), rate_per_h(s.theatre.zones[1]), 1.0, HypercubeQueue::fcfs);
            const Estimate e = estimate(s, s.end);
            CHECK(e.exact);
            CHECK(e.force.teams == 2);
            CHECK(e.zones[0].workload == doctest::Approx(exact.workload_unit1).epsilon(kTight));
            CHECK(e.zones[1].workload == doctest::Approx(exact.workload_unit2).epsilon(kTight));
            CHECK(e.all.prob_wait == doctest::Approx(exact.prob_wait).epsilon(kTight));
            // zero travel: the response is the wait
            CHECK(e.all.mean_response_min == doctest::Approx(exact.mean_wait_h * 60).epsilon(kTight));
            CHECK(e.zones[1].mean_response_min == doctest::Approx(exact.mean_wait_h * 60).epsilon(kTight));
        }
        SUBCASE("loss") {
            const Scenario s = validation_scenario("hypercube_loss.yaml");
            const TwoUnitHypercube exact = hypercube_two_units(
                rate_per_h(s.theatre.zones[0]), rate_per_h(s.theatre.zones[1]), 1.0, HypercubeQueue::loss);
            const Estimate e = estimate(s, s.end);
            CHECK(e.loss);
            CHECK(e.zones[0].workload == doctest::Approx(exact.workload_unit1).epsilon(kTight));
            CHECK(e.all.prob_wait == doctest::Approx(exact.loss_probability).epsilon(kTight));
            CHECK(e.all.mean_response_min == 0);
        }
    }

    TEST_CASE("the estimate equals the exact three-unit hypercube on the validated scenario") {
        const Scenario s = validation_scenario("hypercube3.yaml");
        HypercubeInput model{3, {}, {{0, 1, 2}, {1, 0, 2}, {2, 0, 1}}, 1.0, HypercubeQueue::fcfs, {}};
        for (const Zone& zone : s.theatre.zones) model.atom_rate_per_h.push_back(rate_per_h(zone));
        const HypercubeResult exact = hypercube_exact(model);
        const Estimate e = estimate(s, s.end);
        REQUIRE(e.zones.size() == 3);
        for (int z = 0; z < 3; ++z) {
            CAPTURE(z);
            CHECK(e.zones[z].teams == 1);
            CHECK(e.zones[z].workload == doctest::Approx(exact.workload[z]).epsilon(kTight));
            CHECK(e.zones[z].mean_response_min == doctest::Approx(exact.mean_wait_h * 60).epsilon(kTight));
        }
        CHECK(e.all.prob_wait == doctest::Approx(exact.prob_all_busy).epsilon(kTight));
        // and the pooled figure is Erlang C
        CHECK(e.all.prob_wait == doctest::Approx(erlang_c(3, 1.3)).epsilon(kTight));
    }

    TEST_CASE("the estimate equals Erlang C on the M/M/c validation scenario") {
        const Scenario s = validation_scenario("mmc.yaml");
        const double lambda = rate_per_h(s.theatre.zones[0]);
        const MmcResult exact = mmc(lambda, 1.0, 3);
        const Estimate e = estimate(s, s.end);
        CHECK(e.force.teams == 3);
        CHECK(e.offered_load == doctest::Approx(exact.offered_load).epsilon(kTight));
        CHECK(e.all.workload == doctest::Approx(exact.utilisation).epsilon(kTight));
        CHECK(e.all.prob_wait == doctest::Approx(exact.prob_wait).epsilon(kTight));
        CHECK(e.all.mean_response_min == doctest::Approx(exact.mean_wait_h * 60).epsilon(kTight));
        // P(wait <= 30 min) with zero travel
        const double target_h = s.patrols.response_target;
        CHECK(e.all.within_target_share ==
              doctest::Approx(1 - mmc_wait_exceeds(lambda, 1.0, 3, target_h)).epsilon(kTight));
    }

    TEST_CASE("Larson's approximation is exact for interchangeable units and close to the exact hypercube") {
        SUBCASE("one group of units at one post: M/M/N") {
            const HypercubeResult h =
                hypercube_approximate({12, {7.0}, {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}}, 1.0,
                                       HypercubeQueue::fcfs, std::vector<int>(12, 0)});
            for (double w : h.workload) CHECK(w == doctest::Approx(7.0 / 12).epsilon(kTight));
            double dispatched = 0;
            for (double share : h.dispatch_share[0]) dispatched += share;
            CHECK(dispatched == doctest::Approx(1 - erlang_c(12, 7)).epsilon(1e-9));
        }
        SUBCASE("four units, four atoms, distinct preference lists") {
            for (HypercubeQueue queue : {HypercubeQueue::fcfs, HypercubeQueue::loss}) {
                const HypercubeInput model{4, {0.8, 0.5, 0.4, 0.3},
                                           {{0, 1, 2, 3}, {1, 0, 2, 3}, {2, 3, 1, 0}, {3, 2, 1, 0}}, 1.0, queue, {}};
                const HypercubeResult exact = hypercube_exact(model);
                const HypercubeResult approx = hypercube_approximate(model);
                CHECK_FALSE(approx.exact);
                CHECK(approx.prob_all_busy == doctest::Approx(exact.prob_all_busy).epsilon(kTight));
                for (int u = 0; u < 4; ++u) {
                    CAPTURE(u);
                    CHECK(std::abs(approx.workload[u] - exact.workload[u]) < 0.03);
                }
            }
        }
    }

    TEST_CASE("the force on a day follows the waves, induction and the vehicles in service") {
        const Scenario s = load_scenario(std::string(MMSIM_SOURCE_DIR) + "/scenarios/mss-2024.yaml");
        SUBCASE("before the first landing there are no teams, and no answer") {
            const Estimate e = estimate(s, s.start);
            CHECK(e.force.teams == 0);
            CHECK_FALSE(e.stable);
            CHECK(std::isinf(e.all.mean_response_min));
        }
        SUBCASE("in 2025 the vehicles bind: 34 MRAPs at a renewal availability of about 0.82") {
            const ForceEstimate f = estimate_force(s, *parse_date("2025-06-01"));
            CHECK(f.officer_teams > 50);
            REQUIRE(f.vehicle_teams);
            CHECK(*f.vehicle_teams == 28);
            CHECK(f.teams == 28);
        }
    }

    TEST_CASE("a report of another scenario is refused, naming both") {
        const Scenario s = validation_scenario("mmc.yaml");
        const Estimate e = estimate(s, s.end);
        SavedReport report;
        report.file = "other/report.json";
        report.scenario_name = "other";
        report.scenario_hash = "0123456789abcdef";
        CHECK_THROWS_WITH_AS(compare_estimate(e, s, report),
                             ("other/report.json: the report is of scenario 'other' (hash 0123456789abcdef), not of "
                              "'validation-mmc' as resolved here (hash " +
                              e.scenario_hash + "): give estimate the run's scenario and --set arguments")
                                 .c_str(),
                             ScenarioError);
    }
}
