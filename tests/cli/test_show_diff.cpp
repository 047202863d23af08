// mmsim show and mmsim diff: the resolved scenario as YAML runs to the same
// report as the original; a scenario differs from itself in nothing.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"

using namespace mmsim::test;

namespace {

// report.json without where the scenario came from (its file, the files it
// extends, the --set list and the command naming them): all that may differ.
nlohmann::json without_file(const std::filesystem::path& report) {
    nlohmann::json json = nlohmann::json::parse(read_text(report));
    for (const char* key : {"file", "files", "overrides"}) json["scenario"].erase(key);
    json.erase("reproduce");
    return json;
}

}  // namespace

TEST_SUITE("show and diff") {
    TEST_CASE("a shown scenario, saved and run, gives the original's report and CSV files byte for byte") {
        for (const char* scenario : {"scenarios/mss-without-latam.yaml", "scenarios/tiny.yaml"}) {
            CAPTURE(scenario);
            const auto dir = fresh_folder("show");
            const std::string set = " --set replications=2 --set patrols.policy=coverage";
            const Outcome shown = run_mmsim(std::string("show ") + scenario + set);
            REQUIRE(shown.exit_code == 0);
            CHECK(shown.out.rfind("# ", 0) == 0);
            {
                std::ofstream(dir / "shown.yaml") << shown.out;
            }
            const std::string run = " -q --seed 7 --format json,csv --out ";
            REQUIRE(run_mmsim(std::string("run ") + scenario + set + run + (dir / "a").string()).exit_code == 0);
            REQUIRE(run_mmsim("run " + (dir / "shown.yaml").string() + run + (dir / "b").string()).exit_code == 0);
            CHECK(without_file(dir / "a" / "report.json") == without_file(dir / "b" / "report.json"));
            int files = 0;
            for (const auto& entry : std::filesystem::directory_iterator(dir / "a")) {
                if (entry.path().extension() != ".csv") continue;
                CAPTURE(entry.path().filename());
                CHECK(read_text(entry.path()) == read_text(dir / "b" / entry.path().filename()));
                ++files;
            }
            CHECK(files >= 4);
        }
    }

    TEST_CASE("diff lists what changes, path by path, and nothing for a scenario against itself") {
        const Outcome same = run_mmsim("diff scenarios/mss-2024.yaml scenarios/mss-2024.yaml");
        CHECK(same.exit_code == 0);
        CHECK(same.out.empty());
        const Outcome set = run_mmsim("diff scenarios/tiny.yaml --set 'contingents.bravo.waves[0].officers=6'");
        CHECK(set.out == "contingents.bravo.waves[0].officers: 24 -> 6\n");
        const Outcome latam = run_mmsim("diff scenarios/mss-2024.yaml scenarios/mss-without-latam.yaml");
        CHECK(latam.out.find("\ncontingents.guatemala: {") != std::string::npos);
        CHECK(latam.out.find("-> (absent)\n") != std::string::npos);
        CHECK(latam.out.rfind("name: mss-2024 -> mss-without-latam\n", 0) == 0);
    }

    TEST_CASE("show and diff refuse bad input with exit code 2") {
        const Outcome missing = run_mmsim("show tests/bad/does_not_exist.yaml");
        CHECK(missing.exit_code == 2);
        const Outcome bad_set = run_mmsim("diff scenarios/tiny.yaml --set 'contingents.nobody.team_size=3'");
        CHECK(bad_set.exit_code == 2);
        CHECK(bad_set.out.empty());
        const Outcome three = run_mmsim("diff scenarios/tiny.yaml scenarios/tiny.yaml scenarios/tiny.yaml");
        CHECK(three.exit_code == 2);
    }
}

