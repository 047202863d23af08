// mmsim show and mmsim diff: the resolved scenario as YAML runs to the same
// report as the original; a scenario differs from itself in nothing.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"

using namespace mmsim::test;

namespace {

// report.json without the scenario file's name, which is all that may differ.
nlohmann::json without_file(const std::filesystem::path& report) {
    nlohmann::json json = nlohmann::json::parse(read_text(report));
    json["scenario"].erase("file");
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
