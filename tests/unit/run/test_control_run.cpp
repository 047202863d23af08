// Gang control in a run: the engine feeds each day's patrol coverage to the
// dynamics, incident rates follow g, and the control.* metrics and daily
// table say what happened. Also the `control` section of a scenario.

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/scenario.hpp"
#include "temp_files.hpp"
#include "result_helpers.hpp"
#include "scenario_text.hpp"

using mmsim::testing::metric;
using mmsim::testing::problems;

namespace {

using mmsim::ReplicationResult;
using mmsim::Scenario;

// `zones` zones in a line (30 min apart), one team wanted in each, no
// incidents; one contingent of `officers` officers ready at the start, in
// teams of `team_size`.
Scenario make_scenario(const std::vector<double>& g0, int days, int officers, int team_size) {
    Scenario s;
    s.name = "control";
    s.start = mmsim::Date{0};
    s.end = mmsim::Date{days - 1};
    for (std::size_t i = 0; i < g0.size(); ++i) {
        mmsim::Zone zone;
        zone.id = "z" + std::to_string(i);
        zone.population = 1000.0 * static_cast<double>(i + 1);
        zone.demand_teams = 1;
        zone.gang_control = g0[i];
        s.theatre.zones.push_back(zone);
        if (i > 0)
            s.theatre.roads.push_back(mmsim::Road{mmsim::ZoneId(static_cast<std::uint32_t>(i - 1)),
                                                  mmsim::ZoneId(static_cast<std::uint32_t>(i)), 0.5, {}});
    }
    s.theatre.bases.push_back(mmsim::ZoneId(0));
    mmsim::Contingent c;
    c.id = "a";
    c.team_size = team_size;
    c.duty_share = 1;
    c.induction = 0;
    c.waves.push_back(mmsim::Wave{s.start, officers, {}, {}});
    s.contingents.push_back(c);
    s.patrols.policy = mmsim::AllocationPolicy::priority;
    return s;
}

const std::vector<double>& series(const ReplicationResult& r, const std::string& entity) {
    for (const auto& s : r.series)
        if (s.table == "control" && s.entity == entity && s.metric == "g") return s.by_day;
    FAIL("no control series for " << entity);
    static const std::vector<double> none;
    return none;
}

const std::string kScenario =
    "schema_version: 1\n"
    "name: t\n"
    "start: 2024-06-01\n"
    "end: 2024-12-31\n"
    "contingents:\n"
    "  kenya: {country: Kenya, waves: [{date: 2024-06-25, officers: 200}]}\n"
    "theatre:\n"
    "  zones:\n"
    "    tabarre: {population: 100000, incident_rate_per_day: 2}\n"
    "    delmas: {population: 200000, incident_rate_per_day: 3}\n"
    "    carrefour: {population: 300000, incident_rate_per_day: 3}\n"
    "  roads:\n"
    "    - {between: [tabarre, delmas], travel: 0min}\n"
    "    - {between: [delmas, carrefour], travel: 0min}\n";

}  // namespace

