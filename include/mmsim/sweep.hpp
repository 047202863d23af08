#pragma once
// Parameter sweeps: a sweep file names a base scenario and the scenario paths
// to vary; its design (full grid, Latin hypercube or an explicit table) turns
// them into points. Each (point, replication) pair is one task, run with
// run_replication(); task t is point t / R, replication t % R, for R
// replications per point. Every finished task is appended durably to a journal
// in the output folder, so a killed sweep resumes where it stopped; shards
// (`--shard K/N`) run a deterministic share of the tasks and merge_sweeps()
// combines their folders. Output files depend on the journal's records alone,
// sorted by task, so they are byte-identical whatever the thread count or
// shard layout.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "mmsim/document.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/enum_names.hpp"
#include "mmsim/error.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/work_limits.hpp"

namespace mmsim {

/// Most points a sweep may have (a grid is checked before it is built). The
/// fuzz build lowers it (tests/fuzz/README.md): loading a sweep builds every
/// point's scenario, so its time grows with the points by design.
#ifndef MMSIM_MAX_SWEEP_POINTS
#define MMSIM_MAX_SWEEP_POINTS 1'000'000
#endif
inline constexpr std::size_t kMaxSweepPoints = MMSIM_MAX_SWEEP_POINTS;
/// Most values a sweep's design may hold (points x parameters): each is kept
/// as text and as a `--set` argument, some 250 bytes, so this caps the design
/// at about 500 MB. Checked before a design is built.
inline constexpr std::uint64_t kMaxSweepValues = 2'000'000;
/// Most tasks (points x replications) a sweep may have.
inline constexpr std::uint64_t kMaxSweepTasks = 10'000'000;

/// How a sweep's points are made (YAML: design).
enum class SweepDesign { grid, latin_hypercube, table };
inline constexpr EnumName<SweepDesign> kSweepDesignNames[] = {
    {SweepDesign::grid, "grid"}, {SweepDesign::latin_hypercube, "latin_hypercube"}, {SweepDesign::table, "table"}};
constexpr std::span<const EnumName<SweepDesign>> enum_names(SweepDesign) { return kSweepDesignNames; }

/// One point of a sweep: a value for each parameter, in parameter order.
struct SweepPoint {
    std::vector<std::string> values;     ///< as shown in CSV files (YAML text)
    std::vector<std::string> overrides;  ///< "path=value" arguments, as `--set` takes them
    std::vector<SourcePos> origins;      ///< where each value was written in the sweep file
};

/// A loaded, validated sweep file (see scenarios/README.md, "Parameter sweeps").
struct Sweep {
    std::string name;           ///< default: the sweep file's stem
    std::string file;           ///< the sweep file, as given
    std::uint64_t hash = 0;     ///< FNV-1a of the sweep document (not its comments or layout)
    std::string scenario_file;  ///< the base scenario, relative to the working folder
    std::string scenario_name;
    std::uint64_t scenario_hash = 0;  ///< of the base scenario's resolved document
    SweepDesign design = SweepDesign::grid;
    std::uint64_t design_seed = 1;        ///< Latin hypercube only
    int replications = 1;                 ///< per point
    std::vector<std::string> parameters;  ///< scenario paths, in sweep-file order
    std::vector<SweepPoint> points;
    /// The metrics results.csv and summary.csv keep (sweep file key
    /// `metrics`): names or patterns with '*'; empty for every headline metric.
    std::vector<std::string> metrics;
    Node base;  ///< the base document with the sweep's `set` applied

