// What `mmsim optimize` prints and writes: every option's fate with its
// figures (optimize.csv, .json), and an HTML page with the trade-off front.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "mmsim/optimize.hpp"
#include "report/csv.hpp"
#include "report/json_number.hpp"
#include "report/svg_chart.hpp"

namespace mmsim {
namespace {

const char* status_name(OptionResult::Status s) {
    switch (s) {
    case OptionResult::Status::chosen: return "chosen";
    case OptionResult::Status::near_tie: return "near tie";
    case OptionResult::Status::eliminated: return "eliminated";
    case OptionResult::Status::infeasible: return "infeasible";
    case OptionResult::Status::undecided: return "undecided";
    }
    return "";
}

std::string short_figure(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

std::string with_interval(const Summary& s) {
    return short_figure(s.mean) + " [" + short_figure(s.ci_low) + ", " + short_figure(s.ci_high) + "]";
}

// "contingents.kenya.waves[3].officers=344, ..." for an option.
std::string option_values(const OptimizationResult& r, const OptionResult& o) {
    const SweepPoint& point = r.problem->sweep.points[o.point];
    std::string text;
    for (std::size_t j = 0; j < point.values.size(); ++j)
        text += (j ? ", " : "") + r.problem->sweep.parameters[j] + "=" + point.values[j];
    return text;
}

std::string summary_line(const OptimizationResult& r) {
    const Optimization& p = *r.problem;
    if (!r.chosen) return "No option is feasible with the confidence asked (see the infeasible and undecided ones).";
    const OptionResult& best = r.options[*r.chosen];
    std::string text = "Chosen: option " + std::to_string(best.point + 1) + " (" + option_values(r, best) + "), " +
                       p.objective + " " + with_interval(best.summaries[0]) + ".";
    int ties = 0;
    for (const OptionResult& o : r.options) ties += o.status == OptionResult::Status::near_tie;
    if (ties > 0)
        text += " " + std::to_string(ties) + " other option" + (ties > 1 ? "s" : "") +
                " cannot be told apart from it at " + short_figure(100 * r.level) + "% per interval" +
                (p.indifference > 0 ? " (or is within " + short_figure(p.indifference) + " of it)" : "") + ".";
    return text;
}

}  // namespace

std::string to_text(const OptimizationResult& r) {
    const Optimization& p = *r.problem;
    std::string out = "mmsim optimize | " + p.name + " (" + p.file + "): " + std::to_string(r.options.size()) +
                      " options of " + p.sweep.file + ", " + (p.minimize ? "minimize " : "maximize ") + p.objective;
    for (const SolveTarget& c : p.constraints) out += ", " + c.text;
    out += "\nFigures are means with " + short_figure(100 * p.confidence) +
           "% intervals; decisions use intervals at " + short_figure(100 * r.level) + "% (Bonferroni).\n\n";
    for (const OptionResult& o : r.options) {
        out += "  " + std::to_string(o.point + 1) + ". " + option_values(r, o) + "\n     " + status_name(o.status) +
               (o.why.empty() ? "" : " (" + o.why + ")") + "; " + std::to_string(o.samples[0].size()) +
               " replications; " + p.objective + " " + with_interval(o.summaries[0]);
        for (std::size_t c = 0; c < p.constraints.size(); ++c)
            out += "; " + p.constraints[c].metric + " " + with_interval(o.summaries[c + 1]);
        out += "\n";
    }
    out += "\n" + summary_line(r) + "\n" + std::to_string(r.replications()) + " replications in all.\n";
    return out;
}

std::string to_csv(const OptimizationResult& r) {
    const Optimization& p = *r.problem;
    std::string out = "option";
    for (const std::string& parameter : p.sweep.parameters) out += "," + detail::csv_field(parameter);
    out += ",status,replications";
    std::vector<std::string> metrics = {p.objective};
    for (const SolveTarget& c : p.constraints) metrics.push_back(c.metric);
    for (const std::string& m : metrics)
        for (const char* part : {"mean", "ci_low", "ci_high"}) out += "," + detail::csv_field(m + "." + part);
    out += "\n";
    for (const OptionResult& o : r.options) {
        out += std::to_string(o.point + 1);
        for (const std::string& value : p.sweep.points[o.point].values) out += "," + detail::csv_field(value);
        out += std::string(",") + status_name(o.status) + "," + std::to_string(o.samples[0].size());
        for (const Summary& s : o.summaries)
            for (double v : {s.mean, s.ci_low, s.ci_high}) {
                out += ",";
                detail::append_csv_number(out, v);
            }
        out += "\n";
    }
    return out;
}

std::string to_json(const OptimizationResult& r) {
    using detail::json_number;
    const Optimization& p = *r.problem;
    nlohmann::ordered_json json;
    json["tool"] = {{"name", "mmsim"}, {"version", MMSIM_VERSION}};
    json["name"] = p.name;
    json["sweep"] = p.sweep.file;
    json["objective"] = {{p.minimize ? "minimize" : "maximize", p.objective}};
    nlohmann::ordered_json constraints = nlohmann::ordered_json::array();
    for (const SolveTarget& c : p.constraints) constraints.push_back(c.text);
    json["constraints"] = constraints;
    json["confidence"] = json_number(p.confidence);
    json["interval_level"] = json_number(r.level);
    nlohmann::ordered_json options = nlohmann::ordered_json::array();
    for (const OptionResult& o : r.options) {
        nlohmann::ordered_json values = nlohmann::ordered_json::object();
        for (std::size_t j = 0; j < p.sweep.parameters.size(); ++j)
            values[p.sweep.parameters[j]] = p.sweep.points[o.point].values[j];
        nlohmann::ordered_json figures = nlohmann::ordered_json::object();
        for (std::size_t k = 0; k < o.summaries.size(); ++k)
            figures[k == 0 ? p.objective : p.constraints[k - 1].metric] = {
                {"mean", json_number(o.summaries[k].mean)},
                {"ci_low", json_number(o.summaries[k].ci_low)},
                {"ci_high", json_number(o.summaries[k].ci_high)}};
        options.push_back({{"option", o.point + 1},
                           {"values", values},
                           {"status", status_name(o.status)},
                           {"why", o.why},
                           {"replications", o.samples[0].size()},
                           {"figures", figures}});
    }
    json["options"] = options;
    json["chosen"] = r.chosen ? nlohmann::ordered_json(r.options[*r.chosen].point + 1) : nlohmann::ordered_json(nullptr);
    json["statement"] = summary_line(r);
    json["replications"] = r.replications();
    return json.dump(2) + "\n";
}

// The objective against the first constraint's metric, one dot per option,
// coloured by its fate, the feasible options' trade-off front joined by a line.
std::string to_html(const OptimizationResult& r) {
    const Optimization& p = *r.problem;
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                      detail::escape_xml(p.name) +
                      " \u2014 mmsim optimize</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:auto;"
                      "padding:1em;color:#111}table{border-collapse:collapse;font-size:.9em}td,th{border-bottom:1px "
                      "solid #ddd;padding:3px 8px;text-align:left}</style>\n</head>\n<body>\n<h1>" +
                      detail::escape_xml(p.name) + "</h1>\n<p>" + detail::escape_xml(summary_line(r)) + "</p>\n";
    if (!p.constraints.empty()) {
        constexpr double W = 640, H = 400, L = 70, B = 50, T = 20, R = 20;
        double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
        for (const OptionResult& o : r.options) {
            x0 = std::min(x0, o.summaries[1].mean), x1 = std::max(x1, o.summaries[1].mean);
            y0 = std::min(y0, o.summaries[0].mean), y1 = std::max(y1, o.summaries[0].mean);
        }
        if (!(x1 > x0)) x1 = x0 + 1;
        if (!(y1 > y0)) y1 = y0 + 1;
        auto sx = [&](double x) { return L + (x - x0) / (x1 - x0) * (W - L - R); };
        auto sy = [&](double y) { return H - B - (y - y0) / (y1 - y0) * (H - B - T); };
        out += "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"400\" role=\"img\"><title>" +
               detail::escape_xml(p.objective + " against " + p.constraints[0].metric) + "</title>\n";
        // The bound of the first constraint.
        const SolveTarget& c = p.constraints[0];
        if (c.value >= x0 && c.value <= x1)
            out += "<line x1=\"" + detail::px(sx(c.value)) + "\" x2=\"" + detail::px(sx(c.value)) + "\" y1=\"" +
                   detail::px(T) + "\" y2=\"" + detail::px(H - B) + "\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n";
        // The trade-off (Pareto) front: options no other beats on both the
        // objective and the first constraint's metric.
        const double obj_sign = p.minimize ? 1 : -1, con_sign = c.at_least ? -1 : 1;  // smaller is better
        std::vector<const OptionResult*> front;
        for (const OptionResult& o : r.options) {
            const double oo = obj_sign * o.summaries[0].mean, oc = con_sign * o.summaries[1].mean;
            bool beaten = false;
            for (const OptionResult& q : r.options) {
                const double qo = obj_sign * q.summaries[0].mean, qc = con_sign * q.summaries[1].mean;
                beaten = beaten || (qo <= oo && qc <= oc && (qo < oo || qc < oc));
            }
            if (!beaten && std::isfinite(oo) && std::isfinite(oc)) front.push_back(&o);
        }
        std::sort(front.begin(), front.end(),
                  [](auto* a, auto* b) { return a->summaries[1].mean < b->summaries[1].mean; });
        std::string line;
        for (const OptionResult* o : front)
            line += (line.empty() ? "M" : " L") + detail::px(sx(o->summaries[1].mean)) + " " +
                    detail::px(sy(o->summaries[0].mean));
        if (!line.empty()) out += "<path d=\"" + line + "\" fill=\"none\" stroke=\"#2166ac\" stroke-width=\"1.5\"/>\n";
        for (const OptionResult& o : r.options) {
            const char* colour = o.status == OptionResult::Status::chosen       ? "#d6604d"
                                 : o.status == OptionResult::Status::near_tie   ? "#f4a582"
                                 : o.status == OptionResult::Status::eliminated ? "#2166ac"
                                                                                : "#bbbbbb";
            out += "<circle cx=\"" + detail::px(sx(o.summaries[1].mean)) + "\" cy=\"" +
                   detail::px(sy(o.summaries[0].mean)) + "\" r=\"5\" fill=\"" + colour + "\"><title>option " +
                   std::to_string(o.point + 1) + ": " + status_name(o.status) + "</title></circle>\n";
        }
        out += "<text x=\"" + detail::px(L) + "\" y=\"" + detail::px(H - 12) + "\" font-size=\"12\">" +
               detail::escape_xml(p.constraints[0].metric) + ": " + short_figure(x0) + " to " + short_figure(x1) +
               "</text>\n<text x=\"4\" y=\"14\" font-size=\"12\">" + detail::escape_xml(p.objective) + ": " +
               short_figure(y0) + " to " + short_figure(y1) + "</text>\n</svg>\n<figcaption>Each option's mean " +
               detail::escape_xml(p.objective) + " against its mean " + detail::escape_xml(p.constraints[0].metric) +
               " (dashed: the bound; the line joins the trade-off front, the options no other beats on both). Red: "
               "chosen; light red: cannot be told apart from it; blue: feasible but worse; grey: infeasible or "
               "undecided."
               "</figcaption></figure>\n";
    }
    out += "<table><tr><th>option</th><th>values</th><th>status</th><th>replications</th><th>" +
           detail::escape_xml(p.objective) + "</th></tr>\n";
    for (const OptionResult& o : r.options)
        out += "<tr><td>" + std::to_string(o.point + 1) + "</td><td>" + detail::escape_xml(option_values(r, o)) +
               "</td><td>" + status_name(o.status) + (o.why.empty() ? "" : " (" + detail::escape_xml(o.why) + ")") +
               "</td><td>" + std::to_string(o.samples[0].size()) + "</td><td>" +
               detail::escape_xml(with_interval(o.summaries[0])) + "</td></tr>\n";
    return out + "</table>\n</body>\n</html>\n";
}

}  // namespace mmsim