TEST_SUITE("gang control") {
    TEST_CASE("without patrols each zone follows the logistic curve through the engine") {
        // 3 officers in teams of 8 field no team: coverage is 0 every day.
        Scenario s = make_scenario({0.2, 0.6}, 90, 3, 8);
        s.control.growth_per_day = 0.04;
        s.control.suppression_per_day = 0.5;
        const ReplicationResult r = mmsim::run_replication(s, 0);
        for (std::size_t zone = 0; zone < 2; ++zone) {
            const double g0 = s.theatre.zones[zone].gang_control;
            const std::vector<double>& g = series(r, "z" + std::to_string(zone));
            REQUIRE(g.size() == 90);
            for (std::size_t day = 0; day < g.size(); ++day) {
                const double t = static_cast<double>(day + 1);  // a day's value is g at its end
                CHECK(g[day] == doctest::Approx(g0 / (g0 + (1 - g0) * std::exp(-0.04 * t))).epsilon(1e-12));
            }
        }
        CHECK(metric(r, "control.start") == doctest::Approx((0.2 * 1 + 0.6 * 2) / 3));
        CHECK(metric(r, "control.end") == doctest::Approx((series(r, "z0").back() + 2 * series(r, "z1").back()) / 3));
        CHECK(metric(r, "control.z0.days_to_threshold") == 0);         // starts below 0.5
        CHECK(std::isnan(metric(r, "control.z1.days_to_threshold")));  // grows: never below 0.5
    }

    TEST_CASE("full patrol coverage suppresses control geometrically, day by day") {
        // One zone, one team always patrolling it: coverage 1, g_n = g0 (1 - s)^n.
        Scenario s = make_scenario({0.9}, 30, 1, 1);
        s.control.suppression_per_day = 0.1;
        s.control.threshold = 0.5;
        const ReplicationResult r = mmsim::run_replication(s, 0);
        const std::vector<double>& g = series(r, "z0");
        for (std::size_t day = 0; day < g.size(); ++day)
            CHECK(g[day] == doctest::Approx(0.9 * std::pow(0.9, static_cast<double>(day + 1))).epsilon(1e-12));
        // 0.9^7 = 0.478 < 0.5 < 0.9^6: below the threshold at the end of day 6.
        CHECK(metric(r, "control.z0.days_to_threshold") == 6);
        CHECK(metric(r, "control.days_to_threshold") == 6);
        CHECK(series(r, "all") == g);

        SUBCASE("a zone already below the threshold counts 0 days") {
            s.control.threshold = 0.95;
            CHECK(metric(mmsim::run_replication(s, 0), "control.z0.days_to_threshold") == 0);
        }
    }

    TEST_CASE("with every rate zero control stays at its initial values") {
        Scenario s = make_scenario({0.3, 0.7, 1.0}, 20, 16, 4);
        for (mmsim::Zone& zone : s.theatre.zones) zone.incident_rate_per_day = 20;
        const ReplicationResult r = mmsim::run_replication(s, 0);
        for (std::size_t zone = 0; zone < 3; ++zone)
            for (double g : series(r, "z" + std::to_string(zone))) CHECK(g == s.theatre.zones[zone].gang_control);
        CHECK(metric(r, "control.mean") == metric(r, "control.start"));

        // Settings that do not move g change nothing else either.
        Scenario other = s;
        other.control.threshold = 0.1;
        other.control.spillover_scale = 5;
        const ReplicationResult same = mmsim::run_replication(other, 0);
        REQUIRE(same.metrics.size() == r.metrics.size());
        for (std::size_t i = 0; i < r.metrics.size(); ++i) {
            if (r.metrics[i].name.find("days_to_threshold") != std::string::npos) continue;
            CAPTURE(r.metrics[i].name);
            CHECK((r.metrics[i].value == same.metrics[i].value ||
                   (std::isnan(r.metrics[i].value) && std::isnan(same.metrics[i].value))));
        }
    }

    TEST_CASE("incident rates follow control") {
        Scenario s = make_scenario({0.01}, 20, 3, 8);  // no teams
        s.theatre.zones[0].incident_rate_per_day = 50;
        s.incidents.gang_rate_factor = 1;
        const double static_total = metric(mmsim::run_replication(s, 0), "incidents.total");
        s.control.growth_per_day = 2;  // g near 1 within a week: twice the rate
        const double dynamic_total = metric(mmsim::run_replication(s, 0), "incidents.total");
        CHECK(static_total == doctest::Approx(50 * 1.01 * 20).epsilon(0.15));
        CHECK(dynamic_total > 1.6 * static_total);
    }

    TEST_CASE("patrol posts follow the incident rates as control moves them") {
        // Proportional posts over two zones whose rates swap places: z0 starts
        // at g = 0.5 and z1 at 0.001, and both grow to nearly 1, so z1's share
        // of the risk goes from 2% to about half. Each shift reallocates from
        // the rates of the day before.
        Scenario s = make_scenario({0.5, 0.001}, 20, 10, 1);
        s.patrols.policy = mmsim::AllocationPolicy::proportional;
        s.incidents.gang_rate_factor = 100;
        for (mmsim::Zone& zone : s.theatre.zones) zone.incident_rate_per_day = 0.5;
        s.control.growth_per_day = 1;
        const ReplicationResult r = mmsim::run_replication(s, 0);
        const std::vector<double>& z1_teams = mmsim::testing::series(r, "coverage", "z1", "teams_fielded");
        REQUIRE(z1_teams.size() == 20);
        CHECK(z1_teams.front() <= 1);
        CHECK(z1_teams.back() >= 4);
    }

    TEST_CASE("the control section is read with its defaults and checked") {
        SUBCASE("values and defaults") {
            mmsim::testing::TempDir dir("control-load");
            const Scenario s = mmsim::load_scenario(dir.write(
                "case.yaml", kScenario + "control: {growth_per_day: 0.01, suppression_per_day: 0.05}\n"));
            CHECK(s.control.growth_per_day == 0.01);
            CHECK(s.control.suppression_per_day == 0.05);
            CHECK(s.control.spillover_per_day == 0);
            CHECK(s.control.spillover_scale == 0.5);
            CHECK(s.control.threshold == 0.5);
            CHECK(s.control.dynamic());
        }
        SUBCASE("the daily step must not overshoot") {
            // delmas has two roads of weight 1: 0.5 + 0.3 * 2 = 1.1 > 1.
            CHECK(problems(kScenario + "control: {suppression_per_day: 0.5, spillover_per_day: 0.3}\n") ==
                  "case.yaml:15:56: control.spillover_per_day: suppression_per_day 0.5 + spillover_per_day "
                  "0.3 × 2 (the summed road weights of zone 'delmas') = 1.1 exceeds 1, so the daily step "
                  "would overshoot (lower a rate, or spillover_scale)");
            CHECK(problems(kScenario + "control: {suppression_per_day: 0.4, spillover_per_day: 0.3}\n") == "");
        }
        SUBCASE("ranges, units and keys") {
            CHECK(problems(kScenario + "control: {growth_per_day: 11, suppression_per_day: -0.1, "
                                       "spillover_scale: 30, threshold: 2, growth: 1}\n") ==
                  "case.yaml:15:27: control.growth_per_day: expected a number in [0, 10], got '11'\n"
                  "case.yaml:15:52: control.suppression_per_day: expected a number in [0, 1], got '-0.1'\n"
                  "case.yaml:15:75: control.spillover_scale: '30' has no unit (write e.g. 7d, 36h or 45min)\n"
                  "case.yaml:15:90: control.threshold: expected a number in [0, 1], got '2'\n"
                  "case.yaml:15:93: unknown key 'growth' in control");
        }
    }

    TEST_CASE("mmsim run prints gang control and writes control.csv") {
        const auto dir = mmsim::test::fresh_folder("control-run");
        const auto outcome = mmsim::test::run_mmsim("run scenarios/tiny.yaml --replications 2 --format csv --out " +
                                                    dir.string());
        REQUIRE(outcome.exit_code == 0);
        CHECK(outcome.out.find("\nGang control (share held by gangs; dynamic)\n"
                               "  at the start (population-weighted)          0.433\n") != std::string::npos);
        CHECK(outcome.out.find("  Market                    0.600") != std::string::npos);
        const std::string csv = mmsim::test::read_text(dir / "control.csv");
        CHECK(csv.rfind("date,entity,metric,mean,ci_low,ci_high\n2025-01-01,all,g,", 0) == 0);
        CHECK(csv.find("\n2025-01-30,hills,g,") != std::string::npos);
        std::filesystem::remove_all(dir);
    }
}
