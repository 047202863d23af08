// The metric registry: what a run emits is registered, what is registered is
// emitted by some shipped scenario, and scenarios/METRICS.md is the registry's.

#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "cli_helpers.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/metrics.hpp"
#include "mmsim/scenario.hpp"

using namespace mmsim;

TEST_SUITE("metric registry") {
    TEST_CASE("a placeholder stands for one id, never for a dot") {
        CHECK(metric_pattern_matches("personnel.<contingent>.arrived", "personnel.kenya.arrived"));
        CHECK(metric_pattern_matches("response.cdf.<minutes>_min", "response.cdf.120_min"));
        CHECK_FALSE(metric_pattern_matches("personnel.<contingent>.arrived", "personnel.a.b.arrived"));
        CHECK_FALSE(metric_pattern_matches("personnel.<contingent>.arrived", "personnel..arrived"));
        CHECK_FALSE(metric_pattern_matches("response.cdf.<minutes>_min", "response.cdf.120_max"));
        CHECK_FALSE(metric_pattern_matches("coverage.patrol_ratio", "coverage.patrol_ratio2"));
    }

    TEST_CASE("an exact name wins over a pattern, and kinds are apart") {
        const MetricInfo* spent_all = find_metric("funding.spent.all");
        REQUIRE(spent_all != nullptr);
        CHECK(spent_all->pattern == "funding.spent.<category>");
        const MetricInfo* daily = find_metric("personnel.ready", MetricKind::daily);
        REQUIRE(daily != nullptr);
        CHECK(daily->label == "officers ready");
        CHECK(find_metric("personnel.ready") == nullptr);
        CHECK(find_metric("no.such.metric") == nullptr);
    }

    TEST_CASE("every entry has a label, a unit and a meaning, and no pattern is declared twice") {
        std::set<std::string> seen;
        for (const MetricInfo& m : metric_registry()) {
            INFO(m.pattern);
            CHECK_FALSE(m.label.empty());
            CHECK_FALSE(m.unit.empty());
            CHECK(m.meaning.ends_with("."));
            CHECK(seen.insert(std::string(enum_name(m.kind)) + ":" + std::string(m.pattern)).second);
        }
    }

    TEST_CASE("shares are shown as percentages and money in millions of the currency") {
        const MetricDisplay share = metric_display(*find_metric("coverage.patrol_ratio"), "USD");
        CHECK(share.scale == 100);
        CHECK(share.unit == "%");
        CHECK(share.decimals == 1);
        const MetricDisplay money = metric_display(*find_metric("funding.balance_end"), "HTG");
        CHECK(money.scale == 1e-6);
        CHECK(money.unit == "million HTG");
        CHECK(metric_heading("response.mean_min", "USD") == "mean response time (min)");
        CHECK(metric_heading("not.registered", "USD") == "not.registered");
    }

    TEST_CASE("every metric and series the shipped scenarios emit is registered, and every entry is emitted") {
        const std::filesystem::path root = MMSIM_SOURCE_DIR;
        std::set<std::string> used;
        int scenarios = 0;
        for (const auto& entry : std::filesystem::directory_iterator(root / "scenarios")) {
            if (entry.path().extension() != ".yaml") continue;
            ++scenarios;
            const Scenario scenario = load_scenario(entry.path().string());
            const ReplicationResult result = run_replication(scenario, 0);
            for (const MetricValue& m : result.metrics) {
                const MetricInfo* info = find_metric(m.name);
                INFO(entry.path().filename().string() << ": metric " << m.name);
                REQUIRE(info != nullptr);
                used.insert("scalar:" + std::string(info->pattern));
            }
            for (const DailySeries& s : result.series) {
                const MetricInfo* info = find_metric(s.table + "." + s.metric, MetricKind::daily);
                INFO(entry.path().filename().string() << ": series " << s.table << "." << s.metric);
                REQUIRE(info != nullptr);
                used.insert("daily:" + std::string(info->pattern));
            }
        }
        CHECK(scenarios >= 7);
        for (const MetricInfo& m : metric_registry()) {
            INFO("registered but emitted by no shipped scenario: " << m.pattern);
            CHECK(used.contains(std::string(enum_name(m.kind)) + ":" + std::string(m.pattern)));
        }
    }

    TEST_CASE("scenarios/METRICS.md is the registry's markdown (regenerate with mmsim metrics --format markdown)") {
        const std::filesystem::path file = std::filesystem::path(MMSIM_SOURCE_DIR) / "scenarios" / "METRICS.md";
        CHECK(mmsim::test::read_text(file) == metrics_markdown());
    }
}
