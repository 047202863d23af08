#include "run/window_metrics.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <string_view>

#include "mmsim/statistics.hpp"

namespace mmsim::detail {
namespace {

const std::vector<double>* find_series(const ReplicationResult& result, std::string_view table,
                                       std::string_view entity, std::string_view metric) {
    for (const DailySeries& s : result.series)
        if (s.table == table && s.entity == entity && s.metric == metric) return &s.by_day;
    return nullptr;
}

// Days [first, end) of a series.
std::span<const double> days_of(const std::vector<double>& series, int first, int end) {
    return std::span<const double>(series).subspan(static_cast<std::size_t>(first),
                                                   static_cast<std::size_t>(end - first));
}

double count_positive(std::span<const double> days) {
    return static_cast<double>(std::count_if(days.begin(), days.end(), [](double v) { return v > 0; }));
}

// What a running total (a cumulative series) added over the days.
double added(const std::vector<double>& cumulative, int first, int end) {
    const double before = first > 0 ? cumulative[static_cast<std::size_t>(first - 1)] : 0;
    return cumulative[static_cast<std::size_t>(end - 1)] - before;
}

}  // namespace

void put_series_window_metrics(const Scenario& scenario, ReplicationResult& result) {
    std::vector<MetricValue> metrics;
    for (const TimeWindow& window : scenario.windows) {
        const int first = window.first_day(scenario.start), end = window.end_day(scenario.start);
        const std::string prefix = "window." + window.name + ".";
        auto put = [&](const std::string& name, double value) { metrics.push_back({prefix + name, value}); };

        // Officers: each contingent, then all of them day by day.
        std::vector<double> all_in_theatre(static_cast<std::size_t>(end - first), 0);
        double all_ready = 0;
        for (const Contingent& contingent : scenario.contingents) {
            const auto* in_theatre = find_series(result, "personnel", contingent.id, "in_theatre");
            const auto* ready = find_series(result, "personnel", contingent.id, "ready");
            if (!in_theatre || !ready) continue;
            const std::span<const double> days = days_of(*in_theatre, first, end);
            for (std::size_t d = 0; d < days.size(); ++d) all_in_theatre[d] += days[d];
            all_ready += (*ready)[static_cast<std::size_t>(end - 1)];
            const std::string p = "personnel." + contingent.id + ".";
            put(p + "in_theatre_end", days.back());
            put(p + "ready_end", (*ready)[static_cast<std::size_t>(end - 1)]);
            put(p + "peak_in_theatre", *std::max_element(days.begin(), days.end()));
        }
        put("personnel.all.in_theatre_end", all_in_theatre.back());
        put("personnel.all.ready_end", all_ready);
        put("personnel.all.peak_in_theatre", *std::max_element(all_in_theatre.begin(), all_in_theatre.end()));

        if (const auto* g = find_series(result, "control", "all", "g")) {
            put("control.mean", mean_of(days_of(*g, first, end)));
            put("control.end", (*g)[static_cast<std::size_t>(end - 1)]);
        }

        if (const auto* balance = find_series(result, "funding", "all", "balance")) {
            auto series = [&](std::string_view name) { return *find_series(result, "funding", "all", name); };
            put("funding.received.all", added(series("cumulative_receipts"), first, end));
            put("funding.spent.all", added(series("cumulative_spending"), first, end));
            put("funding.balance_end", (*balance)[static_cast<std::size_t>(end - 1)]);
            put("funding.arrears_end", series("arrears")[static_cast<std::size_t>(end - 1)]);
            put("funding.shortfall_days", count_positive(days_of(series("shortfall"), first, end)));
            put("funding.days_in_arrears", count_positive(days_of(series("arrears"), first, end)));
        }
    }
    result.metrics.insert(result.metrics.end(), metrics.begin(), metrics.end());
}

void order_window_metrics_last(ReplicationResult& result) {
    std::stable_partition(result.metrics.begin(), result.metrics.end(),
                          [](const MetricValue& m) { return m.name.rfind("window.", 0) != 0; });
}

}  // namespace mmsim::detail
