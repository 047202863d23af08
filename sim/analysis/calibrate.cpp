// mmsim calibrate: the file, the least-squares fit on common random numbers
// and its uncertainty (see mmsim/calibrate.hpp).

#include "mmsim/calibrate.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>

#include "kernel/edit_distance.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/statistics.hpp"
#include "scenario/reader.hpp"

namespace mmsim {
namespace {

using detail::MapReader;

constexpr std::size_t kMaxParameters = 10;
constexpr std::size_t kMaxObservations = 10'000;

// The shortest text that reads back as `value`, as --set takes it.
std::string set_value(double value) {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc{} ? std::string(buffer, end) : std::to_string(value);
}

std::filesystem::path beside(const std::string& file, const std::string& relative) {
    const std::filesystem::path path(relative);
    return path.is_absolute() ? path : (std::filesystem::path(file).parent_path() / path).lexically_normal();
}

void read_parameters(const Node& node, Calibration& calibration, detail::Diagnostics& out) {
    if (!node.is_map() || node.entries.empty()) {
        out.add(node.pos, "parameters: expected a map of scenario paths to {min, max}, got " + describe(node));
        return;
    }
    if (node.entries.size() > kMaxParameters) {
        out.add(node.pos, "parameters: at most " + std::to_string(kMaxParameters) + " (got " +
                              std::to_string(node.entries.size()) + ")");
        return;
    }
    for (const MapEntry& entry : node.entries) {
        const std::string where = "parameters." + entry.key;
        MapReader fields(&entry.value, where, {"min", "max", "start"}, out);
        // (value_or: g++ 12 warns of optionals read behind a has_value() test.)
        const bool has_min = fields.require("min") != nullptr;
        const bool has_max = fields.require("max") != nullptr;
        const std::optional<double> read_low = fields.number("min", detail::NumberRange{});
        const std::optional<double> read_high = fields.number("max", detail::NumberRange{});
        const std::optional<double> start = fields.number("start", detail::NumberRange{});
        if (!has_min || !has_max || !read_low.has_value() || !read_high.has_value()) continue;
        const double low = read_low.value_or(0), high = read_high.value_or(0);
        if (!(high > low)) {
            out.add(fields.get("max")->pos, where + ".max: expected more than min (" + set_value(low) + "), got " +
                                                set_value(high));
            continue;
        }
        if (start && (*start < low || *start > high)) {
            out.add(fields.get("start")->pos, where + ".start: expected a value in [min, max], got " +
                                                  set_value(*start));
            continue;
        }
        calibration.parameters.push_back(CalibrationParameter{entry.key, low, high, start, false, entry.key_pos});
    }
}

void read_observations(const Node& node, Calibration& calibration, detail::Diagnostics& out) {
    const std::vector<Node>* items =
        detail::read_list(node, "observations", kMaxObservations, "observations", out);
    if (!items) return;
    if (items->empty()) out.add(node.pos, "observations: expected at least one observation");
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string where = "observations[" + std::to_string(i) + "]";
        MapReader fields(&(*items)[i], where, {"series", "date", "value", "sd", "source"}, out);
        Observation observation;
        observation.pos = (*items)[i].pos;
        const std::optional<std::string> series = fields.require("series") ? fields.string("series") : std::nullopt;
        const std::optional<Date> date = fields.require("date") ? fields.date("date") : std::nullopt;
        const std::optional<double> value =
            fields.require("value") ? fields.number("value", detail::NumberRange{}) : std::nullopt;
        const std::optional<double> sd =
            fields.require("sd") ? fields.number("sd", detail::NumberRange::above(0)) : std::nullopt;
        observation.source = fields.string("source").value_or("");
        if (series) {
            const std::size_t first = series->find('.'), last = series->rfind('.');
            if (first == std::string::npos || first == last || first == 0 || last + 1 == series->size()) {
                out.add(fields.get("series")->pos, where + ".series: expected TABLE.ENTITY.METRIC (a daily series "
                                                            "such as control.all.g), got " +
                                                       describe(*fields.get("series")));
                continue;
            }
            observation.table = series->substr(0, first);
            observation.entity = series->substr(first + 1, last - first - 1);
            observation.metric = series->substr(last + 1);
        }
        if (!series || !date || !value || !sd) continue;
        observation.date = *date;
        observation.value = *value;
        observation.sd = *sd;
        calibration.observations.push_back(std::move(observation));
    }
}

// The scenario with `values` of the parameters, after the file's `set:`.
Scenario scenario_with(const Calibration& calibration, const std::vector<double>& values) {
    std::vector<std::string> overrides = calibration.overrides;
    for (std::size_t j = 0; j < values.size(); ++j)
        overrides.push_back(calibration.parameters[j].path + "=" + set_value(values[j]));
    Scenario scenario = load_scenario(calibration.scenario, overrides);
    if (calibration.seed) scenario.seed = *calibration.seed;
    return scenario;
}

// The parameters and observations checked against the scenario itself; a
// path that takes its bounds but not a value between two whole numbers is
// marked integer.
void check_against_scenario(Calibration& calibration, detail::Diagnostics& out) {
    Scenario base;
    try {
        base = load_scenario(calibration.scenario, calibration.overrides);
    } catch (const ScenarioError& error) {
        for (const Diagnostic& d : error.diagnostics()) out.add(d.pos, d.message);
        return;
    }
    for (CalibrationParameter& parameter : calibration.parameters) {
        bool valid = true;
        for (const std::string& value : {std::string("not-a-number"), set_value(parameter.low), set_value(parameter.high)}) {
            std::vector<std::string> overrides = calibration.overrides;
            overrides.push_back(parameter.path + "=" + value);
            try {
                (void)load_scenario(calibration.scenario, overrides);
                if (value == "not-a-number") {
                    out.add(parameter.pos, "parameters." + parameter.path + ": takes text, not a number");
                    break;
                }
            } catch (const ScenarioError& error) {
                if (value == "not-a-number") continue;  // refused, as a number's path should be
                out.add(parameter.pos, "parameters." + parameter.path + ": " + value + " is not a valid value: " +
                                           error.diagnostics().front().message);
                valid = false;
                break;
            }
        }
        if (!valid) continue;
        std::vector<std::string> overrides = calibration.overrides;
        overrides.push_back(parameter.path + "=" + set_value(std::floor(parameter.low) + 0.5));
        try {
            (void)load_scenario(calibration.scenario, overrides);
        } catch (const ScenarioError&) {
            parameter.integer = true;
        }
    }
    for (std::size_t i = 0; i < calibration.observations.size(); ++i) {
        const Observation& observation = calibration.observations[i];
        if (observation.date < base.start || observation.date > base.end)
            out.add(observation.pos, "observations[" + std::to_string(i) + "].date: " + format_date(observation.date) +
                                         " is outside the scenario's horizon (" + format_date(base.start) + " to " +
                                         format_date(base.end) + ")");
    }
}

}  // namespace

