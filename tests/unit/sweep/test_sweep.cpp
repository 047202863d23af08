// Sweep files: designs (grid, ranges, Latin hypercube, table), validation
// with file:line:col messages, shards.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

#include "mmsim/sweep.hpp"
#include "scenario_text.hpp"
#include "temp_files.hpp"

using namespace mmsim;
using mmsim::testing::kSweepBase;
using mmsim::testing::TempDir;

namespace {

std::string header() {
    return "schema_version: 1\nscenario: " + kSweepBase + "\n";
}

Sweep load_text(const TempDir& dir, const std::string& text) {
    return load_sweep(dir.write("sweep.yaml", header() + text));
}

std::string problems(const std::string& text) {
    TempDir dir("sweep-case");
    try {
        load_text(dir, text);
    } catch (const ScenarioError& error) {
        std::string message = error.what();
        for (std::size_t at; (at = message.find(dir.prefix())) != std::string::npos;)
            message.erase(at, dir.prefix().size());
        return message;
    }
    return "";
}

std::vector<std::string> column(const Sweep& sweep, std::size_t parameter) {
    std::vector<std::string> values;
    for (const SweepPoint& p : sweep.points) values.push_back(p.values.at(parameter));
    return values;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_SUITE("sweep") {
    TEST_CASE("a grid crosses every value of every parameter, the first parameter slowest") {
        TempDir dir("sweep-grid");
        const Sweep sweep = load_text(dir,
                                      "replications: 3\n"
                                      "parameters:\n"
                                      "  contingents.alpha.waves[0].officers: [16, 32]\n"
                                      "  airport.daily_capacity: {from: 20, to: 60, step: 20}\n");
        CHECK(sweep.name == "sweep");
        CHECK(sweep.design == SweepDesign::grid);
        CHECK(sweep.replications == 3);
        CHECK(sweep.tasks() == 18);
        CHECK(sweep.scenario_name == "sweep-base");
        CHECK(design_csv(sweep) ==
              "point,contingents.alpha.waves[0].officers,airport.daily_capacity\n"
              "0,16,20\n1,16,40\n2,16,60\n3,32,20\n4,32,40\n5,32,60\n");
        CHECK(sweep.points[4].overrides ==
              std::vector<std::string>{"contingents.alpha.waves[0].officers=\"32\"",
                                       "airport.daily_capacity=40"});
        CHECK(sweep.scenario(4).contingents.at(0).waves.at(0).officers == 32);
        CHECK(sweep.scenario(4).airport.daily_capacity == 40);
    }

    TEST_CASE("ranges include their end despite rounding, and keep units") {
        TempDir dir("sweep-ranges");
        const Sweep sweep =
            load_text(dir,
                      "parameters:\n"
                      "  incidents.gang_rate_factor: {from: 0.1, to: 1.0, step: 0.1}\n"
                      "  contingents.alpha.induction: {from: 1d, to: 3d, count: 3}\n"
                      "  patrols.demand_teams_per_100k: {from: 0, to: 1, count: 4}\n");
        CHECK(sweep.replications == 2);  // the base scenario's
        CHECK(sweep.points.size() == 10 * 3 * 4);
        auto distinct = [](std::vector<std::string> values) {
            std::sort(values.begin(), values.end());
            values.erase(std::unique(values.begin(), values.end()), values.end());
            return values;
        };
        CHECK(distinct(column(sweep, 0)) == std::vector<std::string>{"0.1", "0.2", "0.3", "0.4",
                                                                     "0.5", "0.6", "0.7", "0.8",
                                                                     "0.9", "1"});
        CHECK(distinct(column(sweep, 1)) == std::vector<std::string>{"1d", "2d", "3d"});
        CHECK(distinct(column(sweep, 2)) ==
              std::vector<std::string>{"0", "0.333333333333", "0.666666666667", "1"});
        CHECK(sweep.scenario(4).contingents.at(0).induction == doctest::Approx(48));
    }

    TEST_CASE("values may be any YAML value, and null removes a key") {
        TempDir dir("sweep-values");
        const Sweep sweep = load_text(dir,
                                      "parameters:\n"
                                      "  patrols.policy: [proportional, coverage]\n"
                                      "  airport.daily_capacity: [~, 30]\n");
        REQUIRE(sweep.points.size() == 4);
        CHECK(sweep.points[0].values == std::vector<std::string>{"proportional", "null"});
        CHECK(!sweep.scenario(0).airport.daily_capacity);
        CHECK(sweep.scenario(3).patrols.policy == AllocationPolicy::coverage);
        CHECK(sweep.scenario(3).airport.daily_capacity == 30);
    }

    TEST_CASE("a table gives one point per row, and set fixes values for every point") {
        TempDir dir("sweep-table");
        const Sweep sweep =
            load_text(dir,
                      "set:\n  patrols.policy: priority\n"
                      "design: table\n"
                      "columns: [airport.daily_capacity, contingents.alpha.team_size]\n"
                      "rows:\n  - [20, 6]\n  - [45, 10]\n");
        CHECK(design_csv(sweep) ==
              "point,airport.daily_capacity,contingents.alpha.team_size\n0,20,6\n1,45,10\n");
        CHECK(sweep.scenario(1).contingents.at(0).team_size == 10);
        CHECK(sweep.scenario(1).patrols.policy == AllocationPolicy::priority);
    }

    TEST_CASE("a Latin hypercube puts exactly one sample in every stratum of every parameter") {
        const std::size_t n = 40;
        const auto u = latin_hypercube(n, 3, 7);
        REQUIRE(u.size() == n);
        for (std::size_t j = 0; j < 3; ++j) {
            std::vector<std::size_t> strata;
            for (const auto& row : u) {
                CHECK(row[j] >= 0);
                CHECK(row[j] < 1);
                strata.push_back(static_cast<std::size_t>(row[j] * static_cast<double>(n)));
            }
            std::sort(strata.begin(), strata.end());
            std::vector<std::size_t> expected(n);
            std::iota(expected.begin(), expected.end(), 0);
            CHECK(strata == expected);
        }
        CHECK(latin_hypercube(n, 3, 7) == u);
        CHECK(latin_hypercube(n, 3, 8) != u);

        SUBCASE("through a sweep file, continuous and stepped ranges") {
            TempDir dir("sweep-lhs");
            const Sweep sweep =
                load_text(dir,
                          "design: latin_hypercube\nsamples: 20\ndesign_seed: 3\n"
                          "parameters:\n"
                          "  incidents.gang_rate_factor: {from: 0.5, to: 1.5}\n"
                          "  contingents.alpha.waves[0].officers: {from: 10, to: 29, step: 1}\n");
            REQUIRE(sweep.points.size() == 20);
            CHECK(sweep.design_seed == 3);
            std::vector<int> strata, officers;
            for (const SweepPoint& p : sweep.points) {
                strata.push_back(static_cast<int>((std::stod(p.values[0]) - 0.5) * 20));
                officers.push_back(std::stoi(p.values[1]));
            }
            std::sort(strata.begin(), strata.end());
            std::sort(officers.begin(), officers.end());
            std::vector<int> expected(20);
            std::iota(expected.begin(), expected.end(), 0);
            CHECK(strata == expected);
            std::iota(expected.begin(), expected.end(), 10);
            CHECK(officers == expected);  // 20 values, 20 samples: each once
        }
    }

    TEST_CASE("the sweep hash ignores comments and layout but not values") {
        TempDir dir("sweep-hash");
        const auto a = load_sweep(
            dir.write("a.yaml", header() + "parameters:\n  airport.daily_capacity: [20, 40]\n"));
        const auto b = load_sweep(dir.write(
            "b.yaml", header() + "# a comment\nparameters: {airport.daily_capacity: [20,  40]}\n"));
        const auto c = load_sweep(
            dir.write("c.yaml", header() + "parameters:\n  airport.daily_capacity: [20, 41]\n"));
        CHECK(a.hash == b.hash);
        CHECK(a.hash != c.hash);
        CHECK(a.scenario_hash == c.scenario_hash);
    }

    TEST_CASE("problems are reported at their place in the sweep file") {
        CHECK(problems("parameters:\n  airport.daily_capacity: 20\n") ==
              "sweep.yaml:4:27: parameters.airport.daily_capacity: expected a list of values or a "
              "range "
              "{from, to, step}, got '20' (a value every point shares belongs in set)");
        CHECK(problems("parameters:\n  airport.daily_capacity: []\n") ==
              "sweep.yaml:4:27: parameters.airport.daily_capacity: expected at least one value");
        CHECK(problems("design: latin_hypercube\nsamples: 0\nparameters:\n  "
                       "airport.daily_capacity: [1]\n") ==
              "sweep.yaml:4:10: samples: expected an integer in [1, 1000000], got '0'");
        CHECK(problems("design: grids\nparameters:\n  airport.daily_capacity: [1]\n") ==
              "sweep.yaml:3:9: design: expected one of grid, latin_hypercube, table, got 'grids' "
              "(did you mean 'grid'?)");
        CHECK(problems("replications: 100\nparameters:\n  airport.daily_capacity: {from: 1, to: "
                       "200000, step: 1}\n") ==
              "sweep.yaml:3:15: the sweep has 20000000 tasks (points x replications; the limit is "
              "10000000)");
        CHECK(
            problems(
                "parameters:\n  contingents.alpha.duty_share: {from: 0.5, to: 1.5, count: 3}\n") ==
            "sweep.yaml:4:33: point 2 (contingents.alpha.duty_share='1.5'): "
            "contingents.alpha.duty_share: "
            "expected a number in (0, 1], got '1.5'");
    }

    TEST_CASE("a misspelt path is reported once, and bad values on the good paths still are") {
        // 4 x 1,000 points: after the first, only a new value on the good path
        // is worth building (the misspelt one fails alike in every point).
        CHECK(problems("parameters:\n"
                       "  contingents.alpha.waves[0].officers: [20, -5]\n"
                       "  airport.daily_capacty: {from: 1, to: 1000, step: 1}\n"
                       "  patrols.policy: [proportional, priority]\n") ==
              "sweep.yaml:4:45: point 2000 (contingents.alpha.waves[0].officers='-5', "
              "airport.daily_capacty='1', patrols.policy='proportional'): contingents.alpha.waves[0].officers: "
              "expected a positive integer, got '-5'\n"
              "sweep.yaml:5:3: unknown key 'daily_capacty' in airport (did you mean 'daily_capacity'?)");
    }

    TEST_CASE("every bad sweep file of the corpus gives exactly its expected errors") {
        const std::filesystem::path root = MMSIM_SOURCE_DIR;
        std::vector<std::filesystem::path> cases;
        for (const auto& entry :
             std::filesystem::directory_iterator(root / "tests" / "bad" / "sweeps"))
            if (entry.path().extension() == ".yaml") cases.push_back(entry.path());
        std::sort(cases.begin(), cases.end());
        CHECK(cases.size() >= 10);
        for (const std::filesystem::path& file : cases) {
            CAPTURE(file.filename().string());
            std::filesystem::path expected_file = file;
            expected_file.replace_extension(".expected");
            std::string expected = read_file(expected_file);
            while (!expected.empty() && expected.back() == '\n') expected.pop_back();
            std::string reported = "(loaded without error)";
            try {
                load_sweep(file.string());
            } catch (const ScenarioError& error) {
                reported = error.what();
                const std::string prefix = (root / "").string();
                for (std::size_t at; (at = reported.find(prefix)) != std::string::npos;)
                    reported.erase(at, prefix.size());
            }
            CHECK(reported == expected);
        }
    }

    TEST_CASE("a shard is K/N counted from 0, and owns every N-th task") {
        const Shard shard = parse_shard("1/3");
        CHECK(shard.index == 1);
        CHECK(shard.count == 3);
        CHECK(shard.text() == "1/3");
        CHECK(shard.owns(1));
        CHECK(shard.owns(4));
        CHECK(!shard.owns(3));
        for (const char* bad : {"3/3", "0/0", "-1/2", "1", "a/b", "1/2/3", ""}) {
            CAPTURE(bad);
            CHECK_THROWS_WITH_AS(
                parse_shard(bad),
                ("--shard: expected K/N with 0 <= K < N <= 100000 (shards count from 0), got '" +
                 std::string(bad) + "'")
                    .c_str(),
                UsageError);
        }
    }

    TEST_CASE("headline metrics are every metric but per-team workloads") {
        CHECK(is_headline_metric("coverage.patrol_ratio"));
        CHECK(is_headline_metric("teams.mean_workload"));
        CHECK(!is_headline_metric("workload.alpha.3"));
    }
}
