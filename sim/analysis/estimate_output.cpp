// The estimate beside a report's figures, and the estimate as text, JSON and
// CSV.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "mmsim/estimate.hpp"
#include "report/csv.hpp"
#include "report/json_number.hpp"

namespace mmsim {
namespace {

struct FigureSpec {
    const char* id;     // in CSV and JSON
    const char* label;  // in the text table
    double ZoneEstimate::*field;
};

// The figures a zone row holds (the text table's columns, in order).
constexpr FigureSpec kFigures[] = {
    {"incidents_per_day", "incidents/day", &ZoneEstimate::incidents_per_day},
    {"workload", "workload", &ZoneEstimate::workload},
    {"prob_wait", "P(wait)", &ZoneEstimate::prob_wait},
    {"mean_travel_min", "travel min", &ZoneEstimate::mean_travel_min},
    {"mean_response_min", "response min", &ZoneEstimate::mean_response_min},
    {"within_target_share", "within target", &ZoneEstimate::within_target_share},
};

std::string number_text(double value, int decimals) {
    if (std::isnan(value)) return "-";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string padded(const std::string& text, std::size_t width, bool left) {
    if (text.size() >= width) return text;
    const std::string fill(width - text.size(), ' ');
    return left ? text + fill : fill + text;
}

int decimals_of(const std::string& figure) {
    if (figure == "teams") return 2;
    if (figure == "incidents_per_day" || figure == "mean_travel_min" || figure == "mean_response_min") return 1;
    return 3;
}

Summary scaled(Summary s, double factor) {
    s.mean *= factor;
    s.ci_low *= factor;
    s.ci_high *= factor;
    s.sd *= factor;
    return s;
}

const Summary* saved_metric(const SavedReport& report, const std::string& name) {
    for (const MetricSummary& m : report.metrics)
        if (m.name == name) return &m.summary;
    return nullptr;
}

std::string method_text(const Estimate& e) {
    const std::string n = std::to_string(e.force.teams);
    std::string text = e.exact ? "exact hypercube (Larson 1974), " + n + " teams"
                               : "approximate hypercube (Larson 1975), " + n + " teams";
    text += e.loss ? "; pooled figures: Erlang B (M/M/" + n + "/" + n + "), incidents finding every team busy are lost"
                   : "; pooled figures: Erlang C (M/M/" + n + "), incidents finding every team busy wait";
    return text;
}

}  // namespace

EstimateVersusRun compare_estimate(const Estimate& estimate, const Scenario& scenario, const SavedReport& report) {
    if (report.scenario_hash != estimate.scenario_hash)
        throw ScenarioError(SourcePos{report.file, 0, 0},
                            "the report is of scenario '" + report.scenario_name + "' (hash " + report.scenario_hash +
                                "), not of '" + estimate.scenario_name + "' as resolved here (hash " +
                                estimate.scenario_hash + "): give estimate the run's scenario and --set arguments");
    EstimateVersusRun out;
    out.report_file = report.file;
    out.replications = report.replications;
    out.from = scenario.start;
    out.to = scenario.end;
    std::string prefix;
    for (const TimeWindow& w : report.windows)
        if (w.from <= estimate.force.date && estimate.force.date <= w.to) {
            out.window = w.name;
            out.from = w.from;
            out.to = w.to;
            prefix = "window." + w.name + ".";
            break;
        }
    const double per_day = 1.0 / (days_between(out.from, out.to) + 1);

    auto add = [&](const ZoneEstimate& z, const std::string& figure, double value, const std::string& metric,
                   double factor) {
        EstimateComparison row{z.zone, figure, prefix + metric, value, {}, 0};
        row.simulated.mean = row.simulated.ci_low = row.simulated.ci_high = row.simulated.sd =
            std::numeric_limits<double>::quiet_NaN();
        if (const Summary* s = saved_metric(report, row.metric)) row.simulated = scaled(*s, factor);
        row.difference = value - row.simulated.mean;
        out.rows.push_back(row);
    };
    const ZoneEstimate& all = estimate.all;
    add(all, "teams", all.teams, "constraints.fielded_teams", 1);
    add(all, "incidents_per_day", all.incidents_per_day, "incidents.total", per_day);
    add(all, "workload", all.workload, "teams.mean_workload", 1);
    add(all, "prob_wait", all.prob_wait, "dispatch.wait_probability", 1);
    add(all, "mean_response_min", all.mean_response_min, "response.mean_min", 1);
    add(all, "within_target_share", all.within_target_share, "response.within_target_share", 1);
    for (const ZoneEstimate& z : estimate.zones) {
        add(z, "incidents_per_day", z.incidents_per_day, "zones." + z.zone + ".incidents", per_day);
        add(z, "mean_response_min", z.mean_response_min, "zones." + z.zone + ".response.mean_min", 1);
    }
    return out;
}

std::string estimate_text(const Estimate& e, const EstimateVersusRun* run) {
    std::string out = "Estimate: " + e.scenario_name + " on " + format_date(e.force.date) + " (steady state; scenario " +
                      e.scenario_hash + ")\n";
    double officers = 0;
    for (double r : e.force.ready_officers) officers += r;
    out += "Force: " + number_text(officers, 0) + " officers ready; officers allow " +
           std::to_string(e.force.officer_teams) + " teams" +
           (e.force.vehicle_teams ? ", vehicles " + std::to_string(*e.force.vehicle_teams) : std::string()) + ": " +
           std::to_string(e.force.teams) + " teams fielded\n";
    out += "Load: " + number_text(e.dispatches_per_h, 2) + " team dispatches an hour, mean service " +
           number_text(e.service_h * kMinutesPerHour, 1) + " min (" + number_text(e.on_scene_h * kMinutesPerHour, 1) +
           " on scene + travel): " + number_text(e.offered_load, 2) + " erlangs on " + std::to_string(e.force.teams) +
           " teams" + (e.stable ? "" : e.force.teams == 0 ? ": no teams" : ": OVERLOADED, no steady state") + "\n";
    out += "Method: " + method_text(e) + "; gang control at its initial value, money not modelled\n\n";

    const std::string target = "within " + number_text(e.response_target * kMinutesPerHour, 0) + " min";
    std::size_t zone_width = 4;
    for (const ZoneEstimate& z : e.zones) zone_width = std::max(zone_width, z.zone.size());
    out += padded("zone", zone_width, true) + "  teams";
    for (const FigureSpec& f : kFigures)
        out += "  " + std::string(f.id == std::string("within_target_share") ? target : f.label);
    out += "\n";
    auto row = [&](const ZoneEstimate& z) {
        out += padded(z.zone, zone_width, true) + padded(std::to_string(z.teams), 7, false);
        for (const FigureSpec& f : kFigures) {
            const std::string label = f.id == std::string("within_target_share") ? target : f.label;
            out += padded(number_text(z.*f.field, decimals_of(f.id)), label.size() + 2, false);
        }
        out += "\n";
    };
    for (const ZoneEstimate& z : e.zones) row(z);
    row(e.all);
    if (!run) return out;

    out += "\nAgainst the simulation: " + run->report_file + ", " +
           (run->window.empty() ? std::string("the whole run") : "window " + run->window) + " (" +
           format_date(run->from) + " to " + format_date(run->to) + "), " + std::to_string(run->replications) +
           " replications\n";
    out += padded("zone", zone_width, true) + "  " + padded("figure", 19, true) + padded("estimate", 10, false) +
           padded("simulated", 11, false) + "  " + padded("95% CI", 20, true) + padded("difference", 11, false) + "\n";
    for (const EstimateComparison& r : run->rows) {
        const int d = decimals_of(r.figure);
        const std::string ci = std::isnan(r.simulated.mean)
                                   ? "(not in the report)"
                                   : "[" + number_text(r.simulated.ci_low, d) + ", " + number_text(r.simulated.ci_high, d) + "]";
        std::string difference = number_text(r.difference, d);
        if (std::isfinite(r.difference) && r.difference >= 0) difference = "+" + difference;
        out += padded(r.zone, zone_width, true) + "  " + padded(r.figure, 19, true) +
               padded(number_text(r.estimate, d), 10, false) + padded(number_text(r.simulated.mean, d), 11, false) +
               "  " + padded(ci, 20, true) + padded(difference, 11, false) + "\n";
    }
    return out;
}

std::string estimate_json(const Estimate& e, const EstimateVersusRun* run) {
    using detail::json_number;
    nlohmann::ordered_json json;
    json["scenario"] = {{"name", e.scenario_name}, {"hash", e.scenario_hash}};
    json["date"] = format_date(e.force.date);
    nlohmann::ordered_json force = {{"officer_teams", e.force.officer_teams}, {"teams", e.force.teams}};
    double officers = 0;
    for (double r : e.force.ready_officers) officers += r;
    force["ready_officers"] = json_number(officers);
    force["vehicle_teams"] = e.force.vehicle_teams ? nlohmann::ordered_json(*e.force.vehicle_teams) : nullptr;
    json["force"] = force;
    json["method"] = method_text(e);
    json["exact"] = e.exact;
    json["loss"] = e.loss;
    json["stable"] = e.stable;
    json["response_target_min"] = json_number(e.response_target * kMinutesPerHour);
    json["dispatches_per_h"] = json_number(e.dispatches_per_h);
    json["on_scene_min"] = json_number(e.on_scene_h * kMinutesPerHour);
    json["service_min"] = json_number(e.service_h * kMinutesPerHour);
    json["offered_load"] = json_number(e.offered_load);
    auto zone_json = [](const ZoneEstimate& z) {
        nlohmann::ordered_json j = {{"zone", z.zone}, {"teams", z.teams}};
        for (const FigureSpec& f : kFigures) j[f.id] = json_number(z.*f.field);
        return j;
    };
    json["all"] = zone_json(e.all);
    json["zones"] = nlohmann::ordered_json::array();
    for (const ZoneEstimate& z : e.zones) json["zones"].push_back(zone_json(z));
    if (run) {
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        for (const EstimateComparison& r : run->rows)
            rows.push_back({{"zone", r.zone}, {"figure", r.figure}, {"metric", r.metric},
                            {"estimate", json_number(r.estimate)}, {"simulated", json_number(r.simulated.mean)},
                            {"ci_low", json_number(r.simulated.ci_low)}, {"ci_high", json_number(r.simulated.ci_high)},
                            {"difference", json_number(r.difference)}});
        json["simulation"] = {{"report", run->report_file},
                              {"window", run->window.empty() ? nlohmann::ordered_json(nullptr)
                                                             : nlohmann::ordered_json(run->window)},
                              {"from", format_date(run->from)},
                              {"to", format_date(run->to)},
                              {"replications", run->replications},
                              {"figures", rows}};
    }
    return json.dump(2) + "\n";
}

std::string estimate_csv(const Estimate& e, const EstimateVersusRun* run) {
    using detail::append_csv_number;
    using detail::csv_field;
    std::string out = "zone,figure,estimate,simulated,ci_low,ci_high,difference,metric\n";
    auto line = [&](const std::string& zone, const std::string& figure, double value, const EstimateComparison* r) {
        out += csv_field(zone) + "," + figure + ",";
        append_csv_number(out, value);
        for (double x : {r ? r->simulated.mean : kNaN, r ? r->simulated.ci_low : kNaN, r ? r->simulated.ci_high : kNaN,
                         r ? r->difference : kNaN}) {
            out += ",";
            append_csv_number(out, x);
        }
        out += "," + (r ? csv_field(r->metric) : std::string()) + "\n";
    };
    auto zone_lines = [&](const ZoneEstimate& z) {
        auto compared = [&](const std::string& figure) -> const EstimateComparison* {
            if (run)
                for (const EstimateComparison& r : run->rows)
                    if (r.zone == z.zone && r.figure == figure) return &r;
            return nullptr;
        };
        line(z.zone, "teams", z.teams, compared("teams"));
        for (const FigureSpec& f : kFigures) line(z.zone, f.id, z.*f.field, compared(f.id));
    };
    for (const ZoneEstimate& z : e.zones) zone_lines(z);
    zone_lines(e.all);
    return out;
}

}  // namespace mmsim