Calibration load_calibration(const std::string& path) {
    const Node document = load_document(path);
    if (!document.is_map())
        throw ScenarioError(document.pos, "expected a map of calibration keys at the top level, got " +
                                              describe(document));
    detail::Diagnostics out;
    MapReader top(&document, "",
                  {"schema_version", "name", "description", "scenario", "set", "replications", "seed",
                   "max_evaluations", "parameters", "observations"},
                  out);
    Calibration calibration;
    calibration.file = path;
    if (const Node* version = top.require("schema_version"); version && !(version->is_scalar() && version->text == "1"))
        out.add(version->pos, "schema_version: expected 1, got " + describe(*version));
    calibration.name = top.string("name").value_or(std::filesystem::path(path).stem().string());
    top.string("description");
    const std::optional<std::string> scenario = top.require("scenario") ? top.string("scenario") : std::nullopt;
    if (const Node* set = top.get("set")) {
        if (!set->is_map())
            out.add(set->pos, "set: expected a map of scenario paths to values, got " + describe(*set));
        else
            for (const MapEntry& entry : set->entries)
                if (entry.value.is_scalar())
                    calibration.overrides.push_back(entry.key + "=" + entry.value.text);
                else
                    out.add(entry.value.pos, "set." + entry.key + ": expected a single value, got " +
                                                 describe(entry.value));
    }
    calibration.replications = top.integer("replications", detail::IntRange{2, 10'000}).value_or(10);
    if (top.get("seed"))
        if (const std::optional<int> seed = top.integer("seed", detail::IntRange{0, 2'000'000'000}))
            calibration.seed = static_cast<std::uint64_t>(*seed);
    calibration.max_evaluations = top.integer("max_evaluations", detail::IntRange{1, 100'000}).value_or(200);
    if (const Node* parameters = top.require("parameters")) read_parameters(*parameters, calibration, out);
    if (const Node* observations = top.require("observations")) read_observations(*observations, calibration, out);
    if (!out.empty()) throw ScenarioError(out.sorted(path));
    calibration.scenario = beside(path, *scenario).string();
    check_against_scenario(calibration, out);
    if (!out.empty()) throw ScenarioError(out.sorted(path));
    return calibration;
}

namespace {

// The model's figures at one point: per observation, the mean over the
// replications and its standard error.
struct Evaluation {
    std::vector<double> mean, se;
    double objective = 0;
};

class Fit {
public:
    Fit(const Calibration& calibration, int threads, const std::function<void(int)>& progress)
        : calibration_(calibration), threads_(threads), progress_(progress) {}

    CalibrationResult run();

private:
    std::vector<double> unscaled(const std::vector<double>& x) const;
    const Evaluation& evaluate(const std::vector<double>& x);
    // Runs the replications at `values`; with `series`, also keeps each
    // observed series whole, per replication.
    Evaluation simulate(const std::vector<double>& values,
                        std::vector<std::vector<std::vector<double>>>* series = nullptr);
    std::vector<double> nelder_mead(std::vector<double> x0, bool& converged);
    void uncertainty(const std::vector<double>& x, CalibrationResult& result);

    const Calibration& calibration_;
    int threads_;
    const std::function<void(int)>& progress_;
    std::map<std::vector<double>, Evaluation> cache_;
    int evaluations_ = 0;
    std::vector<std::string> series_names_;  // the distinct observed series
    Date start_;
};

std::vector<double> Fit::unscaled(const std::vector<double>& x) const {
    std::vector<double> values(x.size());
    for (std::size_t j = 0; j < x.size(); ++j) {
        const CalibrationParameter& p = calibration_.parameters[j];
        values[j] = p.low + std::clamp(x[j], 0.0, 1.0) * (p.high - p.low);
        if (p.integer) values[j] = std::clamp(std::round(values[j]), std::ceil(p.low), std::floor(p.high));
    }
    return values;
}

Evaluation Fit::simulate(const std::vector<double>& values,
                         std::vector<std::vector<std::vector<double>>>* series) {
    Scenario scenario = scenario_with(calibration_, values);
    scenario.replications = calibration_.replications;
    check_work(scenario, calibration_.limits, threads_);
    start_ = scenario.start;
    const auto& observations = calibration_.observations;
    const int replications = calibration_.replications;
    std::vector<std::vector<double>> figures(observations.size(), std::vector<double>(static_cast<std::size_t>(replications)));
    std::vector<std::string> missing(static_cast<std::size_t>(replications));
    if (series) series->assign(series_names_.size(), std::vector<std::vector<double>>(static_cast<std::size_t>(replications)));
    parallel_for(replications, threads_, [&](int r) {
        const ReplicationResult result = run_replication(scenario, r, false);
        const auto rep = static_cast<std::size_t>(r);
        for (std::size_t i = 0; i < observations.size(); ++i) {
            const Observation& o = observations[i];
            const auto found = std::find_if(result.series.begin(), result.series.end(), [&](const DailySeries& s) {
                return s.table == o.table && s.entity == o.entity && s.metric == o.metric;
            });
            if (found == result.series.end()) {
                missing[rep] = o.series();
                continue;
            }
            figures[i][rep] = found->by_day[static_cast<std::size_t>(days_between(scenario.start, o.date))];
            if (series) {
                const auto k = static_cast<std::size_t>(
                    std::find(series_names_.begin(), series_names_.end(), o.series()) - series_names_.begin());
                (*series)[k][rep] = found->by_day;
            }
        }
    });
    if (!missing.front().empty())
        throw UsageError(calibration_.file + ": the scenario reports no daily series '" + missing.front() +
                         "' (TABLE.ENTITY.METRIC as in its CSV files: table = the file's name, entity and metric "
                         "its columns)");
    Evaluation evaluation;
    for (std::size_t i = 0; i < observations.size(); ++i) {
        const Summary summary = summarize(figures[i]);
        evaluation.mean.push_back(summary.mean);
        evaluation.se.push_back(summary.sd / std::sqrt(static_cast<double>(summary.n)));
        const double residual = (summary.mean - observations[i].value) / observations[i].sd;
        evaluation.objective += std::isfinite(residual) ? residual * residual : HUGE_VAL;
    }
    return evaluation;
}

const Evaluation& Fit::evaluate(const std::vector<double>& x) {
    std::vector<double> key(x.size());
    for (std::size_t j = 0; j < x.size(); ++j) key[j] = std::clamp(x[j], 0.0, 1.0);
    if (const auto found = cache_.find(key); found != cache_.end()) return found->second;
    const Evaluation& evaluation = cache_.emplace(key, simulate(unscaled(key))).first->second;
    ++evaluations_;
    if (progress_) progress_(evaluations_);
    return evaluation;
}

// Nelder-Mead on [0, 1]^p, each trial point clamped into the box.
std::vector<double> Fit::nelder_mead(std::vector<double> x0, bool& converged) {
    const std::size_t p = x0.size();
    auto f = [&](const std::vector<double>& x) { return evaluate(x).objective; };
    std::vector<std::vector<double>> simplex{x0};
    for (std::size_t j = 0; j < p; ++j) {
        std::vector<double> x = x0;
        x[j] += x[j] <= 0.9 ? 0.1 : -0.1;
        simplex.push_back(x);
    }
    auto clamp = [](std::vector<double> x) {
        for (double& v : x) v = std::clamp(v, 0.0, 1.0);
        return x;
    };
    auto order = [&] {
        std::stable_sort(simplex.begin(), simplex.end(),
                         [&](const auto& a, const auto& b) { return f(a) < f(b); });
    };
    converged = false;
    order();
    while (evaluations_ < calibration_.max_evaluations) {
        double spread = 0, size = 0;
        for (std::size_t k = 1; k <= p; ++k) {
            spread = std::max(spread, f(simplex[k]) - f(simplex[0]));
            for (std::size_t j = 0; j < p; ++j) size = std::max(size, std::fabs(simplex[k][j] - simplex[0][j]));
        }
        if (spread <= 1e-9 * (1 + f(simplex[0])) && size <= 1e-4) {
            converged = true;
            break;
        }
        std::vector<double> centroid(p, 0.0);
        for (std::size_t k = 0; k < p; ++k)
            for (std::size_t j = 0; j < p; ++j) centroid[j] += simplex[k][j] / static_cast<double>(p);
        auto toward = [&](double t) {  // centroid + t (centroid - worst)
            std::vector<double> x(p);
            for (std::size_t j = 0; j < p; ++j) x[j] = centroid[j] + t * (centroid[j] - simplex[p][j]);
            return clamp(x);
        };
        const std::vector<double> reflected = toward(1);
        if (f(reflected) < f(simplex[0])) {
            const std::vector<double> expanded = toward(2);
            simplex[p] = f(expanded) < f(reflected) ? expanded : reflected;
        } else if (f(reflected) < f(simplex[p - 1])) {
            simplex[p] = reflected;
        } else {
            const std::vector<double> contracted = f(reflected) < f(simplex[p]) ? toward(0.5) : toward(-0.5);
            if (f(contracted) < std::min(f(reflected), f(simplex[p]))) {
                simplex[p] = contracted;
            } else {
                for (std::size_t k = 1; k <= p; ++k)
                    for (std::size_t j = 0; j < p; ++j) simplex[k][j] = 0.5 * (simplex[0][j] + simplex[k][j]);
            }
        }
        order();
    }
    return simplex[0];
}

void Fit::uncertainty(const std::vector<double>& x, CalibrationResult& result) {
    const auto& observations = calibration_.observations;
    const std::size_t n = observations.size(), p = x.size();
    const Evaluation at = evaluate(x);
    // Central differences of the scaled residuals, in the parameters' own
    // units; one-sided at a bound.
    Eigen::MatrixXd jacobian(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p));
    constexpr double kStep = 0.01;  // of each range
    for (std::size_t j = 0; j < p; ++j) {
        const CalibrationParameter& parameter = calibration_.parameters[j];
        // At least one whole step for an integer path.
        const double step = parameter.integer ? std::max(kStep, 1 / (parameter.high - parameter.low)) : kStep;
        std::vector<double> up = x, down = x;
        up[j] = std::min(1.0, x[j] + step);
        down[j] = std::max(0.0, x[j] - step);
        const Evaluation high = evaluate(up);
        const Evaluation low = evaluate(down);
        const double width = unscaled(up)[j] - unscaled(down)[j];
        for (std::size_t i = 0; i < n; ++i)
            jacobian(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
                width > 0 ? (high.mean[i] - low.mean[i]) / observations[i].sd / width : 0.0;
    }
    const Eigen::MatrixXd information = jacobian.transpose() * jacobian;
    // Identified: the information, with the parameters scaled to their
    // ranges, is well conditioned.
    Eigen::VectorXd range(static_cast<Eigen::Index>(p));
    for (std::size_t j = 0; j < p; ++j)
        range(static_cast<Eigen::Index>(j)) = calibration_.parameters[j].high - calibration_.parameters[j].low;
    const Eigen::MatrixXd scaled = range.asDiagonal() * information * range.asDiagonal();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(scaled);
    const double largest = eigen.eigenvalues().maxCoeff(), smallest = eigen.eigenvalues().minCoeff();
    const bool identified = largest > 0 && smallest > 1e-10 * largest;
    Eigen::MatrixXd covariance = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(p),
                                                           std::nan(""));
    if (identified) {
        const Eigen::MatrixXd inverse = information.inverse();
        Eigen::VectorXd simulation(static_cast<Eigen::Index>(n));
        for (std::size_t i = 0; i < n; ++i) {
            const double ratio = at.se[i] / observations[i].sd;
            simulation(static_cast<Eigen::Index>(i)) = std::isfinite(ratio) ? ratio * ratio : 0.0;
        }
        covariance = inverse + inverse * jacobian.transpose() * simulation.asDiagonal() * jacobian * inverse;
    }
    const std::vector<double> values = unscaled(x);
    for (std::size_t j = 0; j < p; ++j) {
        CalibratedParameter fitted;
        fitted.parameter = calibration_.parameters[j];
        fitted.value = values[j];
        fitted.identified = identified;
        fitted.se = std::sqrt(covariance(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(j)));
        fitted.at_bound = x[j] <= 0 || x[j] >= 1;
        result.parameters.push_back(fitted);
    }
    for (std::size_t i = 0; i < n; ++i)
        result.fit.push_back(FittedObservation{observations[i], at.mean[i], at.se[i],
                                               (at.mean[i] - observations[i].value) / observations[i].sd});
    result.objective = at.objective;
}

CalibrationResult Fit::run() {
    for (const Observation& o : calibration_.observations)
        if (std::find(series_names_.begin(), series_names_.end(), o.series()) == series_names_.end())
            series_names_.push_back(o.series());
    std::vector<double> x0;
    for (const CalibrationParameter& p : calibration_.parameters)
        x0.push_back(p.start ? (*p.start - p.low) / (p.high - p.low) : 0.5);
    CalibrationResult result;
    result.calibration = calibration_;
    result.objective_start = evaluate(x0).objective;
    const std::vector<double> best = nelder_mead(x0, result.converged);
    uncertainty(best, result);
    result.evaluations = evaluations_;

    // The fitted series, whole, for the chart.
    std::vector<std::vector<std::vector<double>>> runs;
    const Scenario scenario = scenario_with(calibration_, unscaled(best));
    result.scenario_name = scenario.name;
    result.seed = scenario.seed;
    result.start = scenario.start;
    (void)simulate(unscaled(best), &runs);
    for (std::size_t k = 0; k < series_names_.size(); ++k) {
        CalibrationResult::Series series{series_names_[k], {}, {}, {}};
        const std::size_t days = runs[k].front().size();
        std::vector<double> day(runs[k].size());
        for (std::size_t d = 0; d < days; ++d) {
            for (std::size_t r = 0; r < runs[k].size(); ++r) day[r] = runs[k][r][d];
            const Summary summary = summarize(day);
            series.mean.push_back(summary.mean);
            series.low.push_back(summary.ci_low);
            series.high.push_back(summary.ci_high);
        }
        result.series.push_back(std::move(series));
    }
    return result;
}

}  // namespace

CalibrationResult calibrate(const Calibration& calibration, int threads,
                            const std::function<void(int evaluations)>& progress) {
    return Fit(calibration, threads, progress).run();
}

}  // namespace mmsim
