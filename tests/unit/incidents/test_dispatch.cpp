#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "result_helpers.hpp"
#include "incidents/response_model.hpp"
#include "mmsim/engine.hpp"

namespace {

using mmsim::Hours;
using mmsim::Scenario;
using mmsim::ZoneId;
using mmsim::detail::Event;
using mmsim::detail::EventKind;
using mmsim::detail::ResponseModel;

using mmsim::testing::z;

// A scenario with `zones` zones (no incidents of their own, one team wanted in
// each), one contingent "a", one incident class "routine" (1 team, fixed 1 h
// on scene, no max wait) and the priority policy.
Scenario make_scenario(int zones, int days = 1) {
    Scenario s;
    s.name = "test";
    s.start = mmsim::Date{0};
    s.end = mmsim::Date{days - 1};
    for (int i = 0; i < zones; ++i) {
        mmsim::Zone zone;
        zone.id = "z" + std::to_string(i);
        zone.population = 1000;
        zone.demand_teams = 1;
        s.theatre.zones.push_back(zone);
    }
    for (const char* id : {"a", "b"}) {
        mmsim::Contingent c;
        c.id = id;
        c.team_size = 1;
        c.duty_share = 1;
        c.waves.push_back(mmsim::Wave{s.start, 4, {}, {}});
        s.contingents.push_back(c);
    }
    s.patrols.policy = mmsim::AllocationPolicy::priority;
    s.patrols.shift = 1000;
    mmsim::IncidentClass routine;
    routine.id = "routine";
    routine.on_scene = mmsim::Distribution::fixed(1);
    s.incidents.classes.push_back(routine);
    return s;
}

void add_road(Scenario& s, int a, int b, Hours travel) {
    s.theatre.roads.push_back(mmsim::Road{z(a), z(b), travel, {}});
}

void script(Scenario& s, Hours at, int zone, std::uint32_t incident_class = 0) {
    s.incidents.scripted.push_back(
        mmsim::ScriptedIncident{at, z(zone), mmsim::IncidentClassId(incident_class), ""});
}

// Adds a copy of class 0 named `id`, more urgent: priority 1, class 0's 2.
mmsim::IncidentClass& add_urgent_class(Scenario& s, const std::string& id) {
    mmsim::IncidentClass urgent = s.incidents.classes[0];
    urgent.id = id;
    urgent.priority = 1;
    s.incidents.classes[0].priority = 2;
    s.incidents.classes.push_back(urgent);
    return s.incidents.classes.back();
}

// The same metrics, in the same order, with the same values (NaN as NaN).
void check_same_metrics(const mmsim::ReplicationResult& a, const mmsim::ReplicationResult& b) {
    REQUIRE(a.metrics.size() == b.metrics.size());
    for (std::size_t i = 0; i < a.metrics.size(); ++i) {
        CHECK(a.metrics[i].name == b.metrics[i].name);
        const double x = a.metrics[i].value, y = b.metrics[i].value;
        CHECK((x == y || (std::isnan(x) && std::isnan(y))));
    }
}

// Drives a ResponseModel like the engine does: a shift start every
// patrols.shift hours with the rosters `teams(shift)`, and a day end every 24 h.
struct Run {
    Scenario scenario;
    mmsim::TravelTimes travel;
    ResponseModel model;
    mmsim::detail::Sim sim;
    mmsim::ReplicationResult result;
    std::function<std::vector<int>(int)> roster;
    int next_day_ = 0;

    explicit Run(Scenario s, int replication = 0)
        : scenario(std::move(s)), travel(scenario.theatre), model(scenario, travel, replication) {
        model.enable_dispatch_log();
    }

