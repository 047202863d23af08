#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "mmsim/atomic_file.hpp"
#include "analysis/compare_limits.hpp"
#include "mmsim/compare.hpp"
#include "mmsim/error.hpp"
#include "mmsim/metrics.hpp"
#include "scenario_text.hpp"
#include "temp_files.hpp"

namespace {

using namespace mmsim;

const char* const kSmall = MMSIM_SOURCE_DIR "/tests/data/cli/small.yaml";

// A minimal report.json with the given metrics ("name": [mean, sd, n]).
std::string report_json(int schema, std::uint64_t seed, const std::string& metrics) {
    return "{\"schema_version\": " + std::to_string(schema) +
           ", \"tool\": {\"name\": \"mmsim\", \"version\": \"0.1.0\"}, \"scenario\": {\"name\": \"t\", \"hash\": "
           "\"00000000000000aa\"}, \"seed\": " +
           std::to_string(seed) + ", \"replications\": 10, \"metrics\": {" + metrics + "}}";
}

std::string metric(const std::string& name, double mean, double sd, int n) {
    return "\"" + name + "\": {\"mean\": " + std::to_string(mean) +
           ", \"ci_low\": 0, \"ci_high\": 0, \"sd\": " + std::to_string(sd) + ", \"n\": " + std::to_string(n) +
           "}";
}

const MetricComparison* find(const Comparison& c, const std::string& name) {
    for (const MetricComparison& m : c.metrics)
        if (m.metric == name) return &m;
    return nullptr;
}

double width(const Difference& d) { return d.ci_high - d.ci_low; }

std::string first_message(const ScenarioError& e) { return to_string(e.diagnostics().front()); }

}  // namespace

