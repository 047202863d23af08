#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "mmsim/engine.hpp"
#include "mmsim/scenario.hpp"
#include "result_helpers.hpp"

using namespace mmsim;

using mmsim::testing::metric;

namespace {

Date date(const char* text) { return *parse_date(text); }

Scenario arrivals_only(int days = 60) {
    Scenario s;
    s.name = "arrivals-test";
    s.start = date("2024-06-01");
    s.end = add_days(s.start, days - 1);
    s.seed = 7;
    s.replications = 1;
    return s;
}

Contingent contingent(const std::string& id, std::vector<Wave> waves) {
    Contingent c;
    c.id = id;
    c.country = id;
    c.waves = std::move(waves);
    c.induction = 2 * kHoursPerDay;
    return c;
}

const std::vector<double>& series(const ReplicationResult& r, const std::string& entity,
                                  const std::string& metric) {
    for (const DailySeries& s : r.series)
        if (s.table == "personnel" && s.entity == entity && s.metric == metric) return s.by_day;
    FAIL("no series " << entity << "." << metric);
    static const std::vector<double> none;
    return none;
}

// Officers landed by the end of each day: in theatre + departed + attrited.
double landed_by(const ReplicationResult& r, const std::string& id, std::size_t day) {
    return series(r, id, "in_theatre")[day] + series(r, id, "departed")[day] +
           series(r, id, "attrited")[day];
}

}  // namespace

