// The renderings of a Comparison: a text table for the terminal, tidy CSV,
// JSON and a self-contained HTML page.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "analysis/compare_charts.hpp"
#include "report/csv.hpp"
#include "report/json_number.hpp"
#include "mmsim/compare.hpp"
#include "mmsim/metrics.hpp"
#include "report/svg_chart.hpp"
#include "report/text_width.hpp"

namespace mmsim {
namespace {

using detail::csv_field;
using detail::csv_figure;
using detail::escape_xml;
using detail::append_member;
using detail::json_number;

// Four significant digits, without exponents for large values.
std::string short_number(double value) {
    if (!std::isfinite(value)) return "\u2013";
    char buffer[64];
    if (std::fabs(value) >= 1e4)
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
    else
        std::snprintf(buffer, sizeof buffer, "%.4g", value);
    return std::string(buffer) == "-0" ? "0" : buffer;
}

std::string interval(double mean, double low, double high) {
    return short_number(mean) + " [" + short_number(low) + ", " + short_number(high) + "]";
}

std::string relative(double change) {
    if (!std::isfinite(change)) return "\u2013";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%+.1f%%", change * 100);
    return buffer;
}

// `text` followed by spaces up to `to` columns.
std::string fill_to(const std::string& text, std::size_t to) {
    return text + std::string(to - std::min(to, detail::display_width(text)), ' ');
}

std::string method(const Comparison& c) {
    return c.paired ? "paired differences over replications with common random numbers"
                    : "Welch intervals from independent summaries (mean, sd, n)";
}

// How much narrower the paired intervals are than Welch's on the same runs
// (median ratio of widths over metrics where both are defined).
double median_narrowing(const Comparison& c) {
    std::vector<double> ratios;
    for (const MetricComparison& m : c.metrics)
        for (std::size_t i = 0; i < m.unpaired.size(); ++i) {
            const double p = m.differences[i].ci_high - m.differences[i].ci_low;
            const double u = m.unpaired[i].ci_high - m.unpaired[i].ci_low;
            if (p > 0 && u > 0 && std::isfinite(p) && std::isfinite(u)) ratios.push_back(u / p);
        }
    return ratios.empty() ? std::nan("") : quantile(ratios, 0.5);
}

}  // namespace

std::string to_text(const Comparison& c) {
    std::string out = "Comparison of " + std::to_string(c.runs.size()) + " configurations: " + method(c) + "\n";
    if (c.paired && !c.runs.empty())
        out += "(seed " + std::to_string(c.runs.front().seed) + ", " +
               std::to_string(c.runs.front().replications) +
               " replications each; replication r of every configuration draws the same random streams)\n";
    std::size_t label_width = 0;
    for (const ComparedRun& r : c.runs) label_width = std::max(label_width, detail::display_width(r.label));
    for (const ComparedRun& r : c.runs)
        out += "  " + fill_to(r.label + (&r == &c.runs.front() ? " (base)" : ""), label_width + 9) +
               r.scenario_name + "  " + r.source + "  hash " + r.scenario_hash +
               (r.what_if.empty() ? "" : "  (" + r.what_if + ")") + "\n";
    out +=
        "Means with 95% confidence intervals; difference = run - A, with its 95% interval; change relative to A.\n"
        "* = the difference's interval excludes 0 (significant at the 5% level).\n\n";

    std::vector<std::vector<std::string>> rows{
        {"metric", "run", "mean [95% CI]", "difference [95% CI]", "change"}};
    for (const MetricComparison& m : c.metrics) {
        for (std::size_t i = 0; i < m.runs.size(); ++i) {
            const Summary& s = m.runs[i];
            // The metric's name, then its label (metric registry) beneath it.
            const std::string name = i == 0 ? m.metric : i == 1 ? "  " + metric_label(m.metric) : "";
            std::vector<std::string> row{name, c.runs[i].label,
                                         interval(s.mean, s.ci_low, s.ci_high), "", ""};
            if (i > 0) {
                const Difference& d = m.differences[i - 1];
                row[3] = interval(d.diff, d.ci_low, d.ci_high) + (d.significant ? " *" : "");
                row[4] = relative(m.relative_change[i - 1]);
            }
            rows.push_back(std::move(row));
        }
    }
    std::vector<std::size_t> widths(5, 0);
    for (const auto& row : rows)
        for (std::size_t k = 0; k < row.size(); ++k) widths[k] = std::max(widths[k], detail::display_width(row[k]));
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t k = 0; k < row.size(); ++k)
            line += k + 1 < row.size() ? fill_to(row[k], widths[k] + 2) : row[k];
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    if (c.paired) {
        const double narrowing = median_narrowing(c);
        if (std::isfinite(narrowing)) {
            char buffer[160];
            std::snprintf(
                buffer, sizeof buffer,
                "\nPaired intervals are %.1f times narrower than independent (Welch) intervals on the "
                "same runs (median over metrics).\n",
                narrowing);
            out += buffer;
        }
    }
    if (!c.explanations.empty()) {
        out += "\nWhat limits the patrols:\n";
        for (const std::string& line : c.explanations) out += "  " + line + "\n";
    }
    for (const std::string& n : c.notes) out += "note: " + n + "\n";
    return out;
}

