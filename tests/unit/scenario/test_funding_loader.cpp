// Reading the funding and vehicles sections: values, defaults, and exact
// messages (the bad-input corpus, tests/bad/funding_* and vehicles_*, has
// more).

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "mmsim/scenario.hpp"
#include "scenario_text.hpp"

using namespace mmsim;
using mmsim::testing::load_text;
using mmsim::testing::problems;

namespace {

// Lines 1-9; a contingent field appended next is on line 10, 4 spaces in.
const std::string& kBase = mmsim::testing::kMinimalScenario;

}  // namespace

TEST_SUITE("funding loader") {
    TEST_CASE("without the sections money and vehicles are unlimited") {
        const Scenario s = load_text(kBase);
        CHECK_FALSE(s.funding);
        CHECK_FALSE(s.vehicles);
        CHECK(s.contingents[0].cost_per_officer_day == 0);
        CHECK(s.contingents[0].deployment_cost_per_officer == 0);
    }

    TEST_CASE("a funding section is read to the cent, with its defaults") {
        const Scenario s = load_text(
            kBase +
            "    cost_per_officer_day: 640.10\n"
            "    deployment_cost_per_officer: 1e4\n"
            "funding:\n"
            "  opening_balance: 0.29\n"
            "  overhead_per_day: 50000\n"
            "  sources:\n"
            "    us:\n"
            "      name: United States\n"
            "      paid_share: 0.5\n"
            "      pledges:\n"
            "        - {date: 2024-03-11, amount: 13.3e6, lag: 30d, instalments: 4, interval: 91d, earmark: vehicles}\n"
            "        - {date: 2024-07-01, amount: 1, probability: 0.25, paid_share: 1, earmark: kenya}\n"
            "      freezes: [{from: 2025-02-01, to: 2025-04-15, reason: waivers}]\n"
            "    un: {}\n");
        CHECK(s.contingents[0].cost_per_officer_day == 64'010);
        CHECK(s.contingents[0].deployment_cost_per_officer == 1'000'000);
        REQUIRE(s.funding);
        const Funding& f = *s.funding;
        CHECK(f.opening_balance == 29);
        CHECK(f.overhead_per_day == 5'000'000);
        CHECK(f.credit_line == 0);
        CHECK(f.review_days == 30);
        CHECK(f.reserve_days == 30);
        CHECK(f.policy == ShortfallPolicy::none);
        CHECK(f.operating_cost_per_patrol_hour == 0);
        REQUIRE(f.sources.size() == 2);
        const FundingSource& us = f.sources[0];
        CHECK(us.name == "United States");
        CHECK(f.sources[1].name == "un");
        REQUIRE(us.pledges.size() == 2);
        CHECK(us.pledges[0].amount == 1'330'000'000);
        CHECK(us.pledges[0].instalments == 4);
        CHECK(us.pledges[0].interval == 91 * 24);
        CHECK(us.pledges[0].probability == 1);
        CHECK(us.pledges[0].paid_share == 0.5);
        CHECK(us.pledges[0].lag.p1 == 30 * 24);
        CHECK(us.pledges[0].earmark.kind == Earmark::Kind::category);
        CHECK(us.pledges[0].earmark.category == LedgerCategory::vehicles);
        CHECK(us.pledges[1].probability == 0.25);
        CHECK(us.pledges[1].paid_share == 1);
        CHECK(us.pledges[1].earmark.kind == Earmark::Kind::contingent);
        CHECK(us.pledges[1].earmark.contingent == ContingentId(0));
        REQUIRE(us.freezes.size() == 1);
        CHECK(us.freezes[0].from ==
              days_between(*parse_date("2024-06-01"), *parse_date("2025-02-01")) * 24.0);
        CHECK(us.freezes[0].to ==
              days_between(*parse_date("2024-06-01"), *parse_date("2025-04-15")) * 24.0);
    }

    TEST_CASE("a vehicles section is read with its defaults") {
        const Scenario s = load_text(
            kBase +
            "funding: {sources: {us: {}}}\n"
            "vehicles:\n"
            "  fleets:\n"
            "    mraps:\n"
            "      capacity: 7\n"
            "      mtbf: 600h\n"
            "      repair: {dist: lognormal, median: 2d, sigma: 0.7}\n"
            "      parts_share: 0.1\n"
            "      parts_wait: {dist: uniform, min: 14d, max: 42d}\n"
            "      deliveries:\n"
            "        - {date: 2024-07-01, count: 10, cost_per_vehicle: 7e5, paid_by: us}\n"
            "        - {date: 2024-08-23, count: 24, paid_by: fund}\n"
            "    own: {contingent: kenya, mtbf: never, deliveries: [{date: 2024-01-01, count: 1}]}\n");
        REQUIRE(s.vehicles);
        REQUIRE(s.vehicles->fleets.size() == 2);
        const Fleet& mraps = s.vehicles->fleets[0];
        CHECK_FALSE(mraps.contingent);
        CHECK(mraps.capacity == 7);
        CHECK(mraps.mtbf == 600);
        CHECK(mraps.parts_share == 0.1);
        CHECK(mraps.cost_per_vehicle_day == 0);
        REQUIRE(mraps.deliveries.size() == 2);
        CHECK(mraps.deliveries[0].cost_per_vehicle == 70'000'000);
        CHECK(mraps.deliveries[0].paid_by == 0u);
        CHECK_FALSE(mraps.deliveries[1].paid_by);
        const Fleet& own = s.vehicles->fleets[1];
        CHECK(own.contingent == ContingentId(0));
        CHECK_FALSE(own.capacity);
        CHECK(own.mtbf == kNever);
    }

    TEST_CASE("every problem of the new sections is reported at its place") {
        CHECK(
            problems(kBase + "funding:\n"
                             "  credit_line: 1.005\n"
                             "  opening_balance: -3\n"
                             "  reserve_days: 1.5\n"
                             "  sources:\n"
                             "    us:\n"
                             "      pledges:\n"
                             "        - {date: 2024-07-01, amount: 9e99, earmark: [kenya]}\n"
                             "vehicles:\n"
                             "  fleet:\n") ==
            "case.yaml:11:16: funding.credit_line: expected an amount of money >= 0 such as 1500 or "
            "2.5e6, got '1.005' (more than 2 decimals: money is kept in whole cents)\n"
            "case.yaml:12:20: funding.opening_balance: expected an amount of money >= 0 such as 1500 "
            "or 2.5e6, got '-3'\n"
            "case.yaml:13:17: funding.reserve_days: expected an integer in [0, 36525], got '1.5'\n"
            "case.yaml:17:38: funding.sources.us.pledges[0].amount: expected an amount of money >= 0 "
            "such as 1500 or 2.5e6, got '9e99' (too large: the limit is 1e12)\n"
            "case.yaml:17:53: funding.sources.us.pledges[0].earmark: expected a string, got a list\n"
            "case.yaml:19:3: unknown key 'fleet' in vehicles (did you mean 'fleets'?)");
    }

    TEST_CASE("the counts of the new sections are limited") {
        auto many = [](const std::string& indent, const std::string& prefix, int count,
                       const std::string& value) {
            std::string text;
            for (int i = 0; i < count; ++i) text += indent + prefix + std::to_string(i) + ": " + value + "\n";
            return text;
        };
        CHECK(problems(kBase + "funding:\n  sources:\n" + many("    ", "s", 1001, "{}")) ==
              "case.yaml:12:5: funding.sources: 1001 sources exceed the limit of 1000");
        CHECK(problems(kBase + "vehicles:\n  fleets:\n" + many("    ", "f", 1001, "{}")) ==
              "case.yaml:12:5: vehicles.fleets: 1001 fleets exceed the limit of 1000");
        CHECK(problems(kBase + "incidents:\n  classes:\n" + many("    ", "c", 101, "{}")) ==
              "case.yaml:12:5: incidents.classes: 101 classes exceed the limit of 100");

        std::string pledges;
        for (int i = 0; i < 101; ++i)
            pledges += "        - {date: 2024-07-01, amount: 1, instalments: 10000, interval: 1d}\n";
        CHECK(problems(kBase + "funding:\n  sources:\n    us:\n      pledges:\n" + pledges) ==
              "case.yaml:12:5: funding.sources: 1010000 instalments in all pledges exceed the limit of "
              "1000000");
        CHECK(problems(kBase + "vehicles:\n  fleets:\n    f:\n      deliveries:\n"
                               "        - {date: 2024-07-01, count: 600000}\n"
                               "        - {date: 2024-07-02, count: 600000}\n") ==
              "case.yaml:12:5: vehicles.fleets: 1200000 vehicles in all deliveries exceed the limit of "
              "1000000");
    }

    TEST_CASE("--set reaches the new keys and is checked like the file") {
        const Scenario s =
            load_text(kBase + "funding: {opening_balance: 1}\n",
                      {"funding.opening_balance=2.50", "contingents.kenya.cost_per_officer_day=7"});
        CHECK(s.funding->opening_balance == 250);
        CHECK(s.contingents[0].cost_per_officer_day == 700);
        CHECK(
            problems(kBase, {"funding.credit_line=0.001"}) ==
            "--set funding.credit_line=0.001:1:1: funding.credit_line: expected an amount of money "
            ">= 0 such as 1500 or 2.5e6, got '0.001' (more than 2 decimals: money is kept in whole cents)");
        // Removing the sections restores unlimited money and vehicles.
        const Scenario removed = load_text(
            kBase +
                "funding: {opening_balance: 1}\nvehicles: {fleets: {f: {deliveries: [{date: 2024-07-01, count: 1}]}}}\n",
            {"funding=~", "vehicles=~"});
        CHECK_FALSE(removed.funding);
        CHECK_FALSE(removed.vehicles);
    }
}
