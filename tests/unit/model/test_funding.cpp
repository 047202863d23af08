// The fund over a run: receipts (lags, freezes, probabilities, instalments),
// the shortfall policies on small scenarios whose figures can be worked out by
// hand (each case says how), and the claim that a fund that never runs short
// changes nothing else.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "mmsim/engine.hpp"
#include "mmsim/scenario.hpp"
#include "result_helpers.hpp"
#include "scenario_text.hpp"

using namespace mmsim;
using mmsim::testing::load_text;
using mmsim::testing::metric;
using mmsim::testing::series;

namespace {

// Receipts of a run as (day, cents).
std::vector<std::pair<int, Cents>> receipts(const ReplicationResult& r) {
    std::vector<std::pair<int, Cents>> out;
    for (const LedgerEntry& e : r.ledger->entries)
        if (e.category == LedgerCategory::receipt) out.emplace_back(e.day, e.amount);
    return out;
}

// 91 days from 2024-01-01, one contingent of 10 landing at once, no theatre.
const std::string kHead =
    "schema_version: 1\n"
    "name: funding-test\n"
    "start: 2024-01-01\n"
    "end: 2024-03-31\n"
    "seed: 5\n"
    "replications: 1\n";

std::string pledges_case(const std::string& source) {
    return kHead +
           "contingents:\n"
           "  a: {country: A, induction: 0d, waves: [{date: 2024-01-01, officers: 10}]}\n"
           "funding:\n"
           "  sources:\n"
           "    s:\n" +
           source;
}

}  // namespace

