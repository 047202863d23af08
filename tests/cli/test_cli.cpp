#include <doctest/doctest.h>

#include "cli_helpers.hpp"

using mmsim::test::fresh_folder;
using mmsim::test::read_text;
using mmsim::test::Outcome;
using mmsim::test::run_mmsim;
using mmsim::test::RunLimits;

TEST_SUITE("cli") {
#ifndef MMSIM_TEST_SANITIZED  // sanitizers reserve terabytes of address space
    TEST_CASE("running out of memory stops a run with exit 1, a clear message and no folder left") {
        // 250 MB of address space; the run keeps about 8 MB of daily figures
        // per replication of 20 years, so it runs out within a second or two.
        const auto parent = fresh_folder("out-of-memory");
        const auto out = parent / "o";
        const Outcome outcome =
            run_mmsim("run scenarios/tiny.yaml --set end=2040-12-31 --replications 400 --max-memory 100000 -q --out " +
                          out.string(),
                      RunLimits{60, 250});
        CHECK(outcome.exit_code == 1);
        CHECK(outcome.err.find("mmsim: error: out of memory: the command was stopped, and no file was left "
                               "half-written") == 0);
        CHECK_FALSE(std::filesystem::exists(out));
        std::filesystem::remove_all(parent);
    }
#endif

    TEST_CASE("run prints a summary and writes report.json and personnel.csv") {
        auto dir = fresh_folder("run");
        auto outcome = run_mmsim("run tests/data/cli/small.yaml --out " + dir.string());
        INFO(outcome.err);
        REQUIRE(outcome.exit_code == 0);
        CHECK(outcome.out.find("Alphaland (alpha)") != std::string::npos);
        CHECK(outcome.out.find("peak in theatre") != std::string::npos);
        CHECK(std::filesystem::exists(dir / "report.json"));
        std::string personnel = read_text(dir / "personnel.csv");
        CHECK(personnel.rfind("date,entity,metric,mean,ci_low,ci_high\n", 0) == 0);
        CHECK(personnel.find("2024-06-01,alpha,ready,") != std::string::npos);
        std::string json = read_text(dir / "report.json");
        CHECK(json.find("\"schema_version\": 1") != std::string::npos);
        CHECK(json.find("\"personnel.alpha.arrived\"") != std::string::npos);
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("the same scenario and seed give byte-identical reports whatever the thread count") {
        auto one = fresh_folder("threads1"), two = fresh_folder("threads2");
        REQUIRE(run_mmsim("run tests/data/cli/small.yaml -q --threads 1 --out " + one.string()).exit_code == 0);
        REQUIRE(run_mmsim("run tests/data/cli/small.yaml -q --threads 2 --out " + two.string()).exit_code == 0);
        for (const char* file : {"report.json", "personnel.csv", "coverage.csv"}) {
            INFO(file);
            CHECK(!read_text(one / file).empty());
            CHECK(read_text(one / file) == read_text(two / file));
        }
        std::filesystem::remove_all(one);
        std::filesystem::remove_all(two);
    }

    TEST_CASE("a different seed changes the report") {
        auto a = fresh_folder("seedA"), b = fresh_folder("seedB");
        REQUIRE(run_mmsim("run tests/data/cli/small.yaml -q --seed 1 --out " + a.string()).exit_code == 0);
        REQUIRE(run_mmsim("run tests/data/cli/small.yaml -q --seed 2 --out " + b.string()).exit_code == 0);
        CHECK(read_text(a / "report.json") != read_text(b / "report.json"));
        std::filesystem::remove_all(a);
        std::filesystem::remove_all(b);
    }

    TEST_CASE("bad input exits 2 with file:line:col and writes nothing") {
        auto dir = fresh_folder("bad");
        auto outcome = run_mmsim("run tests/data/cli/small.yaml --set contingents.alpha.waves[0].officers=-3 --out " +
                                 (dir / "out").string());
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err.find("--set contingents.alpha.waves[0].officers=-3:1:") == 0);
        CHECK(outcome.out.empty());
        CHECK(!std::filesystem::exists(dir / "out"));
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("usage errors exit 2 and --help, --version exit 0") {
        CHECK(run_mmsim("").exit_code == 2);
        CHECK(run_mmsim("frobnicate").exit_code == 2);
        CHECK(run_mmsim("run").exit_code == 2);
        CHECK(run_mmsim("run tests/data/cli/small.yaml --replications 0").exit_code == 2);
        CHECK(run_mmsim("run tests/data/cli/small.yaml --format pdf").exit_code == 2);
        CHECK(run_mmsim("run tests/data/cli/small.yaml --bogus").exit_code == 2);
        auto help = run_mmsim("run --help");
        CHECK(help.exit_code == 0);
        CHECK(help.out.find("--replications") != std::string::npos);
        CHECK(run_mmsim("validate --help").exit_code == 0);
        auto version = run_mmsim("--version");
        CHECK(version.exit_code == 0);
        CHECK(version.out.rfind("mmsim ", 0) == 0);
    }

    TEST_CASE("validate accepts a good scenario and lists every problem of a bad one") {
        auto good = run_mmsim("validate tests/data/cli/small.yaml");
        CHECK(good.exit_code == 0);
        auto bad = run_mmsim("validate tests/data/cli/small.yaml --set contingents.alpha.team_size=0 "
                             "--set contingents.beta.duty_share=2");
        CHECK(bad.exit_code == 2);
        CHECK(bad.err.find("team_size") != std::string::npos);
        CHECK(bad.err.find("duty_share") != std::string::npos);
    }

    TEST_CASE("a missing scenario file is bad input") {
        auto outcome = run_mmsim("run tests/data/cli/no-such-file.yaml");
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err.find("tests/data/cli/no-such-file.yaml") == 0);
    }
}
