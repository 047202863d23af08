// mmsim calibrate on observations the model made itself: the fit recovers
// the parameter that made them, within its stated uncertainty, whatever the
// seed; a parameter the observations do not depend on is said to be
// unidentified; bad files name file, line and key.

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "mmsim/calibrate.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/error.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/statistics.hpp"
#include "temp_files.hpp"

using namespace mmsim;
using mmsim::testing::TempDir;

namespace {

const std::string kTiny = std::string(MMSIM_SOURCE_DIR) + "/scenarios/tiny.yaml";

// The mean of control.all.g on days 9, 19 and 29 of tiny.yaml with
// growth_per_day = `growth`, over replications 0..9 of `seed`.
std::vector<double> observed_control(double growth, std::uint64_t seed) {
    Scenario scenario = load_scenario(kTiny, {"control.growth_per_day=" + std::to_string(growth)});
    scenario.seed = seed;
    std::vector<std::vector<double>> days(3, std::vector<double>(10));
    parallel_for(10, 0, [&](int r) {
        const ReplicationResult result = run_replication(scenario, r, false);
        for (const DailySeries& s : result.series)
            if (s.table == "control" && s.entity == "all" && s.metric == "g")
                for (int k = 0; k < 3; ++k) days[static_cast<std::size_t>(k)][static_cast<std::size_t>(r)] = s.by_day[static_cast<std::size_t>(9 + 10 * k)];
    });
    std::vector<double> means;
    for (const auto& day : days) means.push_back(summarize(day).mean);
    return means;
}

std::string calibration_file(const std::vector<double>& observed, const std::string& parameters) {
    std::string text = "schema_version: 1\nname: tiny-growth\nscenario: " + kTiny +
                       "\nreplications: 10\nparameters:\n" + parameters + "observations:\n";
    const char* dates[] = {"2025-01-10", "2025-01-20", "2025-01-30"};
    for (std::size_t k = 0; k < observed.size(); ++k)
        text += "  - {series: control.all.g, date: " + std::string(dates[k]) + ", value: " + std::to_string(observed[k]) +
                ", sd: 0.002}\n";
    return text;
}

}  // namespace

TEST_SUITE("calibrate") {
    TEST_CASE("the fit recovers the growth rate that made the observations, within its uncertainty, across seeds") {
        TempDir dir("calibrate-recover");
        const double truth = 0.03;
        for (std::uint64_t seed : {11u, 12u, 13u}) {
            CAPTURE(seed);
            const std::string file =
                dir.write("cal.yaml", calibration_file(observed_control(truth, seed),
                                                       "  control.growth_per_day: {min: 0.005, max: 0.08}\n"));
            const Calibration calibration = load_calibration(file);
            const CalibrationResult result = calibrate(calibration, 0, {});
            REQUIRE(result.parameters.size() == 1);
            const CalibratedParameter& growth = result.parameters[0];
            CHECK(growth.identified);
            CHECK(result.converged);
            CHECK(growth.se > 0);
            CHECK(std::fabs(growth.value - truth) <= 3 * growth.se);
            CHECK(std::fabs(growth.value - truth) < 0.01);  // and the interval is informative
            CHECK(result.objective < result.objective_start);
        }
    }

    TEST_CASE("the same bytes on one thread and on two") {
        TempDir dir("calibrate-threads");
        const std::string file = dir.write(
            "cal.yaml", calibration_file(observed_control(0.03, 5), "  control.growth_per_day: {min: 0.005, max: 0.08}\n"));
        const Calibration calibration = load_calibration(file);
        const CalibrationResult one = calibrate(calibration, 1, {});
        const CalibrationResult two = calibrate(calibration, 2, {});
        CHECK(to_json(one) == to_json(two));
        CHECK(to_csv(one) == to_csv(two));
        CHECK(to_html(one).find("<circle class=\"point\"") != std::string::npos);
    }

    TEST_CASE("a parameter the observations do not depend on is not identified") {
        TempDir dir("calibrate-unidentified");
        // The threshold only counts days until g falls below it.
        const std::string file = dir.write(
            "cal.yaml", calibration_file(observed_control(0.03, 5),
                                         "  control.growth_per_day: {min: 0.005, max: 0.08}\n"
                                         "  control.threshold: {min: 0.2, max: 0.8}\n"));
        const CalibrationResult result = calibrate(load_calibration(file), 0, {});
        REQUIRE(result.parameters.size() == 2);
        CHECK_FALSE(result.parameters[1].identified);
        CHECK(std::isnan(result.parameters[1].se));
        CHECK(to_text(result).find("not identified by the observations") != std::string::npos);
    }

    TEST_CASE("bad calibration files name file, line and key") {
        TempDir dir("calibrate-bad");
        auto problems = [&](const std::string& text) {
            try {
                (void)load_calibration(dir.write("cal.yaml", text));
            } catch (const ScenarioError& error) {
                std::string out = error.what();
                for (std::size_t at; (at = out.find(dir.prefix())) != std::string::npos;) out.erase(at, dir.prefix().size());
                return out;
            }
            return std::string("loaded");
        };
        const std::string head = "schema_version: 1\nscenario: " + kTiny + "\n";
        CHECK(problems(head + "parameters:\n  control.growth_per_day: {min: 0.08, max: 0.005}\n"
                              "observations:\n  - {series: control.all.g, date: 2025-01-10, value: 0.5, sd: 0.01}\n") ==
              "cal.yaml:4:44: parameters.control.growth_per_day.max: expected more than min (0.08), got 0.005");
        CHECK(problems(head + "parameters:\n  name: {min: 1, max: 2}\n"
                              "observations:\n  - {series: control.all.g, date: 2025-01-10, value: 0.5, sd: 0.01}\n") ==
              "cal.yaml:4:3: parameters.name: takes text, not a number");
        CHECK(problems(head + "parameters:\n  control.growth_per_day: {min: 0.005, max: 0.08}\n"
                              "observations:\n  - {series: control.g, date: 2025-01-10, value: 0.5, sd: 0.01}\n")
                  .find("cal.yaml:6:14: observations[0].series: expected TABLE.ENTITY.METRIC") == 0);
        CHECK(problems(head + "parameters:\n  control.growth_per_day: {min: 0.005, max: 0.08}\n"
                              "observations:\n  - {series: control.all.g, date: 2026-01-10, value: 0.5, sd: 0}\n") ==
              "cal.yaml:6:63: observations[0].sd: expected a number > 0, got '0'");
        CHECK(problems(head + "parameters:\n  control.growth_per_day: {min: 0.005, max: 0.08}\n"
                              "observations:\n  - {series: control.all.g, date: 2026-01-10, value: 0.5, sd: 0.1}\n") ==
              "cal.yaml:6:5: observations[0].date: 2026-01-10 is outside the scenario's horizon (2025-01-01 to "
              "2025-01-30)");
    }
}
