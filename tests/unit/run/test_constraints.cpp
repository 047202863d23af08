// What limits the patrols: with every resource ample but one, that one binds
// at every shift whose demand is unmet; the teams short of demand add up.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "mmsim/engine.hpp"
#include "mmsim/scenario.hpp"
#include "result_helpers.hpp"
#include "scenario_text.hpp"

using namespace mmsim;
using mmsim::testing::load_text;
using mmsim::testing::metric;
using mmsim::testing::series;

namespace {

// 60 days; one zone without incidents that wants 50 teams on patrol; 700
// officers (100 teams of 7, all on duty) unless `officers` says otherwise,
// ready on day 0; 12-hour shifts.
std::string case_text(int officers, const std::string& rest) {
    return "schema_version: 1\nname: constraints-test\nstart: 2024-01-01\nend: 2024-02-29\n"
           "seed: 3\nreplications: 1\n"
           "contingents:\n"
           "  a: {country: A, induction: 0d, team_size: 7, duty_share: 1, waves: [{date: 2024-01-01, officers: " +
           std::to_string(officers) +
           "}]}\n"
           "theatre:\n"
           "  zones:\n"
           "    z: {population: 100000, incident_rate_per_day: 0, demand_teams: 50}\n" +
           rest;
}

// Every day, the shares of its shifts bound by each resource.
struct Bound {
    const std::vector<double>& officers;
    const std::vector<double>& vehicles;
    const std::vector<double>& money;
    const std::vector<double>& met;
};

Bound bound(const ReplicationResult& r) {
    return {series(r, "constraints", "all", "bound_officers"), series(r, "constraints", "all", "bound_vehicles"),
            series(r, "constraints", "all", "bound_money"), series(r, "constraints", "all", "demand_met")};
}

}  // namespace

