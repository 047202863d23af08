// The report's daily summaries: a report of one replication keeps its values
// and makes each day's Summary when read; one of several keeps Summaries.
// Either way a day reads as summarize() of that day's values across the
// replications, and the files are the same whichever make_report made them.

#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "mmsim/report.hpp"
#include "mmsim/runner.hpp"

namespace {

using namespace mmsim;

// The same Summary, bit for bit (NaN equal to NaN, -0 apart from 0).
bool same_summary(const Summary& a, const Summary& b) {
    auto bits = [](double v) { return std::bit_cast<std::uint64_t>(v); };
    return a.n == b.n && bits(a.mean) == bits(b.mean) && bits(a.sd) == bits(b.sd) &&
           bits(a.ci_low) == bits(b.ci_low) && bits(a.ci_high) == bits(b.ci_high);
}

Scenario tiny_scenario(int replications) {
    Scenario scenario = load_scenario(std::string(MMSIM_SOURCE_DIR) + "/scenarios/tiny.yaml");
    scenario.replications = replications;
    return scenario;
}

// Checks that every day of every series of `report` is summarize() of that
// day's values in `results`; returns the days checked.
int check_days_are_summaries(const Report& report, const std::vector<ReplicationResult>& results) {
    int checked = 0;
    REQUIRE(report.series.size() == results.front().series.size());
    for (std::size_t i = 0; i < report.series.size(); ++i) {
        const SeriesSummary& s = report.series[i];
        REQUIRE(s.by_day.size() == results.front().series[i].by_day.size());
        for (std::size_t day = 0; day < s.by_day.size(); ++day) {
            std::vector<double> values;
            for (const ReplicationResult& r : results) values.push_back(r.series[i].by_day[day]);
            INFO(s.table << "." << s.entity << "." << s.metric << " day " << day);
            REQUIRE(same_summary(s.by_day[day], summarize(values)));
            ++checked;
        }
    }
    return checked;
}

}  // namespace

TEST_SUITE("report") {

TEST_CASE("a report of one replication reads each day as summarize() of its value, and moving the results changes nothing") {
    const Scenario scenario = tiny_scenario(1);
    const std::vector<ReplicationResult> results = run_replications(scenario, 1);
    const Report copied = make_report(scenario, results);
    CHECK(check_days_are_summaries(copied, results) > 1000);

    std::vector<ReplicationResult> taken = results;
    const Report moved = make_report(scenario, std::move(taken));
    CHECK(check_days_are_summaries(moved, results) > 1000);
    for (const std::string& table : copied.tables()) CHECK(to_csv(moved, table) == to_csv(copied, table));
    CHECK(to_json(moved) == to_json(copied));
}

TEST_CASE("a report of several replications keeps summarize()'s Summaries, with or without the results moved") {
    const Scenario scenario = tiny_scenario(3);
    const std::vector<ReplicationResult> results = run_replications(scenario, 2);
    const Report copied = make_report(scenario, results, 2);
    CHECK(check_days_are_summaries(copied, results) > 1000);

    std::vector<ReplicationResult> taken = results;
    const Report moved = make_report(scenario, std::move(taken), 2);
    CHECK(check_days_are_summaries(moved, results) > 1000);
    CHECK(to_json(moved) == to_json(copied));
}

TEST_CASE("DaySummaries gives its days in order, from values or from Summaries") {
    const DaySummaries none;
    CHECK(none.empty());
    CHECK(none.begin() == none.end());

    const double nan = kNaN;
    const DaySummaries values = DaySummaries::of_one_replication({2.5, nan, -0.0});
    REQUIRE(values.size() == 3);
    CHECK(same_summary(values.front(), Summary{1, 2.5, 0, 2.5, 2.5}));
    CHECK(same_summary(values[1], Summary{0, nan, nan, nan, nan}));
    CHECK(same_summary(values.back(), Summary{1, -0.0, 0, -0.0, -0.0}));

    const DaySummaries kept{Summary{3, 1, 0.5, 0, 2}, Summary{3, 4, 1, 2, 6}};
    std::vector<double> means;
    for (const Summary& day : kept) means.push_back(day.mean);
    CHECK(means == std::vector<double>{1, 4});
    CHECK(same_summary(kept.back(), Summary{3, 4, 1, 2, 6}));
}

}  // TEST_SUITE
