// mmsim solve against queueing theory: on the M/M/c validation scenario the
// smallest number of teams whose Erlang-C probability of waiting is under a
// target is known exactly, and the search must find it as often as its
// confidence statement promises.

#include <doctest/doctest.h>

#include <string>

#include "mmsim/analytic.hpp"
#include "mmsim/error.hpp"
#include "mmsim/solve.hpp"

using namespace mmsim;

namespace {

const std::string kMmc = std::string(MMSIM_SOURCE_DIR) + "/tests/data/validation/mmc.yaml";

SolveOptions teams_for(const std::string& target, const std::string& range = "contingents.police.waves[0].officers=3..12") {
    SolveOptions options;
    options.scenario = kMmc;
    options.range = parse_solve_range(range, std::nullopt);
    options.target = parse_solve_target(target);
    options.threads = 1;
    return options;
}

}  // namespace

TEST_SUITE("solve") {
    TEST_CASE("the smallest c with Erlang-C P(wait) <= 0.1 is found in at least 19 of 20 seeds") {
        // lambda = 2/h, mu = 1/h (a = 2 erlangs): P(wait) is 0.174 at c = 4 and
        // 0.060 at c = 5, so c* = 5.
        int exact_c = 0;
        for (int c = 3; c <= 12 && exact_c == 0; ++c)
            if (mmc(2.0, 1.0, c).prob_wait <= 0.1) exact_c = c;
        REQUIRE(exact_c == 5);
        int right = 0;
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            SolveOptions options = teams_for("dispatch.wait_probability <= 0.1");
            options.seed = seed;
            const SolveResult result = solve(options);
            CAPTURE(seed);
            REQUIRE(result.answer.has_value());
            right += *result.answer == exact_c;
            CHECK(result.warnings.empty());
        }
        CHECK(right >= 19);
    }

    TEST_CASE("the largest arrival rate a fixed force keeps under a wait target, with --maximize-value") {
        // Three teams, mu = 1/h: P(wait) <= 0.1 needs lambda <= about 0.8/h;
        // Erlang C at 0.75/h (18 a day) is 0.063, at 1.0/h (24 a day) 0.111.
        SolveOptions options = teams_for("dispatch.wait_probability <= 0.1", "theatre.zones.city.incident_rate_per_day=6..48");
        options.range.step = 6;
        options.largest = true;
        const SolveResult result = solve(options);
        REQUIRE(result.answer.has_value());
        CHECK(mmc(*result.answer / 24, 1.0, 3).prob_wait <= 0.1);
        CHECK(mmc((*result.answer + 6) / 24, 1.0, 3).prob_wait > 0.1);
    }

    TEST_CASE("a target out of reach is a result, with the best value's figure") {
        const SolveResult result = solve(teams_for("dispatch.wait_probability <= 0.1", "contingents.police.waves[0].officers=3..4"));
        CHECK_FALSE(result.answer.has_value());
        CHECK(result.statement().rfind("Not reachable in 3..4: the best value, 4, reached dispatch.wait_probability = ", 0) == 0);
    }

    TEST_CASE("a metric that moves the other way is said so") {
        const SolveResult result = solve(teams_for("dispatch.wait_probability >= 0.1"));
        CHECK_FALSE(result.answer.has_value());
        REQUIRE(result.warnings.size() >= 1);
        CHECK(result.warnings[0].find("try --maximize-value") != std::string::npos);
    }

    TEST_CASE("a value whose interval still straddles the target at the cap counts as failing, and the answer says so") {
        // P(wait) at c = 5 is 0.0598: a target of 0.0598 cannot be told apart in 10 replications.
        SolveOptions options = teams_for("dispatch.wait_probability <= 0.0598");
        options.max_replications = 10;
        const SolveResult result = solve(options);
        CHECK(result.conservative);
        CHECK(result.statement().find("may be larger than needed") != std::string::npos);
    }

    TEST_CASE("bad targets and ranges name the option") {
        auto message = [](auto&& call) {
            try {
                call();
            } catch (const UsageError& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        CHECK(message([] { parse_solve_target("coverage.patrol_ratio > 0.5"); }) ==
              "--target coverage.patrol_ratio > 0.5: expected 'METRIC >= VALUE' or 'METRIC <= VALUE'");
        CHECK(message([] { parse_solve_target("response.mean_min <= 35%"); }) ==
              "--target response.mean_min <= 35%: a percentage fits a share, and response.mean_min is in min");
        CHECK(parse_solve_target("coverage.population_within_target >= 80%").value == doctest::Approx(0.8));
        CHECK(message([] { parse_solve_range("x=5..5", std::nullopt); }) ==
              "--vary x=5..5: the range is empty (LO must be below HI)");
        CHECK(message([] { parse_solve_range("x=0.5..2", std::nullopt); }) ==
              "--vary x=0.5..2: give --step for a range of real values");
        const SolveRange real = parse_solve_range("x=0.5..2", 0.4);
        const std::vector<double> values = real.values();  // 2 itself last, off the step
        REQUIRE(values.size() == 5);
        for (std::size_t i = 0; i < 4; ++i) CHECK(values[i] == doctest::Approx(0.5 + 0.4 * static_cast<double>(i)));
        CHECK(values[4] == 2.0);
    }
}
