// Vehicle fleets: they bound the teams fielded, are shared as documented,
// fail and come back as renewal theory says, and change nothing when they
// never fail and are enough.

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "model/funding_model.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/statistics.hpp"
#include "result_helpers.hpp"
#include "scenario_text.hpp"

using namespace mmsim;
using mmsim::testing::load_text;
using mmsim::testing::metric;
using mmsim::testing::series;

namespace {

// One zone without incidents, contingents landing ready on day 0.
std::string quiet_case(int days, const std::string& contingents, const std::string& rest) {
    return "schema_version: 1\nname: vehicles-test\nstart: 2024-01-01\nend: " +
           format_date(add_days(*parse_date("2024-01-01"), days - 1)) +
           "\nseed: 9\nreplications: 1\n"
           "contingents:\n" +
           contingents +
           "theatre:\n"
           "  zones:\n"
           "    z: {population: 100000, incident_rate_per_day: 0}\n" +
           rest;
}

std::string contingent(const std::string& id, int officers, int team_size = 7) {
    return "  " + id + ": {country: " + id +
           ", induction: 0d, duty_share: 1, team_size: " + std::to_string(team_size) +
           ", waves: [{date: 2024-01-01, officers: " + std::to_string(officers) + "}]}\n";
}

}  // namespace

