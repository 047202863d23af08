// Sweeps whose records span several sort blocks (the testing knob
// MMSIM_SWEEP_BLOCK_RECORDS makes a block a few records): the files are the
// single-block run's byte for byte, after shards, merges of merges, and kills
// with SIGKILL at any stage.

#include <doctest/doctest.h>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_helpers.hpp"
#include "mmsim/sweep.hpp"
#include "scenario_text.hpp"
#include "temp_files.hpp"

using namespace mmsim;
using mmsim::test::read_text;
using mmsim::testing::kSweepBase;
using mmsim::testing::TempDir;

namespace {

// 25 x 4 points, 4 replications: 400 tasks, 80 blocks of 5 records.
const std::string kBlocksSweep =
    "parameters:\n"
    "  contingents.alpha.waves[0].officers: {from: 8, to: 200, step: 8}\n"
    "  airport.daily_capacity: [20, 40, 80, 160]\n";

// Sets the block knob for this process and the mmsim processes it starts.
class SmallBlocks {
public:
    explicit SmallBlocks(const char* records) { ::setenv("MMSIM_SWEEP_BLOCK_RECORDS", records, 1); }
    ~SmallBlocks() { ::unsetenv("MMSIM_SWEEP_BLOCK_RECORDS"); }
    SmallBlocks(const SmallBlocks&) = delete;
    SmallBlocks& operator=(const SmallBlocks&) = delete;
};

std::string sweep_file(const TempDir& dir) {
    return dir.write("sweep.yaml", "schema_version: 1\nscenario: " + kSweepBase +
                                       "\nreplications: 4\n" + kBlocksSweep);
}

void run_into(const Sweep& sweep, const std::filesystem::path& out, int threads, Shard shard = {}) {
    SweepRunOptions options;
    options.out = out;
    options.threads = threads;
    options.shard = shard;
    run_sweep(sweep, options);
}

std::size_t lines_of(const std::filesystem::path& file) {
    const std::string text = read_text(file);
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

void check_same(const std::filesystem::path& a, const std::filesystem::path& b,
                bool summary = true) {
    for (const char* file : {"design.csv", "results.csv", "summary.csv"}) {
        if (!summary && std::string(file) == "summary.csv") continue;
        CAPTURE(file);
        CHECK(!read_text(a / file).empty());
        CHECK(read_text(a / file) == read_text(b / file));
    }
}

// Every visible and hidden file name of `dir` that is not a sweep file.
std::vector<std::string> leftovers(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name != "design.csv" && name != "results.csv" && name != "summary.csv" &&
            name != "manifest.json" && name != "journal.log")
            names.push_back(name);
    }
    return names;
}

// Starts `mmsim sweep FILE --resume --out OUT`, polls (bounded) until the
// journal has more than `lines` lines, kills it with SIGKILL.
void kill_after(const std::string& file, const std::filesystem::path& out, std::size_t lines) {
    const auto pid = static_cast<pid_t>(mmsim::test::start_mmsim(
        {"sweep", file, "--threads", "1", "--quiet", "--resume", "--out", out.string()}));
    REQUIRE(pid > 0);
    int status = 0;
    for (int poll = 0; poll < 10000; ++poll) {
        if (lines_of(out / "journal.log") > lines) break;
        if (waitpid(pid, &status, WNOHANG) == pid) return;
        const timespec interval{0, 1'000'000};
        nanosleep(&interval, nullptr);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
}

}  // namespace

