#pragma once
// Goal seeking: the smallest (or largest) value of one scenario path that
// meets a target on a metric, with a stated confidence (`mmsim solve`).
//
// The procedure is a bisection over the values LO, LO+S, ..., HI in which
// every comparison with the target is a sequential test. At a value, the
// metric's replications are evaluated in growing batches (n0, 2n0, 4n0, ...
// up to a cap); after each batch a Student-t interval at level 1 - a decides
// "meets" or "fails" as soon as it lies on one side of the target. Every
// value uses replications 0, 1, 2, ... of the same scenario, so the values
// share their random numbers (common random numbers): differences between
// them are the model's, not the dice's. The error budget alpha = 1 -
// confidence is split (Bonferroni) over the decisions a search can make (LO,
// HI and the bisection steps) and over each decision's looks at the data, so
// with probability at least `confidence` every decision is right, and then,
// if the metric is monotone in the value, so is the answer. A value whose
// interval still straddles the target at the cap is "undecided" and counted
// as not meeting it: the answer is then conservative (never too small for a
// smallest-value search). References: Pasupathy and Kim, "The stochastic
// root-finding problem", ACM TOMACS 21(3), 2011 (bisection on noisy
// responses); Bonferroni's inequality for the joint statement.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mmsim/statistics.hpp"
#include "mmsim/work_limits.hpp"

namespace mmsim {

/// "METRIC >= VALUE" or "METRIC <= VALUE".
struct SolveTarget {
    std::string metric;     ///< as written (may be "window.<w>.<metric>")
    bool at_least = true;   ///< >= (true) or <= (false)
    double value = 0;       ///< in the metric's own unit (a share as 0..1)
    std::string text;       ///< as the user wrote it

    /// Whether `figure` meets the target.
    bool met_by(double figure) const { return at_least ? figure >= value : figure <= value; }
};

/// How many times a sequential procedure looks at a value's replications
/// when it runs them in batches of `first`, doubling up to `max` (>= first).
int sequential_looks(int first, int max);

/// Parses a target. VALUE is a number, or a percentage ("80%") for a metric
/// whose unit is a share. Throws UsageError naming --target.
SolveTarget parse_solve_target(const std::string& text);

/// The values tried: `low`, `low + step`, ..., and `high`.
struct SolveRange {
    std::string path;       ///< a scenario path, as --set takes it
    double low = 0, high = 0, step = 1;
    bool integer = true;    ///< values are written as integers
    std::string text;       ///< as the user wrote it

    /// The values, in increasing order (`high` last even off the step).
    std::vector<double> values() const;
    /// The value as --set writes it ("12", "0.35").
    std::string format(double value) const;
};

/// Parses "PATH=LO..HI" with an optional step (required unless LO and HI are
/// integers; default 1). Throws UsageError naming --vary or --step.
SolveRange parse_solve_range(const std::string& text, std::optional<double> step);

struct SolveOptions {
    std::string scenario;                    ///< the scenario file
    std::vector<std::string> overrides;      ///< --set, applied before the varied value
    std::optional<std::string> window;       ///< --window: the target is taken over it
    SolveRange range;
    SolveTarget target;
    bool largest = false;                    ///< the largest value meeting the target
    double confidence = 0.95;                ///< of the joint statement, in (0, 1)
    int first_replications = 10;             ///< n0, >= 3
    int max_replications = 160;              ///< the cap per value, >= n0
    std::optional<std::uint64_t> seed;       ///< default: the scenario's
    int threads = 0;                         ///< 0 = all cores
    /// Each value's scenario, at max_replications, is checked against these
    /// before it runs (check_work).
    WorkLimits limits;
    /// Called after each batch (value, replications so far); may be empty.
    std::function<void(double value, int replications)> progress;
};

/// One value tried.
struct SolvePoint {
    enum class Decision { meets, fails, undecided };
    double value = 0;
    std::vector<double> samples;  ///< the metric, replication by replication
    Summary summary;              ///< at the decision level
    Decision decision = Decision::undecided;
};

struct SolveResult {
    SolveOptions options;
    std::string metric;                   ///< the metric searched ("window.<w>." + target's)
    std::string scenario_name;
    std::uint64_t seed = 0;
    std::vector<SolvePoint> points;       ///< in the order tried
    std::optional<double> answer;         ///< none: not reachable in the range
    int decisions = 0;                    ///< most decisions the search could make
    int looks = 0;                        ///< most looks per decision
    double level = 0;                     ///< of each look's interval
    bool conservative = false;            ///< an undecided value counted as failing
    std::vector<std::string> warnings;    ///< monotonicity contradictions, hints
    int replications() const;             ///< over all values

    /// The answer in words with its confidence statement, or why there is none.
    std::string statement() const;
};

/// Runs the search. Throws ScenarioError/UsageError for bad input (a path
/// that does not take the values, a metric the scenario does not report),
/// before any replication is kept.
SolveResult solve(const SolveOptions& options);

/// The table printed on stdout, solve.csv and solve.json.
std::string to_text(const SolveResult& result);
std::string to_csv(const SolveResult& result);
std::string to_json(const SolveResult& result);

}  // namespace mmsim