    Run& begin(std::function<std::vector<int>(int)> teams) {
        roster = std::move(teams);
        sim.schedule_at(0, Event{EventKind::shift_start, 0, 0});
        model.start(sim);
        return *this;
    }
    Run& until(Hours end) {
        const Hours horizon = scenario.horizon();
        auto handle = [&](Hours now, const Event& e) {
            if (e.kind == EventKind::shift_start) {
                model.on_shift_start(sim, roster(static_cast<int>(e.a)));
                check_counts();
                if (now + scenario.patrols.shift < horizon)
                    sim.schedule_in(scenario.patrols.shift, Event{EventKind::shift_start, e.a + 1, 0});
            } else {
                model.handle(sim, e);
                check_counts();
            }
        };
        // Whole days close like the engine's: figures at 24:00, before 00:00 events.
        while (next_day_ < scenario.days() && (next_day_ + 1) * 24.0 <= end) {
            result.events += sim.run_before((next_day_ + 1) * 24.0, handle);
            model.on_day_end(sim, next_day_++);
        }
        result.events += sim.run_before(end, handle);
        return *this;
    }
    Run& end() {
        until(scenario.horizon());
        model.finish(sim, result);
        return *this;
    }
    Run& go(const std::function<std::vector<int>(int)>& teams) { return begin(teams).end(); }
    Run& go(std::vector<int> teams) {
        return go([teams](int) { return teams; });
    }

    void check_counts() const {
        REQUIRE(model.teams_busy() >= 0);
        REQUIRE(model.teams_free() >= 0);
        REQUIRE(model.teams_busy() + model.teams_free() == model.teams_fielded());
    }

    double metric(const std::string& name) const {
        for (const auto& m : result.metrics)
            if (m.name == name) return m.value;
        FAIL("no metric " << name);
        return 0;
    }

    // "a1", "b2": the teams dispatched, in order.
    std::vector<std::string> dispatched() const {
        std::vector<std::string> teams;
        for (const auto& d : model.dispatch_log())
            teams.push_back(scenario.contingents[d.contingent].id + std::to_string(d.number));
        return teams;
    }
};

}  // namespace

