#pragma once
// Is a difference real or noise? `mmsim compare` sets configurations side by
// side, the first as the base: each one's mean and 95% interval per metric,
// the difference from the base with its own 95% interval, the relative change,
// and whether the interval excludes zero (significant).
//
// Two ways in:
//   - saved reports (report.json): only summaries survive, so differences use
//     Welch's unequal-variance interval from (mean, sd, n), which assumes the
//     runs are independent;
//   - fresh runs with common random numbers: every scenario is run with the
//     base's seed and replication count, so replication r of each draws from
//     the same streams (seed, r, purpose); the difference is taken replication
//     by replication and its interval is the paired t interval. What the
//     scenarios share (the same incidents where the incident model is the
//     same) cancels, which usually makes the interval much narrower. Welch's
//     interval on the same runs is kept for contrast.
// A difference whose whole interval lies within 1e-9 (relative to the means)
// of zero is rounding noise: it is reported as exactly 0, not significant.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mmsim/report.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim {

/// A report.json read back: its provenance and metric summaries.
struct SavedReport {
    std::string file;  ///< where it was read from (named in messages)
    int schema_version = 0;
    std::string tool_version;
    std::string scenario_name;
    std::string scenario_hash;  ///< 16 hex digits
    std::uint64_t seed = 0;
    int replications = 0;
    std::string label;                   ///< the run's --label ("" when none)
    std::vector<std::string> overrides;  ///< its --set arguments
    std::vector<TimeWindow> windows;     ///< its time windows (metrics "window.<name>.*")
    std::vector<MetricSummary> metrics;  ///< undefined figures (null) are NaN
};

/// Reads a report.json. Throws ScenarioError naming the file (with line:col for
/// a JSON syntax error) when it cannot be read or is not an mmsim report.
SavedReport read_report_json(const std::string& path);

/// One compared configuration.
struct ComparedRun {
    std::string label;   ///< "A", "B", ... (A is the base)
    std::string source;  ///< report file or scenario file
    std::string scenario_name;
    std::string scenario_hash;
    std::uint64_t seed = 0;
    int replications = 0;
    /// What makes it a what-if: its --label, then "--set PATH=VALUE" for
    /// each override, joined by "; " ("" for a scenario run as written).
    std::string what_if;
};

/// One metric across the configurations.
struct MetricComparison {
    std::string metric;
    std::vector<Summary> runs;            ///< one per configuration, base first
    std::vector<Difference> differences;  ///< [i] = run i+1 minus the base
    /// [i] = differences[i].diff / |base mean| (so the sign is the direction of
    /// the change); NaN when the base mean is 0 or undefined.
    std::vector<double> relative_change;
    std::vector<Difference> unpaired;  ///< Welch intervals (paired comparisons only; else empty)
};

/// A daily series of every compared run (fresh runs only).
struct ComparedSeries {
    std::string table, entity, metric;
    std::vector<DaySummaries> by_run;  ///< [run][day]
};

struct Comparison {
    bool paired = false;  ///< common random numbers, paired intervals
    double confidence = 0.95;
    std::vector<ComparedRun> runs;          ///< base first
    std::vector<MetricComparison> metrics;  ///< in the base's order
    std::vector<std::string> notes;         ///< what was left out, and why
    /// What limits the patrols: what each alternative changes, whether that
    /// resource bound the base's shifts, and where the binding cause differs.
    std::vector<std::string> explanations;
    /// The main daily series of every run, for compare.html's charts (fresh
    /// runs only): patrol ratio, population within target, teams fielded,
    /// gang control, where the runs have them; days from `start`.
    std::vector<ComparedSeries> series;
    std::optional<Date> start;
};

/// Compares saved reports, the first as base. `selection` holds metric names
/// or patterns with '*' (any characters, e.g. "coverage.*"); empty = every
/// metric that all reports share (the others are listed in notes). Throws
/// ScenarioError naming the file when its schema_version differs from the
/// base's, when a selected name is missing from it, and when the reports share
/// no metric; UsageError when fewer than two reports are given or a pattern
/// matches nothing.
Comparison compare_reports(std::span<const SavedReport> reports, std::span<const std::string> selection);

/// Runs every scenario (the first is the base) with the base's seed and
/// replication count, on `threads` threads (0 = all cores), and compares them
/// replication by replication (paired). `selection` as for compare_reports.
/// Throws UsageError with fewer than two scenarios.
/// `labels` names the runs (base first); an empty one, or none given, gets
/// the default letter ("A", "B", ...). `on_done`, when given, is called after
/// each replication of each run as run_replications calls it (progress, and a
/// caller's way to stop: an exception it throws stops the comparison).
Comparison compare_runs(std::span<const Scenario> scenarios, std::span<const std::string> selection,
                        int threads, std::span<const std::string> labels = {},
                        const std::function<void(const ReplicationResult&)>& on_done = {});

/// The default label of run `i` (0-based): "A", "B", ..., "Z", "AA", ...
std::string default_run_label(std::size_t i);

/// The comparison as a text table for a terminal, with a header saying which
/// interval was used and a legend of the run labels.
std::string to_text(const Comparison& comparison);
/// One row per metric and run: metric,run,source,mean,ci_low,ci_high,diff,
/// diff_ci_low,diff_ci_high,relative_change,significant,method.
std::string to_csv(const Comparison& comparison);
/// compare.json (deterministic).
std::string to_json(const Comparison& comparison);
/// A self-contained HTML page with the table, significant rows marked.
std::string to_html(const Comparison& comparison);

}  // namespace mmsim
