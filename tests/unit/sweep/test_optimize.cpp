// mmsim optimize on options whose answer is known from queueing theory: the
// fewest teams with Erlang-C P(wait) <= 0.1 among c = 3..8 (twice each).

#include <doctest/doctest.h>

#include <string>

#include "mmsim/analytic.hpp"
#include "mmsim/optimize.hpp"

using namespace mmsim;

TEST_SUITE("optimize") {
    TEST_CASE("the cheapest feasible option is chosen, its exact twin is a near-tie, and replications go where they decide") {
        const Optimization problem =
            load_optimization(std::string(MMSIM_SOURCE_DIR) + "/tests/data/optimize/mmc-fewest-teams.yaml");
        REQUIRE(problem.sweep.points.size() == 12);
        const OptimizationResult one = optimize(problem, 1);
        const OptimizationResult two = optimize(problem, 2);
        CHECK(to_json(one) == to_json(two));
        REQUIRE(one.chosen.has_value());
        // Points are c-major: 2 per team count, c = 3 first.
        auto teams = [](std::size_t point) { return 3 + static_cast<int>(point / 2); };
        for (const OptionResult& o : one.options) {
            CAPTURE(o.point);
            const int c = teams(o.point);
            const bool feasible = mmc(2.0, 1.0, c).prob_wait <= 0.1;
            if (!feasible) CHECK(o.status == OptionResult::Status::infeasible);
            else if (c == 5) CHECK((o.status == OptionResult::Status::chosen || o.status == OptionResult::Status::near_tie));
            else CHECK(o.status == OptionResult::Status::eliminated);
        }
        CHECK(teams(one.options[*one.chosen].point) == 5);
        // A grid of the same precision runs every option to the cap.
        CHECK(one.replications() < static_cast<int>(problem.sweep.points.size()) * problem.max_replications / 2);
        CHECK(to_text(one).find("1 other option cannot be told apart from it") != std::string::npos);
        CHECK(to_html(one).find("<svg") != std::string::npos);
    }
}