TEST_SUITE("constraints") {
    TEST_CASE("with vehicles and money unlimited, officers bind at every shift") {
        const ReplicationResult r = run_replication(load_text(case_text(70, "")), 0);
        const Bound b = bound(r);
        REQUIRE(b.officers.size() == 60);
        for (std::size_t d = 0; d < 60; ++d) {
            CAPTURE(d);
            CHECK(b.officers[d] == 1);
            CHECK(b.vehicles[d] == 0);
            CHECK(b.money[d] == 0);
            CHECK(b.met[d] == 0);
        }
        CHECK(metric(r, "constraints.bound_officers") == 1);
        CHECK(metric(r, "constraints.demand_teams") == 50);
        CHECK(metric(r, "constraints.fielded_teams") == 10);
        CHECK(metric(r, "constraints.teams_short_officers") == 40);
        CHECK(metric(r, "constraints.teams_short_vehicles") == 0);
        CHECK(metric(r, "constraints.teams_short_money") == 0);
    }

    TEST_CASE("with officers and money ample, vehicles bind at every shift") {
        const std::string fleet =
            "vehicles:\n  fleets:\n    f: {deliveries: [{date: 2024-01-01, count: 10}]}\n";
        const ReplicationResult r = run_replication(load_text(case_text(700, fleet)), 0);
        const Bound b = bound(r);
        for (std::size_t d = 0; d < 60; ++d) {
            CAPTURE(d);
            CHECK(b.vehicles[d] == 1);
            CHECK(b.officers[d] == 0);
            CHECK(b.money[d] == 0);
        }
        CHECK(series(r, "constraints", "all", "vehicles_allow")[5] == 10);
        CHECK(series(r, "constraints", "all", "officers_allow")[5] == 100);
        CHECK(metric(r, "constraints.teams_short_officers") == 0);
        CHECK(metric(r, "constraints.teams_short_vehicles") == 40);
        CHECK(metric(r, "constraints.a.teams_short_vehicles") == 90);
    }

    TEST_CASE("with officers and vehicles ample, money binds at every shift whose demand is unmet") {
        // 100 teams at 10.00 a team-hour; the first review finds the fund
        // short and caps the teams, which stay below the demand of 50.
        const std::string fund =
            "patrols: {shift: 24h}\n"
            "funding:\n"
            "  opening_balance: 30000\n"
            "  review_period: 10d\n"
            "  shortfall_policy: reduce_operations\n"
            "  operating_cost_per_patrol_hour: 10\n";
        const ReplicationResult r = run_replication(load_text(case_text(700, fund)), 0);
        const Bound b = bound(r);
        int money_days = 0;
        for (std::size_t d = 0; d < 60; ++d) {
            CAPTURE(d);
            CHECK(b.officers[d] == 0);
            CHECK(b.vehicles[d] == 0);
            CHECK(b.money[d] + b.met[d] == 1);
            money_days += b.money[d] == 1;
        }
        CHECK(money_days >= 50);
        CHECK(metric(r, "constraints.teams_short_money") > 0);
        CHECK(metric(r, "constraints.teams_short_vehicles") == 0);
    }

    TEST_CASE("teams short for want of officers, vehicles and money add up to the demand unmet") {
        const std::string both =
            "vehicles:\n  fleets:\n    f: {mtbf: 60h, repair: 2d, deliveries: [{date: 2024-01-01, count: 40}]}\n"
            "funding:\n"
            "  opening_balance: 200000\n"
            "  review_period: 7d\n"
            "  shortfall_policy: reduce_operations\n"
            "  operating_cost_per_patrol_hour: 10\n";
        const ReplicationResult r = run_replication(load_text(case_text(350, both)), 0);
        const auto& fielded = series(r, "constraints", "all", "fielded");
        const auto& officers = series(r, "constraints", "all", "teams_short_officers");
        const auto& vehicles = series(r, "constraints", "all", "teams_short_vehicles");
        const auto& money = series(r, "constraints", "all", "teams_short_money");
        double vehicle_days = 0, money_days = 0;
        for (std::size_t d = 0; d < fielded.size(); ++d) {
            CAPTURE(d);
            CHECK(officers[d] + vehicles[d] + money[d] == doctest::Approx(50 - std::min(fielded[d], 50.0)));
            vehicle_days += vehicles[d] > 0;
            money_days += money[d] > 0;
        }
        CHECK(vehicle_days > 0);
        CHECK(money_days > 0);
        // One zone: it is short of its demand by all the teams short.
        CHECK(metric(r, "constraints.z.teams_short") ==
              doctest::Approx(metric(r, "constraints.teams_short_officers") +
                              metric(r, "constraints.teams_short_vehicles") +
                              metric(r, "constraints.teams_short_money")));
    }

    TEST_CASE("each zone is short of its demand by what the allocation withheld from it") {
        // Two zones wanting 30 and 10 teams; 10 teams of 7 officers.
        const std::string text =
            "schema_version: 1\nname: zones-short\nstart: 2024-01-01\nend: 2024-01-10\nseed: 3\nreplications: 1\n"
            "contingents:\n"
            "  a: {country: A, induction: 0d, team_size: 7, duty_share: 1, waves: [{date: 2024-01-01, officers: 70}]}\n"
            "theatre:\n"
            "  zones:\n"
            "    big: {population: 300000, incident_rate_per_day: 0, demand_teams: 30}\n"
            "    small: {population: 100000, incident_rate_per_day: 0, demand_teams: 10}\n"
            "  roads: [{between: [big, small], travel: 20min}]\n";
        const ReplicationResult r = run_replication(load_text(text), 0);
        const double big = metric(r, "constraints.big.teams_short"), small = metric(r, "constraints.small.teams_short");
        CHECK(big + small == doctest::Approx(30));  // 40 wanted, 10 fielded
        CHECK(big > small);
        CHECK(metric(r, "constraints.big.short_share") == 1);
        CHECK(metric(r, "constraints.small.short_share") == 1);
    }
}
