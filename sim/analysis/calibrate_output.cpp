// What `mmsim calibrate` prints and writes: the fitted values with their
// uncertainty, the fit observation by observation (calibrate.csv,
// calibrate.json), and the fitted series against the observations
// (calibrate.html).

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "mmsim/calibrate.hpp"
#include "report/csv.hpp"
#include "report/json_number.hpp"
#include "report/svg_chart.hpp"

namespace mmsim {
namespace {

std::string figure(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

// "0.00412 ± 0.00031", or why there is no interval.
std::string estimate(const CalibratedParameter& p) {
    std::string text = figure(p.value);
    if (!p.identified) return text + " (not identified by the observations)";
    text += " ± " + figure(1.96 * p.se);
    if (p.at_bound) text += " (on a bound: widen min..max)";
    return text;
}

std::string how_good(const CalibrationResult& r) {
    const std::size_t n = r.fit.size(), p = r.parameters.size();
    std::string text = "Weighted sum of squares " + figure(r.objective) + " (from " + figure(r.objective_start) +
                       " at the start) over " + std::to_string(n) + " observations and " + std::to_string(p) +
                       " parameters";
    if (n > p)
        text += ": a model that fits within the stated uncertainties gives about " + std::to_string(n - p) +
                " (the degrees of freedom)";
    text += ". " + std::to_string(r.evaluations) + " evaluations of " +
            std::to_string(r.calibration.replications) + " replications each";
    text += r.converged ? "; the simplex converged." : "; stopped at max_evaluations before converging.";
    return text;
}

}  // namespace

std::string to_text(const CalibrationResult& r) {
    const Calibration& c = r.calibration;
    std::string out = "mmsim calibrate | " + c.name + ": " + r.scenario_name + " (" + c.scenario + "), seed " +
                      std::to_string(r.seed) + "\nLeast squares over " + std::to_string(c.replications) +
                      " replications with common random numbers; values ± 95% (observations' and simulation's "
                      "uncertainty).\n\n";
    char line[256];
    std::snprintf(line, sizeof line, "  %-34s %-36s %s\n", "parameter", "fitted ± 95%", "range");
    out += line;
    for (const CalibratedParameter& p : r.parameters) {
        std::snprintf(line, sizeof line, "  %-34s %-36s %s..%s\n", p.parameter.path.c_str(), estimate(p).c_str(),
                      figure(p.parameter.low).c_str(), figure(p.parameter.high).c_str());
        out += line;
    }
    out += "\n";
    std::snprintf(line, sizeof line, "  %-26s %-10s %18s %22s %9s\n", "observed series", "date", "observed ± sd",
                  "model ± se", "residual");
    out += line;
    for (const FittedObservation& f : r.fit) {
        const Observation& o = f.observation;
        std::snprintf(line, sizeof line, "  %-26s %-10s %18s %22s %9s\n", o.series().c_str(),
                      format_date(o.date).c_str(), (figure(o.value) + " ± " + figure(o.sd)).c_str(),
                      (figure(f.model) + " ± " + figure(f.model_se)).c_str(), figure(f.residual).c_str());
        out += line;
    }
    out += "\n" + how_good(r) + "\n";
    return out;
}

std::string to_csv(const CalibrationResult& r) {
    std::string out = "kind,name,date,value,sd_or_se,low,high,model,model_se,residual\n";
    for (const CalibratedParameter& p : r.parameters) {
        out += "parameter," + detail::csv_field(p.parameter.path) + ",";
        for (double v : {p.value, p.se}) {
            out += ",";
            detail::append_csv_number(out, v);
        }
        for (double v : {p.parameter.low, p.parameter.high}) {
            out += ",";
            detail::append_csv_number(out, v);
        }
        out += ",,,\n";
    }
    for (const FittedObservation& f : r.fit) {
        out += "observation," + detail::csv_field(f.observation.series()) + "," + format_date(f.observation.date);
        for (double v : {f.observation.value, f.observation.sd}) {
            out += ",";
            detail::append_csv_number(out, v);
        }
        out += ",,";
        for (double v : {f.model, f.model_se, f.residual}) {
            out += ",";
            detail::append_csv_number(out, v);
        }
        out += "\n";
    }
    return out;
}

std::string to_json(const CalibrationResult& r) {
    using detail::json_number;
    const Calibration& c = r.calibration;
    nlohmann::ordered_json json;
    json["tool"] = {{"name", "mmsim"}, {"version", MMSIM_VERSION}};
    json["calibration"] = {{"name", c.name}, {"file", c.file}};
    json["scenario"] = {{"name", r.scenario_name}, {"file", c.scenario}, {"overrides", c.overrides}};
    json["seed"] = r.seed;
    json["replications"] = c.replications;
    nlohmann::ordered_json parameters = nlohmann::ordered_json::array();
    for (const CalibratedParameter& p : r.parameters)
        parameters.push_back({{"path", p.parameter.path},
                              {"value", json_number(p.value)},
                              {"se", json_number(p.se)},
                              {"ci_low", json_number(p.value - 1.96 * p.se)},
                              {"ci_high", json_number(p.value + 1.96 * p.se)},
                              {"identified", p.identified},
                              {"at_bound", p.at_bound},
                              {"min", json_number(p.parameter.low)},
                              {"max", json_number(p.parameter.high)}});
    json["parameters"] = std::move(parameters);
    nlohmann::ordered_json fit = nlohmann::ordered_json::array();
    for (const FittedObservation& f : r.fit)
        fit.push_back({{"series", f.observation.series()},
                       {"date", format_date(f.observation.date)},
                       {"observed", json_number(f.observation.value)},
                       {"sd", json_number(f.observation.sd)},
                       {"source", f.observation.source},
                       {"model", json_number(f.model)},
                       {"model_se", json_number(f.model_se)},
                       {"residual", json_number(f.residual)}});
    json["fit"] = std::move(fit);
    json["objective"] = json_number(r.objective);
    json["objective_start"] = json_number(r.objective_start);
    json["evaluations"] = r.evaluations;
    json["converged"] = r.converged;
    json["statement"] = how_good(r);
    return json.dump(2) + "\n";
}

std::string to_html(const CalibrationResult& r) {
    const Calibration& c = r.calibration;
    using detail::escape_xml;
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                      escape_xml(c.name) +
                      " \u2014 mmsim calibrate</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:auto;"
                      "padding:1em;color:#111}table{border-collapse:collapse;font-size:.9em}td,th{border-bottom:1px "
                      "solid #ddd;padding:3px 8px;text-align:left}figcaption{font-size:.9em;color:#444}</style>\n"
                      "</head>\n<body>\n<h1>" +
                      escape_xml(c.name) + "</h1>\n<p>" + escape_xml(how_good(r)) + "</p>\n<table>\n<tr><th>parameter</th>"
                      "<th>fitted ± 95%</th><th>range</th></tr>\n";
    for (const CalibratedParameter& p : r.parameters)
        out += "<tr><td>" + escape_xml(p.parameter.path) + "</td><td>" + escape_xml(estimate(p)) + "</td><td>" +
               figure(p.parameter.low) + ".." + figure(p.parameter.high) + "</td></tr>\n";
    out += "</table>\n";
    for (const CalibrationResult::Series& s : r.series) {
        detail::Chart chart;
        chart.title = s.name + ": the model at the fit against the observations";
        chart.y_label = s.name;
        chart.start = r.start;
        detail::ChartSeries model{"model at the fit (mean, 95% band)", "", {}, s.mean, s.low, s.high};
        for (std::size_t d = 0; d < s.mean.size(); ++d) model.x.push_back(static_cast<double>(d));
        detail::ChartSeries observed{"observed (± 1.96 sd)", "", {}, {}, {}, {}};
        observed.points = true;
        for (const FittedObservation& f : r.fit) {
            if (f.observation.series() != s.name) continue;
            observed.x.push_back(static_cast<double>(days_between(r.start, f.observation.date)));
            observed.y.push_back(f.observation.value);
            observed.low.push_back(f.observation.value - 1.96 * f.observation.sd);
            observed.high.push_back(f.observation.value + 1.96 * f.observation.sd);
        }
        chart.series = {model, observed};
        out += "<figure>\n" + detail::line_chart(chart) + "<figcaption>" + escape_xml(s.name) +
               " over the horizon at the fitted values (mean and 95% band over " + std::to_string(c.replications) +
               " replications) and the observations with their stated uncertainty.</figcaption>\n</figure>\n";
    }
    return out + "</body>\n</html>\n";
}

}  // namespace mmsim