TEST_SUITE("arrivals") {
    TEST_CASE("every planned officer is in exactly one state on every day") {
        Scenario s = arrivals_only(400);
        Contingent a = contingent("a", {{date("2024-06-05"), 300, {}, {}}, {date("2024-08-01"), 150, {}, {}}});
        a.arrival_delay = Distribution{Distribution::Kind::triangular, 0, 3 * kHoursPerDay, 20 * kHoursPerDay, {}, {}};
        a.rotation = Rotation::replace;
        a.tour = 120 * kHoursPerDay;
        a.rotation_lead = 10 * kHoursPerDay;
        a.attrition_per_year = 0.2;
        Contingent b = contingent("b", {{date("2024-06-20"), 80, {}, {}}});
        b.rotation = Rotation::depart;
        b.tour = 90 * kHoursPerDay;
        s.contingents = {a, b};
        s.airport.daily_capacity = 60;
        s.airport.closures = {{20 * kHoursPerDay, 35 * kHoursPerDay, "closed"}};

        for (int replication = 0; replication < 5; ++replication) {
            ReplicationResult r = run_replication(s, replication);
            for (const char* id : {"a", "b"}) {
                const auto& planned = series(r, id, "planned");
                for (std::size_t day = 0; day < planned.size(); ++day) {
                    double states = 0;
                    for (const char* state : {"not_yet_due", "awaiting_transport", "induction", "ready",
                                              "departed", "attrited"})
                        states += series(r, id, state)[day];
                    REQUIRE(states == planned[day]);
                }
            }
            CHECK(metric(r, "personnel.a.attrited") > 0);
            CHECK(metric(r, "personnel.a.planned") > 450);  // rotations added waves
            CHECK(metric(r, "personnel.b.departed") == 80);
        }
    }

    TEST_CASE("the airlift never lands more than its daily capacity") {
        Scenario s = arrivals_only(30);
        s.contingents = {contingent("a", {{date("2024-06-02"), 250, {}, {}}})};
        s.airport.daily_capacity = 40;
        ReplicationResult r = run_replication(s, 0);
        double before = 0;
        for (std::size_t day = 0; day < 30; ++day) {
            double landed = landed_by(r, "a", day);
            CHECK(landed - before <= 40);
            before = landed;
        }
        CHECK(before == 250);
        // 250 officers at 40 a day from 2024-06-02 (day 1): the last land on day 7.
        CHECK(landed_by(r, "a", 6) == 240);
        CHECK(landed_by(r, "a", 7) == 250);
        CHECK(metric(r, "personnel.a.mean_arrival_delay_days") > 2.5);
    }

    TEST_CASE("a closure holds arrivals until the airport reopens") {
        Scenario s = arrivals_only(40);
        // Planned for day 0 by the mandate, modelled to leave on day 10.
        s.contingents = {contingent("a", {{date("2024-06-11"), 100, date("2024-06-01"), {}}})};
        s.airport.closures = {{10 * kHoursPerDay, 17 * kHoursPerDay, "aircraft hit by gunfire"}};
        ReplicationResult r = run_replication(s, 0);
        for (std::size_t day = 10; day < 17; ++day) {
            CHECK(series(r, "a", "awaiting_transport")[day] == 100);
            CHECK(series(r, "a", "in_theatre")[day] == 0);
        }
        CHECK(series(r, "a", "induction")[17] == 100);  // landed at 00:00 of the reopening day
        CHECK(series(r, "a", "ready")[19] == 100);      // two days of induction
        CHECK(metric(r, "personnel.a.mean_arrival_delay_days") == doctest::Approx(7.0));
        CHECK(metric(r, "personnel.a.mean_delay_vs_plan_days") == doctest::Approx(17.0));
    }

    TEST_CASE("induction delays readiness by its length") {
        Scenario s = arrivals_only(20);
        Contingent a = contingent("a", {{date("2024-06-03"), 50, {}, {}}});
        a.induction = 5 * kHoursPerDay;
        s.contingents = {a};
        ReplicationResult r = run_replication(s, 0);
        CHECK(series(r, "a", "induction")[6] == 50);  // landed day 2, ready at 00:00 of day 7
        CHECK(series(r, "a", "ready")[6] == 0);
        CHECK(series(r, "a", "ready")[7] == 50);
    }

    TEST_CASE("a replacement wave lands before the tour it replaces ends") {
        Scenario s = arrivals_only(200);
        Contingent a = contingent("a", {{date("2024-06-01"), 100, {}, {}}});
        a.induction = 0;
        a.rotation = Rotation::replace;
        a.tour = 90 * kHoursPerDay;
        a.rotation_lead = 10 * kHoursPerDay;
        s.contingents = {a};
        ReplicationResult r = run_replication(s, 0);
        // Day 80: replacement lands, both groups in theatre until day 90.
        CHECK(series(r, "a", "in_theatre")[79] == 100);
        CHECK(series(r, "a", "in_theatre")[80] == 200);
        CHECK(series(r, "a", "in_theatre")[90] == 100);
        CHECK(series(r, "a", "departed")[90] == 100);
        CHECK(metric(r, "personnel.a.planned") == 300);  // first tour, and replacements at days 80 and 160
        // The overlap is the relieved group, days 80 to 89 and 160 to 169;
        // the honest peak leaves it out.
        CHECK(series(r, "a", "handover_overlap")[79] == 0);
        CHECK(series(r, "a", "handover_overlap")[80] == 100);
        CHECK(series(r, "a", "handover_overlap")[89] == 100);
        CHECK(series(r, "a", "handover_overlap")[90] == 0);
        CHECK(metric(r, "personnel.a.peak_in_theatre") == 200);
        CHECK(metric(r, "personnel.a.peak_in_theatre_net") == 100);
        CHECK(metric(r, "personnel.a.peak_handover_overlap") == 100);
        CHECK(metric(r, "personnel.a.planned_initial") == 100);
        CHECK(metric(r, "personnel.a.planned_rotations") == 200);
    }

    TEST_CASE("entity all of the personnel table is the contingents' sum, day by day") {
        Scenario s = arrivals_only(30);
        s.contingents = {contingent("a", {{date("2024-06-05"), 100, {}, {}}}),
                         contingent("b", {{date("2024-06-10"), 40, {}, {}}})};
        ReplicationResult r = run_replication(s, 0);
        for (const char* column : {"planned", "in_theatre", "ready", "handover_overlap"})
            for (std::size_t d = 0; d < 30; ++d) {
                CAPTURE(column);
                CAPTURE(d);
                CHECK(series(r, "all", column)[d] == series(r, "a", column)[d] + series(r, "b", column)[d]);
            }
    }

    TEST_CASE("a wave still queued at the end is a censored arrival, counted apart from the mean delay") {
        Scenario s = arrivals_only(20);
        s.contingents = {contingent("a", {{date("2024-06-05"), 100, {}, {}}, {date("2024-06-10"), 50, {}, {}}})};
        // Closed from day 8 to past the end: the second wave never lands.
        s.airport.closures = {{8 * kHoursPerDay, 40 * kHoursPerDay, "runway held by gangs"}};
        ReplicationResult r = run_replication(s, 0);
        CHECK(metric(r, "personnel.a.arrived") == 100);
        CHECK(metric(r, "personnel.a.not_landed") == 50);
        CHECK(metric(r, "personnel.a.waves_not_landed") == 1);
        CHECK(metric(r, "personnel.all.not_landed") == 50);
        CHECK(metric(r, "personnel.a.mean_arrival_delay_days") == 0);  // landed officers only
    }

    TEST_CASE("replications do not depend on the order they run in") {
        Scenario s = arrivals_only(100);
        Contingent a = contingent("a", {{date("2024-06-05"), 300, {}, {}}});
        a.arrival_delay = Distribution{Distribution::Kind::exponential, 5 * kHoursPerDay, 0, 0, {}, {}};
        a.attrition_per_year = 0.3;
        s.contingents = {a};
        ReplicationResult second_first = run_replication(s, 1);
        ReplicationResult zero = run_replication(s, 0);
        ReplicationResult second_again = run_replication(s, 1);
        CHECK(metric(second_first, "personnel.a.attrited") == metric(second_again, "personnel.a.attrited"));
        CHECK(series(second_first, "a", "ready") == series(second_again, "a", "ready"));
        CHECK(metric(zero, "personnel.a.mean_arrival_delay_days") !=
              metric(second_first, "personnel.a.mean_arrival_delay_days"));
    }
}
