// mmsim estimate through the binary: the table on stdout, the report's
// figures beside it (the window holding --date), and the files of --out.

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"

using namespace mmsim::test;

TEST_SUITE("estimate command") {
    TEST_CASE("estimate prints the zone table, sets a report's window beside it, and writes its files") {
        const auto dir = fresh_folder("estimate-cli");
        const std::string scenario = "tests/data/validation/mmc.yaml";
        const Outcome run = run_mmsim("run " + scenario + " --replications 4 --threads 2 -q --window "
                                      "late=2024-03-01..2024-04-29 --out " + (dir / "run").string());
        REQUIRE(run.exit_code == 0);

        const Outcome text = run_mmsim("estimate " + scenario);
        CHECK(text.exit_code == 0);
        CHECK(text.err.empty());
        CHECK(text.out.find("exact hypercube (Larson 1974), 3 teams") != std::string::npos);
        CHECK(text.out.find("city      3           48.0     0.667    0.444") != std::string::npos);

        const Outcome versus = run_mmsim("estimate " + scenario + " --date 2024-03-15 --report " +
                                         (dir / "run" / "report.json").string() + " --format json --out " +
                                         (dir / "estimate").string());
        REQUIRE(versus.exit_code == 0);
        const nlohmann::json json = nlohmann::json::parse(versus.out);
        CHECK(json["date"] == "2024-03-15");
        CHECK(json["simulation"]["window"] == "late");
        CHECK(json["simulation"]["replications"] == 4);
        bool compared_wait = false;
        for (const auto& row : json["simulation"]["figures"])
            if (row["zone"] == "all" && row["figure"] == "prob_wait") {
                compared_wait = true;
                CHECK(row["metric"] == "window.late.dispatch.wait_probability");
                CHECK(row["simulated"].is_number());
                CHECK(std::abs(row["difference"].get<double>()) < 0.1);
            }
        CHECK(compared_wait);
        CHECK(read_text(dir / "estimate" / "estimate.json") == versus.out);
        const std::string csv = read_text(dir / "estimate" / "estimate.csv");
        CHECK(csv.rfind("zone,figure,estimate,simulated,ci_low,ci_high,difference,metric\n", 0) == 0);
        CHECK(csv.find("all,prob_wait,0.4444444444444") != std::string::npos);

        const Outcome whole = run_mmsim("estimate " + scenario + " --date 2024-01-15 --report " +
                                        (dir / "run" / "report.json").string());
        CHECK(whole.exit_code == 0);
        CHECK(whole.out.find("the whole run (2024-01-01 to 2024-04-29), 4 replications") != std::string::npos);
    }
}
