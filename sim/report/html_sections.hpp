#pragma once
// Internal: the sections of report.html (see mmsim/html_report.hpp). Each
// returns one <section> element; a section whose data the report lacks says so
// in a sentence instead of drawing an empty chart.

#include <string>
#include <vector>

#include "mmsim/report.hpp"
#include "mmsim/scenario.hpp"
#include "report/svg_chart.hpp"

namespace mmsim::detail {

/// The daily series (table, entity, metric), or nullptr.
const SeriesSummary* find_series(const Report& report, const std::string& table, const std::string& entity,
                                 const std::string& metric);

/// A chart line of a daily series: x = day index, y = mean, band = 95% CI,
/// every value multiplied by `scale`.
ChartSeries chart_series(const SeriesSummary& series, const std::string& label, double scale = 1);

/// "12.3 <span>(11.9–12.7)</span>": mean and 95% interval times `scale`, or an
/// en dash when undefined.
std::string estimate_html(const Summary* summary, double scale, int decimals, const std::string& unit = "");

/// A table cell background for `value` between `low` and `high` (a light to
/// dark blue ramp), with a text colour that stays readable on it, as a style
/// attribute; "" for NaN.
std::string shade_style(double value, double low, double high);

std::string personnel_section(const Report& report, const Scenario& scenario);
std::string coverage_section(const Report& report, const Scenario& scenario);
std::string limits_section(const Report& report);
std::string response_section(const Report& report, const Scenario& scenario);
std::string funding_section(const Report& report, const Scenario& scenario);
std::string zones_section(const Report& report, const Scenario& scenario);
/// Each time window's figures beside the whole run's ("" without windows).
std::string windows_section(const Report& report, const Scenario& scenario);
/// Charts of every daily table the other sections do not draw ("" if none).
std::string other_series_section(const Report& report, const Scenario& scenario);

}  // namespace mmsim::detail