std::string to_csv(const Comparison& c) {
    std::string out =
        "metric,run,source,mean,ci_low,ci_high,diff,diff_ci_low,diff_ci_high,relative_change,significant,method,"
        "unpaired_ci_low,unpaired_ci_high,label,unit\n";
    for (const MetricComparison& m : c.metrics) {
        const MetricInfo* info = find_metric(m.metric);
        const std::string described =
            ',' + csv_field(metric_label(m.metric)) + ',' + std::string(info ? info->unit : "") + '\n';
        for (std::size_t i = 0; i < m.runs.size(); ++i) {
            const Summary& s = m.runs[i];
            out += csv_field(m.metric) + ',' + c.runs[i].label + ',' + csv_field(c.runs[i].source) + ',' +
                   csv_figure(s.mean) + ',' + csv_figure(s.ci_low) + ',' + csv_figure(s.ci_high) + ',';
            if (i == 0) {
                out += ",,,,,,," + described;
                continue;
            }
            const Difference& d = m.differences[i - 1];
            out += csv_figure(d.diff) + ',' + csv_figure(d.ci_low) + ',' + csv_figure(d.ci_high) + ',' +
                   csv_figure(m.relative_change[i - 1]) + ',' + (d.significant ? "true" : "false") + ',' +
                   (c.paired ? "paired" : "welch") + ',';
            if (!m.unpaired.empty())
                out += csv_figure(m.unpaired[i - 1].ci_low) + ',' + csv_figure(m.unpaired[i - 1].ci_high);
            else
                out += ',';
            out += described;
        }
    }
    return out;
}

std::string to_json(const Comparison& c) {
    nlohmann::ordered_json json;
    json["comparison"] = c.paired ? "paired" : "welch";
    json["confidence"] = c.confidence;
    json["runs"] = nlohmann::ordered_json::array();
    for (const ComparedRun& r : c.runs)
        json["runs"].push_back({{"label", r.label},
                                {"source", r.source},
                                {"scenario", r.scenario_name},
                                {"hash", r.scenario_hash},
                                {"seed", r.seed},
                                {"replications", r.replications},
                                {"what_if", r.what_if}});
    auto difference = [](const Difference& d) {
        return nlohmann::ordered_json{{"diff", json_number(d.diff)},
                                      {"ci_low", json_number(d.ci_low)},
                                      {"ci_high", json_number(d.ci_high)},
                                      {"df", json_number(d.df)},
                                      {"significant", d.significant}};
    };
    nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
    for (const MetricComparison& m : c.metrics) {
        nlohmann::ordered_json runs = nlohmann::ordered_json::object();
        nlohmann::ordered_json diffs = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < m.runs.size(); ++i) {
            const Summary& s = m.runs[i];
            runs[c.runs[i].label] = {{"mean", json_number(s.mean)},
                                     {"ci_low", json_number(s.ci_low)},
                                     {"ci_high", json_number(s.ci_high)},
                                     {"sd", json_number(s.sd)},
                                     {"n", s.n}};
            if (i == 0) continue;
            nlohmann::ordered_json d = difference(m.differences[i - 1]);
            d["relative_change"] = json_number(m.relative_change[i - 1]);
            if (!m.unpaired.empty()) d["unpaired"] = difference(m.unpaired[i - 1]);
            diffs[c.runs[i].label] = std::move(d);
        }
        const MetricInfo* info = find_metric(m.metric);
        append_member(metrics, m.metric,  // metric names are unique
                      {{"label", metric_label(m.metric)},
                       {"unit", info ? info->unit : ""},
                       {"better", info ? enum_name(info->better) : "neither"},
                       {"runs", std::move(runs)},
                       {"differences_from_base", std::move(diffs)}});
    }
    json["metrics"] = std::move(metrics);
    json["notes"] = c.notes;
    json["explanations"] = c.explanations;
    return json.dump(2) + "\n";
}

