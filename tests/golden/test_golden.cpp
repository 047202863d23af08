// Golden tests: every shipped scenario, run through the real binary with a
// fixed seed and a few replications, must reproduce its recorded report.json,
// and every report file byte for byte on 1, 2 and 4 threads (determinism).
// A changed result is a reviewed change of the recorded file:
// scripts/update-golden.sh rewrites them.

#include <doctest/doctest.h>

#include <filesystem>
#include <initializer_list>
#include <iterator>

#include "cli_helpers.hpp"

using namespace mmsim::test;

namespace {

const char* const kGoldenArgs = " -q --seed 2024 --replications 3 --format all --out ";

// The thread counts whose files must equal one thread's. Under the
// sanitizers (ten times slower, a minute of CI for this test) two threads
// stand for many; the release build checks four as well.
#ifdef MMSIM_TEST_SANITIZED
const std::initializer_list<const char*> kOtherThreadCounts = {"2"};
#else
const std::initializer_list<const char*> kOtherThreadCounts = {"2", "4"};
#endif

// Both folders hold the same files with the same bytes.
void check_same_files(const std::filesystem::path& expected, const std::filesystem::path& actual) {
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(expected)) {
        const std::string file = entry.path().filename().string();
        INFO("file " << file);
        CHECK(read_text(actual / file) == read_text(entry.path()));
        ++files;
    }
    CHECK(std::distance(std::filesystem::directory_iterator(actual),
                        std::filesystem::directory_iterator()) == files);
}

}  // namespace

TEST_SUITE("golden") {
    TEST_CASE("every shipped scenario reproduces its recorded report, byte for byte on 1, 2 and 4 threads") {
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
                auto outcome = run_mmsim("run scenarios/" + name + ".yaml --threads 1" + kGoldenArgs + dir.string());
                INFO(outcome.err);
                REQUIRE(outcome.exit_code == 0);
                CHECK(read_text(dir / "report.json") == read_text(golden));
                // Same inputs, same bytes, whatever the thread count: every report file.
                for (const char* threads : kOtherThreadCounts) {
                    INFO("threads " << threads);
                    auto again = fresh_folder("golden-again-" + name);
                    REQUIRE(run_mmsim("run scenarios/" + name + ".yaml --threads " + threads + kGoldenArgs +
                                      again.string())
                                .exit_code == 0);
                    check_same_files(dir, again);
                    std::filesystem::remove_all(again);
                }
                std::filesystem::remove_all(dir);
            }
            ++checked;
        }
        CHECK(checked > 0);
    }
}