TEST_SUITE("response") {
    TEST_CASE("the nearest free team is dispatched, ties by zone then by team id") {
        // z0 -1h- z1 -1h- z2; one team per zone, each formed at its own base.
        Scenario s = make_scenario(3);
        add_road(s, 0, 1, 1);
        add_road(s, 1, 2, 1);
        SUBCASE("nearest") {
            s.theatre.bases = {z(0), z(1), z(2)};
            script(s, 2, 2);
            Run run(s);
            run.go({3, 0});
            CHECK(run.dispatched() == std::vector<std::string>{"a3"});
            CHECK(run.metric("dispatch.cross_zone_share") == 0.0);
        }
        SUBCASE("equal travel: the lower team id") {
            // teams a1 at z2 and a2 at z0 are both 1 h from z1
            s.theatre.zones[1].demand_teams = 0;
            s.theatre.bases = {z(2), z(0)};
            script(s, 2, 1);
            Run run(s);
            run.go({2, 0});
            CHECK(run.dispatched() == std::vector<std::string>{"a1"});
            CHECK(run.metric("dispatch.cross_zone_share") == 1.0);
            CHECK(run.metric("response.mean_min") == doctest::Approx(60));
        }
        SUBCASE("equal travel: contingent order comes before number") {
            s.theatre.zones[1].demand_teams = 0;
            s.theatre.bases = {z(2), z(0)};
            script(s, 2, 1);
            Run run(s);
            run.go({0, 2});
            CHECK(run.dispatched() == std::vector<std::string>{"b1"});
        }
        SUBCASE("equal travel: a team already in the zone first") {
            s.theatre.roads = {};
            add_road(s, 0, 1, 0);
            add_road(s, 1, 2, 0);
            s.theatre.bases = {z(0), z(1), z(2)};
            script(s, 2, 1);
            Run run(s);
            run.go({3, 0});
            CHECK(run.dispatched() == std::vector<std::string>{"a2"});
        }
        SUBCASE("a busy team is skipped") {
            s.theatre.bases = {z(0), z(1), z(2)};
            script(s, 2, 2);
            script(s, 2.5, 2);  // a3 is on scene until 3 h: a2 comes from z1
            Run run(s);
            run.go({3, 0});
            CHECK(run.dispatched() == std::vector<std::string>{"a3", "a2"});
            CHECK(run.metric("response.mean_min") == doctest::Approx(30));
            CHECK(run.metric("zones.z2.response.mean_min") == doctest::Approx(30));
            CHECK(run.metric("zones.z2.incidents") == 2);
            CHECK(run.metric("dispatch.cross_zone_share") == doctest::Approx(0.5));
        }
    }

    TEST_CASE("waiting incidents are served by priority, then arrival") {
        Scenario s = make_scenario(1);
        mmsim::IncidentClass urgent = s.incidents.classes[0];
        urgent.id = "urgent";
        s.incidents.classes[0].priority = 2;
        s.incidents.classes.push_back(urgent);  // class 1, priority 1
        script(s, 1.0, 0, 0);   // #0 occupies the only team until 2 h
        script(s, 1.2, 0, 0);   // #1 routine
        script(s, 1.3, 0, 1);   // #2 urgent
        script(s, 1.4, 0, 1);   // #3 urgent
        Run run(s);
        run.go({1, 0});
        std::vector<std::uint64_t> order;
        for (const auto& d : run.model.dispatch_log()) order.push_back(d.incident);
        CHECK(order == std::vector<std::uint64_t>{0, 2, 3, 1});
        CHECK(run.model.dispatch_log()[1].time == doctest::Approx(2.0));
        // waits 0, 0.7, 1.6, 2.8 h
        CHECK(run.metric("dispatch.mean_wait_min") == doctest::Approx(5.1 / 4 * 60));
        CHECK(run.metric("dispatch.wait_probability") == doctest::Approx(0.75));
        // queue lengths: 1 on [1.2,1.3), 2 on [1.3,1.4), 3 on [1.4,2), 2 to 3, 1 to 4
        CHECK(run.metric("queue.mean_length") == doctest::Approx((0.1 + 0.2 + 1.8 + 2 + 1) / 24));
        CHECK(run.metric("workload.a.1") == doctest::Approx(4.0 / 24));
    }

    TEST_CASE("an incident abandons after its class's maximum wait") {
        Scenario s = make_scenario(1);
        s.incidents.classes[0].max_wait = 0.5;
        s.incidents.classes[0].on_scene = mmsim::Distribution::fixed(2);
        script(s, 1.0, 0);  // busy until 3 h
        SUBCASE("waiting longer than max_wait") {
            script(s, 2.0, 0);  // would be served at 3 h: gone at 2.5 h
            Run run(s);
            run.go({1, 0});
            CHECK(run.metric("incidents.total") == 2);
            CHECK(run.metric("incidents.answered") == 1);
            CHECK(run.metric("incidents.unanswered_share") == doctest::Approx(0.5));
            CHECK(run.metric("dispatch.wait_probability") == doctest::Approx(0.5));
            CHECK(run.metric("queue.mean_length") == doctest::Approx(0.5 / 24));
            CHECK(run.dispatched().size() == 1);
        }
        SUBCASE("served just in time: the abandonment is cancelled") {
            script(s, 2.6, 0);  // served at 3 h after 0.4 h
            script(s, 2.7, 0);  // abandons at 3.2 h
            Run run(s);
            run.go({1, 0});
            CHECK(run.metric("incidents.answered") == 2);
            CHECK(run.metric("incidents.unanswered_share") == doctest::Approx(1.0 / 3));
            CHECK(run.metric("dispatch.mean_wait_min") == doctest::Approx(0.4 / 2 * 60));
        }
        SUBCASE("max_wait 0: lost at once when no team is free") {
            s.incidents.classes[0].max_wait = 0;
            script(s, 2.0, 0);
            script(s, 3.5, 0);
            Run run(s);
            run.go({1, 0});
            CHECK(run.metric("incidents.total") == 3);
            CHECK(run.metric("incidents.answered") == 2);
            CHECK(run.metric("incidents.unanswered_share") == doctest::Approx(1.0 / 3));
            CHECK(run.metric("queue.mean_length") == 0.0);
        }
    }

    TEST_CASE("a multi-team incident waits for all its teams without blocking the queue") {
        Scenario s = make_scenario(1);
        add_urgent_class(s, "pair").teams_needed = 2;
        script(s, 1.0, 0, 0);  // a1 busy until 2 h
        script(s, 1.1, 0, 1);  // needs 2, only a2 free: waits
        script(s, 1.2, 0, 0);  // a2 serves it at once
        Run run(s);
        run.go({2, 0});
        std::vector<std::uint64_t> order;
        for (const auto& d : run.model.dispatch_log()) order.push_back(d.incident);
        // #1 gets both teams at 2.2 h when a2 frees (a1 freed at 2 h)
        CHECK(order == std::vector<std::uint64_t>{0, 2, 1, 1});
        CHECK(run.model.dispatch_log()[2].time == doctest::Approx(2.2));
        CHECK(run.metric("incidents.answered") == 3);
    }

    TEST_CASE("response runs to the first team on scene, on-scene time from the last") {
        // z0 -0.5h- z1 -0.5h- z2; a1 at z0, a2 at z2; incident in z1 needs both.
        Scenario s = make_scenario(3);
        add_road(s, 0, 1, 0.5);
        add_road(s, 1, 2, 0.5);
        s.theatre.zones[0].internal_response = 0.25;
        s.theatre.zones[1].internal_response = 0.25;
        s.theatre.zones[1].demand_teams = 0;
        s.theatre.bases = {z(0), z(2)};
        s.incidents.classes[0].teams_needed = 2;
        s.theatre.roads[1].travel = 1.0;  // a2 arrives 0.5 h after a1
        script(s, 2.0, 1);
        Run run(s);
        run.go({2, 0});
        CHECK(run.metric("response.mean_min") == doctest::Approx(45));
        CHECK(run.metric("response.within_target_share") == 0.0);  // target 30 min
        // on scene from 3.25 h to 4.25 h: a1 busy 2.25 h, a2 busy 2.25 h
        CHECK(run.metric("workload.a.1") == doctest::Approx(2.25 / 24));
        CHECK(run.metric("workload.a.2") == doctest::Approx(2.25 / 24));
        CHECK(run.metric("dispatch.cross_zone_share") == 1.0);
    }

    TEST_CASE("patrol ratio and coverage follow where free teams are") {
        // two zones 1 h apart; one team, based in z1 but posted to z0 (priority
        // takes z0 first): it drives 1 h, then patrols z0 for 23 h.
        Scenario s = make_scenario(2);
        add_road(s, 0, 1, 1);
        s.theatre.bases = {z(1)};
        Run run(s);
        run.go({1, 0});
        CHECK(run.metric("zones.z0.patrol_ratio") == doctest::Approx(23.0 / 24));
        CHECK(run.metric("zones.z1.patrol_ratio") == 0.0);
        CHECK(run.metric("coverage.patrol_ratio") == doctest::Approx(23.0 / 48));
        // each zone's people are covered while the team is in it (target 30 min)
        CHECK(run.metric("coverage.population_within_target") == doctest::Approx(0.5));
        CHECK(run.metric("teams.mean_workload") == 0.0);
        CHECK(std::isnan(run.metric("response.mean_min")));
        CHECK(std::isnan(run.metric("workload.a.2")));
        CHECK(std::isnan(run.metric("workload.b.1")));
    }

    TEST_CASE("a free team reaches the exact share of a disc-shaped zone") {
        // Target 20 min. z0 (internal response 20 min: edge of the disc 30
        // min) holds the one team all day: it reaches (20 / 30)^2 = 4/9 of
        // z0. z1 is 10 min of road away, internal response 12 min (edge 18
        // min): (10 / 18)^2 = 25/81 of it. The coarser rule counts all of z0
        // (20 + 0 <= 20) and none of z1 (10 + 12 > 20).
        Scenario s = make_scenario(2);
        add_road(s, 0, 1, 10.0 / 60);
        s.theatre.zones[0].internal_response = 20.0 / 60;
        s.theatre.zones[1].internal_response = 12.0 / 60;
        s.theatre.zones[1].population = 3000;
        s.theatre.bases = {z(0)};
        s.patrols.response_target = 20.0 / 60;
        Run run(s);
        run.go({1, 0});
        CHECK(run.metric("coverage.population_within_target") ==
              doctest::Approx((1000 * 4.0 / 9 + 3000 * 25.0 / 81) / 4000).epsilon(1e-12));
        CHECK(run.metric("coverage.population_in_reached_zones") == doctest::Approx(0.25).epsilon(1e-12));
        SUBCASE("a team in each zone: each zone's own share") {
            s.theatre.bases = {z(0), z(1)};
            Run two(s);
            two.go({2, 0});
            // z1's own team: (20 / 18)^2 > 1, all of it.
            CHECK(two.metric("coverage.population_within_target") ==
                  doctest::Approx((1000 * 4.0 / 9 + 3000) / 4000).epsilon(1e-12));
        }
    }

    TEST_CASE("a shrinking roster stands free teams down first, busy ones after their incident") {
        Scenario s = make_scenario(1, 2);
        s.patrols.shift = 12;
        s.incidents.classes[0].on_scene = mmsim::Distribution::fixed(5);
        script(s, 10.0, 0);  // a1 busy from 10 h to 15 h
        script(s, 11.0, 0);  // a2 busy from 11 h to 16 h
        Run run(s);
        // 3 teams, then 1 from 12 h (a3 leaves at once, a2 at 16 h), then 2 again at 24 h
        run.go([](int shift) { return shift == 1 ? std::vector<int>{1, 0} : std::vector<int>{3, 0}; });
        const auto& fielded = run.result.series;
        const mmsim::DailySeries* all_fielded = nullptr;
        for (const auto& series : fielded)
            if (series.entity == "all" && series.metric == "teams_fielded") all_fielded = &series;
        REQUIRE(all_fielded != nullptr);
        REQUIRE(all_fielded->by_day.size() == 2);
        // day 0: 3 teams to 12 h, 2 to 15 h (a1 done, stays as the roster's
        // one), a2 standing down until 16 h: 3*12 + 2*4 + 1*8 = 52 team-hours
        CHECK(all_fielded->by_day[0] == doctest::Approx(52.0 / 24));
        CHECK(all_fielded->by_day[1] == doctest::Approx(3.0));
        CHECK(run.model.teams_fielded() == 3);
        CHECK(run.metric("workload.a.1") == doctest::Approx(5.0 / 48));
        CHECK(run.metric("workload.a.3") == 0.0);
    }

    TEST_CASE("a fixed patience is max_wait; a random one is drawn per incident from the class's stream") {
        Scenario s = make_scenario(2, 20);
        add_road(s, 0, 1, 0.2);
        for (auto& zone : s.theatre.zones) zone.incident_rate_per_day = 30;
        s.incidents.classes[0].on_scene = mmsim::Distribution::exponential(1.5);
        add_urgent_class(s, "urgent");
        s.seed = 7;
        const std::vector<int> roster{2, 0};
        s.incidents.classes[0].max_wait = 0.75;
        Run with_max_wait(s);
        with_max_wait.go(roster);
        s.incidents.classes[0].max_wait = mmsim::kNever;
        s.incidents.classes[0].patience = mmsim::Distribution::fixed(0.75);
        Run with_patience(s);
        with_patience.go(roster);
        check_same_metrics(with_max_wait.result, with_patience.result);
        CHECK(with_patience.metric("classes.routine.unanswered_share") > 0.05);
        CHECK(with_patience.metric("classes.urgent.unanswered_share") == 0.0);

        // An exponential patience: the same draws run after run, and a
        // patience in the other class does not shift them.
        s.incidents.classes[0].patience = mmsim::Distribution::exponential(0.75);
        Run first(s), second(s);
        first.go(roster);
        second.go(roster);
        s.incidents.classes[1].patience = mmsim::Distribution::exponential(5);
        Run other_class(s);
        other_class.go(roster);
        CHECK(first.metric("incidents.unanswered_share") == second.metric("incidents.unanswered_share"));
        CHECK(first.metric("incidents.unanswered_share") != with_patience.metric("incidents.unanswered_share"));
        CHECK(first.metric("classes.routine.unanswered_share") > 0.05);
        CHECK(other_class.metric("classes.urgent.unanswered_share") > 0);
        SUBCASE("a patience of 0 loses the incident at once, like max_wait 0") {
            s.incidents.classes[0].patience = mmsim::Distribution::fixed(0);
            s.incidents.classes[1].patience.reset();
            Run lost(s);
            lost.go(roster);
            CHECK(lost.metric("classes.routine.unanswered_share") ==
                  lost.metric("classes.routine.dispatch.wait_probability"));
            CHECK(lost.metric("classes.routine.dispatch.mean_wait_min") == 0.0);
        }
    }

    TEST_CASE("waits and responses per severity class and per zone") {
        Scenario s = make_scenario(2);
        add_road(s, 0, 1, 0.5);
        s.incidents.classes[0].on_scene = mmsim::Distribution::fixed(2);
        add_urgent_class(s, "urgent").max_wait = 0.75;
        // One team, posted in zone 0. Busy 1-3 h with a routine incident.
        script(s, 1.0, 0);
        script(s, 1.5, 1);     // routine in zone 1: waits until 3 h, then 0.5 h on the road
        script(s, 2.0, 0, 1);  // urgent in zone 0: abandons at 2.75 h
        script(s, 2.5, 0, 1);  // urgent in zone 0: served at 3 h, ahead of the routine one
        script(s, 22.0, 0);    // routine in zone 0: served at once, busy to the end
        script(s, 23.0, 1);    // routine in zone 1: still waiting at the end, in no figure but the count
        Run run(s);
        run.go({1, 0});
        CHECK(run.metric("classes.routine.incidents") == 4);
        CHECK(run.metric("classes.urgent.incidents") == 2);
        CHECK(run.metric("classes.urgent.unanswered_share") == doctest::Approx(0.5));
        CHECK(run.metric("classes.urgent.dispatch.wait_probability") == 1.0);
        CHECK(run.metric("classes.urgent.dispatch.mean_wait_min") == doctest::Approx(30));
        CHECK(run.metric("classes.urgent.response.mean_min") == doctest::Approx(30));
        // the routine one in zone 1 waits for the urgent one's 2 h on scene: 1.5 h to 5 h
        CHECK(run.metric("classes.routine.dispatch.mean_wait_min") == doctest::Approx((0 + 210 + 0) / 3.0));
        CHECK(run.metric("classes.routine.response.mean_min") == doctest::Approx((0 + 240 + 0) / 3.0));
        CHECK(run.metric("classes.routine.unanswered_share") == 0.0);
        CHECK(run.metric("classes.routine.dispatch.wait_probability") == doctest::Approx(1.0 / 3));
        CHECK(run.metric("zones.z0.dispatch.mean_wait_min") == doctest::Approx((0 + 30 + 0) / 3.0));
        CHECK(run.metric("zones.z0.unanswered_share") == doctest::Approx(1.0 / 4));
        CHECK(run.metric("zones.z1.dispatch.mean_wait_min") == doctest::Approx(210));
        CHECK(run.metric("zones.z1.unanswered_share") == 0.0);
        CHECK(run.metric("incidents.unanswered_share") == doctest::Approx(1.0 / 5));
        CHECK(run.metric("incidents.answered") == 4);
    }

    TEST_CASE("a warm-up leaves its days and incidents out of the figures, not out of the series") {
        Scenario s = make_scenario(1, 3);
        s.incidents.classes[0].on_scene = mmsim::Distribution::fixed(2);
        script(s, 1.0, 0);
        script(s, 2.0, 0);   // waits 1 h, in the warm-up
        script(s, 30.0, 0);  // day 1: served at once
        script(s, 50.0, 0);  // day 2
        s.incidents.warm_up = 24;
        Run run(s);
        run.go({1, 0});
        CHECK(run.metric("incidents.total") == 2);
        CHECK(run.metric("classes.routine.incidents") == 2);
        CHECK(run.metric("zones.z0.incidents") == 2);
        CHECK(run.metric("dispatch.wait_probability") == 0.0);
        CHECK(run.metric("dispatch.mean_wait_min") == 0.0);
        // busy 4 of 48 fielded hours after the warm-up (8 of 72 over the run)
        CHECK(run.metric("teams.mean_workload") == doctest::Approx(4.0 / 48));
        CHECK(run.metric("queue.mean_length") == 0.0);
        const auto& series = run.result.series;
        bool found = false;
        for (const auto& daily : series)
            if (daily.entity == "all" && daily.metric == "incidents") {
                found = true;
                CHECK(daily.by_day == std::vector<double>{2, 1, 1});
            }
        CHECK(found);
    }

    TEST_CASE("random incidents: the same seed gives the same figures") {
        Scenario s = make_scenario(3, 10);
        add_road(s, 0, 1, 0.2);
        add_road(s, 1, 2, 0.3);
        for (auto& zone : s.theatre.zones) {
            zone.incident_rate_per_day = 12;
            zone.gang_control = 0.5;
        }
        s.incidents.classes[0].on_scene = mmsim::Distribution::exponential(1.5);
        s.incidents.classes[0].max_wait = 2;
        s.patrols.shift = 12;
        s.seed = 99;
        const auto roster = [](int shift) { return std::vector<int>{2 + shift % 3, 1}; };
        for (auto policy : {mmsim::AllocationPolicy::proportional, mmsim::AllocationPolicy::priority,
                            mmsim::AllocationPolicy::coverage}) {
            s.patrols.policy = policy;
            Run first(s), second(s), other(s, 1);
            first.go(roster);
            second.go(roster);
            other.go(roster);
            check_same_metrics(first.result, second.result);
            REQUIRE(first.result.metrics.size() == other.result.metrics.size());
            for (std::size_t i = 0; i < first.result.metrics.size(); ++i)
                CHECK(first.result.metrics[i].name == other.result.metrics[i].name);
            CHECK(first.result.series.size() == other.result.series.size());
            CHECK(first.metric("incidents.total") != other.metric("incidents.total"));
            // 3 zones * 12/day * 1.5 * 10 days = 540 expected
            CHECK(first.metric("incidents.total") == doctest::Approx(540).epsilon(0.15));
            CHECK(first.metric("teams.mean_workload") > 0.3);
        }
    }

    TEST_CASE("gang control sets the incident rate, also when it changes") {
        Scenario s = make_scenario(1, 40);
        s.theatre.zones[0].incident_rate_per_day = 24;
        s.incidents.gang_rate_factor = 3;
        s.incidents.classes[0].on_scene = mmsim::Distribution::fixed(0.01);
        Run run(s);
        run.begin([](int) { return std::vector<int>{3, 0}; }).until(20 * 24);
        const std::vector<double> g = {1.0};
        run.model.set_gang_control(run.sim, g);
        CHECK(run.model.gang_control()[0] == 1.0);
        run.end();
        const mmsim::DailySeries* incidents = nullptr;
        for (const auto& series : run.result.series)
            if (series.entity == "all" && series.metric == "incidents") incidents = &series;
        REQUIRE(incidents != nullptr);
        REQUIRE(incidents->by_day.size() == 40);
        double before = 0, after = 0;
        for (int day = 0; day < 20; ++day) before += incidents->by_day[static_cast<std::size_t>(day)];
        for (int day = 20; day < 40; ++day) after += incidents->by_day[static_cast<std::size_t>(day)];
        // 24/day at g = 0, 24 * (1 + 3) = 96/day at g = 1
        CHECK(before == doctest::Approx(480).epsilon(0.15));
        CHECK(after == doctest::Approx(1920).epsilon(0.08));
        CHECK(run.metric("incidents.total") == before + after);
    }
}
