// mmsim solve: a bisection whose every step is a sequential test against the
// target, on common random numbers (see mmsim/solve.hpp for the procedure).

#include "mmsim/solve.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "kernel/edit_distance.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/error.hpp"
#include "mmsim/metrics.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/scenario.hpp"

namespace mmsim {
namespace {

// Grids longer than this are a mistake (a bisection over them would take
// some 20 steps; the values alone would fill memory first).
constexpr double kMaxValues = 1e6;

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return "";
    return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

std::optional<double> number_of(std::string_view text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

bool is_whole(double value) { return std::floor(value) == value && std::fabs(value) < 1e15; }

// The value of `metric` in `result`, or nullopt when it has none.
std::optional<double> metric_in(const ReplicationResult& result, const std::string& metric) {
    for (const MetricValue& m : result.metrics)
        if (m.name == metric) return m.value;
    return std::nullopt;
}

class Search {
public:
    Search(const SolveOptions& options, std::string metric) : options_(options) { result_.metric = std::move(metric); }

    SolveResult run();

private:
    Scenario scenario_at(double value) const;
    // Evaluates `value` until its decision is made or the cap is reached.
    SolvePoint& evaluate(double value);
    void check_metric(const ReplicationResult& first) const;
    void check_monotone();

    const SolveOptions& options_;
    SolveResult result_;
};

Scenario Search::scenario_at(double value) const {
    std::vector<std::string> overrides = options_.overrides;
    overrides.push_back(options_.range.path + "=" + options_.range.format(value));
    Scenario scenario;
    try {
        scenario = load_scenario(options_.scenario, overrides);
    } catch (const ScenarioError& e) {
        // The scenario itself loaded (solve() checked): the value is at fault.
        std::string message = "--vary " + options_.range.text + ": " + options_.range.format(value) +
                              " is not a valid value of " + options_.range.path + ":";
        for (const Diagnostic& d : e.diagnostics()) message += "\n  " + d.message;
        throw UsageError(message);
    }
    if (options_.window) add_window_arguments(scenario, {*options_.window});
    if (options_.seed) scenario.seed = *options_.seed;
    Scenario at_most = scenario;
    at_most.replications = options_.max_replications;
    check_work(at_most, options_.limits, options_.threads);
    return scenario;
}

void Search::check_metric(const ReplicationResult& first) const {
    if (metric_in(first, result_.metric)) return;
    std::vector<std::string_view> names;
    for (const MetricValue& m : first.metrics) names.push_back(m.name);
    throw UsageError("--target " + options_.target.text + ": the scenario reports no metric '" + result_.metric +
                     "'" + detail::did_you_mean(result_.metric, names) +
                     " (mmsim metrics lists them; a window's are window.<name>.<metric>)");
}

SolvePoint& Search::evaluate(double value) {
    const Scenario scenario = scenario_at(value);
    result_.points.push_back(SolvePoint{value, {}, {}, SolvePoint::Decision::undecided});
    SolvePoint& point = result_.points.back();
    int wanted = options_.first_replications;
    while (true) {
        const int have = static_cast<int>(point.samples.size());
        std::vector<double> batch(static_cast<std::size_t>(wanted - have));
        std::optional<ReplicationResult> first;  // replication 0, to check the metric is there
        parallel_for(wanted - have, options_.threads, [&](int i) {
            ReplicationResult r = run_replication(scenario, have + i, false);
            batch[static_cast<std::size_t>(i)] = metric_in(r, result_.metric).value_or(kNaN);
            if (have + i == 0) first = std::move(r);
        });
        if (first) check_metric(*first);
        point.samples.insert(point.samples.end(), batch.begin(), batch.end());
        if (options_.progress) options_.progress(value, wanted);
        point.summary = summarize(point.samples, result_.level);
        const SolveTarget& target = options_.target;
        if (point.summary.n >= 2) {
            const bool all_meet = target.met_by(target.at_least ? point.summary.ci_low : point.summary.ci_high);
            const bool none_meet = !target.met_by(target.at_least ? point.summary.ci_high : point.summary.ci_low);
            if (all_meet) point.decision = SolvePoint::Decision::meets;
            if (none_meet) point.decision = SolvePoint::Decision::fails;
        }
        if (point.decision != SolvePoint::Decision::undecided || wanted >= options_.max_replications) break;
        wanted = std::min(options_.max_replications, 2 * wanted);
    }
    if (point.decision == SolvePoint::Decision::undecided) result_.conservative = true;
    return point;
}

SolveResult Search::run() {
    result_.options = options_;
    const std::vector<double> values = options_.range.values();
    // Bonferroni: LO, HI and at most ceil(log2(N - 1)) bisection steps, each
    // looking at most `looks` times.
    const double gaps = std::max(1.0, static_cast<double>(values.size()) - 1);
    result_.decisions = 2 + static_cast<int>(std::ceil(std::log2(gaps)));
    result_.looks = sequential_looks(options_.first_replications, options_.max_replications);
    result_.level = 1 - (1 - options_.confidence) / (result_.decisions * result_.looks);

    const Scenario base = scenario_at(values.front());
    result_.scenario_name = base.name;
    result_.seed = base.seed;

    // For the smallest value, the values that meet the target are assumed to
    // be [x*, HI]; for the largest, [LO, x*].
    const bool largest = options_.largest;
    auto ok = [](const SolvePoint& p) { return p.decision == SolvePoint::Decision::meets; };
    std::size_t good = largest ? 0 : values.size() - 1;  // must meet, or nothing does
    std::size_t bad = largest ? values.size() - 1 : 0;
    if (!ok(evaluate(values[good]))) {
        if (values.size() > 1 && ok(evaluate(values[bad])))
            result_.warnings.push_back(
                "the target is met at " + options_.range.format(values[bad]) + " but not at " +
                options_.range.format(values[good]) + ": the metric seems to move the other way; try " +
                (largest ? "without --maximize-value" : "--maximize-value"));
        check_monotone();
        return std::move(result_);
    }
    if (values.size() == 1 || ok(evaluate(values[bad]))) {
        result_.answer = values[bad];
        check_monotone();
        return std::move(result_);
    }
    // Bisection: values[good] meets, values[bad] does not.
    while (good > bad ? good - bad > 1 : bad - good > 1) {
        const std::size_t mid = (good + bad) / 2;
        if (ok(evaluate(values[mid])))
            good = mid;
        else
            bad = mid;
    }
    result_.answer = values[good];
    check_monotone();
    return std::move(result_);
}

// Adjacent values tried, compared replication by replication (common random
// numbers make it a paired comparison): a difference significant at the
// statement's level in the direction that makes the mission worse as the
// search assumes it gets better contradicts monotonicity.
void Search::check_monotone() {
    std::vector<const SolvePoint*> sorted;
    for (const SolvePoint& p : result_.points) sorted.push_back(&p);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->value < b->value; });
    // Going up in value should move the metric towards the target (smallest)
    // or away from it (largest).
    const bool up_is_better = options_.target.at_least != options_.largest;
    for (std::size_t i = 1; i < sorted.size(); ++i) {
        const SolvePoint& a = *sorted[i - 1];
        const SolvePoint& b = *sorted[i];
        const std::size_t n = std::min(a.samples.size(), b.samples.size());
        const Difference d = paired(std::span(b.samples).first(n), std::span(a.samples).first(n), options_.confidence);
        if (!d.significant) continue;
        if ((d.ci_high < 0 && up_is_better) || (d.ci_low > 0 && !up_is_better)) {
            char text[160];
            std::snprintf(text, sizeof text, "%s %s from %s to %s (paired difference %.4g, %g%% interval [%.4g, %.4g])",
                          result_.metric.c_str(), d.diff < 0 ? "falls" : "rises",
                          options_.range.format(a.value).c_str(), options_.range.format(b.value).c_str(), d.diff,
                          100 * options_.confidence, d.ci_low, d.ci_high);
            result_.warnings.push_back(std::string("not monotone: ") + text +
                                       "; the answer assumes it is, so check it with a sweep");
        }
    }
}

}  // namespace

