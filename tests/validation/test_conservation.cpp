// Money is conserved to the cent: over many random scenarios (every policy,
// earmarks, credit lines, freezes, lags, vehicles bought by the fund) and
// seeds, opening balance + receipts - payments = closing balance on every
// day, every ledger entry continues the running balance and arrears, and
// every officer stays in exactly one state whatever the fund holds back or
// sends home.

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "mmsim/engine.hpp"
#include "mmsim/rng.hpp"
#include "mmsim/scenario.hpp"
#include "temp_files.hpp"

using namespace mmsim;
using mmsim::testing::TempDir;

namespace {

class RandomScenario {
public:
    explicit RandomScenario(std::uint64_t key) : rng_(key) {}

    std::string text() {
        const int days = pick(30, 90);
        end_ = add_days(start_, days - 1);
        std::string out =
            "schema_version: 1\nname: random\nstart: 2024-01-01\nend: " + format_date(end_) +
            "\nseed: " + std::to_string(pick(1, 1'000'000)) + "\nreplications: 2\ncontingents:\n";
        const int contingents = pick(1, 3);
        for (int c = 0; c < contingents; ++c) {
            const std::string id = "c" + std::to_string(c);
            ids_.push_back(id);
            const bool self_funded = chance(0.2);
            if (!self_funded) funded_.push_back(id);
            out +=
                "  " + id + ":\n    country: " + id +
                "\n    team_size: " + std::to_string(pick(3, 8)) +
                "\n    induction: " + std::to_string(pick(0, 5)) +
                "d\n    cost_per_officer_day: " + money(0, 900) +
                "\n    deployment_cost_per_officer: " + money(0, 20'000) +
                "\n    self_funded: " + (self_funded ? "true" : "false") +
                "\n    arrival_delay: {dist: uniform, min: 0d, max: " + std::to_string(pick(0, 6)) +
                "d}\n";
            if (chance(0.4))
                out += "    tour: " + std::to_string(pick(20, 40)) +
                       "d\n    rotation: replace\n    rotation_lead: 5d\n";
            out += "    waves:\n";
            int day = 0;
            for (int w = pick(1, 3); w > 0; --w) {
                day = std::min(days - 1, day + pick(0, days / 3));
                out += "      - {date: " + date(day) +
                       ", officers: " + std::to_string(pick(1, 60)) + "}\n";
            }
        }
        if (chance(0.7)) {
            out +=
                "theatre:\n  zones:\n"
                "    z1: {population: 80000, incident_rate_per_day: " +
                std::to_string(pick(0, 20)) +
                "}\n"
                "    z2: {population: 20000, incident_rate_per_day: " +
                std::to_string(pick(0, 8)) +
                "}\n"
                "  roads: [{between: [z1, z2], travel: 15min}]\n";
        }
        const char* policies[] = {"none", "defer_arrivals", "reduce_operations", "withdraw"};
        out += "funding:\n  opening_balance: " +
               (chance(0.3) ? money(5'000'000, 20'000'000) : money(0, 200'000)) +
               "\n  credit_line: " + (chance(0.5) ? std::string("0") : money(0, 50'000)) +
               "\n  review_period: " + std::to_string(pick(1, 20)) +
               "d\n  reserve_days: " + std::to_string(pick(0, 40)) +
               "\n  shortfall_policy: " + policies[pick(0, 3)] +
               "\n  overhead_per_day: " + money(0, 3'000) +
               "\n  operating_cost_per_patrol_hour: " + money(1, 80) + "\n  sources:\n";
        for (int s = pick(0, 3); s > 0; --s) {
            const std::string id = "s" + std::to_string(s);
            sources_.push_back(id);
            out += "    " + id + ":\n      pledges:\n";
            for (int p = pick(0, 4); p > 0; --p) {
                out += "        - {date: " + date(pick(-30, days - 1)) +
                       ", amount: " + money(0, 400'000) +
                       ", instalments: " + std::to_string(pick(1, 4)) +
                       ", interval: " + std::to_string(pick(1, 20)) +
                       "d, lag: {dist: exponential, mean: " + std::to_string(pick(1, 10)) +
                       "d}, probability: " + share() + ", paid_share: " + share() + earmark() +
                       "}\n";
            }
            if (chance(0.5))
                out += "      freezes: [{from: " + date(pick(0, days / 2)) +
                       ", to: " + date(pick(days / 2 + 1, days + 10)) + "}]\n";
        }
        if (chance(0.6)) {
            out += "vehicles:\n  fleets:\n";
            for (int f = pick(1, 2); f > 0; --f) {
                out += "    f" + std::to_string(f) + ":\n";
                if (chance(0.3))
                    out +=
                        "      contingent: " +
                        ids_[static_cast<std::size_t>(pick(0, static_cast<int>(ids_.size()) - 1))] +
                        "\n";
                if (chance(0.5)) out += "      capacity: " + std::to_string(pick(2, 8)) + "\n";
                if (chance(0.7))
                    out += "      mtbf: " + std::to_string(pick(10, 400)) +
                           "h\n      repair: {dist: exponential, mean: " +
                           std::to_string(pick(1, 60)) + "h}\n";
                out += "      cost_per_vehicle_day: " + money(0, 200) + "\n      deliveries:\n";
                int day = -5;
                for (int d = pick(1, 3); d > 0; --d) {
                    day = std::min(days - 1, day + pick(0, days / 2));
                    const std::string paid_by =
                        !sources_.empty() && chance(0.4) ? sources_.front() : "fund";
                    out +=
                        "        - {date: " + date(day) + ", count: " + std::to_string(pick(1, 8)) +
                        ", cost_per_vehicle: " + money(0, 50'000) + ", paid_by: " + paid_by + "}\n";
                }
            }
        }
        return out;
    }

private:
    int pick(int low, int high) {  // uniform on [low, high]
        return low + static_cast<int>(rng_.next() % static_cast<std::uint64_t>(high - low + 1));
    }
    bool chance(double p) { return rng_.uniform01() < p; }
    // An amount with cents, written as a scenario would: "1234.56".
    std::string money(int low, int high) {
        return std::to_string(pick(low, high)) + "." + std::to_string(pick(10, 99));
    }
    std::string share() {
        char text[8];
        std::snprintf(text, sizeof text, "%.2f", pick(0, 100) / 100.0);
        return text;
    }
    std::string earmark() {
        const int kind = pick(0, 3);
        if (kind == 1 && !funded_.empty())
            return ", earmark: " +
                   funded_[static_cast<std::size_t>(pick(0, static_cast<int>(funded_.size()) - 1))];
        if (kind == 2) {
            const char* categories[] = {"personnel", "deployment", "overhead", "operations",
                                        "vehicles"};
            return std::string(", earmark: ") + categories[pick(0, 4)];
        }
        return "";
    }
    std::string date(int day) { return format_date(add_days(start_, day)); }

    Rng rng_;
    Date start_ = *parse_date("2024-01-01");
    Date end_;
    std::vector<std::string> ids_, funded_, sources_;
};

double metric_or_zero(const ReplicationResult& r, const std::string& name) {
    for (const MetricValue& m : r.metrics)
        if (m.name == name) return m.value;
    return 0;  // a section the random scenario does not have
}

void check_books(const Scenario& s, const ReplicationResult& r) {
    REQUIRE(r.ledger);
    const LedgerRecord& ledger = *r.ledger;
    const Funding& funding = *s.funding;
    REQUIRE(ledger.days.size() == static_cast<std::size_t>(s.days()));
    Cents previous = funding.opening_balance;
    std::vector<Cents> receipts(ledger.days.size(), 0), payments(ledger.days.size(), 0);
    Cents balance = funding.opening_balance, arrears = 0;
    for (const LedgerEntry& e : ledger.entries) {
        balance += e.amount;
        if (e.category != LedgerCategory::receipt) arrears += e.billed + e.amount;
        REQUIRE(e.balance == balance);
        REQUIRE(e.arrears == arrears);
        REQUIRE(e.billed >= 0);
        (e.amount > 0 ? receipts : payments)[static_cast<std::size_t>(e.day)] +=
            e.amount > 0 ? e.amount : -e.amount;
    }
    for (const LedgerDay& day : ledger.days) {
        CAPTURE(day.day);
        REQUIRE(day.opening == previous);
        REQUIRE(day.opening + day.receipts - day.payments == day.closing);
        REQUIRE(day.closing >= -funding.credit_line);
        REQUIRE(day.arrears >= 0);
        if (!ledger.entries.empty()) {
            REQUIRE(receipts[static_cast<std::size_t>(day.day)] == day.receipts);
            REQUIRE(payments[static_cast<std::size_t>(day.day)] == day.payments);
        }
        previous = day.closing;
    }
    if (!ledger.entries.empty()) REQUIRE(balance == previous);
    CHECK(metric_or_zero(r, "funding.balance_end") == to_units(previous));
    CHECK(metric_or_zero(r, "funding.arrears_end") == to_units(ledger.days.back().arrears));
}

void check_officers(const Scenario& s, const ReplicationResult& r) {
    for (const Contingent& c : s.contingents) {
        std::vector<const std::vector<double>*> states;
        const std::vector<double>* planned = nullptr;
        for (const DailySeries& series : r.series) {
            if (series.table != "personnel" || series.entity != c.id) continue;
            if (series.metric == "planned") planned = &series.by_day;
            for (const char* state : {"not_yet_due", "held", "awaiting_transport", "induction",
                                      "ready", "departed", "attrited", "cancelled"})
                if (series.metric == state) states.push_back(&series.by_day);
        }
        REQUIRE(planned);
        REQUIRE(states.size() == 8);
        for (std::size_t d = 0; d < planned->size(); ++d) {
            double sum = 0;
            for (const auto* state : states) sum += (*state)[d];
            REQUIRE(sum == (*planned)[d]);
        }
    }
}

}  // namespace

TEST_SUITE("funding") {
    TEST_CASE("money is conserved to the cent over random scenarios and seeds") {
        // How often each mechanism acted, so the cases are known to exercise them.
        int shortfalls = 0, withdrawals = 0, deferrals = 0, cuts = 0, arrears = 0, overdrafts = 0,
            failures = 0;
        for (std::uint64_t key = 1; key <= 40; ++key) {
            RandomScenario random(key);
            const std::string text = random.text();
            CAPTURE(text);
            TempDir dir("conservation");
            const Scenario s = load_scenario(dir.write("random.yaml", text));
            for (int replication = 0; replication < 2; ++replication) {
                CAPTURE(replication);
                const ReplicationResult r = run_replication(s, replication, true);
                check_books(s, r);
                check_officers(s, r);
                shortfalls += metric_or_zero(r, "funding.shortfall_days") > 0;
                withdrawals += metric_or_zero(r, "funding.withdrawals") > 0;
                deferrals += metric_or_zero(r, "personnel.all.deferred_officer_days") > 0;
                cuts += metric_or_zero(r, "funding.teams_not_fielded") > 0;
                arrears += metric_or_zero(r, "funding.arrears_max") > 0;
                overdrafts += metric_or_zero(r, "funding.balance_min") < 0;
                failures += metric_or_zero(r, "vehicles.failures") > 0;
            }
        }
        INFO(shortfalls << " shortfalls, " << withdrawals << " withdrawals, " << deferrals
                        << " deferrals, " << cuts << " cuts, " << arrears << " arrears, "
                        << overdrafts << " overdrafts, " << failures
                        << " with vehicle failures (of 80 runs)");
        CHECK(shortfalls >= 10);
        CHECK(withdrawals >= 2);
        CHECK(deferrals >= 2);
        CHECK(cuts >= 2);
        CHECK(arrears >= 5);
        CHECK(overdrafts >= 2);
        CHECK(failures >= 5);
    }
}