TEST_SUITE("compare") {
    TEST_CASE("Welch's interval from summaries equals the one from the values") {
        const std::vector<double> a{3.1, 2.7, 3.9, 3.3, 2.8}, b{2.2, 2.9, 2.4, 2.0};
        const Difference direct = welch(a, b);
        const Difference from_summaries = welch(summarize(a), summarize(b));
        CHECK(from_summaries.diff == doctest::Approx(direct.diff).epsilon(1e-12));
        CHECK(from_summaries.ci_low == doctest::Approx(direct.ci_low).epsilon(1e-12));
        CHECK(from_summaries.ci_high == doctest::Approx(direct.ci_high).epsilon(1e-12));
        CHECK(from_summaries.df == doctest::Approx(direct.df).epsilon(1e-12));
        CHECK(from_summaries.significant == direct.significant);
        SUBCASE("one value on a side leaves the interval undefined") {
            const Difference d = welch(summarize(a), summarize(std::vector<double>{1.0}));
            CHECK(std::isnan(d.ci_low));
            CHECK(!d.significant);
        }
    }

    TEST_CASE("metric patterns match with '*' anywhere") {
        CHECK(metric_matches("coverage.*", "coverage.patrol_ratio"));
        CHECK(metric_matches("*.mean_min", "zones.north.response.mean_min"));
        CHECK(metric_matches("zones.*.incidents", "zones.north.incidents"));
        CHECK(metric_matches("incidents.total", "incidents.total"));
        CHECK(!metric_matches("coverage.*", "response.mean_min"));
        CHECK(!metric_matches("incidents", "incidents.total"));
    }

    TEST_CASE("common random numbers give a narrower paired interval than independent runs") {
        // The what-if: Betaland sends 10 officers instead of 30 (one contingent).
        Scenario base = load_scenario(kSmall);
        Scenario alt = load_scenario(kSmall, {"contingents.beta.waves[0].officers=10"});
        base.replications = 8;
        alt.seed = base.seed + 1;  // compare_runs must override it with the base's
        const std::vector<Scenario> scenarios{base, alt};
        const std::vector<std::string> selection{"coverage.patrol_ratio", "response.mean_min",
                                                 "incidents.total"};
        const Comparison c = compare_runs(scenarios, selection, 2);
        CHECK(c.paired);
        REQUIRE(c.runs.size() == 2);
        CHECK(c.runs[1].seed == base.seed);
        CHECK(c.runs[1].replications == 8);
        REQUIRE(c.metrics.size() == 3);
        for (const char* name : {"coverage.patrol_ratio", "response.mean_min"}) {
            INFO(name);
            const MetricComparison* m = find(c, name);
            REQUIRE(m != nullptr);
            REQUIRE(m->unpaired.size() == 1);
            CHECK(m->differences[0].diff == doctest::Approx(m->unpaired[0].diff));
            CHECK(width(m->differences[0]) < 0.5 * width(m->unpaired[0]));
        }
        // Fewer officers, less patrol: the paired comparison sees it.
        const MetricComparison* ratio = find(c, "coverage.patrol_ratio");
        CHECK(ratio->differences[0].diff < 0);
        CHECK(ratio->differences[0].significant);
        CHECK(ratio->relative_change[0] == doctest::Approx(ratio->differences[0].diff / ratio->runs[0].mean));
        // The same incidents arrive in both: the totals agree exactly.
        CHECK(find(c, "incidents.total")->differences[0].diff == 0);
        CHECK(!find(c, "incidents.total")->differences[0].significant);

        const std::string text = to_text(c);
        CHECK(text.rfind("Comparison of 2 configurations: paired differences over replications with common "
                         "random numbers\n",
                         0) == 0);
        CHECK(text.find("times narrower than independent (Welch) intervals") != std::string::npos);
        CHECK(to_json(c).find("\"comparison\": \"paired\"") != std::string::npos);
        CHECK(to_csv(c).find("\ncoverage.patrol_ratio,B,") != std::string::npos);
    }

    TEST_CASE("saved reports are compared with Welch intervals, metrics shared by all") {
        mmsim::testing::TempDir dir("compare-reports");
        const std::string a =
            dir.write("a.json", report_json(1, 1, metric("x", 10, 1, 10) + ", " + metric("only_a", 1, 1, 10)));
        const std::string b = dir.write("b.json", report_json(1, 2, metric("x", 12, 1, 10)));
        const std::vector<SavedReport> reports{read_report_json(a), read_report_json(b)};
        const Comparison c = compare_reports(reports, {});
        CHECK(!c.paired);
        REQUIRE(c.metrics.size() == 1);
        const Difference& d = c.metrics[0].differences[0];
        CHECK(d.diff == doctest::Approx(2));
        CHECK(d.df == doctest::Approx(18));
        CHECK(d.ci_low == doctest::Approx(2 - student_t_quantile(0.975, 18) * std::sqrt(0.2)));
        CHECK(d.significant);
        CHECK(c.metrics[0].relative_change[0] == doctest::Approx(0.2));
        REQUIRE(c.notes.size() == 1);
        CHECK(c.notes[0] ==
              "1 metric is not in every configuration and was left out (e.g. only_a is not in " + b + ")");
        CHECK(to_text(c).find("Welch intervals from independent summaries") != std::string::npos);
        const std::string csv = to_csv(c);
        CHECK(csv.rfind("metric,run,source,mean,ci_low,ci_high,diff,diff_ci_low,diff_ci_high,relative_change,"
                        "significant,method,unpaired_ci_low,unpaired_ci_high,label,unit\n"
                        "x,A," +
                            a +
                            ",10,0,0,,,,,,,,,x,\n"
                            "x,B," +
                            b + ",12,0,0,2,",
                        0) == 0);
        CHECK(csv.substr(csv.size() - 21) == ",0.2,true,welch,,,x,\n");
    }

    TEST_CASE("a difference within rounding error of zero is no difference") {
        SavedReport a, b;
        a.file = "a.json";
        b.file = "b.json";
        a.schema_version = b.schema_version = 1;
        a.metrics.push_back({"p50", Summary{5, 10.0, 0, 10.0, 10.0}});
        b.metrics.push_back({"p50", Summary{5, 10.0 + 1e-12, 0, 10.0 + 1e-12, 10.0 + 1e-12}});
        a.metrics.push_back({"x", Summary{5, 10.0, 0, 10.0, 10.0}});
        b.metrics.push_back({"x", Summary{5, 10.5, 0, 10.5, 10.5}});
        const std::vector<SavedReport> reports{a, b};
        const Comparison c = compare_reports(reports, {});
        REQUIRE(c.metrics.size() == 2);
        CHECK(c.metrics[0].differences[0].diff == 0);
        CHECK(!c.metrics[0].differences[0].significant);
        CHECK(c.metrics[1].differences[0].diff == doctest::Approx(0.5));
        CHECK(c.metrics[1].differences[0].significant);  // no spread, a real difference
    }

    TEST_CASE("mismatched or broken reports get a message naming the file") {
        mmsim::testing::TempDir dir("compare-bad");
        const std::string a =
            dir.write("a.json", report_json(1, 1, metric("coverage.patrol_ratio", 0.5, 0.1, 5)));
        SUBCASE("another schema version") {
            const std::string b =
                dir.write("b.json", report_json(2, 1, metric("coverage.patrol_ratio", 0.5, 0.1, 5)));
            CHECK_THROWS_WITH_AS(read_report_json(b),
                                 (b + ": /schema_version: expected a report format this mmsim reads "
                                      "(1 to 1), got 2").c_str(),
                                 ScenarioError);
            // Reports of two versions this mmsim reads are still not compared.
            SavedReport first = read_report_json(a), second = first;
            second.file = b;
            second.schema_version = 2;
            const std::vector<SavedReport> reports{first, second};
            try {
                compare_reports(reports, {});
                FAIL("no error");
            } catch (const ScenarioError& e) {
                CHECK(first_message(e) == b + ": report schema_version 2 differs from " + a +
                                              "'s 1; rerun both with the same mmsim version");
            }
        }
        SUBCASE("a selected metric missing from one report") {
            const std::string b =
                dir.write("b.json", report_json(1, 1, metric("coverage.patrol_rate", 0.5, 0.1, 5)));
            const std::vector<SavedReport> reports{read_report_json(a), read_report_json(b)};
            const std::vector<std::string> selection{"coverage.patrol_ratio"};
            try {
                compare_reports(reports, selection);
                FAIL("no error");
            } catch (const ScenarioError& e) {
                CHECK(first_message(e) == b + ": no metric 'coverage.patrol_ratio' (did you mean "
                                              "'coverage.patrol_rate'?)");
            }
            CHECK_THROWS_WITH_AS(compare_reports(reports, {}),
                                 (b + ": has no metric in common with " + a).c_str(), ScenarioError);
        }
        SUBCASE("not JSON, and JSON that is not a report") {
            const std::string broken = dir.write("broken.json", "{\n  \"schema_version\": 1,\n  oops\n}");
            try {
                read_report_json(broken);
                FAIL("no error");
            } catch (const ScenarioError& e) {
                CHECK(first_message(e).rfind(broken + ":3:3: not valid JSON: ", 0) == 0);
            }
            const std::string other = dir.write("other.json", "[1, 2]");
            CHECK_THROWS_WITH_AS(read_report_json(other),
                                 (other + ": not an mmsim report.json (no schema_version and metrics)").c_str(),
                                 ScenarioError);
            CHECK_THROWS_AS(read_report_json(dir.prefix() + "missing.json"), ScenarioError);
        }
    }

    TEST_CASE("mmsim compare works on reports and on runs, and refuses bad input with exit 2") {
        auto dir = mmsim::test::fresh_folder("compare-cli");
        using mmsim::test::run_mmsim;
        const std::string a = (dir / "a").string(), b = (dir / "b").string();
        REQUIRE(
            run_mmsim("run tests/data/cli/small.yaml -q --replications 3 --format json --out " + a).exit_code ==
            0);
        REQUIRE(run_mmsim("run tests/data/cli/small.yaml -q --replications 3 --seed 5 --format json --set "
                          "contingents.beta.waves[0].officers=10 --out " +
                          b)
                    .exit_code == 0);
        auto saved = run_mmsim("compare " + a + "/report.json " + b + "/report.json --metrics 'coverage.*'");
        INFO(saved.err);
        CHECK(saved.exit_code == 0);
        CHECK(saved.out.find("Welch") != std::string::npos);
        CHECK(saved.out.find("coverage.population_within_target") != std::string::npos);
        CHECK(saved.out.find("response.mean_min") == std::string::npos);

        const std::string out = (dir / "cmp").string();
        // A temporary left by a compare killed mid-write: cleared, as by run.
        std::filesystem::create_directories(out);
        const auto stale = mmsim::temporary_path(dir / "cmp" / "compare.csv", mmsim::test::ended_process());
        std::ofstream(stale) << "half";
        auto runs = run_mmsim(
            "compare --run tests/data/cli/small.yaml --alt-set contingents.beta.waves[0].officers=10 "
            "--replications 3 --metrics coverage.patrol_ratio,incidents.total --format all --out " +
            out);
        INFO(runs.err);
        CHECK(runs.exit_code == 0);
        CHECK(runs.out.find("paired differences") != std::string::npos);
        for (const char* file : {"compare.csv", "compare.json", "compare.html"}) {
            INFO(file);
            CHECK(std::filesystem::exists(dir / "cmp" / file));
        }
        CHECK(mmsim::test::read_text(dir / "cmp" / "compare.html").find("http") == std::string::npos);
        CHECK_FALSE(std::filesystem::exists(stale));

        auto one = run_mmsim("compare " + a + "/report.json");
        CHECK(one.exit_code == 2);
        auto missing = run_mmsim("compare " + a + "/report.json " + b + "/nothing.json");
        CHECK(missing.exit_code == 2);
        CHECK(missing.err.rfind(b + "/nothing.json: cannot read the report: ", 0) == 0);
        CHECK(run_mmsim("compare " + a + "/report.json " + b + "/report.json --seed 3").exit_code == 2);
        CHECK(run_mmsim("compare " + a + "/report.json " + b + "/report.json --format pdf").exit_code == 2);
        CHECK(run_mmsim("compare --help").exit_code == 0);
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("60 MB of opening brackets is refused at the 65th, in bounded time and memory") {
        // 100 MB took 17.7 s and 3.8 GB before the nesting limit (and the
        // size limit, now 64 MiB).
        const auto dir = mmsim::test::fresh_folder("compare-deep");
        const auto file = dir / "deep.json";
        {
            std::ofstream out(file, std::ios::binary);
            const std::string chunk(1 << 20, '[');
            for (int i = 0; i < 60; ++i) out << chunk;
        }
        const auto outcome = mmsim::test::run_mmsim(
            "compare tests/bad/reports/base.json '" + file.string() + "'", mmsim::test::kHostileRunLimits);
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err == file.string() + ":1:65: JSON nested deeper than 64 levels (the limit; a report.json is 4)\n");
        std::filesystem::remove_all(dir);
    }
}

