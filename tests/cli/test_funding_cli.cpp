// Funding and vehicles end to end through the mmsim binary: the summary's
// sections, the daily tables and ledger.csv, the same bytes on any thread
// count.

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "mmsim/money.hpp"

using mmsim::test::fresh_folder;
using mmsim::test::read_text;
using mmsim::test::run_mmsim;

namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    for (std::string field; std::getline(stream, field, ',');) fields.push_back(field);
    return fields;
}

mmsim::Cents cents(const std::string& text) {
    const mmsim::ParsedMoney parsed =
        mmsim::parse_money(text.front() == '-' ? text.substr(1) : text);
    REQUIRE(parsed.cents);
    return text.front() == '-' ? -*parsed.cents : *parsed.cents;
}

}  // namespace

TEST_SUITE("funding") {
    TEST_CASE(
        "run prints the funding and vehicle sections and writes funding.csv, vehicles.csv and ledger.csv") {
        auto dir = fresh_folder("funding-run");
        auto outcome =
            run_mmsim("run tests/data/funding/small.yaml --threads 1 --out " + dir.string());
        INFO(outcome.err);
        REQUIRE(outcome.exit_code == 0);
        for (const char* text :
             {"\nFunding\n", "received (million USD)", "days in shortfall",
              "officer-days held back for want of money", "\nVehicles\n",
              "vehicle availability (%)", "teams not fielded for want of vehicles"})
            CHECK_MESSAGE(outcome.out.find(text) != std::string::npos, text);
        const std::string funding = read_text(dir / "funding.csv");
        CHECK(funding.rfind("date,entity,metric,mean,ci_low,ci_high\n2024-06-01,all,balance,", 0) ==
              0);
        CHECK(funding.find("2024-11-30,donor,cumulative_received,") != std::string::npos);
        CHECK(funding.find("2024-11-30,personnel,cumulative_spent,") != std::string::npos);
        CHECK(read_text(dir / "vehicles.csv").find("2024-06-01,trucks,availability,") !=
              std::string::npos);
        CHECK(read_text(dir / "personnel.csv").find(",alpha,held,") != std::string::npos);
        const std::string json = read_text(dir / "report.json");
        for (const char* name :
             {"\"funding.received.donor\"", "\"funding.spent.contingent.alpha\"",
              "\"funding.runway_days_end\"", "\"funding.in_kind.donor\"",
              "\"vehicles.availability\"", "\"personnel.alpha.deferred_officer_days\""})
            CHECK_MESSAGE(json.find(name) != std::string::npos, name);

        // ledger.csv: the books of replication 0, each line continuing the last.
        std::stringstream ledger(read_text(dir / "ledger.csv"));
        std::string line;
        REQUIRE(std::getline(ledger, line));
        CHECK(line == "date,category,party,account,billed,amount,balance,arrears");
        mmsim::Cents balance = 150'000'000;  // opening_balance 1.5e6
        int entries = 0;
        bool receipt = false, unpaid = false;
        while (std::getline(ledger, line)) {
            const std::vector<std::string> f = split(line);
            REQUIRE(f.size() == 8);
            balance += cents(f[5]);
            CHECK(cents(f[6]) == balance);
            receipt = receipt || f[1] == "receipt";
            unpaid = unpaid || cents(f[7]) > 0;
            CHECK(f[2] != "beta");  // self-funded: never billed
            ++entries;
        }
        CHECK(entries > 500);
        CHECK(receipt);
        CHECK(unpaid);
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("funded runs are byte-identical whatever the thread count") {
        auto one = fresh_folder("funding-threads1"), two = fresh_folder("funding-threads2");
        REQUIRE(run_mmsim("run tests/data/funding/small.yaml -q --threads 1 --out " + one.string())
                    .exit_code == 0);
        REQUIRE(run_mmsim("run tests/data/funding/small.yaml -q --threads 3 --out " + two.string())
                    .exit_code == 0);
        for (const char* file :
             {"report.json", "funding.csv", "vehicles.csv", "ledger.csv", "personnel.csv"}) {
            INFO(file);
            CHECK_FALSE(read_text(one / file).empty());
            CHECK(read_text(one / file) == read_text(two / file));
        }
        std::filesystem::remove_all(one);
        std::filesystem::remove_all(two);
    }

    TEST_CASE("the shipped MSS scenarios show what the money and the vehicles do") {
        auto base = fresh_folder("funding-mss"), poor = fresh_folder("funding-mss-poor");
        REQUIRE(run_mmsim("run scenarios/mss-2024.yaml -q --replications 2 --format json --out " +
                          base.string())
                    .exit_code == 0);
        REQUIRE(
            run_mmsim(
                "run scenarios/mss-2024-underfunded.yaml -q --replications 2 --format json --out " +
                poor.string())
                .exit_code == 0);
        auto mean = [](const std::filesystem::path& dir, const std::string& name) {
            const std::string json = read_text(dir / "report.json");
            const std::size_t at = json.find("\"" + name + "\": {\n      \"mean\": ");
            REQUIRE_MESSAGE(at != std::string::npos, name);
            return std::stod(json.substr(json.find("\"mean\": ", at) + 8));
        };
        // As it was: the trust fund's cash runs out in 2025 and personnel
        // bills go unpaid, but contributors keep their officers in theatre
        // (policy none); US support in kind never enters the fund. At 11%,
        // with waves held for money, the fund falls short from the start,
        // waves are held and coverage falls.
        CHECK(mean(base, "funding.days_personnel_unpaid") > 100);
        CHECK(mean(base, "personnel.all.deferred_officer_days") == 0);
        CHECK(mean(base, "funding.in_kind.all") > 0);
        CHECK(mean(base, "funding.received.all") < 111e6);
        CHECK(mean(poor, "funding.shortfall_days") > 300);
        CHECK(mean(poor, "personnel.all.arrived") < mean(base, "personnel.all.arrived") / 2);
        CHECK(mean(poor, "personnel.all.deferred_officer_days") > 100'000);
        CHECK(mean(poor, "coverage.population_within_target") <
              mean(base, "coverage.population_within_target"));
        CHECK(mean(base, "vehicles.teams_not_fielded") > 0);
        std::filesystem::remove_all(base);
        std::filesystem::remove_all(poor);
    }
}
