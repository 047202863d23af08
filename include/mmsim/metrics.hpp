#pragma once
// The metric registry: every figure a report can carry, declared once with
// its label, unit, meaning, the direction that is better and how it is shown.
// The summary, report.html, compare, `mmsim metrics` and scenarios/METRICS.md
// all read it; a test fails when a run emits a name the registry lacks.
//
// Names are dotted. A pattern's `<...>` part stands for one id (a contingent,
// zone, funding source, fleet, cost category, team number or minute count):
// "personnel.<contingent>.arrived" matches "personnel.kenya.arrived".
// Scalar metrics have one value per replication (report.json "metrics");
// daily series one value per day, entity and replication (the CSV tables),
// named "<table>.<metric>" here.
// A scalar metric taken over a time window (windows.hpp) is named
// "window.<window>.<metric>" and has the entry of <metric>.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mmsim/enum_names.hpp"

namespace mmsim {

/// Which way a metric should move for the mission to be better off.
enum class Better { higher, lower, neither };
inline constexpr EnumName<Better> kBetterNames[] = {
    {Better::higher, "higher"}, {Better::lower, "lower"}, {Better::neither, "neither"}};
constexpr std::span<const EnumName<Better>> enum_names(Better) { return kBetterNames; }

/// A scalar metric of each replication, or a daily series of a CSV table.
enum class MetricKind { scalar, daily };
inline constexpr EnumName<MetricKind> kMetricKindNames[] = {
    {MetricKind::scalar, "scalar"}, {MetricKind::daily, "daily"}};
constexpr std::span<const EnumName<MetricKind>> enum_names(MetricKind) { return kMetricKindNames; }

/// One entry of the registry.
struct MetricInfo {
    MetricKind kind = MetricKind::scalar;
    std::string_view pattern;  ///< "coverage.patrol_ratio", "personnel.<contingent>.arrived"
    std::string_view label;    ///< for people: "patrol ratio (share of demand)"
    /// "share" (0..1), "min", "days", "officers", "officer-days", "teams",
    /// "incidents", "vehicles", "g" (gang control, 0..1), "currency" (the
    /// scenario's currency), "currency per hour", "currency per incident", "count"
    std::string_view unit;
    Better better = Better::neither;
    int decimals = 0;          ///< decimals shown, of the figure as displayed
    std::string_view meaning;  ///< one sentence
};

/// Every metric, grouped by part of the model, in the order the docs list them.
std::span<const MetricInfo> metric_registry();

/// The window of a metric named "window.<window>.<metric>"; empty for a
/// whole-run metric.
std::string_view metric_window(std::string_view name);
/// The whole-run metric a window's metric is of ("coverage.patrol_ratio" for
/// "window.w.coverage.patrol_ratio"); `name` itself for a whole-run metric.
std::string_view metric_base(std::string_view name);

/// The entry whose pattern matches `name` for `kind`, or nullptr (a window's
/// metric has the entry of its whole-run metric).
const MetricInfo* find_metric(std::string_view name, MetricKind kind = MetricKind::scalar);

/// Does `name` fit `pattern` (each `<...>` standing for one non-empty part
/// without a dot)?
bool metric_pattern_matches(std::string_view pattern, std::string_view name);

/// Does `name` match a user's `pattern` ('*' matches any run of characters),
/// as compare's --metrics and a sweep file's `metrics` take them?
bool metric_matches(std::string_view pattern, std::string_view name);

/// How a figure is shown to people: multiplied by `scale`, with `decimals`
/// decimals, followed by `unit` ("%", "min", "million USD"; may be empty).
struct MetricDisplay {
    double scale = 1;
    int decimals = 0;
    std::string unit;
};
/// Shares become percentages, amounts of money millions of `currency`, costs
/// per hour or incident whole units of it; the rest is shown as it is.
MetricDisplay metric_display(const MetricInfo& info, std::string_view currency);

/// The ids that the <...> parts of `name`'s pattern stand for, in order
/// ("kenya" for personnel.kenya.arrived); empty when unregistered.
std::vector<std::string> metric_ids(std::string_view name, MetricKind kind = MetricKind::scalar);

/// The label of metric `name`, followed by the ids its pattern's <...> parts
/// stand for (except "all"): "officers arrived, kenya", "spent, personnel",
/// "spent" for funding.spent.all; a window's metric ends in its window,
/// "patrol ratio [after_latam]". `name` itself when unregistered.
std::string metric_label(std::string_view name, MetricKind kind = MetricKind::scalar);

/// metric_label() followed by the displayed unit, unless the label already
/// says it: "mean response time (min)", "received (million USD)", "incidents".
/// For table rows, headers and chart axes.
std::string metric_heading(std::string_view name, std::string_view currency,
                           MetricKind kind = MetricKind::scalar);
/// `label` followed by the displayed unit of `info`, unless the label says it
/// (metric_heading with a label of the caller's, e.g. with display names).
std::string with_unit(const MetricInfo& info, const std::string& label, std::string_view currency);

/// Whether a chart draws the metric as a percentage: shares and gang
/// control, both 0 to 1 (false for nullptr).
bool drawn_as_percent(const MetricInfo* info);

/// The registry as a Markdown document (scenarios/METRICS.md).
std::string metrics_markdown();
/// The registry as JSON (`mmsim metrics --format json`).
std::string metrics_json();
/// The registry as a plain-text table (`mmsim metrics`).
std::string metrics_table();

}  // namespace mmsim
