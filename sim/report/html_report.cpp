#include "mmsim/html_report.hpp"
#include "mmsim/metrics.hpp"

#include <cmath>
#include <cstdio>

#include "report/html_map.hpp"
#include "report/html_sections.hpp"
#include "mmsim/distribution.hpp"

namespace mmsim {
namespace {

using detail::escape_xml;
using detail::estimate_html;
using detail::format_quantity;

// Print keeps the shading and the chart colours; nothing here loads a font or
// a file, so the page looks the same offline and on paper.
constexpr const char* kStyle = R"(
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1a1a1a; background: #ffffff; max-width: 1000px; margin: 0 auto; padding: 20px 28px 48px; }
h1 { font-size: 1.7em; margin: 0 0 0.2em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #0072B2; padding-bottom: 0.2em; margin-top: 1.8em; }
h3 { font-size: 1.08em; margin-top: 1.4em; }
.subtitle { color: #444444; margin: 0.2em 0; }
nav { margin: 1em 0; padding: 8px 0; border-top: 1px solid #dddddd; border-bottom: 1px solid #dddddd; }
nav a { margin-right: 1.1em; color: #0060a0; }
figure { margin: 1em 0 1.4em; break-inside: avoid; }
svg.chart { width: 100%; height: auto; display: block; }
figcaption, .caption { font-size: 0.9em; color: #444444; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; break-inside: avoid; }
th, td { padding: 4px 8px; border-bottom: 1px solid #dddddd; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.ci { color: #555555; font-size: 0.88em; white-space: nowrap; }
td[style] .ci { color: inherit; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px; }
.card { border: 1px solid #dddddd; border-radius: 6px; padding: 8px 12px; break-inside: avoid; }
.card .value { font-size: 1.3em; font-weight: 600; }
.card .label { color: #444444; font-size: 0.9em; }
.note { background: #f4f4f4; border-left: 4px solid #999999; padding: 8px 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.92em; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@page { size: A4; margin: 14mm; }
)";

std::string days_text(Hours h) {
    return format_quantity(h / kHoursPerDay, std::fmod(h, kHoursPerDay) == 0 ? 0 : 1);
}

std::string date_of(const Scenario& scenario, Hours h) {
    return format_date(add_days(scenario.start, static_cast<int>(std::floor(h / kHoursPerDay))));
}

std::string key_figures(const Report& report, const Scenario& scenario) {
    static constexpr std::string_view kCards[] = {
        "personnel.all.peak_in_theatre", "personnel.all.ready_end",      "coverage.patrol_ratio",
        "coverage.population_within_target", "incidents.total",          "incidents.unanswered_share",
        "response.mean_min",             "response.within_target_share",
    };
    std::string out = "<section id=\"summary\">\n<h2>Key figures</h2>\n<div class=\"cards\">\n";
    for (std::string_view name : kCards) {
        const Summary* s = report.metric(std::string(name));
        const MetricInfo* info = find_metric(name);
        if (s == nullptr || info == nullptr) continue;
        const MetricDisplay display = metric_display(*info, scenario.currency);
        // "%" follows the figure; a word unit is said in the label.
        const bool sign = display.unit == "%";
        out += "<div class=\"card\"><div class=\"label\">" +
               escape_xml(sign ? metric_label(name) : metric_heading(name, scenario.currency)) +
               "</div><div class=\"value\">" +
               estimate_html(s, display.scale, display.decimals, sign ? "%" : "") + "</div></div>\n";
    }
    return out + "</div>\n<p class=\"caption\">Means across " + std::to_string(report.replications) +
           " replications; brackets hold 95% confidence intervals (Student t).</p>\n</section>\n";
}

std::string row(std::initializer_list<std::string> cells) {
    std::string out = "<tr>";
    bool first = true;
    for (const std::string& cell : cells) {
        out += first ? "<td>" : "<td class=\"num\">";
        out += cell + "</td>";
        first = false;
    }
    return out + "</tr>\n";
}

std::string parameters_section(const Scenario& scenario) {
    std::string out = "<section id=\"parameters\">\n<h2>Key parameters</h2>\n";
    if (!scenario.contingents.empty()) {
        out +=
            "<table>\n<thead><tr><th>Contingent</th><th class=\"num\">officers planned</th>"
            "<th class=\"num\">waves</th><th class=\"num\">mean arrival delay (days)</th>"
            "<th class=\"num\">induction (days)</th><th class=\"num\">team size</th>"
            "<th class=\"num\">duty share</th><th class=\"num\">tour</th><th>funded by</th></tr></thead>\n<tbody>\n";
        for (const Contingent& c : scenario.contingents) {
            int officers = 0;
            for (const Wave& w : c.waves) officers += w.officers;
            std::string waves = std::to_string(c.waves.size());
            if (!c.waves.empty())
                waves += " (" + format_date(c.waves.front().date) +
                         (c.waves.size() > 1 ? " to " + format_date(c.waves.back().date) : "") + ")";
            std::string tour = c.rotation == Rotation::none
                                   ? "none"
                                   : days_text(c.tour) + " d, " + std::string(enum_name(c.rotation));
            out += "<tr><td>" + escape_xml(c.country + " (" + c.id + "), " + c.role) + "</td>";
            for (const std::string& cell :
                 {format_quantity(officers, 0), waves, format_quantity(mean(c.arrival_delay) / kHoursPerDay, 1),
                  days_text(c.induction), std::to_string(c.team_size), format_quantity(c.duty_share, 2), tour})
                out += "<td class=\"num\">" + escape_xml(cell) + "</td>";
            out += std::string("<td>") + (c.self_funded ? "self-funded" : "pooled fund") + "</td></tr>\n";
        }
        out += "</tbody>\n</table>\n";
    }

    out += "<dl class=\"facts\">\n";
    auto fact = [&](const std::string& label, const std::string& value) {
        out += "<dt>" + escape_xml(label) + "</dt><dd>" + escape_xml(value) + "</dd>\n";
    };
    const Airport& airport = scenario.airport;
    std::string airlift =
        airport.daily_capacity ? format_quantity(*airport.daily_capacity, 0) + " officers a day" : "unlimited";
    if (airport.zone && airport.zone->value < scenario.theatre.zones.size())
        airlift += ", airport in " + scenario.theatre.zones[airport.zone->value].id;
    fact("airlift", airlift);
    for (const Closure& closure : airport.closures)
        fact("airport closed", date_of(scenario, closure.from) + " to " + date_of(scenario, closure.reopen) +
                                   (closure.reason.empty() ? "" : " (" + closure.reason + ")"));
    if (!scenario.theatre.zones.empty()) {
        double population = 0;
        for (const Zone& z : scenario.theatre.zones) population += z.population;
        fact("theatre", std::to_string(scenario.theatre.zones.size()) + " zones, " +
                            format_quantity(population, 0) + " people, " +
                            std::to_string(scenario.theatre.roads.size()) + " roads");
        fact("patrols", std::string(enum_name(scenario.patrols.policy)) + " allocation, " +
                            format_quantity(scenario.patrols.shift, 0) +
                            " h shifts, response target " +
                            format_quantity(scenario.patrols.response_target * 60, 0) + " min, demand " +
                            format_quantity(scenario.patrols.demand_teams_per_100k, 1) +
                            " teams per 100,000 people");
        fact("incident rate", "baseline \u00d7 (1 + " +
                                  format_quantity(scenario.incidents.gang_rate_factor, 2) +
                                  " \u00d7 gang control); " +
                                  std::to_string(scenario.incidents.scripted.size()) + " scripted incidents");
    }
    out += "</dl>\n";

    if (!scenario.incidents.classes.empty()) {
        out +=
            "<table>\n<thead><tr><th>Incident class</th><th class=\"num\">share</th><th class=\"num\">priority</th>"
            "<th class=\"num\">teams</th><th class=\"num\">mean on scene (min)</th>"
            "<th class=\"num\">abandoned after</th></tr></thead>\n<tbody>\n";
        double shares = 0;
        for (const IncidentClass& c : scenario.incidents.classes) shares += c.share;
        for (const IncidentClass& c : scenario.incidents.classes)
            out += row({escape_xml(c.id), format_quantity(100 * c.share / shares, 0) + "%",
                        std::to_string(c.priority), std::to_string(c.teams_needed),
                        format_quantity(mean(c.on_scene) * 60, 0),
                        c.patience              ? "patience of mean " + format_quantity(mean(*c.patience) * 60, 0) + " min"
                        : std::isinf(c.max_wait) ? "never"
                                                 : format_quantity(c.max_wait * 60, 0) + " min"});
        out += "</tbody>\n</table>\n";
    }
    return out + "</section>\n";
}

std::string provenance_section(const Report& report) {
    std::string out = "<section id=\"provenance\">\n<h2>Provenance</h2>\n<dl class=\"facts\">\n";
    auto fact = [&](const std::string& label, const std::string& value) {
        out += "<dt>" + escape_xml(label) + "</dt><dd>" + value + "</dd>\n";
    };
    fact("scenario",
         escape_xml(report.scenario_name) + " (<code>" + escape_xml(report.scenario_file) + "</code>)");
    fact("scenario hash", "<code>" + format_hash(report.scenario_hash) +
                              "</code> (FNV-1a of the resolved scenario, "
                              "after <code>extends</code> and <code>--set</code>)");
    fact("period", format_date(report.start) + " to " + format_date(report.end) + " (" +
                       std::to_string(days_between(report.start, report.end) + 1) + " days)");
    fact("seed", std::to_string(report.seed));
    fact("replications", std::to_string(report.replications) + "; intervals are 95% Student t across them");
    fact("tool",
         "mmsim " + escape_xml(MMSIM_VERSION) + ", report schema " + std::to_string(kReportSchemaVersion));
    if (!report.label.empty()) fact("label", escape_xml(report.label));
    for (const std::string& argument : report.overrides)
        fact("what-if", "<code>--set " + escape_xml(argument) + "</code>");
    for (std::size_t i = 0; i < report.files.size(); ++i)
        fact(i == 0 ? "file" : "extends", "<code>" + escape_xml(report.files[i].path) + "</code> (hash <code>" +
                                              format_hash(report.files[i].hash) + "</code>)");
    fact("reproduce", "<code>" + escape_xml(report.reproduce()) +
                          " --format all</code> (the scenario hash must match)");
    return out + "</dl>\n</section>\n";
}

}  // namespace

std::string to_html(const Report& report, const Scenario& scenario) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"mmsim " MMSIM_VERSION "\">\n<title>" +
        escape_xml(report.scenario_name) + " \u2014 mmsim report</title>\n<style>" + kStyle +
        "</style>\n</head>\n<body>\n<header>\n<h1>" + escape_xml(report.scenario_name) + "</h1>\n";
    if (!report.description.empty())
        out += "<p class=\"subtitle\">" + escape_xml(report.description) + "</p>\n";
    if (const std::string what_if = describe_what_if(report.label, report.overrides); !what_if.empty())
        out += "<p class=\"subtitle\"><strong>What-if:</strong> " + escape_xml(what_if) + "</p>\n";
    out += "<p class=\"subtitle\">" + format_date(report.start) + " to " + format_date(report.end) +
           " \u00b7 " + std::to_string(report.replications) + " replications \u00b7 seed " +
           std::to_string(report.seed) + " \u00b7 mmsim " MMSIM_VERSION " \u00b7 scenario hash <code>" +
           format_hash(report.scenario_hash) + "</code></p>\n</header>\n";

    const std::string more = detail::other_series_section(report, scenario);
    const std::string windows = detail::windows_section(report, scenario);
    out +=
        "<nav><a href=\"#summary\">Key figures</a><a href=\"#personnel\">Officers</a>"
        "<a href=\"#coverage\">Coverage</a><a href=\"#limits\">Limits</a>" +
        std::string(windows.empty() ? "" : "<a href=\"#windows\">Windows</a>") +
        "<a href=\"#response\">Response</a><a href=\"#funding\">Funding</a><a href=\"#maps\">Maps</a>"
        "<a href=\"#zones\">Zones</a>" +
        std::string(more.empty() ? "" : "<a href=\"#more\">Other series</a>") +
        "<a href=\"#parameters\">Parameters</a><a href=\"#provenance\">Provenance</a></nav>\n<main>\n";
    out += key_figures(report, scenario);
    out += detail::personnel_section(report, scenario);
    out += detail::coverage_section(report, scenario);
    out += detail::limits_section(report);
    out += windows;
    out += detail::response_section(report, scenario);
    out += detail::funding_section(report, scenario);
    out += detail::maps_section(report, scenario);
    out += detail::zones_section(report, scenario);
    out += more;
    out += parameters_section(scenario);
    out += provenance_section(report);
    return out +
           "</main>\n<footer class=\"caption\"><p>Made by mmsim " MMSIM_VERSION
           ". Every figure is a mean across replications; bands and brackets are 95% confidence "
           "intervals. The numbers behind the charts are in report.json and the CSV tables.</p></footer>\n"
           "</body>\n</html>\n";
}

}  // namespace mmsim
