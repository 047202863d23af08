// compare --run with named alternatives: each --alt is the base with its
// changes, labelled with its name in every output; a value may hold commas.

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"

using namespace mmsim::test;

TEST_SUITE("compare alternatives") {
    TEST_CASE("named alternatives run on common random numbers and carry their names everywhere") {
        const auto dir = fresh_folder("alternatives");
        const Outcome outcome = run_mmsim(
            "compare --run scenarios/tiny.yaml --replications 3 --metrics coverage.patrol_ratio --format all "
            "--alt 'small-bravo:contingents.bravo.waves[0].officers=6' "
            "--alt 'two-waves:contingents.bravo.waves=[{date: 2025-01-01, officers: 12}, "
            "{date: 2025-01-10, officers: 12}],contingents.bravo.team_size=4' --out " +
            dir.string());
        INFO(outcome.err);
        REQUIRE(outcome.exit_code == 0);
        CHECK(outcome.out.find("  small-bravo         tiny  scenarios/tiny.yaml  hash ") != std::string::npos);
        CHECK(outcome.out.find("(--set contingents.bravo.waves[0].officers=6)") != std::string::npos);
        CHECK(outcome.out.find("(--set contingents.bravo.waves=[{date: 2025-01-01, officers: 12}, {date: "
                               "2025-01-10, officers: 12}]; --set contingents.bravo.team_size=4)") !=
              std::string::npos);
        CHECK(outcome.out.find("\n  small-bravo changes officers (contingents.bravo.waves[0].officers)") !=
              std::string::npos);
        const nlohmann::json json = nlohmann::json::parse(read_text(dir / "compare.json"));
        REQUIRE(json["runs"].size() == 3);
        CHECK(json["runs"][1]["label"] == "small-bravo");
        CHECK(json["runs"][2]["label"] == "two-waves");
        CHECK(json["metrics"]["coverage.patrol_ratio"]["differences_from_base"].contains("two-waves"));
        const std::string csv = read_text(dir / "compare.csv");
        CHECK(csv.find("\ncoverage.patrol_ratio,small-bravo,") != std::string::npos);
        const std::string html = read_text(dir / "compare.html");
        CHECK(html.find("<h2>Differences from the base</h2>") != std::string::npos);
        CHECK(html.find("<h2>Daily series of every run</h2>") != std::string::npos);
        CHECK(count(html, "<svg") >= 4);
    }
}
