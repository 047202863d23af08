// Time windows: a window's figures are the whole run's sums restricted to its
// days, so a window over the whole horizon gives the whole run's figures bit
// for bit, and a window of a steady run agrees with a run of its days alone.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "mmsim/engine.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/statistics.hpp"
#include "result_helpers.hpp"
#include "scenario_text.hpp"

using namespace mmsim;
using mmsim::testing::metric;
using mmsim::testing::series;

namespace {

Scenario shipped(const std::string& name, const std::vector<std::string>& windows) {
    Scenario scenario = load_scenario(std::string(MMSIM_SOURCE_DIR) + "/scenarios/" + name);
    scenario.windows.clear();  // the file's own are not this test's
    add_window_arguments(scenario, windows);
    return scenario;
}

std::vector<double> values(const std::vector<ReplicationResult>& runs, const std::string& name) {
    std::vector<double> out;
    for (const ReplicationResult& run : runs) out.push_back(metric(run, name));
    return out;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_SUITE("time windows") {
    TEST_CASE("a window over the whole horizon gives every figure of the whole run, bit for bit") {
        for (const char* name : {"mss-2024.yaml", "tiny.yaml", "mss-2024-underfunded.yaml", "gsf-2025.yaml"}) {
            INFO(name);
            Scenario scenario = shipped(name, {});
            add_window_arguments(scenario, {"all=" + format_date(scenario.start) + ".." + format_date(scenario.end)});
            const ReplicationResult result = run_replication(scenario, 1);
            int compared = 0;
            for (const MetricValue& m : result.metrics) {
                if (m.name.rfind("window.all.", 0) != 0) continue;
                const std::string whole = m.name.substr(std::strlen("window.all."));
                INFO(m.name);
                CHECK(same_bits(m.value, metric(result, whole)));
                ++compared;
            }
            CHECK(compared >= 40);
        }
    }

    TEST_CASE("a warm-up makes the whole run's incident figures those of a window after it, and nothing else") {
        const char* response_figures[] = {"coverage.", "response.", "dispatch.", "incidents.", "queue.",
                                          "teams.",    "zones.",    "classes."};
        auto is_response_figure = [&](const std::string& name) {
            for (const char* prefix : response_figures)
                if (name.rfind(prefix, 0) == 0) return true;
            return false;
        };
        for (const std::string name : {"mss-2024.yaml", "tiny.yaml"}) {
            INFO(name);
            const Scenario plain = shipped(name, {});
            Scenario warmed = plain;
            const int warm_up_days = plain.days() / 3;
            warmed.incidents.warm_up = warm_up_days * kHoursPerDay;
            add_window_arguments(warmed, {"after=" + format_date(add_days(plain.start, warm_up_days)) + ".." +
                                          format_date(plain.end)});
            const ReplicationResult before = run_replication(plain, 1);
            const ReplicationResult after = run_replication(warmed, 1);
            int compared = 0;
            for (const MetricValue& m : after.metrics) {
                INFO(m.name);
                if (m.name.rfind("window.after.", 0) == 0) {
                    const std::string whole = m.name.substr(std::strlen("window.after."));
                    if (!is_response_figure(whole)) continue;
                    CHECK(same_bits(m.value, metric(after, whole)));
                    ++compared;
                } else if (!is_response_figure(m.name)) {
                    CHECK(same_bits(m.value, metric(before, m.name)));  // money, force, control, ...
                }
            }
            CHECK(compared >= 20);
            CHECK(metric(after, "incidents.total") < metric(before, "incidents.total"));
            REQUIRE(after.series.size() == before.series.size());
            for (std::size_t i = 0; i < after.series.size(); ++i) {
                const std::vector<double>&a = after.series[i].by_day, &b = before.series[i].by_day;
                REQUIRE(a.size() == b.size());
                CHECK(std::equal(a.begin(), a.end(), b.begin(), same_bits));
            }
        }
    }

    TEST_CASE("a window's flows are its days' and its stocks those of its last day") {
        const Scenario scenario = shipped("mss-2024.yaml", {"w=2024-09-01..2024-09-30"});
        const ReplicationResult result = run_replication(scenario, 0);
        const int first = days_between(scenario.start, *parse_date("2024-09-01"));
        const std::vector<double>& incidents = series(result, "coverage", "all", "incidents");
        const double in_days = std::accumulate(incidents.begin() + first, incidents.begin() + first + 30, 0.0);
        CHECK(metric(result, "window.w.incidents.total") == in_days);
        const std::vector<double>& g = series(result, "control", "all", "g");
        CHECK(metric(result, "window.w.control.end") == g[static_cast<std::size_t>(first + 29)]);
        const std::vector<double>& spent = series(result, "funding", "all", "cumulative_spending");
        CHECK(metric(result, "window.w.funding.spent.all") ==
              spent[static_cast<std::size_t>(first + 29)] - spent[static_cast<std::size_t>(first - 1)]);
        // The window's figures come after all of the whole run's.
        bool in_windows = false;
        for (const MetricValue& m : result.metrics) {
            const bool window = m.name.rfind("window.", 0) == 0;
            CHECK((window || !in_windows));
            in_windows = in_windows || window;
        }
    }

    TEST_CASE("a window of a steady M/M/c run agrees with a run of its days alone") {
        const std::string file = std::string(MMSIM_SOURCE_DIR) + "/tests/data/validation/mmc.yaml";
        Scenario whole = load_scenario(file);
        whole.replications = 30;
        add_window_arguments(whole, {"late=2024-03-01..2024-04-29"});
        // The same days alone, on other random streams.
        Scenario alone = load_scenario(file, {"start=2024-03-01", "contingents.police.waves[0].date=2024-03-01",
                                              "seed=777"});
        alone.replications = 30;
        std::vector<ReplicationResult> a, b;
        for (int r = 0; r < whole.replications; ++r) {
            a.push_back(run_replication(whole, r));
            b.push_back(run_replication(alone, r));
        }
        const char* names[] = {"dispatch.wait_probability", "dispatch.mean_wait_min", "queue.mean_length",
                               "teams.mean_workload", "incidents.total", "response.mean_min"};
        const double confidence = 1 - 0.05 / std::size(names);  // Bonferroni over the six
        for (const char* name : names) {
            const Difference d = welch(values(a, std::string("window.late.") + name), values(b, name), confidence);
            INFO(name << ": window - alone = " << d.diff << " [" << d.ci_low << ", " << d.ci_high << "]");
            CHECK(d.ci_low <= 0);
            CHECK(0 <= d.ci_high);
        }
    }

    TEST_CASE("windows are read from the scenario and checked against its horizon") {
        const std::string base = mmsim::testing::kMinimalScenario;
        const Scenario s = mmsim::testing::load_text(base + "windows:\n  early: {from: 2024-06-01, to: 2024-06-30}\n");
        REQUIRE(s.windows.size() == 1);
        CHECK(s.windows[0].name == "early");
        CHECK(s.windows[0].days() == 30);
        CHECK(mmsim::testing::problems(base + "windows:\n  early: {from: 2024-07-01, to: 2024-06-30}\n") ==
              "case.yaml:11:33: windows.early.to: 2024-06-30 is before from (2024-07-01)");
        CHECK(mmsim::testing::problems(base + "windows:\n  late: {from: 2024-12-01, to: 2025-01-31}\n") ==
              "case.yaml:11:32: windows.late.to: 2025-01-31 is outside the scenario (2024-06-01 to 2024-12-31)");
    }

    TEST_CASE("a --window argument names its problem") {
        Scenario s = mmsim::testing::load_text(mmsim::testing::kMinimalScenario +
                                               "windows:\n  early: {from: 2024-06-01, to: 2024-06-30}\n");
        auto problem = [&](const std::string& argument) {
            try {
                add_window_arguments(s, {argument});
            } catch (const ScenarioError& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        CHECK(problem("2024-07-01") ==
              "--window 2024-07-01: expected [NAME=]FROM..TO with dates YYYY-MM-DD, e.g. 2025-03-01..2025-09-30");
        CHECK(problem("2024-07-31..2024-07-01") ==
              "--window 2024-07-31..2024-07-01: the window ends (2024-07-01) before it starts (2024-07-31)");
        CHECK(problem("2024-05-01..2024-07-01") == "--window 2024-05-01..2024-07-01: the window 2024-05-01 to "
                                                   "2024-07-01 is not within the scenario (2024-06-01 to 2024-12-31)");
        CHECK(problem("early=2024-07-01..2024-07-31") ==
              "--window early=2024-07-01..2024-07-31: a window named 'early' already exists (name each window once)");
        CHECK(problem("Early=2024-07-01..2024-07-31").find("is not a valid window name") != std::string::npos);
        CHECK(problem("2024-07-01..2024-07-31").empty());
        CHECK(s.windows.back().name == "w20240701_20240731");
        CHECK(s.window_arguments == std::vector<std::string>{"2024-07-01..2024-07-31"});
    }
}
