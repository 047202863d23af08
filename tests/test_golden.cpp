// Golden tests: every shipped scenario, run through the real binary with a
// fixed seed and a few replications, must reproduce its recorded report.json.
// A changed result is a reviewed change of the recorded file:
// scripts/update-golden.sh rewrites them.

#include <doctest/doctest.h>

#include <filesystem>

#include "cli_helpers.hpp"

using namespace mmsim::test;

namespace {

const char* const kGoldenArgs = " -q --seed 2024 --replications 3 --format json --out ";

}  // namespace

TEST_SUITE("golden") {
    TEST_CASE("every shipped scenario reproduces its recorded report") {
        const std::filesystem::path root = MMSIM_SOURCE_DIR;
        int checked = 0;
        for (const auto& entry : std::filesystem::directory_iterator(root / "scenarios")) {
            if (entry.path().extension() != ".yaml") continue;
            const std::string name = entry.path().stem().string();
            {
                INFO("scenario " << name);
                auto golden = root / "tests" / "golden" / (name + ".report.json");
                REQUIRE_MESSAGE(std::filesystem::exists(golden),
                                "no recorded report for " << name << ": run scripts/update-golden.sh");
                auto dir = fresh_folder("golden-" + name);
                auto outcome = run_mmsim("run scenarios/" + name + ".yaml" + kGoldenArgs + dir.string());
                INFO(outcome.err);
                REQUIRE(outcome.exit_code == 0);
                CHECK(read_text(dir / "report.json") == read_text(golden));
                // Same inputs, same bytes: a second run is identical.
                auto again = fresh_folder("golden-again-" + name);
                REQUIRE(run_mmsim("run scenarios/" + name + ".yaml" + kGoldenArgs + again.string()).exit_code == 0);
                CHECK(read_text(again / "report.json") == read_text(dir / "report.json"));
                std::filesystem::remove_all(dir);
                std::filesystem::remove_all(again);
            }
            ++checked;
        }
        CHECK(checked > 0);
    }
}
