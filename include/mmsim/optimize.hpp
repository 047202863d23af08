#pragma once
// Choosing among discrete options (`mmsim optimize OPT.yaml`): the points of
// a sweep file's design, one objective metric to minimise or maximise, and
// constraints on other metrics.
//
// The procedure, in two phases, on common random numbers (every option runs
// replications 0, 1, 2, ... of its scenario):
//  1. Feasibility. Each option runs in batches (n0, 2n0, ... up to a cap)
//     until a Student-t interval of every constraint's metric lies on one
//     side of its bound: feasible when all are met, infeasible as soon as one
//     is clearly missed. An option still undecided at the cap is reported as
//     such and not chosen.
//  2. Selection among the feasible. In rounds, every surviving option gets
//     more replications; option i is eliminated when a paired interval of
//     its objective minus some survivor j's (same replications, so the
//     comparison is paired) says i is worse than j by more than the
//     indifference amount. Survivors at the cap cannot be told apart from the
//     best (near-ties); the chosen option is the survivor with the best mean.
// The error budget 1 - confidence is split (Bonferroni) over every interval
// the procedure may look at, so the whole statement holds at `confidence`:
// no feasible option is called infeasible, and no option as good as the best
// (within the indifference amount) is eliminated. Replications go where they
// decide something: a decided option stops. This is a fully sequential
// screening in the spirit of Paulson (1964) and Kim and Nelson's KN procedure
// (ACM TOMACS 11(3), 2001), with the feasibility check of Andradottir and Kim
// (Naval Research Logistics 57(5), 2010), made conservative by Bonferroni in
// place of their continuation regions.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mmsim/solve.hpp"
#include "mmsim/statistics.hpp"
#include "mmsim/sweep.hpp"
#include "mmsim/work_limits.hpp"

namespace mmsim {

/// A loaded, validated optimisation file (scenarios/README.md, "Choosing among options").
struct Optimization {
    std::string name;
    std::string file;
    Sweep sweep;                         ///< its points are the options
    std::string objective;               ///< a metric
    bool minimize = true;
    double indifference = 0;             ///< in the objective's unit, >= 0
    std::vector<SolveTarget> constraints;
    std::optional<std::string> window;   ///< added to every option: [NAME=]FROM..TO
    double confidence = 0.95;
    int first_replications = 10;
    int max_replications = 80;
    /// Each option's scenario, at max_replications, is checked against
    /// these before any runs (check_work); the command line sets them.
    WorkLimits limits;
};

/// Loads an optimisation file and its sweep. Throws ScenarioError with
/// file:line:col for every problem.
Optimization load_optimization(const std::string& path);

/// One option's fate.
struct OptionResult {
    enum class Status { chosen, near_tie, eliminated, infeasible, undecided };
    std::size_t point = 0;                    ///< index into the sweep's points
    std::vector<std::vector<double>> samples; ///< [0] objective, then each constraint, by replication
    std::vector<Summary> summaries;           ///< at `confidence`, same order
    Status status = Status::undecided;
    std::string why;                          ///< which constraint failed, or who beat it
};

struct OptimizationResult {
    const Optimization* problem = nullptr;
    std::vector<OptionResult> options;  ///< in point order
    std::optional<std::size_t> chosen;  ///< index into options
    double level = 0;                   ///< of each interval looked at
    int resumed = 0;                    ///< replications read back from the journal, not run
    int replications() const;
};

/// Runs the procedure on `threads` threads (0 = all cores); deterministic
/// whatever their number. `progress` (may be empty) gets replications done.
/// With a `journal` file, every replication's figures are appended to it as
/// they come, and those it already holds are read back instead of run: a
/// killed optimisation resumes, and a finished one answers again at once,
/// with the same result and files. A journal written for other options,
/// window or metrics is refused (ScenarioError, naming it).
OptimizationResult optimize(const Optimization& problem, int threads,
                            const std::function<void(std::uint64_t replications)>& progress = {},
                            const std::filesystem::path& journal = {});

/// The table on stdout, optimize.csv, optimize.json and optimize.html (the
/// options and the trade-off front of the objective against the first
/// constraint).
std::string to_text(const OptimizationResult& result);
std::string to_csv(const OptimizationResult& result);
std::string to_json(const OptimizationResult& result);
std::string to_html(const OptimizationResult& result);

}  // namespace mmsim