TEST_SUITE("vehicles") {
    TEST_CASE("a fleet with enough vehicles that never fail changes nothing but adds its figures") {
        const std::string base =
            "schema_version: 1\nname: t\nstart: 2024-01-01\nend: 2024-02-29\nseed: 4\nreplications: 2\n"
            "contingents:\n"
            "  a: {country: A, induction: 2d, team_size: 5, waves: [{date: 2024-01-03, officers: 60}], arrival_delay: {dist: uniform, min: 0d, max: 3d}}\n"
            "  b: {country: B, team_size: 4, waves: [{date: 2024-01-20, officers: 30}], tour: 20d, rotation: replace}\n"
            "theatre:\n"
            "  zones:\n"
            "    z1: {population: 100000, incident_rate_per_day: 14, gang_control: 0.5}\n"
            "    z2: {population: 50000, incident_rate_per_day: 6}\n"
            "  roads: [{between: [z1, z2], travel: 20min}]\n"
            "incidents:\n"
            "  classes:\n"
            "    big: {share: 1, teams: 2, on_scene: {dist: exponential, mean: 2h}, max_wait: 3h}\n"
            "    small: {share: 3, on_scene: 45min}\n";
        const std::string fleets =
            "vehicles:\n"
            "  fleets:\n"
            "    pool: {capacity: 5, cost_per_vehicle_day: 3, deliveries: [{date: 2024-01-01, count: 40}]}\n";
        const std::string own =
            "vehicles:\n"
            "  fleets:\n"
            "    for_a: {contingent: a, capacity: 2, mtbf: never, deliveries: [{date: 2023-12-01, count: 60}]}\n"
            "    for_b: {contingent: b, deliveries: [{date: 2024-01-01, count: 40}]}\n";
        const Scenario without = load_text(base);
        const Scenario pooled = load_text(base + fleets);
        const Scenario per_contingent = load_text(base + own);
        for (const Scenario* with : {&pooled, &per_contingent}) {
            for (int replication = 0; replication < 2; ++replication) {
                const ReplicationResult a = run_replication(without, replication);
                const ReplicationResult b = run_replication(*with, replication);
                std::size_t i = 0;
                for (const MetricValue& m : a.metrics) {
                    while (i < b.metrics.size() && b.metrics[i].name != m.name) ++i;
                    REQUIRE_MESSAGE(i < b.metrics.size(), m.name);
                    if (std::isnan(m.value))
                        CHECK(std::isnan(b.metrics[i].value));
                    else
                        CHECK(b.metrics[i].value == m.value);
                }
                for (const DailySeries& s : a.series) {
                    const auto& other = series(b, s.table, s.entity, s.metric);
                    for (std::size_t d = 0; d < s.by_day.size(); ++d)
                        if (!std::isnan(s.by_day[d])) CHECK(other[d] == s.by_day[d]);
                }
                CHECK(metric(b, "vehicles.availability") == 1);
                CHECK(metric(b, "vehicles.teams_not_fielded") == 0);
                CHECK(metric(b, "vehicles.failures") == 0);
            }
        }
        CHECK(metric(run_replication(pooled, 0), "vehicles.fleet_cost") == 40 * 3 * 60);
    }

    TEST_CASE("teams are bounded by the vehicles in service") {
        SUBCASE("one vehicle per team") {
            auto r = run_replication(
                load_text(quiet_case(
                    10, contingent("a", 70),
                    "vehicles:\n  fleets:\n    f: {deliveries: [{date: 2024-01-01, count: 3}, {date: 2024-01-06, count: 4}]}\n")),
                0);
            const auto& teams = series(r, "coverage", "all", "teams_fielded");
            CHECK(teams[0] == 3);
            CHECK(teams[4] == 3);
            CHECK(teams[5] == 7);
            CHECK(metric(r, "vehicles.teams_not_fielded") ==
                  doctest::Approx((7.0 * 5 + 3.0 * 5) / 10));
            CHECK(series(r, "vehicles", "all", "on_duty")[5] == 7);
            CHECK(series(r, "vehicles", "f", "delivered")[4] == 3);
        }
        SUBCASE("capacity: a team of 7 needs two vehicles of 4") {
            auto r = run_replication(
                load_text(quiet_case(
                    3, contingent("a", 70),
                    "vehicles:\n  fleets:\n    f: {capacity: 4, deliveries: [{date: 2024-01-01, count: 7}]}\n")),
                0);
            CHECK(series(r, "coverage", "all", "teams_fielded")[0] == 3);
            CHECK(series(r, "vehicles", "all", "on_duty")[0] == 6);
        }
    }

    TEST_CASE("own fleets first, then pooled vehicles by highest averages") {
        // a wants 6 teams and owns 2 vehicles; b wants 3; 4 pooled vehicles.
        // Pooled, one at a time by wanted / (given + 1): b (3/1), a (6/3),
        // a (6/4 = 1.5, tie with b's 3/2: the earlier contingent), b (3/2):
        // a 2 + 2 = 4 teams, b 2.
        auto r = run_replication(
            load_text(
                quiet_case(2, contingent("a", 42) + contingent("b", 21),
                           "vehicles:\n  fleets:\n"
                           "    own: {contingent: a, deliveries: [{date: 2024-01-01, count: 2}]}\n"
                           "    pool: {deliveries: [{date: 2024-01-01, count: 4}]}\n")),
            0);
        CHECK_FALSE(std::isnan(metric(r, "workload.a.4")));
        CHECK(std::isnan(metric(r, "workload.a.5")));
        CHECK_FALSE(std::isnan(metric(r, "workload.b.2")));
        CHECK(std::isnan(metric(r, "workload.b.3")));
        CHECK(metric(r, "vehicles.teams_not_fielded") == 3);
    }

    TEST_CASE("shares follow the highest-averages rule") {
        using mmsim::detail::share_teams;
        CHECK(share_teams(std::vector<int>{6, 3}, 4) == std::vector<int>{3, 1});
        CHECK(share_teams(std::vector<int>{6, 3}, 100) == std::vector<int>{6, 3});
        CHECK(share_teams(std::vector<int>{2, 2, 2}, 4) == std::vector<int>{2, 1, 1});
        CHECK(share_teams(std::vector<int>{0, 5}, 3) == std::vector<int>{0, 3});
        CHECK(share_teams(std::vector<int>{10, 1}, 0) == std::vector<int>{0, 0});
    }

    TEST_CASE("availability matches renewal theory: MTBF / (MTBF + mean repair)") {
        // 30 vehicles for 300 teams: every vehicle that is up is on duty, so
        // each alternates on-duty lifetimes (mean 100h) and repairs (mean
        // 25h): availability 100 / 125 = 0.8, whatever the repair
        // distribution. Each replication is 200 days (about 1,150 cycles).
        std::string repair;
        SUBCASE("exponential repairs") { repair = "repair: {dist: exponential, mean: 25h}"; }
        SUBCASE("fixed repairs, some waiting for parts") {
            repair = "repair: 10h, parts_share: 0.5, parts_wait: 30h";
        }
        Scenario s = load_text(quiet_case(200, contingent("a", 2100),
                                          "vehicles:\n  fleets:\n    f: {mtbf: 100h, " + repair +
                                              ", deliveries: [{date: 2024-01-01, count: 30}]}\n"));
        std::vector<double> availability, repair_days;
        for (int replication = 0; replication < 8; ++replication) {
            const ReplicationResult r = run_replication(s, replication);
            availability.push_back(metric(r, "vehicles.availability"));
            repair_days.push_back(metric(r, "vehicles.mean_repair_days"));
            CHECK(metric(r, "vehicles.utilisation") == doctest::Approx(1.0));
        }
        // Two figures checked: Bonferroni, 97.5% intervals.
        const Summary a = summarize(availability, 0.975);
        INFO("availability " << a.mean << " [" << a.ci_low << ", " << a.ci_high << "]");
        CHECK(a.ci_low <= 0.8);
        CHECK(0.8 <= a.ci_high);
        CHECK(a.ci_high - a.ci_low < 0.025);
        const Summary d = summarize(repair_days, 0.975);
        CHECK(d.ci_low <= 25.0 / 24);
        CHECK(25.0 / 24 <= d.ci_high);
    }

    TEST_CASE("the fund pays for the vehicles it buys and donors give theirs in kind") {
        auto r = run_replication(
            load_text(quiet_case(
                10, contingent("a", 14),
                "funding:\n  opening_balance: 100000\n  sources: {us: {}}\n"
                "vehicles:\n  fleets:\n"
                "    f: {cost_per_vehicle_day: 10, deliveries: ["
                "{date: 2024-01-01, count: 3, cost_per_vehicle: 2000, paid_by: us}, "
                "{date: 2024-01-06, count: 2, cost_per_vehicle: 1000, paid_by: fund}]}\n")),
            0);
        // Upkeep: 3 vehicles x 10 days + 2 x 5 days, at 10 a vehicle-day.
        CHECK(metric(r, "funding.spent.vehicles") == 2000 + 400);
        CHECK(metric(r, "funding.in_kind.us") == 6000);
        CHECK(metric(r, "vehicles.fleet_cost") == 8000 + 400);
        CHECK(metric(r, "funding.balance_end") == 100000 - 2400);
    }
}