TEST_SUITE("provenance") {
    TEST_CASE("a run with a warm-up and a patience distribution says so, and shows each class") {
        const auto dir = fresh_folder("warm_up");
        const Outcome run = run_mmsim(
            "run scenarios/tiny.yaml --replications 2 --format json --set incidents.warm_up=10d "
            "--set incidents.classes.theft.max_wait=~ "
            "--set 'incidents.classes.theft.patience={dist: exponential, mean: 2h}' --out " + (dir / "out").string());
        REQUIRE(run.exit_code == 0);
        CHECK(run.out.find("\nWarm-up: coverage, incident and response figures leave out the first 10 days "
                           "(they count from 2025-01-11).\n") != std::string::npos);
        CHECK(run.out.find("\nIncidents by class (priority)\n") != std::string::npos);
        CHECK(run.out.find("\n  shooting (1) ") != std::string::npos);
        CHECK(run.out.find("\n  theft (2) ") != std::string::npos);
        const Outcome both = run_mmsim("validate scenarios/tiny.yaml --set 'incidents.classes.theft.patience=2h'");
        CHECK(both.exit_code == 2);
        CHECK(both.err.find("incidents.classes.theft.patience: give max_wait or patience, not both") !=
              std::string::npos);
    }

    TEST_CASE("a what-if run records its --set list, windows, files, label and a command that reproduces it byte for byte") {
        const auto dir = fresh_folder("provenance");
        const std::string first = (dir / "first").string(), again = (dir / "again").string();
        const Outcome run = run_mmsim(
            "run scenarios/mss-without-latam.yaml --replications 2 --threads 2 --format json,csv "
            "--set 'contingents.kenya.waves[0].officers=300' --set patrols.policy=coverage "
            "--window 2024-10-01..2024-10-31 --label \"Kenya's first wave at 300\" --out " + first);
        REQUIRE(run.exit_code == 0);
        CHECK(run.out.find("\nLabel: Kenya's first wave at 300\n"
                           "What-if: --set contingents.kenya.waves[0].officers=300\n"
                           "What-if: --set patrols.policy=coverage\n"
                           "Extends: scenarios/mss-2024.yaml (hash ") != std::string::npos);
        const nlohmann::json report = nlohmann::json::parse(read_text(std::filesystem::path(first) / "report.json"));
        CHECK(report["scenario"]["overrides"] ==
              nlohmann::json({"contingents.kenya.waves[0].officers=300", "patrols.policy=coverage"}));
        CHECK(report["scenario"]["files"].size() == 2);
        CHECK(report["scenario"]["files"][1]["file"] == "scenarios/mss-2024.yaml");
        CHECK(report["label"] == "Kenya's first wave at 300");
        CHECK(report["scenario"]["window_arguments"] == nlohmann::json({"2024-10-01..2024-10-31"}));
        // The scenario's own windows, then --window's.
        REQUIRE(!report["windows"].empty());
        CHECK(report["windows"].back() ==
              nlohmann::json({{"name", "w20241001_20241031"}, {"from", "2024-10-01"}, {"to", "2024-10-31"}, {"days", 31}}));
        CHECK(report["metrics"].contains("window.w20241001_20241031.coverage.patrol_ratio"));
        CHECK(run.out.find("\nTime windows (") != std::string::npos);
        CHECK(run.out.find("w20241001_20241031") != std::string::npos);
        const std::string reproduce = report["reproduce"];
        CHECK(reproduce ==
              "mmsim run scenarios/mss-without-latam.yaml --set 'contingents.kenya.waves[0].officers=300' "
              "--set patrols.policy=coverage --window 2024-10-01..2024-10-31 --seed 20240625 --replications 2 --label 'Kenya'\\''s first wave at 300'");
        // The command, run as printed (on one thread), gives the same files.
        REQUIRE(run_mmsim(reproduce.substr(std::string("mmsim ").size()) + " -q --threads 1 --format json,csv --out " +
                          again).exit_code == 0);
        for (const auto& entry : std::filesystem::directory_iterator(first)) {
            CAPTURE(entry.path().filename());
            CHECK(read_text(entry.path()) == read_text(std::filesystem::path(again) / entry.path().filename()));
        }
    }
}