SolveTarget parse_solve_target(const std::string& text) {
    const std::string form = "--target " + text + ": expected 'METRIC >= VALUE' or 'METRIC <= VALUE'";
    SolveTarget target;
    target.text = text;
    std::size_t op = text.find(">=");
    target.at_least = op != std::string::npos;
    if (op == std::string::npos) op = text.find("<=");
    if (op == std::string::npos) throw UsageError(form);
    target.metric = trim(std::string_view(text).substr(0, op));
    std::string value = trim(std::string_view(text).substr(op + 2));
    if (target.metric.empty() || target.metric.find_first_of(" \t<>=") != std::string::npos)
        throw UsageError(form + " (the metric is missing or malformed)");
    const bool percent = !value.empty() && value.back() == '%';
    if (percent) value.pop_back();
    const std::optional<double> number = number_of(value);
    if (!number) throw UsageError(form + " (" + quote_text(value) + " is not a number)");
    target.value = percent ? *number / 100 : *number;
    if (percent) {
        const MetricInfo* info = find_metric(target.metric);
        if (info != nullptr && info->unit != "share")
            throw UsageError("--target " + text + ": a percentage fits a share, and " + target.metric +
                             " is in " + std::string(info->unit));
    }
    return target;
}

SolveRange parse_solve_range(const std::string& text, std::optional<double> step) {
    const std::string form = "--vary " + text + ": expected PATH=LO..HI, e.g. vehicles.fleets.mrap.deliveries[0].count=10..80";
    SolveRange range;
    range.text = text;
    const std::size_t equals = text.rfind('=');
    if (equals == std::string::npos) throw UsageError(form);
    range.path = trim(std::string_view(text).substr(0, equals));
    const std::string bounds = trim(std::string_view(text).substr(equals + 1));
    const std::size_t dots = bounds.find("..");
    if (range.path.empty() || dots == std::string::npos) throw UsageError(form);
    const std::optional<double> low = number_of(trim(std::string_view(bounds).substr(0, dots)));
    const std::optional<double> high = number_of(trim(std::string_view(bounds).substr(dots + 2)));
    if (!low || !high) throw UsageError(form + " (LO and HI must be numbers)");
    if (!(*low < *high)) throw UsageError("--vary " + text + ": the range is empty (LO must be below HI)");
    range.low = *low;
    range.high = *high;
    range.integer = is_whole(*low) && is_whole(*high) && (!step || is_whole(*step));
    if (step) {
        if (!(*step > 0)) throw UsageError("--step must be a positive number");
        range.step = *step;
    } else if (!range.integer) {
        throw UsageError("--vary " + text + ": give --step for a range of real values");
    }
    if ((range.high - range.low) / range.step + 1 > kMaxValues)
        throw UsageError("--vary " + text + ": more than 1,000,000 values (raise --step)");
    return range;
}

