// report.html's time windows: each window's figures beside the whole run's.

#include "mmsim/metrics.hpp"
#include "report/html_sections.hpp"
#include "report/svg_chart.hpp"

namespace mmsim::detail {

std::string windows_section(const Report& report, const Scenario& scenario) {
    if (report.windows.empty()) return "";
    std::string out =
        "<section id=\"windows\">\n<h2>Time windows</h2>\n"
        "<p>The figures of each window: flows over its days (incidents that arrived in it, shifts that "
        "started in it, money spent in it), stocks at the end of its last day. Brackets are 95% "
        "confidence intervals across replications.</p>\n<div class=\"scroll\"><table>\n<thead><tr><th></th>"
        "<th class=\"num\">whole run<br>" + format_date(report.start) + " to " + format_date(report.end) + "</th>";
    for (const TimeWindow& w : report.windows)
        out += "<th class=\"num\">" + escape_xml(w.name) + "<br>" + format_date(w.from) + " to " + format_date(w.to) +
               "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (std::string_view name : window_table_metrics()) {
        const MetricInfo* info = find_metric(name);
        if (info == nullptr) continue;
        const MetricDisplay display = metric_display(*info, scenario.currency);
        std::string row = "<tr><th>" + escape_xml(metric_heading(name, scenario.currency)) + "</th><td class=\"num\">" +
                          estimate_html(report.metric(std::string(name)), display.scale, display.decimals) + "</td>";
        bool any = false;
        for (const TimeWindow& w : report.windows) {
            const Summary* s = report.metric("window." + w.name + "." + std::string(name));
            any = any || s != nullptr;
            row += "<td class=\"num\">" + estimate_html(s, display.scale, display.decimals) + "</td>";
        }
        if (any) out += row + "</tr>\n";
    }
    return out + "</tbody>\n</table></div>\n</section>\n";
}

}  // namespace mmsim::detail