std::string to_html(const Comparison& c) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>mmsim comparison</title>\n"
        "<style>\nbody { font: 15px/1.45 system-ui, \"Segoe UI\", Roboto, Arial, sans-serif; color: #1a1a1a; "
        "max-width: 1100px; margin: 0 auto; padding: 20px 28px; }\n"
        "table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }\n"
        "th, td { padding: 4px 8px; border-bottom: 1px solid #dddddd; text-align: left; vertical-align: top; }\n"
        "th { background: #f2f2f2; }\n.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
        "tr.first td { border-top: 2px solid #bbbbbb; }\n"
        "td.significant { background: #fde3c8; font-weight: 600; }\n"
        ".note, .caption { color: #444444; font-size: 0.9em; }\n"
        "@media print { body { max-width: none; padding: 0; } * { print-color-adjust: exact; "
        "-webkit-print-color-adjust: exact; } tr { break-inside: avoid; } }\n</style>\n</head>\n<body>\n"
        "<h1>Comparison of " +
        std::to_string(c.runs.size()) + " configurations</h1>\n<p><strong>" +
        (c.paired ? "Paired" : "Unpaired") + ":</strong> " + escape_xml(method(c)) + ".</p>\n";
    out +=
        "<table>\n<thead><tr><th>run</th><th>scenario</th><th>source</th><th>hash</th><th class=\"num\">seed</th>"
        "<th class=\"num\">replications</th></tr></thead>\n<tbody>\n";
    for (const ComparedRun& r : c.runs)
        out += "<tr><td>" + r.label + (r.label == c.runs.front().label ? " (base)" : "") + "</td><td>" +
               escape_xml(r.scenario_name) +
               (r.what_if.empty() ? "" : "<br><small>" + escape_xml(r.what_if) + "</small>") +
               "</td><td><code>" + escape_xml(r.source) +
               "</code></td><td><code>" + escape_xml(r.scenario_hash) + "</code></td><td class=\"num\">" +
               std::to_string(r.seed) + "</td><td class=\"num\">" + std::to_string(r.replications) +
               "</td></tr>\n";
    out +=
        "</tbody>\n</table>\n<table>\n<thead><tr><th>metric</th><th>run</th><th class=\"num\">mean</th>"
        "<th class=\"num\">95% CI</th><th class=\"num\">difference from " + escape_xml(c.runs.front().label) +
        "</th><th class=\"num\">95% CI</th><th class=\"num\">change</th></tr></thead>\n<tbody>\n";
    for (const MetricComparison& m : c.metrics)
        for (std::size_t i = 0; i < m.runs.size(); ++i) {
            const Summary& s = m.runs[i];
            const std::string name =
                i == 0 ? escape_xml(metric_label(m.metric)) + "<br><code>" + escape_xml(m.metric) + "</code>" : "";
            out += std::string(i == 0 ? "<tr class=\"first\">" : "<tr>") + "<td>" + name + "</td><td>" +
                   escape_xml(c.runs[i].label) +
                   "</td><td class=\"num\">" + short_number(s.mean) + "</td><td class=\"num\">" +
                   short_number(s.ci_low) + " to " + short_number(s.ci_high) + "</td>";
            if (i == 0) {
                out += "<td></td><td></td><td></td></tr>\n";
                continue;
            }
            const Difference& d = m.differences[i - 1];
            const std::string mark = d.significant ? " class=\"num significant\"" : " class=\"num\"";
            out += "<td" + mark + ">" + short_number(d.diff) + (d.significant ? " *" : "") + "</td><td" + mark +
                   ">" + short_number(d.ci_low) + " to " + short_number(d.ci_high) + "</td><td" + mark + ">" +
                   relative(m.relative_change[i - 1]) + "</td></tr>\n";
        }
    out +=
        "</tbody>\n</table>\n<p class=\"caption\">* and shading: the 95% interval of the difference excludes 0. "
        "Change is the difference divided by the magnitude of the base's mean.</p>\n";
    out += detail::difference_charts(c);
    out += detail::series_charts(c);
    if (!c.explanations.empty()) {
        out += "<h2>What limits the patrols</h2>\n";
        for (const std::string& line : c.explanations) out += "<p>" + escape_xml(line) + "</p>\n";
    }
    for (const std::string& n : c.notes) out += "<p class=\"note\">Note: " + escape_xml(n) + ".</p>\n";
    return out + "</body>\n</html>\n";
}

}  // namespace mmsim
