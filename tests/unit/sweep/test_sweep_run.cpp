// Running sweeps: identical files whatever the threads and shards, merging,
// crash safety (torn journals, kill -9) and refusals to resume.

#include <doctest/doctest.h>

#include <csignal>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_helpers.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/sensitivity.hpp"
#include "mmsim/sweep.hpp"
#include "report/csv.hpp"
#include "scenario_text.hpp"
#include "temp_files.hpp"

using namespace mmsim;
using mmsim::test::ended_process;
using mmsim::test::read_text;
using mmsim::testing::kSweepBase;
using mmsim::testing::TempDir;

namespace {

// 3 x 2 points, 3 replications: 18 tasks.
const std::string kGrid =
    "parameters:\n"
    "  contingents.alpha.waves[0].officers: [16, 32, 48]\n"
    "  airport.daily_capacity: {from: 20, to: 40, step: 20}\n";

std::string write_sweep(const TempDir& dir, const std::string& body,
                        const std::string& name = "sweep.yaml", int replications = 3) {
    return dir.write(name, "schema_version: 1\nscenario: " + kSweepBase +
                               "\nreplications: " + std::to_string(replications) + "\n" + body);
}

SweepRunResult run(const Sweep& sweep, const std::filesystem::path& out, int threads = 1,
                   Shard shard = {}, bool resume = false, std::string* notes = nullptr) {
    SweepRunOptions options;
    options.out = out;
    options.threads = threads;
    options.shard = shard;
    options.resume = resume;
    if (notes) options.on_note = [notes](const std::string& note) { *notes += note + "\n"; };
    return run_sweep(sweep, options);
}

std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

void check_same_files(const std::filesystem::path& a, const std::filesystem::path& b) {
    for (const char* file : {"design.csv", "results.csv", "summary.csv"}) {
        CAPTURE(file);
        CHECK(!read_text(a / file).empty());
        CHECK(read_text(a / file) == read_text(b / file));
    }
}

std::string error_text(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_SUITE("sweep run") {
    TEST_CASE("a sweep writes one row per task and one per point, identical on 1 and 2 threads") {
        TempDir dir("sweep-threads");
        const Sweep sweep = load_sweep(write_sweep(dir, kGrid));
        const auto one = run(sweep, dir.path() / "one", 1);
        run(sweep, dir.path() / "two", 2);
        CHECK(one.progress.done == 18);
        CHECK(one.progress.total == 18);
        check_same_files(dir.path() / "one", dir.path() / "two");
        const std::string results = read_text(dir.path() / "one" / "results.csv");
        CHECK(count_lines(results) == 1 + 18);
        CHECK(results.rfind(
                  "point,replication,contingents.alpha.waves[0].officers,airport.daily_capacity,"
                  "personnel.alpha.planned,",
                  0) == 0);
        CHECK(results.find("\n4,1,48,20,48,") != std::string::npos);
        const std::string summary = read_text(dir.path() / "one" / "summary.csv");
        CHECK(count_lines(summary) == 1 + 6);
        CHECK(summary.find(
                  ",replications,personnel.alpha.planned.mean,personnel.alpha.planned.ci_low,") !=
              std::string::npos);
        CHECK(summary.find("\n5,48,40,3,48,48,48,") != std::string::npos);
        const std::string manifest = read_text(dir.path() / "one" / "manifest.json");
        CHECK(manifest.find("\"complete\": true") != std::string::npos);
        CHECK(manifest.find("\"tasks\": 18") != std::string::npos);
    }

    TEST_CASE("a sweep's metrics keep only the columns they select, with the whole sweep's figures") {
        TempDir dir("sweep-metrics");
        const Sweep whole = load_sweep(write_sweep(dir, kGrid));
        const std::string metrics = "metrics: [coverage.patrol_ratio, \"response.mean*\"]\n";
        const std::string file = write_sweep(dir, metrics + kGrid, "selected.yaml");
        const Sweep selected = load_sweep(file);
        CHECK(selected.metrics == std::vector<std::string>{"coverage.patrol_ratio", "response.mean*"});
        run(whole, dir.path() / "whole", 2);
        run(selected, dir.path() / "selected", 2);

        using Table = std::vector<std::vector<std::string>>;
        const Table all = detail::parse_csv(read_text(dir.path() / "whole" / "results.csv"), "whole");
        const Table kept = detail::parse_csv(read_text(dir.path() / "selected" / "results.csv"), "kept");
        REQUIRE(kept.front() == std::vector<std::string>{"point", "replication",
                                                         "contingents.alpha.waves[0].officers",
                                                         "airport.daily_capacity", "coverage.patrol_ratio",
                                                         "response.mean_min"});
        REQUIRE(kept.size() == all.size());
        for (std::size_t c = 0; c < kept.front().size(); ++c) {
            const auto at = std::find(all.front().begin(), all.front().end(), kept.front()[c]);
            REQUIRE(at != all.front().end());
            const auto whole_column = static_cast<std::size_t>(at - all.front().begin());
            for (std::size_t row = 1; row < kept.size(); ++row) CHECK(kept[row][c] == all[row][whole_column]);
        }
        const std::string summary = read_text(dir.path() / "selected" / "summary.csv");
        CHECK(summary.rfind("point,contingents.alpha.waves[0].officers,airport.daily_capacity,replications,"
                            "coverage.patrol_ratio.mean,coverage.patrol_ratio.ci_low,coverage.patrol_ratio.ci_high,"
                            "response.mean_min.mean,response.mean_min.ci_low,response.mean_min.ci_high\n",
                            0) == 0);
        // Another selection is another sweep: its folder is not resumed with it.
        write_sweep(dir, "metrics: [coverage.patrol_ratio]\n" + kGrid, "selected.yaml");
        CHECK(error_text([&] { run(load_sweep(file), dir.path() / "selected", 1, {}, true); })
                  .find("the sweep file changed since the sweep started") != std::string::npos);
    }

    TEST_CASE("results.csv lists every task in order when its rows span several blocks") {
        // 3 points x 50 replications: more rows than a block of results.csv
        // (128), which the threads format separately.
        TempDir dir("sweep-blocks");
        const Sweep sweep = load_sweep(write_sweep(
            dir, "parameters:\n  contingents.alpha.waves[0].officers: [16, 32, 48]\n",
            "sweep.yaml", 50));
        run(sweep, dir.path() / "one", 1);
        run(sweep, dir.path() / "two", 2);
        check_same_files(dir.path() / "one", dir.path() / "two");
        std::istringstream results(read_text(dir.path() / "two" / "results.csv"));
        std::string line;
        std::getline(results, line);  // the header
        int rows = 0;
        while (std::getline(results, line)) {
            const std::string start = std::to_string(rows / 50) + "," + std::to_string(rows % 50) + ",";
            CAPTURE(line);
            CHECK(line.rfind(start, 0) == 0);
            ++rows;
        }
        CHECK(rows == 150);
    }

    TEST_CASE("shards merged give the single run's files byte for byte, whatever the layout") {
        TempDir dir("sweep-shards");
        const Sweep sweep = load_sweep(write_sweep(dir, kGrid));
        run(sweep, dir.path() / "single", 2);
        std::vector<std::filesystem::path> three;
        for (int k = 0; k < 3; ++k) {
            three.push_back(dir.path() / ("shard-" + std::to_string(k)));
            const auto result = run(sweep, three.back(), 1 + k % 2, Shard{k, 3});
            CHECK(result.progress.total == 6);
            CHECK(!std::filesystem::exists(three.back() /
                                           "summary.csv"));  // a shard has no full points
        }
        merge_sweeps(three, dir.path() / "merged");
        check_same_files(dir.path() / "single", dir.path() / "merged");

        SUBCASE("mixed layouts cover the tasks too: 0/2 with 1/4 and 3/4") {
            run(sweep, dir.path() / "half", 1, Shard{0, 2});
            run(sweep, dir.path() / "q1", 1, Shard{1, 4});
            run(sweep, dir.path() / "q3", 1, Shard{3, 4});
            merge_sweeps({dir.path() / "q3", dir.path() / "half", dir.path() / "q1"},
                         dir.path() / "mixed");
            check_same_files(dir.path() / "single", dir.path() / "mixed");
        }
        SUBCASE("merge refuses missing, overlapping and foreign shards") {
            const std::string p = dir.prefix();
            CHECK(error_text([&] {
                      merge_sweeps({three[0], three[2]}, dir.path() / "m");
                  }) == p + "shard-0: 6 of 18 tasks are missing, the first task 1 (point 0, "
                            "replication 1) of "
                            "shard 1/3; is a shard folder left out?");
            CHECK(error_text([&] {
                      merge_sweeps({three[0], three[1], three[2], three[1]}, dir.path() / "m");
                  }) == p + "shard-1: task 1 (point 0, replication 1) is also in " + p +
                            "shard-1 (overlapping shards)");
            const Sweep other = load_sweep(write_sweep(dir, kGrid, "other.yaml", 4));
            run(other, dir.path() / "other", 1, Shard{1, 3});
            CHECK(error_text([&] {
                      merge_sweeps({three[0], dir.path() / "other"}, dir.path() / "m");
                  }) == p + "other: comes from a different sweep than " + p +
                            "shard-0 (sweep, base scenario, design or mmsim version differ)");
            CHECK(error_text([&] { merge_sweeps({dir.path() / "nowhere"}, dir.path() / "m"); }) ==
                  p + "nowhere: not a sweep folder (no journal.log)");
        }
        SUBCASE("merge refuses a design.csv edited after the sweep: it would relabel the results") {
            const std::filesystem::path design = three[1] / "design.csv";
            std::string text = mmsim::test::read_text(design);
            const std::size_t comma = text.find(',', text.find('\n'));
            REQUIRE(comma != std::string::npos);
            text.insert(comma + 1, "9");  // point 0's first value, 50 -> 950 say
            { std::ofstream(design, std::ios::binary) << text; }
            for (const auto& shard : three)
                if (shard != three[1]) std::filesystem::copy_file(design, shard / "design.csv",
                                                                 std::filesystem::copy_options::overwrite_existing);
            const std::string message = error_text([&] { merge_sweeps(three, dir.path() / "m"); });
            CHECK(message.rfind(dir.prefix() + "shard-0/design.csv: does not match the design its journal was "
                                            "written for (hash ", 0) == 0);
            CHECK_FALSE(std::filesystem::exists(dir.path() / "m"));
        }
    }

    TEST_CASE("a journal torn mid-line is resumed with no lost and no duplicated row") {
        TempDir dir("sweep-torn");
        const Sweep sweep = load_sweep(write_sweep(dir, kGrid));
        run(sweep, dir.path() / "whole", 2);
        run(sweep, dir.path() / "torn", 2);
        const auto journal = dir.path() / "torn" / "journal.log";
        const std::string text = read_text(journal);
        // Keep the header, the metric names and 7 records, then half of the 8th.
        std::size_t cut = 0;
        for (int line = 0; line < 9; ++line) cut = text.find('\n', cut) + 1;
        const std::size_t next_end = text.find('\n', cut);
        std::filesystem::resize_file(journal, cut + (next_end - cut) / 2);
        std::filesystem::remove(dir.path() / "torn" / "results.csv");

        std::string notes;
        const auto result = run(sweep, dir.path() / "torn", 1, {}, true, &notes);
        CHECK(result.progress.resumed == 7);
        CHECK(result.progress.done == 18);
        CHECK(notes.find("(a record cut short by a crash)") != std::string::npos);
        CHECK(count_lines(read_text(journal)) == 2 + 18);
        check_same_files(dir.path() / "whole", dir.path() / "torn");

        SUBCASE("resuming a finished sweep runs nothing and rewrites the same files") {
            const auto again = run(sweep, dir.path() / "torn", 2, {}, true);
            CHECK(again.progress.resumed == 18);
            check_same_files(dir.path() / "whole", dir.path() / "torn");
        }
        SUBCASE("resuming clears what a run killed mid-write left, not a live process's files") {
            const auto folder = dir.path() / "torn";
            const auto dead = temporary_path(folder / "results.csv", ended_process());
            const auto live = temporary_path(folder / "summary.csv", 1);  // init never ends
            std::ofstream(dead) << "half a fi";
            std::ofstream(live) << "being written";
            run(sweep, folder, 1, {}, true);
            CHECK_FALSE(std::filesystem::exists(dead));
            CHECK(std::filesystem::exists(live));
            check_same_files(dir.path() / "whole", folder);
        }
        SUBCASE("a record damaged before intact ones is corruption, not a crash") {
            std::string damaged = read_text(journal);
            const std::size_t first_record = damaged.find('\n', damaged.find('\n') + 1) + 1;
            damaged[first_record + 3] ^= 1;  // line 3: header, metric names, this record
            std::ofstream(journal, std::ios::binary | std::ios::trunc) << damaged;
            CHECK(error_text([&] { run(sweep, dir.path() / "torn", 1, {}, true); }) ==
                  journal.string() +
                      ":3: damaged record followed by intact ones; the journal is corrupt");
        }
    }

    TEST_CASE("resuming is refused when the sweep, its base or the shard changed") {
        TempDir dir("sweep-refuse");
        const std::string file = write_sweep(dir, kGrid);
        const Sweep sweep = load_sweep(file);
        const auto out = dir.path() / "out";
        run(sweep, out, 1);
        CHECK(error_text([&] { run(sweep, out, 1); }) ==
              out.string() +
                  " already holds a sweep (journal.log): pass --resume to finish it, or choose "
                  "another --out folder");
        // A comment changes nothing the sweep means.
        write_sweep(dir, "# a note\n" + kGrid);
        CHECK(run(load_sweep(file), out, 1, {}, true).progress.resumed == 18);

        write_sweep(dir,
                    "parameters:\n  contingents.alpha.waves[0].officers: [16, 32, 64]\n"
                    "  airport.daily_capacity: {from: 20, to: 40, step: 20}\n");
        CHECK(error_text([&] { run(load_sweep(file), out, 1, {}, true); }) ==
              file + ": cannot resume " + out.string() +
                  ": the sweep file changed since the sweep started; finish it with the sweep it "
                  "was started "
                  "with, or run into a new --out folder");
        write_sweep(dir, kGrid);
        CHECK(error_text([&] {
                  run(sweep, out, 1, Shard{1, 2}, true);
              }) == out.string() + " holds shard 0/1 of this sweep; resume it with --shard 0/1");

        // The same sweep file over a changed base scenario.
        const std::string base = dir.write("base.yaml", read_text(kSweepBase));
        const std::string local =
            dir.write("local.yaml", "schema_version: 1\nscenario: base.yaml\n" + kGrid);
        run(load_sweep(local), dir.path() / "local", 1);
        dir.write("base.yaml", read_text(kSweepBase) + "description: changed\n");
        CHECK(error_text([&] { run(load_sweep(local), dir.path() / "local", 1, {}, true); }) ==
              base + ": cannot resume " + (dir.path() / "local").string() +
                  ": the base scenario changed since the sweep started; finish it with the sweep "
                  "it was "
                  "started with, or run into a new --out folder");
    }

    TEST_CASE("a sweep killed with SIGKILL resumes to the uninterrupted run's files") {
        TempDir dir("sweep-kill");
        const std::string file =
            write_sweep(dir,
                        "parameters:\n"
                        "  contingents.alpha.waves[0].officers: {from: 8, to: 200, step: 8}\n"
                        "  airport.daily_capacity: [20, 40, 80, 160]\n",
                        "sweep.yaml", 4);  // 25 x 4 points x 4 = 400 tasks
        const auto killed = dir.path() / "killed";
        std::filesystem::create_directories(killed);
        const std::string out = killed.string();
        std::vector<std::string> words{MMSIM_BINARY, "sweep",   file,    "--threads",
                                       "1",          "--quiet", "--out", out};
        std::vector<char*> argv;
        for (std::string& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        REQUIRE(posix_spawn(&pid, MMSIM_BINARY, &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);

        // Poll (bounded) until some tasks are journaled, then kill.
        int status = 0;
        bool exited = false;
        for (int poll = 0; poll < 4000; ++poll) {
            if (count_lines(read_text(killed / "journal.log")) > 20) break;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                exited = true;
                break;
            }
            const timespec interval{0, 2'000'000};
            nanosleep(&interval, nullptr);
        }
        if (!exited) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        }
        const std::size_t journaled = count_lines(read_text(killed / "journal.log"));
        MESSAGE("journal lines at the kill: " << journaled);
        CHECK(journaled > 1);

        const auto resumed =
            mmsim::test::run_mmsim("sweep '" + file + "' --resume -q --out '" + out + "'");
        INFO(resumed.err);
        REQUIRE(resumed.exit_code == 0);
        run(load_sweep(file), dir.path() / "whole", 2);
        CHECK(count_lines(read_text(killed / "journal.log")) == 2 + 400);  // header, names, tasks
        check_same_files(dir.path() / "whole", killed);
    }

    TEST_CASE("results read back for analysis take parameters from the manifest") {
        TempDir dir("sweep-read");
        const Sweep sweep = load_sweep(write_sweep(dir,
                                                   "parameters:\n"
                                                   "  contingents.alpha.induction: [1d, 3d]\n"
                                                   "  patrols.policy: [proportional, coverage]\n"));
        run(sweep, dir.path() / "out", 2);
        const SweepResults results =
            read_sweep_results((dir.path() / "out" / "results.csv").string());
        CHECK(results.parameters == std::vector<std::string>{"contingents.alpha.induction"});
        CHECK(results.left_out ==
              std::vector<std::string>{"patrols.policy: not numeric ('proportional')"});
        REQUIRE(results.columns.size() == 1);
        CHECK(results.columns[0] == std::vector<double>{1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3});
        CHECK(results.metrics.front() == "personnel.alpha.planned");
        CHECK(results.values.front().size() == 12);

        const auto analyze =
            mmsim::test::run_mmsim("analyze '" + (dir.path() / "out" / "results.csv").string() +
                                   "' --metric coverage.patrol_ratio");
        INFO(analyze.err);
        CHECK(analyze.exit_code == 0);
        CHECK(analyze.out.find("left out patrols.policy: not numeric ('proportional')\n"
                               "coverage.patrol_ratio  (R^2 ") != std::string::npos);
        CHECK(read_text(dir.path() / "out" / "sensitivity.csv")
                  .rfind("metric,parameter,rank,src,prcc,r_squared,rows\n"
                         "coverage.patrol_ratio,contingents.alpha.induction,1,",
                         0) == 0);
    }

    TEST_CASE("the sweep, merge and analyze commands report usage errors with exit 2") {
        CHECK(mmsim::test::run_mmsim("sweep").exit_code == 2);
        CHECK(mmsim::test::run_mmsim("sweep scenarios/sweeps/tiny-sweep.yaml --shard 2/2")
                  .exit_code == 2);
        CHECK(mmsim::test::run_mmsim("merge").exit_code == 2);
        CHECK(mmsim::test::run_mmsim("analyze").exit_code == 2);
        const auto help = mmsim::test::run_mmsim("sweep --help");
        CHECK(help.exit_code == 0);
        CHECK(help.out.find("--resume") != std::string::npos);
        const auto dry = mmsim::test::run_mmsim("sweep scenarios/sweeps/tiny-sweep.yaml --dry-run");
        CHECK(dry.exit_code == 0);
        CHECK(dry.out.rfind(
                  "point,contingents.alpha.waves[0].officers,airport.daily_capacity\n0,16,20\n",
                  0) == 0);
        const auto bad = mmsim::test::run_mmsim("sweep tests/bad/sweeps/unknown_key.yaml");
        CHECK(bad.exit_code == 2);
        CHECK(bad.err.find("tests/bad/sweeps/unknown_key.yaml:4:1: unknown key 'desing'") !=
              std::string::npos);
    }
}