TEST_SUITE("sweep blocks") {
    TEST_CASE("records sorted in several blocks give the one-block files, on 1 and 2 threads") {
        TempDir dir("blocks-threads");
        const Sweep sweep = load_sweep(sweep_file(dir));
        run_into(sweep, dir.path() / "one-block", 2);
        {
            const SmallBlocks blocks("5");
            run_into(sweep, dir.path() / "one", 1);
            run_into(sweep, dir.path() / "two", 2);
        }
        check_same(dir.path() / "one-block", dir.path() / "one");
        check_same(dir.path() / "one-block", dir.path() / "two");
        CHECK(lines_of(dir.path() / "one" / "results.csv") == 1 + 400);
        CHECK(leftovers(dir.path() / "one").empty());  // no run file of the sort is left
    }

    TEST_CASE("shards merged in two levels (a merge of partial merges) give the single run's files") {
        TempDir dir("blocks-shards");
        const Sweep sweep = load_sweep(sweep_file(dir));
        run_into(sweep, dir.path() / "single", 2);
        const SmallBlocks blocks("7");
        std::vector<std::filesystem::path> shards;
        for (int k = 0; k < 6; ++k) {
            shards.push_back(dir.path() / ("shard-" + std::to_string(k)));
            run_into(sweep, shards.back(), 1 + k % 2, Shard{k, 6});
        }
        merge_sweeps({shards[0], shards[1], shards[2]}, dir.path() / "low", true);
        merge_sweeps({shards[5], shards[3], shards[4]}, dir.path() / "high", true);
        CHECK_FALSE(std::filesystem::exists(dir.path() / "low" / "summary.csv"));
        CHECK(lines_of(dir.path() / "low" / "results.csv") == 1 + 201);
        CHECK(leftovers(dir.path() / "low").empty());
        merge_sweeps({dir.path() / "high", dir.path() / "low"}, dir.path() / "top");
        check_same(dir.path() / "single", dir.path() / "top");

        SUBCASE("a merged folder merges with shard folders too") {
            merge_sweeps({dir.path() / "low", shards[3], shards[4], shards[5]}, dir.path() / "mixed");
            check_same(dir.path() / "single", dir.path() / "mixed");
        }
        SUBCASE("the top merge finds a left-out part, and overlapping parts") {
            const std::string p = dir.prefix();
            CHECK_THROWS_WITH(merge_sweeps({dir.path() / "low"}, dir.path() / "m"),
                              (p + "low: 199 of 400 tasks are missing, the first task 3 (point 0, "
                                   "replication 3); is a shard folder left out?")
                                  .c_str());
            CHECK_THROWS_WITH(
                merge_sweeps({dir.path() / "low", dir.path() / "high", shards[1]}, dir.path() / "m"),
                (p + "shard-1: task 1 (point 0, replication 1) is also in " + p +
                 "low (overlapping shards)")
                    .c_str());
        }
        SUBCASE("a partial merge takes finished shards only, and is not resumed as a sweep") {
            std::filesystem::remove(shards[2] / "results.csv");
            const std::string journal = read_text(shards[2] / "journal.log");
            std::filesystem::resize_file(shards[2] / "journal.log",
                                         journal.rfind('\n', journal.size() - 2) + 1);
            const std::string p = dir.prefix();
            CHECK_THROWS_WITH(
                merge_sweeps({shards[0], shards[2]}, dir.path() / "m", true),
                (p + "shard-0: a partial merge takes finished shards only; unfinished: " + p +
                 "shard-2 (shard 2/6: 66 of 67 tasks) (finish with mmsim sweep --resume)")
                    .c_str());
            SweepRunOptions options;
            options.out = dir.path() / "low";
            options.resume = true;
            CHECK_THROWS_WITH(run_sweep(sweep, options),
                              (p + "low holds a partial merge of shards, not a sweep run; it "
                                   "cannot be resumed")
                                  .c_str());
        }
    }

    TEST_CASE("a sweep of many blocks killed with SIGKILL at any stage resumes to the whole run's files") {
        TempDir dir("blocks-kill");
        const std::string file = sweep_file(dir);
        run_into(load_sweep(file), dir.path() / "whole", 2);
        const SmallBlocks blocks("5");
        const auto killed = dir.path() / "killed";
        // Mid-journal twice, then once the journal is whole: in the sorting
        // and writing of the results, or just after.
        for (std::size_t lines : {20, 200, 401}) {
            CAPTURE(lines);
            kill_after(file, killed, lines);
        }
        const auto resumed = mmsim::test::run_mmsim("sweep '" + file + "' --resume -q --out '" +
                                                    killed.string() + "'");
        INFO(resumed.err);
        REQUIRE(resumed.exit_code == 0);
        CHECK(lines_of(killed / "journal.log") == 2 + 400);
        check_same(dir.path() / "whole", killed);
        CHECK(leftovers(killed).empty());
    }
}
