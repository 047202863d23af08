// The tables for spreadsheet users: `all` rows that are the total of each
// replication (so their interval is the total's, not a sum of intervals), the
// wide CSV files, and report.xlsx read back by an independent reader
// (openpyxl, Debian's python3-openpyxl).

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "mmsim/report.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/tables.hpp"

namespace {

using namespace mmsim;

// Metrics whose `all` entity is the sum of the others day by day.
const std::map<std::string, std::vector<std::string>> kAdditive = {
    {"personnel", {"planned", "not_yet_due", "awaiting_transport", "induction", "ready", "in_theatre", "departed"}},
    {"coverage", {"incidents", "teams_fielded"}},
    {"vehicles", {"delivered", "in_repair", "on_duty"}},
};

// Checks, for every additive metric the results have, that each
// replication's `all` is its entities' total; returns the metrics checked.
int check_all_rows_are_totals(const std::vector<ReplicationResult>& results, const Report& report) {
    int checked = 0;
    for (const auto& [table, metrics] : kAdditive)
        for (const std::string& metric : metrics) {
            bool found = false;
            for (std::size_t r = 0; r < results.size(); ++r) {
                const DailySeries* all = nullptr;
                std::vector<const DailySeries*> parts;
                for (const DailySeries& s : results[r].series) {
                    if (s.table != table || s.metric != metric) continue;
                    if (s.entity == "all")
                        all = &s;
                    else
                        parts.push_back(&s);
                }
                if (all == nullptr || parts.size() < 2) continue;
                found = true;
                for (std::size_t d = 0; d < all->by_day.size(); ++d) {
                    double total = 0;
                    for (const DailySeries* p : parts) total += p->by_day[d];
                    INFO(table << "." << metric << " replication " << r << " day " << d);
                    REQUIRE(all->by_day[d] == doctest::Approx(total).epsilon(1e-9));
                }
            }
            if (!found) continue;
            ++checked;
            // The report's interval is that of the totals: narrower than the
            // sum of the entities' bounds wherever they vary independently.
            const SeriesSummary* all = report.daily(table, "all", metric);
            REQUIRE(all != nullptr);
            for (std::size_t d = 0; d < all->by_day.size(); ++d) {
                std::vector<double> totals;
                for (const ReplicationResult& result : results)
                    for (const DailySeries& s : result.series)
                        if (s.table == table && s.metric == metric && s.entity == "all") totals.push_back(s.by_day[d]);
                const Summary expected = summarize(totals);
                CHECK(all->by_day[d].ci_low == doctest::Approx(expected.ci_low));
                CHECK(all->by_day[d].ci_high == doctest::Approx(expected.ci_high));
            }
        }
    return checked;
}

}  // namespace

TEST_SUITE("tables") {
    TEST_CASE("every all row is each replication's total, so its interval is the total's") {
        Scenario tiny = load_scenario(MMSIM_SOURCE_DIR "/scenarios/tiny.yaml");
        tiny.replications = 4;
        const std::vector<ReplicationResult> tiny_results = run_replications(tiny, 1);
        CHECK(check_all_rows_are_totals(tiny_results, make_report(tiny, tiny_results)) >= 5);

        // Two fleets, so that the vehicles table has an all row to check.
        Scenario funded = load_scenario(MMSIM_SOURCE_DIR "/tests/data/funding/small.yaml");
        REQUIRE(funded.vehicles);
        Fleet second = funded.vehicles->fleets.front();
        second.id = "spare";
        funded.vehicles->fleets.push_back(second);
        const std::vector<ReplicationResult> funded_results = run_replications(funded, 1);
        CHECK(check_all_rows_are_totals(funded_results, make_report(funded, funded_results)) >= 3);
    }

    TEST_CASE("a wide CSV has one row per day and one column per series") {
        Report report;
        report.start = *parse_date("2025-01-30");
        report.series.push_back({"personnel", "kenya", "ready", {Summary{2, 10, 1, 9, 11}, Summary{2, 12.5, 1, 11, 14}}});
        report.series.push_back({"personnel", "all", "ready", {Summary{2, 10, 1, 9, 11}, Summary{0, kNaN, 0, kNaN, kNaN}}});
        report.series.push_back({"coverage", "all", "incidents", {Summary{}, Summary{}}});
        CHECK(to_wide_csv(report, "personnel") ==
              "date,kenya.ready,all.ready\n"
              "2025-01-30,10,10\n"
              "2025-01-31,12.5,\n");
        CHECK(to_wide_csv(report, "funding") == "date\n");
    }

    TEST_CASE("mmsim run --format wide writes a wide file beside each table") {
        const auto dir = mmsim::test::fresh_folder("wide");
        const auto outcome = mmsim::test::run_mmsim("run scenarios/tiny.yaml -q --replications 2 --format csv,wide --out " +
                                                    dir.string());
        INFO(outcome.err);
        REQUIRE(outcome.exit_code == 0);
        const std::string wide = mmsim::test::read_text(dir / "personnel.wide.csv");
        const std::string tidy = mmsim::test::read_text(dir / "personnel.csv");
        REQUIRE(!wide.empty());
        CHECK(wide.starts_with("date,"));
        // One line per day in the wide file; a line per day and series in the tidy one.
        const std::size_t days = mmsim::test::count(wide, "\n") - 1;
        const std::size_t series = mmsim::test::count(wide.substr(0, wide.find('\n')), ",");
        CHECK(mmsim::test::count(tidy, "\n") - 1 == days * series);
        CHECK(std::filesystem::exists(dir / "coverage.wide.csv"));
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("report.xlsx opens in an independent reader with a sheet per table and the key figures") {
        const auto dir = mmsim::test::fresh_folder("xlsx");
        const auto outcome = mmsim::test::run_mmsim("run scenarios/tiny.yaml -q --replications 2 --format json,xlsx --out " +
                                                    dir.string());
        if (!xlsx_supported()) {
            // Built without libxlsxwriter: the format is refused before anything runs.
            CHECK(outcome.exit_code == 2);
            CHECK(outcome.err.find("built without libxlsxwriter") != std::string::npos);
            MESSAGE("libxlsxwriter absent at build time: report.xlsx not tested");
            std::filesystem::remove_all(dir);
            return;
        }
        INFO(outcome.err);
        REQUIRE(outcome.exit_code == 0);
        REQUIRE(std::filesystem::exists(dir / "report.xlsx"));
        const std::string script = MMSIM_SOURCE_DIR "/tests/unit/report/read_xlsx.py";
        const int code = std::system(("/usr/bin/python3 " + script + " " + (dir / "report.xlsx").string() + " " +
                                      (dir / "report.json").string() + " > " + (dir / "reader.txt").string() + " 2>&1")
                                         .c_str());
        INFO(mmsim::test::read_text(dir / "reader.txt"));
        CHECK(code == 0);
        // Same report, same bytes.
        REQUIRE(mmsim::test::run_mmsim("run scenarios/tiny.yaml -q --replications 2 --format xlsx --out " +
                                       (dir / "again").string())
                    .exit_code == 0);
        CHECK(mmsim::test::read_text(dir / "again" / "report.xlsx") == mmsim::test::read_text(dir / "report.xlsx"));
        std::filesystem::remove_all(dir);
    }
}
