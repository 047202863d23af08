#include <doctest/doctest.h>

#include <numeric>
#include <string>
#include <vector>

#include "mmsim/patrols.hpp"

namespace {

using mmsim::Theatre;
using mmsim::ZoneId;

int total(const std::vector<int>& teams) { return std::accumulate(teams.begin(), teams.end(), 0); }

Theatre chain_theatre(const std::vector<double>& road_hours) {
    Theatre theatre;
    for (std::size_t i = 0; i <= road_hours.size(); ++i) {
        mmsim::Zone zone;
        zone.id = "z" + std::to_string(i);
        theatre.zones.push_back(zone);
    }
    for (std::size_t i = 0; i < road_hours.size(); ++i) {
        mmsim::Road road;
        road.a = ZoneId(static_cast<std::uint32_t>(i));
        road.b = ZoneId(static_cast<std::uint32_t>(i + 1));
        road.travel = road_hours[i];
        theatre.roads.push_back(road);
    }
    return theatre;
}

}  // namespace

TEST_SUITE("patrols") {
    TEST_CASE("risk grows with gang control by the documented formula") {
        mmsim::Zone zone;
        zone.incident_rate_per_day = 12;
        CHECK(mmsim::zone_risk_per_hour(zone, 0.0, 1.0) == doctest::Approx(0.5));
        CHECK(mmsim::zone_risk_per_hour(zone, 0.5, 2.0) == doctest::Approx(1.0));
        CHECK(mmsim::zone_risk_per_hour(zone, 1.0, 0.0) == doctest::Approx(0.5));
    }

    TEST_CASE("demand comes from the zone or from its population") {
        mmsim::Zone zone;
        zone.population = 250000;
        mmsim::Patrols patrols;
        patrols.demand_teams_per_100k = 2;
        CHECK(mmsim::zone_demand_teams(zone, patrols) == doctest::Approx(5.0));
        zone.demand_teams = 1.5;
        CHECK(mmsim::zone_demand_teams(zone, patrols) == doctest::Approx(1.5));
    }

    TEST_CASE("proportional allocation uses largest remainders") {
        const std::vector<double> population = {1, 1, 1};
        SUBCASE("exact quotas") {
            const std::vector<double> risk = {2, 1, 1};
            CHECK(mmsim::allocate_proportional(risk, population, 8) == std::vector<int>{4, 2, 2});
        }
        SUBCASE("remainders decide the leftover teams") {
            // quotas 10 * {0.45, 0.35, 0.2} = 4.5, 3.5, 2.0: floors 4, 3, 2; one
            // team left, remainders tie at 0.5 -> the lower index wins.
            const std::vector<double> risk = {0.45, 0.35, 0.2};
            CHECK(mmsim::allocate_proportional(risk, population, 10) == std::vector<int>{5, 3, 2});
        }
        SUBCASE("the largest remainder wins over a larger quota") {
            // quotas 3 * {0.6, 0.3, 0.1} = 1.8, 0.9, 0.3: floors 1, 0, 0; two
            // teams left go to remainders 0.9 and 0.8.
            const std::vector<double> risk = {0.6, 0.3, 0.1};
            CHECK(mmsim::allocate_proportional(risk, population, 3) == std::vector<int>{2, 1, 0});
        }
        SUBCASE("equal risks split evenly, extras to the lowest indices") {
            const std::vector<double> risk = {1, 1, 1};
            CHECK(mmsim::allocate_proportional(risk, population, 5) == std::vector<int>{2, 2, 1});
        }
        SUBCASE("zero risk everywhere falls back to population, then to equal weights") {
            const std::vector<double> risk = {0, 0, 0};
            const std::vector<double> people = {0, 300, 100};
            CHECK(mmsim::allocate_proportional(risk, people, 4) == std::vector<int>{0, 3, 1});
            const std::vector<double> nobody = {0, 0, 0};
            CHECK(mmsim::allocate_proportional(risk, nobody, 4) == std::vector<int>{2, 1, 1});
        }
        SUBCASE("no teams") {
            const std::vector<double> risk = {1, 2, 3};
            CHECK(mmsim::allocate_proportional(risk, population, 0) == std::vector<int>{0, 0, 0});
        }
    }

    TEST_CASE("proportional allocation always places every team") {
        const std::vector<double> risk = {0.1, 0.7, 0.013, 2.2, 0.0, 1.0 / 3};
        const std::vector<double> population(6, 1.0);
        for (int teams = 0; teams < 60; ++teams) {
            const std::vector<int> placed = mmsim::allocate_proportional(risk, population, teams);
            CHECK(total(placed) == teams);
            CHECK(placed[4] == 0);
            for (int n : placed) CHECK(n >= 0);
        }
    }

    TEST_CASE("priority allocation fills the riskiest zones up to their demand") {
        const std::vector<double> risk = {0.1, 0.5, 0.3};
        const std::vector<double> demand = {1.0, 2.2, 1.0};
        SUBCASE("too few teams: the riskiest zone first, capped at ceil(demand)") {
            CHECK(mmsim::allocate_priority(risk, demand, 2) == std::vector<int>{0, 2, 0});
            CHECK(mmsim::allocate_priority(risk, demand, 4) == std::vector<int>{0, 3, 1});
        }
        SUBCASE("leftover teams go round-robin in risk order") {
            // demands take 3 + 1 + 1 = 5; 2 left go to zone 1, then zone 2
            CHECK(mmsim::allocate_priority(risk, demand, 7) == std::vector<int>{1, 4, 2});
        }
        SUBCASE("equal risks are taken in zone order") {
            const std::vector<double> flat = {0.2, 0.2, 0.2};
            CHECK(mmsim::allocate_priority(flat, demand, 4) == std::vector<int>{1, 3, 0});
        }
        SUBCASE("zones without demand get teams only as leftovers") {
            const std::vector<double> none = {0.0, 1.0, 0.0};
            CHECK(mmsim::allocate_priority(risk, none, 1) == std::vector<int>{0, 1, 0});
            CHECK(mmsim::allocate_priority(risk, none, 3) == std::vector<int>{0, 2, 1});
        }
    }

    TEST_CASE("coverage allocation stations teams to cover the most population") {
        // z0 -0.25h- z1 -0.25h- z2 -1h- z3; target 0.3 h.
        const Theatre theatre = chain_theatre({0.25, 0.25, 1.0});
        const mmsim::TravelTimes travel(theatre);
        const std::vector<double> population = {100, 50, 100, 30};
        const std::vector<double> risk = {0.1, 0.1, 0.1, 0.9};
        SUBCASE("one team goes where it reaches the most people") {
            // from z1 it reaches z0, z1, z2 = 250 people
            CHECK(mmsim::allocate_coverage(risk, population, travel, 0.3, 1) ==
                  std::vector<int>{0, 1, 0, 0});
        }
        SUBCASE("the second team covers what is left") {
            CHECK(mmsim::allocate_coverage(risk, population, travel, 0.3, 2) ==
                  std::vector<int>{0, 1, 0, 1});
        }
        SUBCASE("once everything is covered the rest follows risk") {
            // 2 stations, then 10 teams proportional to risk {.1,.1,.1,.9}/1.2:
            // quotas 0.83, 0.83, 0.83, 7.5 -> 0, 0, 0, 7 + 3 leftovers by
            // remainder (0.83 x3 beat 0.5).
            CHECK(mmsim::allocate_coverage(risk, population, travel, 0.3, 12) ==
                  std::vector<int>{1, 2, 1, 8});
        }
        SUBCASE("equal gains go to the riskier zone") {
            const mmsim::TravelTimes even(chain_theatre({0.25, 0.25, 0.25}));
            const std::vector<double> flat = {10, 10, 10, 10};
            const std::vector<double> spread = {0.1, 0.2, 0.4, 0.3};
            // z1 and z2 both reach 3 zones (30 people); z2 is riskier.
            CHECK(mmsim::allocate_coverage(spread, flat, even, 0.3, 1) ==
                  std::vector<int>{0, 0, 1, 0});
            // with equal risks too the lower index wins
            CHECK(mmsim::allocate_coverage(flat, flat, even, 0.3, 1) ==
                  std::vector<int>{0, 1, 0, 0});
        }
        SUBCASE("a zone whose internal response exceeds the target cannot be covered") {
            Theatre slow = theatre;
            slow.zones[3].internal_response = 0.5;
            const mmsim::TravelTimes slow_travel(slow);
            // after z1 covers 250 nobody else adds people: z3 falls back to risk
            const std::vector<int> placed =
                mmsim::allocate_coverage(risk, population, slow_travel, 0.3, 2);
            CHECK(placed == std::vector<int>{0, 1, 0, 1});
            CHECK(mmsim::allocate_coverage(risk, population, slow_travel, 0.3, 1) ==
                  std::vector<int>{0, 1, 0, 0});
        }
    }

    TEST_CASE("allocate_teams dispatches on the policy") {
        const Theatre theatre = chain_theatre({0.25, 0.25, 1.0});
        const mmsim::TravelTimes travel(theatre);
        const std::vector<double> population = {100, 50, 100, 30};
        const std::vector<double> risk = {0.1, 0.1, 0.1, 0.9};
        const std::vector<double> demand = {1, 1, 1, 1};
        const mmsim::AllocationInput input{risk, demand, population, &travel, 0.3};
        CHECK(mmsim::allocate_teams(mmsim::AllocationPolicy::proportional, input, 4) ==
              mmsim::allocate_proportional(risk, population, 4));
        CHECK(mmsim::allocate_teams(mmsim::AllocationPolicy::priority, input, 4) ==
              std::vector<int>{1, 1, 1, 1});
        CHECK(mmsim::allocate_teams(mmsim::AllocationPolicy::coverage, input, 2) ==
              std::vector<int>{0, 1, 0, 1});
        for (auto policy : {mmsim::AllocationPolicy::proportional, mmsim::AllocationPolicy::priority,
                            mmsim::AllocationPolicy::coverage})
            for (int teams = 0; teams < 20; ++teams)
                CHECK(total(mmsim::allocate_teams(policy, input, teams)) == teams);
    }

    TEST_CASE("free teams keep their post when it has an opening, others take the nearest") {
        // z0 -1h- z1 -1h- z2
        const mmsim::TravelTimes travel(chain_theatre({1.0, 1.0}));
        using mmsim::PostCandidate;
        SUBCASE("kept posts first, in team order") {
            const std::vector<int> openings = {1, 0, 1};
            const std::vector<PostCandidate> teams = {{ZoneId(1), ZoneId(1)},   // post closed
                                                      {ZoneId(2), ZoneId(2)}};  // post kept
            CHECK(mmsim::assign_posts(openings, teams, travel) ==
                  std::vector<ZoneId>{ZoneId(0), ZoneId(2)});
        }
        SUBCASE("new teams go to the nearest opening, ties to the lower zone") {
            const std::vector<int> openings = {1, -1, 2};
            const std::vector<PostCandidate> teams = {{ZoneId(1), std::nullopt},
                                                      {ZoneId(1), std::nullopt},
                                                      {ZoneId(0), std::nullopt}};
            CHECK(mmsim::assign_posts(openings, teams, travel) ==
                  std::vector<ZoneId>{ZoneId(0), ZoneId(2), ZoneId(2)});
        }
    }

    TEST_CASE("the most teams a contingent can field bounds every roster") {
        mmsim::Contingent c;
        c.waves = {mmsim::Wave{mmsim::Date{0}, 200, {}, {}}, mmsim::Wave{mmsim::Date{30}, 150, {}, {}}};
        c.duty_share = 0.5;
        c.team_size = 8;
        CHECK(mmsim::max_teams(c) == 21);  // floor(350 * 0.5 / 8)
        c.rotation = mmsim::Rotation::replace;
        c.tour = 365 * 24;
        c.rotation_lead = 14 * 24;
        CHECK(mmsim::max_teams(c) == 43);  // two generations overlap: floor(700 * 0.5 / 8)
        c.rotation_lead = 200 * 24;        // a replacement every 165 days: three overlap
        CHECK(mmsim::max_teams(c) == 65);
        c.rotation = mmsim::Rotation::depart;
        CHECK(mmsim::max_teams(c) == 21);
    }
}