std::vector<double> SolveRange::values() const {
    std::vector<double> out;
    const auto count = static_cast<std::size_t>(std::floor((high - low) / step + 1e-9)) + 1;
    for (std::size_t i = 0; i < count; ++i) out.push_back(low + static_cast<double>(i) * step);
    if (out.back() < high) out.push_back(high);
    return out;
}

std::string SolveRange::format(double value) const {
    char text[40];
    if (integer)
        std::snprintf(text, sizeof text, "%.0f", value);
    else
        std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

int sequential_looks(int first, int max) {
    int looks = 1;
    for (int n = first; n < max; n = std::min(max, 2 * n)) ++looks;
    return looks;
}

int SolveResult::replications() const {
    int total = 0;
    for (const SolvePoint& p : points) total += static_cast<int>(p.samples.size());
    return total;
}

SolveResult solve(const SolveOptions& options) {
    if (!(options.confidence > 0 && options.confidence < 1))
        throw UsageError("--confidence must be between 0 and 1 (e.g. 0.95)");
    if (options.first_replications < 3 || options.max_replications < options.first_replications)
        throw UsageError("--replications must be at least 3, and --max-replications at least that");
    // The scenario as given, before any value is tried: its own errors are its own.
    Scenario base = load_scenario(options.scenario, options.overrides);
    std::string metric = options.target.metric;
    if (options.window) {
        add_window_arguments(base, {*options.window});
        // The target over the window, unless it names a window itself.
        if (metric_window(metric).empty()) metric = "window." + base.windows.back().name + "." + metric;
    }
    // A path that takes any text (a name, a description) is no quantity.
    try {
        std::vector<std::string> probe = options.overrides;
        probe.push_back(options.range.path + "=not-a-number");
        (void)build_scenario(resolve_scenario_document(options.scenario, probe), options.scenario);
        throw UsageError("--vary " + options.range.text + ": " + options.range.path +
                         " takes text, not a number");
    } catch (const ScenarioError&) {
        // refused, as a number's path should be
    }
    return Search(options, metric).run();
}

}  // namespace mmsim
