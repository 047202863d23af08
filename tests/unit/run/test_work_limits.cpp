// The work estimate a run is checked against before it starts: it must bound
// what a run really does (so an accepted run stays within its limit) without
// being so loose that ordinary scenarios are refused.

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "mmsim/runner.hpp"
#include "mmsim/work_limits.hpp"

using namespace mmsim;

TEST_SUITE("work limits") {

TEST_CASE("the estimate bounds the events of every shipped scenario, within a factor of 20") {
    const std::filesystem::path root = std::filesystem::path(MMSIM_SOURCE_DIR) / "scenarios";
    for (const char* name : {"tiny.yaml", "mss-2024.yaml", "gsf-2025.yaml"}) {
        CAPTURE(name);
        Scenario scenario = load_scenario((root / name).string());
        scenario.replications = 2;
        const WorkEstimate work = estimate_work(scenario, 2);
        double events = 0, values = 0;
        for (const ReplicationResult& r : run_replications(scenario, 2)) {
            events += static_cast<double>(r.events);
            for (const DailySeries& s : r.series) values += static_cast<double>(s.by_day.size());
        }
        const double mib = values * sizeof(double) / (1024.0 * 1024.0);
        MESSAGE(std::string(name) << ": " << events << " events, estimated " << work.events
                                  << "; " << mib << " MiB of daily figures, estimated "
                                  << work.figures_mib);
        CHECK(work.events >= events);
        CHECK(work.events <= 20 * events);
        CHECK(work.figures_mib >= mib);
        CHECK(work.figures_mib <= 20 * mib);
    }
}

TEST_CASE("a run over a limit is refused with the key that drives it, and the option that raises it") {
    Scenario scenario = load_scenario(std::string(MMSIM_SOURCE_DIR) + "/scenarios/tiny.yaml");
    CHECK_NOTHROW(check_work(scenario, WorkLimits{}, 1));
    scenario.theatre.zones.front().incident_rate_per_day = 1e9;
    try {
        check_work(scenario, WorkLimits{}, 1);
        FAIL("no error");
    } catch (const UsageError& e) {
        const std::string message = e.what();
        CHECK(message.find("theatre.zones.*.incident_rate_per_day") != std::string::npos);
        CHECK(message.find("--max-events") != std::string::npos);
    }
    CHECK_NOTHROW(check_work(scenario, WorkLimits{1e15, 1e9}, 1));
    scenario.theatre.zones.front().incident_rate_per_day = 1;
    scenario.replications = 100'000;
    scenario.end = add_days(scenario.start, 36'000);
    CHECK_THROWS_AS(check_work(scenario, WorkLimits{1e15, kDefaultMaxMemoryMib}, 1), UsageError);
}

}