    /// points.size() * replications.
    std::uint64_t tasks() const;
    /// The scenario of `point` (< points.size()); every point was validated
    /// when the sweep was loaded.
    Scenario scenario(std::size_t point) const;
    /// Whether the result files keep the metric `name`: a headline metric
    /// (is_headline_metric) that `metrics`, when given, selects.
    bool keeps_metric(const std::string& name) const;
};

/// Loads and validates a sweep file, its base scenario and every point's
/// scenario; with `metrics`, runs the first task once to check that each
/// entry selects one of its metrics. Throws ScenarioError listing every
/// problem, each as `file:line:col: message`; a problem a point's values cause in the scenario
/// is positioned at the value in the sweep file and names the point. Each
/// point's run (the sweep's replications, on one thread) is checked against
/// `limits` (check_work), as `mmsim run` checks a scenario.
Sweep load_sweep(const std::string& path, const WorkLimits& limits = {});

/// `samples` x `dimensions` values u[i][j] in [0, 1) drawn from the stream
/// (seed, 0, Purpose::sweep_design): in every column each stratum
/// [k / samples, (k + 1) / samples) holds exactly one value (Latin hypercube),
/// u[i][j] = (perm_j[i] + U) / samples with independent permutations.
std::vector<std::vector<double>> latin_hypercube(std::size_t samples, std::size_t dimensions,
                                                 std::uint64_t seed);

/// The design as CSV: `point,<parameters...>`, one row per point.
std::string design_csv(const Sweep& sweep);

/// Whether a report metric is a sweep's "headline" metric, a column of
/// results.csv: every scalar metric except the per-team workload shares
/// (`workload.<contingent>.<team>`), whose number changes with the teams a
/// point fields.
bool is_headline_metric(const std::string& name);

/// A share of a sweep's tasks: task t belongs to shard K of N when t % N == K
/// (round robin, so that expensive points spread over the shards).
struct Shard {
    int index = 0;  ///< K, 0 <= K < count
    int count = 1;  ///< N >= 1

    bool owns(std::uint64_t task) const {
        return task % static_cast<std::uint64_t>(count) == static_cast<std::uint64_t>(index);
    }
    /// "K/N".
    std::string text() const;
};

/// Parses "K/N" (0 <= K < N <= 100000); throws UsageError otherwise.
Shard parse_shard(const std::string& text);

/// Progress of a running sweep, counted in the tasks of its shard.
struct SweepProgress {
    std::uint64_t done = 0;     ///< journaled, including those found on --resume
    std::uint64_t resumed = 0;  ///< found in the journal when the run started
    std::uint64_t total = 0;    ///< tasks of this shard
};

struct SweepRunOptions {
    std::filesystem::path out;  ///< the sweep folder
    int threads = 0;            ///< 0 = all cores
    Shard shard;
    /// Go on from the folder's journal (refused when the sweep, its base
    /// scenario or the tool version changed); an empty folder starts afresh.
    /// Without it a folder that holds a journal is refused.
    bool resume = false;
    /// Called after each durable batch of records (from one thread at a time).
    std::function<void(const SweepProgress&)> on_progress;
    /// Called with remarks for the user ("dropped a torn last record...").
    std::function<void(const std::string&)> on_note;
};

struct SweepRunResult {
    SweepProgress progress;
    std::vector<std::filesystem::path> written;  ///< output files
};

/// Runs the shard's unfinished tasks on `threads` threads, journaling each,
/// then writes design.csv, results.csv, manifest.json and, when the shard is
/// the whole sweep, summary.csv into `out`. Throws ScenarioError when
/// resuming is refused, Error on I/O failures (finished tasks stay journaled).
SweepRunResult run_sweep(const Sweep& sweep, const SweepRunOptions& options);

/// Combines the folders of sweep shards: checks that all come from the same
/// sweep (file, base scenario, design and tool version) and that every task is
/// present exactly once, then writes into `out` the design.csv, results.csv
/// and summary.csv a single run would have written (byte for byte), and a
/// manifest.json naming the merged folders. Throws ScenarioError otherwise.
/// With `partial`, the folders may cover a part of the tasks, but each must
/// hold every task of its shard: `out` then gets results.csv (no summary.csv)
/// and a journal.log of the records in task order, so that a later merge
/// takes it as one folder (a merge of merges, for sweeps sharded over
/// thousands of array tasks). Memory stays bounded whatever the task count
/// (records are sorted through hidden run files in `out`).
std::vector<std::filesystem::path> merge_sweeps(const std::vector<std::filesystem::path>& dirs,
                                                const std::filesystem::path& out,
                                                bool partial = false);

}  // namespace mmsim