TEST_SUITE("funding") {
    TEST_CASE("lags and freezes move receipts; instalments split to the cent") {
        SUBCASE("a fixed lag moves a pledge by that many days") {
            auto r = run_replication(
                load_text(
                    pledges_case("      pledges: [{date: 2024-01-11, amount: 100, lag: 5d}]\n")),
                0);
            CHECK(receipts(r) == std::vector<std::pair<int, Cents>>{{15, 10'000}});
        }
        SUBCASE("a freeze holds a payment to its end") {
            auto r = run_replication(
                load_text(pledges_case("      pledges: [{date: 2024-01-11, amount: 100, lag: 5d}]\n"
                                       "      freezes: [{from: 2024-01-14, to: 2024-02-01}]\n")),
                0);
            CHECK(receipts(r) == std::vector<std::pair<int, Cents>>{{31, 10'000}});
        }
        SUBCASE("back-to-back freezes hold it to the last one's end") {
            auto r = run_replication(
                load_text(pledges_case(
                    "      pledges: [{date: 2024-01-11, amount: 100}]\n"
                    "      freezes: [{from: 2024-01-20, to: 2024-01-25}, {from: 2024-01-10, to: 2024-01-20}]\n")),
                0);
            CHECK(receipts(r) == std::vector<std::pair<int, Cents>>{{24, 10'000}});
        }
        SUBCASE("a freeze past the end means never") {
            auto r = run_replication(
                load_text(pledges_case("      pledges: [{date: 2024-01-11, amount: 100}]\n"
                                       "      freezes: [{from: 2024-01-01, to: 2024-05-01}]\n")),
                0);
            CHECK(receipts(r).empty());
            CHECK(metric(r, "funding.pledged.s") == 100);
            CHECK(metric(r, "funding.received.s") == 0);
        }
        SUBCASE("a pledge before the start is received at the start") {
            auto r = run_replication(
                load_text(pledges_case("      pledges: [{date: 2023-06-01, amount: 0.07}]\n")), 0);
            CHECK(receipts(r) == std::vector<std::pair<int, Cents>>{{0, 7}});
        }
        SUBCASE("instalments: equal parts, the first ones take the odd cents") {
            auto r = run_replication(
                load_text(pledges_case(
                    "      pledges: [{date: 2024-01-01, amount: 1.00, instalments: 3, interval: 10d}]\n")),
                0);
            CHECK(receipts(r) == std::vector<std::pair<int, Cents>>{{0, 34}, {10, 33}, {20, 33}});
        }
        SUBCASE("paid_share pays part of each instalment, rounded to the cent") {
            auto r = run_replication(
                load_text(pledges_case(
                    "      paid_share: 0.11\n"
                    "      pledges: [{date: 2024-01-01, amount: 1000.05, instalments: 2, interval: 30d}]\n")),
                0);
            // 500.03 and 500.02, times 0.11: 55.0033 and 55.0022.
            CHECK(receipts(r) == std::vector<std::pair<int, Cents>>{{0, 5'500}, {30, 5'500}});
        }
        SUBCASE("probability 0 pays nothing, 1 everything") {
            auto never = run_replication(
                load_text(pledges_case(
                    "      probability: 0\n"
                    "      pledges: [{date: 2024-01-01, amount: 50, instalments: 4, interval: 7d}]\n")),
                0);
            CHECK(receipts(never).empty());
            auto always = run_replication(
                load_text(pledges_case(
                    "      pledges: [{date: 2024-01-01, amount: 50, instalments: 4, interval: 7d, probability: 1}]\n")),
                0);
            CHECK(receipts(always).size() == 4);
        }
    }

    TEST_CASE(
        "a random lag with a probability pays about that share, on the same days whatever the probability") {
        const std::string pledges =
            "      pledges: [{date: 2024-01-01, amount: 1000, instalments: 80, interval: 1d, "
            "lag: {dist: uniform, min: 0d, max: 5d}, probability: P}]\n";
        auto with = [&](const std::string& p) {
            std::string text = pledges;
            text.replace(text.find('P'), 1, p);
            return run_replication(load_text(pledges_case(text)), 0);
        };
        const auto all = receipts(with("1"));
        const auto some = receipts(with("0.5"));
        CHECK(all.size() == 80);
        CHECK(some.size() > 25);
        CHECK(some.size() < 55);
        // Each paid instalment arrives on the day it would with probability 1:
        // the lags are drawn whether or not an instalment is paid.
        for (const auto& receipt : some)
            CHECK(std::find(all.begin(), all.end(), receipt) != all.end());
    }

    TEST_CASE(
        "defer_arrivals holds a wave in shortfall and releases it when the reserve is covered") {
        // By hand (100.00 a day per officer, no other cost):
        // day 0 review: nobody in theatre -> covered. Wave 1 (10) lands day 0.
        // Days 0-9 cost 1,000 a day: 19,000 -> 9,000 at the day-10 review,
        // which needs 10 days x 1,000 = 10,000: shortfall, new waves held.
        // Wave 2 (10) is due day 15: held. The pool is empty after day 18;
        // days 19-24 (6,000) become arrears. 50,000 arrive at 00:00 day 25:
        // 200,000 arrive at 00:00 day 25: arrears paid, 194,000 left; days
        // 25-29 leave 189,000 at the day-30 review, which needs 10 reserve
        // days x 2,000 = 20,000 for the held wave: released, lands day 30;
        // no shortfall from then on (the last review, day 90, finds 69,000).
        // Held at day ends 15-29: 150 officer-days.
        const std::string text =
            kHead +
            "contingents:\n"
            "  a:\n"
            "    country: A\n"
            "    induction: 0d\n"
            "    cost_per_officer_day: 100\n"
            "    waves: [{date: 2024-01-01, officers: 10}, {date: 2024-01-16, officers: 10}]\n"
            "funding:\n"
            "  opening_balance: 19000\n"
            "  review_period: 10d\n"
            "  shortfall_policy: defer_arrivals\n"
            "  reserve_days: 10\n"
            "  sources:\n"
            "    donor:\n"
            "      pledges: [{date: 2024-01-26, amount: 200000}]\n";
        auto r = run_replication(load_text(text), 0);
        const auto& held = series(r, "personnel", "a", "held");
        const auto& in_theatre = series(r, "personnel", "a", "in_theatre");
        CHECK(held[14] == 0);
        CHECK(held[15] == 10);
        CHECK(held[29] == 10);
        CHECK(held[30] == 0);
        CHECK(in_theatre[29] == 10);
        CHECK(in_theatre[30] == 20);
        CHECK(metric(r, "personnel.a.deferred_officer_days") == 150);
        CHECK(metric(r, "personnel.a.mean_arrival_delay_days") == 7.5);
        CHECK(metric(r, "funding.shortfall_days") == 20);
        CHECK(metric(r, "funding.arrears_max") == 6000);
        CHECK(metric(r, "funding.days_in_arrears") == 6);
        CHECK(metric(r, "funding.balance_min") == 0);
        const auto& balance = series(r, "funding", "all", "balance");
        CHECK(balance[9] == 9000);
        CHECK(balance[24] == 0);
        CHECK(balance[29] == 189000);
        CHECK(metric(r, "funding.balance_end") == 189000 - 61 * 2000);
    }

    TEST_CASE("support in kind pays its earmark's bills outside the fund, which balances to the cent") {
        // By hand: 10 officers from day 0 at 100.00 a day (1,000 a day),
        // deployment 50.00 each (500 on day 0), overhead 200 a day; 91 days.
        // In kind: 10,000 for contingent a pays its personnel and deployment
        // on days 0-8 and half of day 9's; 3,000 for overhead pays days 0-14.
        // Cash 50,000 into the fund pays the rest until day 52, when 100 of
        // the personnel bill is paid and everything after is owed.
        const std::string text =
            kHead +
            "contingents:\n"
            "  a:\n"
            "    country: A\n"
            "    induction: 0d\n"
            "    cost_per_officer_day: 100\n"
            "    deployment_cost_per_officer: 50\n"
            "    waves: [{date: 2024-01-01, officers: 10}]\n"
            "funding:\n"
            "  overhead_per_day: 200\n"
            "  sources:\n"
            "    cash: {pledges: [{date: 2024-01-01, amount: 50000}]}\n"
            "    donor:\n"
            "      pledges:\n"
            "        - {date: 2024-01-01, amount: 10000, form: in_kind, earmark: a}\n"
            "        - {date: 2024-01-01, amount: 3000, form: in_kind, earmark: overhead}\n"
            "        - {date: 2024-01-01, amount: 700, form: in_kind, earmark: operations}\n";
        auto r = run_replication(load_text(text), 0);
        CHECK(metric(r, "funding.received.all") == 50000);
        CHECK(metric(r, "funding.received.donor") == 0);
        CHECK(metric(r, "funding.in_kind.donor") == 13000);
        CHECK(metric(r, "funding.in_kind.all") == 13000);
        CHECK(metric(r, "funding.in_kind_unused") == 700);  // no patrols, no operations bills
        CHECK(metric(r, "funding.paid_in_kind.personnel") == 9500);
        CHECK(metric(r, "funding.paid_in_kind.deployment") == 500);
        CHECK(metric(r, "funding.paid_in_kind.overhead") == 3000);
        CHECK(metric(r, "funding.spent.all") == 50000);
        CHECK(metric(r, "funding.spent.overhead") == 37 * 200);
        CHECK(metric(r, "funding.balance_end") == 0);
        CHECK(metric(r, "funding.arrears_end") == 91000 + 500 + 91 * 200 - 13000 - 50000);
        CHECK(metric(r, "funding.personnel_arrears_end") == 91000 - 9500 - 42600);
        CHECK(metric(r, "funding.arrears_end.contingent.a") == 91000 - 9500 - 42600);
        CHECK(metric(r, "funding.days_personnel_unpaid") == 39);
        const auto& balance = series(r, "funding", "all", "balance");
        CHECK(balance[0] == 50000);  // day 0 was paid in kind, and in kind never enters the balance
        CHECK(*std::max_element(balance.begin(), balance.end()) == 50000);
        CHECK(series(r, "funding", "all", "cumulative_in_kind")[0] == 1500 + 200);
        CHECK(series(r, "funding", "all", "personnel_arrears")[51] == 0);
        CHECK(series(r, "funding", "all", "personnel_arrears")[52] == 900);
        // Conservation, day by day, to the cent.
        Cents balance_cents = 0;
        for (const LedgerDay& day : r.ledger->days) {
            CHECK(day.opening == balance_cents);
            CHECK(day.closing == day.opening + day.receipts - day.payments);
            balance_cents = day.closing;
        }
    }

    TEST_CASE("reduce_operations fields only the teams the money covers") {
        // One zone without incidents; 70 officers, teams of 7, all on duty:
        // 10 teams at 10.00 a team-hour = 2,400 a day. Day 0: covered (no
        // team yet). Days 0-9: 24,000 -> 6,000 left at the day-10 review,
        // which needs 24,000: shortfall; 2 teams cost 4,800 <= 6,000, 3 would
        // cost 7,200: cap 2. Days 10-19: 480 a day -> 1,200 at day 20: cap 0.
        const std::string text =
            kHead +
            "contingents:\n"
            "  a: {country: A, induction: 0d, team_size: 7, duty_share: 1, waves: [{date: 2024-01-01, officers: 70}]}\n"
            "theatre:\n"
            "  zones:\n"
            "    z: {population: 100000, incident_rate_per_day: 0}\n"
            "patrols:\n"
            "  shift: 24h\n"
            "funding:\n"
            "  opening_balance: 30000\n"
            "  review_period: 10d\n"
            "  shortfall_policy: reduce_operations\n"
            "  operating_cost_per_patrol_hour: 10\n";
        auto r = run_replication(load_text(text), 0);
        const auto& teams = series(r, "coverage", "all", "teams_fielded");
        CHECK(teams[0] == 10);
        CHECK(teams[9] == 10);
        CHECK(teams[10] == 2);
        CHECK(teams[19] == 2);
        CHECK(teams[20] == 0);
        CHECK(teams[90] == 0);
        CHECK(metric(r, "funding.balance_end") == 1200);
        CHECK(metric(r, "funding.spent.operations") == 28800);
        CHECK(metric(r, "funding.arrears_end") == 0);
        CHECK(metric(r, "funding.teams_not_fielded") ==
              doctest::Approx((8.0 * 10 + 10.0 * 71) / 91));
    }

    TEST_CASE("withdraw sends home the last contingent to arrive, never a self-funded one") {
        // a lands day 0, b day 5 (and plans 5 more for day 40), c (self-funded)
        // day 8. 100.00 a day per officer of a and b. 25,000 -> days 0-4 at
        // 1,000, 5-9 at 2,000 -> 10,000 at the day-10 review, which needs
        // 20,000: b withdraws. Days 10-19 at 1,000 -> 0 at day 20, which
        // needs 10,000: a withdraws. c stays.
        const std::string text =
            kHead +
            "contingents:\n"
            "  a: {country: A, induction: 0d, cost_per_officer_day: 100, waves: [{date: 2024-01-01, officers: 10}]}\n"
            "  b: {country: B, induction: 0d, cost_per_officer_day: 100, waves: [{date: 2024-01-06, officers: 10}, {date: 2024-02-10, officers: 5}]}\n"
            "  c: {country: C, induction: 0d, cost_per_officer_day: 100, self_funded: true, waves: [{date: 2024-01-09, officers: 4}]}\n"
            "funding:\n"
            "  opening_balance: 25000\n"
            "  review_period: 10d\n"
            "  shortfall_policy: withdraw\n";
        auto r = run_replication(load_text(text), 0);
        CHECK(metric(r, "personnel.b.withdrawn") == 10);
        CHECK(metric(r, "personnel.b.cancelled") == 5);
        CHECK(metric(r, "personnel.a.withdrawn") == 10);
        CHECK(metric(r, "personnel.c.withdrawn") == 0);
        CHECK(metric(r, "personnel.c.ready_end") == 4);
        CHECK(metric(r, "funding.withdrawals") == 2);
        CHECK(series(r, "personnel", "b", "in_theatre")[9] == 10);
        CHECK(series(r, "personnel", "b", "in_theatre")[10] == 0);
        CHECK(series(r, "personnel", "a", "in_theatre")[19] == 10);
        CHECK(series(r, "personnel", "a", "in_theatre")[20] == 0);
        CHECK(metric(r, "funding.balance_end") == 0);
        CHECK(metric(r, "funding.arrears_end") == 0);
        CHECK(metric(r, "funding.spent.contingent.c") == 0);
        CHECK(metric(r, "personnel.all.planned") == 29);
    }

    TEST_CASE("a fund that never runs short changes nothing but adds its figures") {
        const std::string base =
            kHead +
            "contingents:\n"
            "  a: {country: A, induction: 2d, team_size: 5, waves: [{date: 2024-01-03, officers: 60}], arrival_delay: {dist: uniform, min: 0d, max: 3d}}\n"
            "  b: {country: B, team_size: 4, waves: [{date: 2024-01-20, officers: 30}], tour: 40d, rotation: replace}\n"
            "theatre:\n"
            "  zones:\n"
            "    z1: {population: 100000, incident_rate_per_day: 12, gang_control: 0.5}\n"
            "    z2: {population: 50000, incident_rate_per_day: 5}\n"
            "  roads: [{between: [z1, z2], travel: 20min}]\n";
        const std::string funded =
            base +
            "funding:\n"
            "  opening_balance: 1e11\n"
            "  shortfall_policy: defer_arrivals\n"
            "  overhead_per_day: 1000\n"
            "  operating_cost_per_patrol_hour: 12.5\n"
            "  sources:\n"
            "    s: {pledges: [{date: 2024-02-01, amount: 5e6, lag: {dist: exponential, mean: 3d}}]}\n";
        for (const char* policy : {"defer_arrivals", "reduce_operations", "withdraw", "none"}) {
            CAPTURE(policy);
            std::string text = funded;
            text.replace(text.find("defer_arrivals"), 14, policy);
            const Scenario with = load_text(text);
            const Scenario without = load_text(base);
            for (int replication = 0; replication < 2; ++replication) {
                const ReplicationResult a = run_replication(without, replication);
                const ReplicationResult b = run_replication(with, replication);
                std::size_t i = 0;
                for (const MetricValue& m : a.metrics) {  // same figures, in the same order
                    while (i < b.metrics.size() && b.metrics[i].name != m.name) ++i;
                    REQUIRE(i < b.metrics.size());
                    if (std::isnan(m.value))
                        CHECK(std::isnan(b.metrics[i].value));
                    else
                        CHECK(b.metrics[i].value == m.value);
                }
                for (const DailySeries& s : a.series) {
                    CAPTURE(s.table + "/" + s.entity + "/" + s.metric);
                    const auto& other = series(b, s.table, s.entity, s.metric);
                    for (std::size_t d = 0; d < s.by_day.size(); ++d)
                        if (!std::isnan(s.by_day[d])) CHECK(other[d] == s.by_day[d]);
                }
                CHECK_FALSE(a.ledger);
                REQUIRE(b.ledger);
                CHECK(metric(b, "funding.shortfall_days") == 0);
                CHECK(metric(b, "funding.spent.overhead") == 91 * 1000);
            }
        }
    }

    TEST_CASE("the ledger's entries are kept for replication 0 or on request") {
        const Scenario s =
            load_text(pledges_case("      pledges: [{date: 2024-01-05, amount: 10}]\n"));
        CHECK_FALSE(run_replication(s, 0).ledger->entries.empty());
        CHECK(run_replication(s, 1).ledger->entries.empty());
        CHECK(run_replication(s, 1).ledger->days.size() == 91);
        CHECK_FALSE(run_replication(s, 1, true).ledger->entries.empty());
    }
}
