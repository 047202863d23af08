// What limits the patrols, read from a report: the shares, the last stretch
// and its date, in words, and the report.html section that shows them.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "mmsim/html_report.hpp"
#include "mmsim/limits.hpp"
#include "mmsim/report.hpp"
#include "mmsim/runner.hpp"
#include "scenario_text.hpp"

using namespace mmsim;

namespace {

// Demand 50 teams; 10 vehicles that never fail. 35 officers (5 teams) from
// day 0, 665 more (95 teams) from day 10: officers bind, then vehicles.
const std::string kOfficersThenVehicles =
    "schema_version: 1\nname: limits\nstart: 2024-01-01\nend: 2024-01-20\nseed: 5\nreplications: 2\n"
    "contingents:\n"
    "  a: {country: A, induction: 0d, team_size: 7, duty_share: 1,\n"
    "      waves: [{date: 2024-01-01, officers: 35}, {date: 2024-01-11, officers: 665}]}\n"
    "theatre:\n"
    "  zones:\n"
    "    z: {population: 100000, incident_rate_per_day: 0, demand_teams: 50}\n"
    "vehicles:\n  fleets:\n    f: {deliveries: [{date: 2024-01-01, count: 10}]}\n";

}  // namespace

TEST_SUITE("limits") {
    TEST_CASE("the summary names the limit of the last stretch, its first day and what bound before") {
        const Scenario scenario = mmsim::testing::load_text(kOfficersThenVehicles);
        const std::vector<ReplicationResult> results = run_replications(scenario, 1);
        const Report report = make_report(scenario, results);
        const std::optional<LimitsSummary> limits = summarize_limits(report);
        REQUIRE(limits.has_value());
        CHECK(limits->main == Limit::officers);
        CHECK(limits->last == Limit::vehicles);
        CHECK(limits->last_from_day == 10);
        CHECK(limits->last_share == 1);
        CHECK(limits->before[static_cast<int>(Limit::officers)] == 1);
        CHECK(describe_limits(*limits, report) ==
              "Officers bound 50%, vehicles 50% of shifts. From 2024-01-11 on, vehicles bound 100% of shifts; "
              "before that, officers 100%.");
        const std::string html = to_html(report, scenario);
        CHECK(html.find("<section id=\"limits\">\n<h2>What limits the patrols</h2>\n<p>Officers bound 50%") !=
              std::string::npos);
    }

    TEST_CASE("a scenario without a theatre has no limits to summarise") {
        const Scenario scenario = mmsim::testing::load_text(mmsim::testing::kMinimalScenario);
        const std::vector<ReplicationResult> results = run_replications(scenario, 1);
        CHECK_FALSE(summarize_limits(make_report(scenario, results)).has_value());
    }
}