TEST_SUITE("compare explains what limits the patrols") {
    // 700 officers (100 teams) and 10 vehicles for a demand of 50 teams:
    // vehicles bind at every shift.
    const std::string kVehicleBound =
        "schema_version: 1\nname: limited\nstart: 2024-01-01\nend: 2024-01-20\nseed: 3\nreplications: 3\n"
        "contingents:\n"
        "  a: {country: A, induction: 0d, team_size: 7, duty_share: 1, waves: [{date: 2024-01-01, officers: 700}]}\n"
        "theatre:\n"
        "  zones:\n"
        "    z: {population: 100000, incident_rate_per_day: 5, demand_teams: 50}\n"
        "vehicles:\n  fleets:\n    f: {deliveries: [{date: 2024-01-01, count: 10}]}\n";

    TEST_CASE("a change to a resource that did not bind is said to have little effect") {
        const Scenario base = mmsim::testing::load_text(kVehicleBound);
        const Scenario more_officers =
            mmsim::testing::load_text(kVehicleBound, {"contingents.a.waves[0].officers=1400"});
        const std::vector<Scenario> runs = {base, more_officers};
        const Comparison c = compare_runs(runs, {}, 1);
        REQUIRE(c.explanations.size() == 1);
        CHECK(c.explanations[0] ==
              "B changes officers (contingents.a.waves[0].officers); in the base, officers bound 0% of shifts, "
              "vehicles 100%: expect little effect on coverage unless the vehicles limit is relieved too.");
        CHECK(to_text(c).find("What limits the patrols:\n  B changes officers") != std::string::npos);
    }

    TEST_CASE("relieving the binding resource is not called ineffective, and a new binding cause is named") {
        const Scenario base = mmsim::testing::load_text(kVehicleBound);
        const Scenario more_vehicles =
            mmsim::testing::load_text(kVehicleBound, {"vehicles.fleets.f.deliveries[0].count=200"});
        const std::vector<Scenario> runs = {base, more_vehicles};
        const Comparison c = compare_runs(runs, {}, 1);
        REQUIRE(c.explanations.size() == 2);
        CHECK(c.explanations[0] ==
              "B changes vehicles (vehicles.fleets.f.deliveries[0].count); in the base, vehicles bound 100% of "
              "shifts.");
        CHECK(c.explanations[1] ==
              "The binding cause changes: in the base vehicles bound 100% of shifts; in B demand met at 100%.");
    }
}

TEST_SUITE("compare explains what limits the patrols") {
    TEST_CASE("money that holds officers back is not called ineffective where officers bind") {
        LimitsSummary officers_bound;
        officers_bound.share[static_cast<int>(Limit::officers)] = 1;
        officers_bound.main = officers_bound.last = Limit::officers;
        detail::ChangedResources changes;
        changes.paths[static_cast<int>(Limit::money)] = {"funding.sources.us.paid_share"};
        const auto held = detail::explain_limits("B", officers_bound, officers_bound, &changes, std::nullopt,
                                                 ShortfallPolicy::defer_arrivals);
        REQUIRE(held.size() == 1);
        CHECK(held[0] ==
              "B changes money (funding.sources.us.paid_share); in the base, money bound 0% of shifts; money acts "
              "through the officers it holds back or withdraws (shortfall_policy defer_arrivals), and officers "
              "bound 100%.");
        // Without a policy that acts on officers, money that never bound is
        // said to change little while officers bind.
        const auto cut = detail::explain_limits("B", officers_bound, officers_bound, &changes, std::nullopt);
        REQUIRE(cut.size() == 1);
        CHECK(cut[0].find("expect little effect on coverage unless the officers limit is relieved too") !=
              std::string::npos);
    }
}
