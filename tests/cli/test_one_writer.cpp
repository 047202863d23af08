// One writer per output folder: mmsim runs started together into one --out
// folder must never leave the files of one run beside those of another. Each
// run is refused at once while another holds the folder, so the folder always
// holds one run's complete set of files.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_helpers.hpp"

using namespace mmsim::test;

namespace {

constexpr int kWriters = 4;
// Rounds of four writers at once: the old bug showed in 8 of 60 runs. Under
// the sanitizers (which slow every run tenfold) fewer rounds suffice to
// check the lock's memory use; the release build keeps the race's odds.
#ifdef MMSIM_TEST_SANITIZED
constexpr int kRounds = 8;
#else
constexpr int kRounds = 25;
#endif

std::string run_line(int seed, const std::filesystem::path& out) {
    return "'" MMSIM_BINARY "' run tests/data/cli/small.yaml -q --threads 1 --replications 2 --seed " +
           std::to_string(seed) + " --out '" + out.string() + "'";
}

// The seeds whose reference files `dir` holds, every file of it: none when
// the files come from different runs. (A file that the seed does not change,
// say personnel.csv, matches every seed; report.json names one.)
std::vector<int> seeds_of_every_file(const std::filesystem::path& dir,
                                     const std::filesystem::path& references) {
    std::vector<int> seeds;
    for (int s = 1; s <= kWriters; ++s) seeds.push_back(s);
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        std::erase_if(seeds, [&](int s) {
            return read_text(entry.path()) != read_text(references / std::to_string(s) / name);
        });
    }
    return seeds;
}

}  // namespace

TEST_SUITE("one writer per folder") {
    TEST_CASE("parallel runs into one folder never mix their files, checked by seed in every file") {
        const std::filesystem::path root = fresh_folder("one-writer");
        const std::filesystem::path references = root / "references", shared = root / "shared";
        for (int seed = 1; seed <= kWriters; ++seed)
            REQUIRE(run_mmsim(run_line(seed, references / std::to_string(seed)).substr(
                                  std::string("'" MMSIM_BINARY "' ").size()))
                        .exit_code == 0);
        int refused = 0;
        for (int round = 0; round < kRounds; ++round) {
            CAPTURE(round);
            // The runs start together from one shell; each leaves its exit
            // code and standard error behind.
            std::string script = "cd '" MMSIM_SOURCE_DIR "' && ";
            for (int seed = 1; seed <= kWriters; ++seed) {
                const std::string tag = (root / ("w" + std::to_string(seed))).string();
                script += "(" + run_line(seed, shared) + " 2>'" + tag + ".err'; echo $? >'" + tag +
                          ".rc') & ";
            }
            script += "wait";
            REQUIRE(std::system(script.c_str()) == 0);
            int succeeded = 0;
            for (int seed = 1; seed <= kWriters; ++seed) {
                const std::string tag = (root / ("w" + std::to_string(seed))).string();
                const std::string rc = read_text(tag + ".rc"), err = read_text(tag + ".err");
                if (rc == "0\n") {
                    ++succeeded;
                    CHECK(err.empty());
                    continue;
                }
                ++refused;
                CHECK(rc == "1\n");
                CHECK(err == "mmsim: error: " + shared.string() +
                                 ": another mmsim command is writing this folder (wait for it, or "
                                 "choose another --out)\n");
            }
            CHECK(succeeded >= 1);
            CHECK(seeds_of_every_file(shared, references).size() == 1);
        }
        MESSAGE(refused << " of " << kRounds * kWriters << " runs were refused");
        std::filesystem::remove_all(root);
    }

    TEST_CASE("a format named twice is written once: --format all,html") {
        const std::filesystem::path out = fresh_folder("formats") / "out";
        const Outcome outcome = run_mmsim("run tests/data/cli/small.yaml -q --replications 2 --format all,html,json --out '" +
                                          out.string() + "'");
        CHECK(outcome.exit_code == 0);
        CHECK(outcome.err.empty());
        CHECK(std::filesystem::exists(out / "report.html"));
        CHECK(std::filesystem::exists(out / "report.json"));
        std::filesystem::remove_all(out.parent_path());
    }
}
