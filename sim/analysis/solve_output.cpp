// What `mmsim solve` prints and writes: the answer with its confidence
// statement, and every value tried (solve.csv, solve.json).

#include <cstdio>
#include <nlohmann/json.hpp>

#include "mmsim/solve.hpp"
#include "report/csv.hpp"
#include "report/json_number.hpp"

namespace mmsim {
namespace {

const char* decision_name(SolvePoint::Decision d) {
    switch (d) {
    case SolvePoint::Decision::meets: return "meets";
    case SolvePoint::Decision::fails: return "fails";
    case SolvePoint::Decision::undecided: return "undecided";
    }
    return "";
}

std::string figure(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

std::string percent(double share) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g%%", 100 * share);
    return text;
}

// "at least 0.8" / "at most 35".
std::string wanted(const SolveResult& r) {
    return std::string(r.options.target.at_least ? "at least " : "at most ") + figure(r.options.target.value);
}

}  // namespace

std::string SolveResult::statement() const {
    const SolveRange& range = options.range;
    const std::string which = options.largest ? "largest" : "smallest";
    if (!answer) {
        // The value that came closest: the end of the range the search
        // assumes is best.
        const double best_value = options.largest ? range.low : range.high;
        std::string text = "Not reachable in " + range.format(range.low) + ".." + range.format(range.high) + ": ";
        for (const SolvePoint& p : points)
            if (p.value == best_value)
                text += "the best value, " + range.format(best_value) + ", reached " + metric + " = " +
                        figure(p.summary.mean) + " ± " + figure((p.summary.ci_high - p.summary.ci_low) / 2) +
                        " (" + percent(level) + " interval, " + std::to_string(p.samples.size()) +
                        " replications), not " + wanted(*this) + ".";
        return text;
    }
    std::string text = "The " + which + " value of " + range.path + " with " + metric + " " + wanted(*this) +
                       " is " + range.format(*answer) + ". With " + percent(options.confidence) +
                       " confidence every comparison with the target was right (" + std::to_string(decisions) +
                       " decisions of up to " + std::to_string(looks) + " looks each, every interval at " +
                       percent(level) + "), so this is the answer if " + metric + " is monotone in " + range.path +
                       " over the range.";
    if (conservative)
        text += " A value stayed undecided after " + std::to_string(options.max_replications) +
                " replications and counted as not meeting the target: the answer may be " +
                (options.largest ? "smaller" : "larger") + " than needed (raise --max-replications).";
    return text;
}

std::string to_text(const SolveResult& r) {
    std::string out = "mmsim solve | " + r.scenario_name + " (" + r.options.scenario + "), seed " +
                      std::to_string(r.seed) + "\n" + (r.options.largest ? "Largest " : "Smallest ") +
                      r.options.range.path + " in " + r.options.range.format(r.options.range.low) + ".." +
                      r.options.range.format(r.options.range.high) + " with " + r.metric + " " + wanted(r) +
                      "\nEvery value runs replications 0, 1, 2, ... (common random numbers), " +
                      std::to_string(r.options.first_replications) + " first, doubling up to " +
                      std::to_string(r.options.max_replications) + " until its interval clears the target.\n\n";
    char line[200];
    std::snprintf(line, sizeof line, "  %12s %12s %12s   %-28s %s\n", "value", "replications", "mean",
                  ("interval (" + percent(r.level) + ")").c_str(), "decision");
    out += line;
    for (const SolvePoint& p : r.points) {
        const std::string interval = "[" + figure(p.summary.ci_low) + ", " + figure(p.summary.ci_high) + "]";
        std::snprintf(line, sizeof line, "  %12s %12zu %12s   %-28s %s\n", r.options.range.format(p.value).c_str(),
                      p.samples.size(), figure(p.summary.mean).c_str(), interval.c_str(), decision_name(p.decision));
        out += line;
    }
    out += "\n" + r.statement() + "\n";
    for (const std::string& warning : r.warnings) out += "Warning: " + warning + "\n";
    out += std::to_string(r.replications()) + " replications in all.\n";
    return out;
}

std::string to_csv(const SolveResult& r) {
    std::string out = "order,value,replications,mean,ci_low,ci_high,sd,decision\n";
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const SolvePoint& p = r.points[i];
        out += std::to_string(i + 1) + "," + r.options.range.format(p.value) + "," + std::to_string(p.samples.size());
        for (double v : {p.summary.mean, p.summary.ci_low, p.summary.ci_high, p.summary.sd}) {
            out += ",";
            detail::append_csv_number(out, v);
        }
        out += std::string(",") + decision_name(p.decision) + "\n";
    }
    return out;
}

std::string to_json(const SolveResult& r) {
    using detail::json_number;
    nlohmann::ordered_json json;
    json["tool"] = {{"name", "mmsim"}, {"version", MMSIM_VERSION}};
    json["scenario"] = {{"name", r.scenario_name}, {"file", r.options.scenario}, {"overrides", r.options.overrides}};
    json["seed"] = r.seed;
    json["vary"] = {{"path", r.options.range.path},
                    {"low", json_number(r.options.range.low)},
                    {"high", json_number(r.options.range.high)},
                    {"step", json_number(r.options.range.step)}};
    json["target"] = {{"metric", r.metric},
                      {"relation", r.options.target.at_least ? ">=" : "<="},
                      {"value", json_number(r.options.target.value)}};
    if (r.options.window) json["window"] = *r.options.window;
    json["search"] = r.options.largest ? "largest" : "smallest";
    json["confidence"] = json_number(r.options.confidence);
    json["decisions"] = r.decisions;
    json["looks"] = r.looks;
    json["interval_level"] = json_number(r.level);
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (const SolvePoint& p : r.points)
        points.push_back({{"value", json_number(p.value)},
                          {"replications", p.samples.size()},
                          {"mean", json_number(p.summary.mean)},
                          {"ci_low", json_number(p.summary.ci_low)},
                          {"ci_high", json_number(p.summary.ci_high)},
                          {"sd", json_number(p.summary.sd)},
                          {"decision", decision_name(p.decision)}});
    json["points"] = std::move(points);
    json["answer"] = r.answer ? json_number(*r.answer) : nlohmann::ordered_json(nullptr);
    json["reachable"] = r.answer.has_value();
    json["conservative"] = r.conservative;
    json["statement"] = r.statement();
    json["warnings"] = r.warnings;
    json["replications"] = r.replications();
    return json.dump(2) + "\n";
}

}  // namespace mmsim
