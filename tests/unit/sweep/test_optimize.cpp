// mmsim optimize on options whose answer is known from queueing theory: the
// fewest teams with Erlang-C P(wait) <= 0.1 among c = 3..8 (twice each).

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "cli_helpers.hpp"
#include "mmsim/analytic.hpp"
#include "mmsim/error.hpp"
#include "mmsim/optimize.hpp"
#include "temp_files.hpp"

using namespace mmsim;
using mmsim::test::read_text;
using mmsim::testing::TempDir;

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

    TEST_CASE("a killed optimisation resumes from its journal to the same result, and another's journal is refused") {
        const Optimization problem =
            load_optimization(std::string(MMSIM_SOURCE_DIR) + "/tests/data/optimize/mmc-fewest-teams.yaml");
        TempDir dir("optimize-journal");
        const std::filesystem::path journal = dir.path() / "optimize.journal";
        const OptimizationResult whole = optimize(problem, 2, {}, journal);
        CHECK(whole.resumed == 0);
        const std::string full = read_text(journal);

        // A kill mid-write: the header, half the figures' lines and half a line.
        std::size_t cut = 0;
        while (full.compare(cut, 1, "#") == 0) cut = full.find('\n', cut) + 1;
        const std::string header = full.substr(0, cut);
        const auto lines = static_cast<int>(std::count(full.begin() + static_cast<std::ptrdiff_t>(cut), full.end(), '\n'));
        REQUIRE(lines == whole.replications());
        for (int i = 0; i < lines / 2; ++i) cut = full.find('\n', cut) + 1;
        dir.write("optimize.journal", full.substr(0, cut + 5));
        const OptimizationResult resumed = optimize(problem, 1, {}, journal);
        CHECK(resumed.resumed == lines / 2);
        CHECK(to_json(resumed) == to_json(whole));
        CHECK(to_csv(resumed) == to_csv(whole));
        CHECK(read_text(journal) == full);  // the same lines in the same order

        // A finished optimisation answers again from its journal alone.
        const OptimizationResult again = optimize(problem, 2, {}, journal);
        CHECK(again.resumed == again.replications());
        CHECK(to_json(again) == to_json(whole));

        // Other metrics make another optimisation: its figures are not these.
        Optimization other = problem;
        other.constraints.clear();
        CHECK_THROWS_WITH_AS(optimize(other, 1, {}, journal),
                             doctest::Contains("optimize.journal:1:1: this journal belongs to another optimisation"),
                             ScenarioError);
        // A damaged line is named.
        dir.write("optimize.journal", header + "0 0 1\n");
        CHECK_THROWS_WITH_AS(optimize(problem, 1, {}, journal), doctest::Contains("the journal is damaged"),
                             ScenarioError);
    }
}
