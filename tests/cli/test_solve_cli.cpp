// mmsim solve through the binary: the answer on stdout, every value tried in
// solve.csv and solve.json, and a target out of reach as a result (exit 0);
// mmsim optimize resuming from the journal in its folder.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"

using namespace mmsim::test;

TEST_SUITE("solve command") {
    TEST_CASE("solve prints the answer and writes every value tried, the same on 1 and 2 threads") {
        const auto dir = fresh_folder("solve");
        const std::string args = "solve tests/data/validation/mmc.yaml --vary 'contingents.police.waves[0].officers=3..12' "
                                 "--target 'dispatch.wait_probability <= 10%' --out ";
        const Outcome one = run_mmsim(args + (dir / "one").string() + " --threads 1");
        REQUIRE(one.exit_code == 0);
        CHECK(one.out.find("with dispatch.wait_probability at most 0.1 is 5. With 95% confidence") != std::string::npos);
        const Outcome two = run_mmsim(args + (dir / "two").string() + " --threads 2");
        REQUIRE(two.exit_code == 0);
        for (const char* file : {"solve.csv", "solve.json"}) {
            CAPTURE(file);
            CHECK(read_text(dir / "one" / file) == read_text(dir / "two" / file));
        }
        const nlohmann::json json = nlohmann::json::parse(read_text(dir / "one" / "solve.json"));
        CHECK(json["answer"] == 5);
        CHECK(json["reachable"] == true);
        CHECK(json["points"].size() >= 3);
        CHECK(read_text(dir / "one" / "solve.csv").rfind("order,value,replications,mean,ci_low,ci_high,sd,decision\n1,12,", 0) == 0);
    }

    TEST_CASE("a target out of reach exits 0 and says so") {
        const auto dir = fresh_folder("solve-unreachable");
        const Outcome outcome = run_mmsim(
            "solve tests/data/validation/mmc.yaml --vary 'contingents.police.waves[0].officers=3..4' "
            "--target 'dispatch.wait_probability <= 0.01' --format json --out " + dir.string());
        REQUIRE(outcome.exit_code == 0);
        CHECK(outcome.out.find("Not reachable in 3..4: the best value, 4, reached") != std::string::npos);
        CHECK(nlohmann::json::parse(read_text(dir / "solve.json"))["reachable"] == false);
    }
}

TEST_SUITE("optimize command") {
    TEST_CASE("optimize run again in its folder reads its journal back and writes the same files") {
        const auto dir = fresh_folder("optimize-again");
        const std::string args = "optimize tests/data/optimize/mmc-fewest-teams.yaml --threads 2 --out " + dir.string();
        const Outcome first = run_mmsim(args);
        REQUIRE(first.exit_code == 0);
        CHECK(first.err.find("read back") == std::string::npos);
        const std::string json = read_text(dir / "optimize.json"), csv = read_text(dir / "optimize.csv");
        const Outcome again = run_mmsim(args);
        REQUIRE(again.exit_code == 0);
        CHECK(again.err.find("optimize: 260 of 260 replications read back from " + (dir / "optimize.journal").string()) == 0);
        CHECK(read_text(dir / "optimize.json") == json);
        CHECK(read_text(dir / "optimize.csv") == csv);
    }
}

