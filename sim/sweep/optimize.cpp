// mmsim optimize: the file, and the two-phase procedure (feasibility, then
// sequential elimination on common random numbers; see mmsim/optimize.hpp).

#include "mmsim/optimize.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "kernel/edit_distance.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/runner.hpp"
#include "scenario/reader.hpp"

namespace mmsim {
namespace {

using detail::MapReader;

std::vector<std::string_view> optimization_keys() {
    return {"schema_version", "name",        "description", "sweep",        "objective",
            "constraints",    "indifference", "window",     "confidence",   "replications"};
}

class Procedure {
public:
    Procedure(const Optimization& problem, int threads, const std::function<void(std::uint64_t)>& progress)
        : problem_(problem), threads_(threads), progress_(progress) {}

    OptimizationResult run();

private:
    // Runs replications until each option in `which` has `n` of them.
    void run_to(const std::vector<std::size_t>& which, int n);
    void check_metrics(const ReplicationResult& first) const;
    void feasibility();
    void selection();

    const Optimization& problem_;
    int threads_;
    const std::function<void(std::uint64_t)>& progress_;
    std::vector<Scenario> scenarios_;
    std::vector<std::string> metrics_;  // objective, then each constraint's
    OptimizationResult result_;
    std::uint64_t done_ = 0;
};

void Procedure::check_metrics(const ReplicationResult& first) const {
    std::vector<std::string_view> names;
    for (const MetricValue& m : first.metrics) names.push_back(m.name);
    for (const std::string& metric : metrics_)
        if (std::find(names.begin(), names.end(), metric) == names.end())
            throw ScenarioError(SourcePos{problem_.file, 0, 0},
                                "the scenario reports no metric '" + metric + "'" +
                                    detail::did_you_mean(metric, names) +
                                    " (mmsim metrics lists them; a window's are window.<name>.<metric>)");
}

void Procedure::run_to(const std::vector<std::size_t>& which, int n) {
    struct Task {
        std::size_t option;
        int replication;
    };
    std::vector<Task> tasks;
    for (std::size_t i : which) {
        auto& samples = result_.options[i].samples;
        const int have = static_cast<int>(samples[0].size());
        for (auto& column : samples) column.resize(static_cast<std::size_t>(n), kNaN);
        for (int r = have; r < n; ++r) tasks.push_back({i, r});
    }
    std::optional<ReplicationResult> first;
    parallel_for(static_cast<int>(tasks.size()), threads_, [&](int t) {
        const Task task = tasks[static_cast<std::size_t>(t)];
        ReplicationResult r = run_replication(scenarios_[task.option], task.replication, false);
        auto& samples = result_.options[task.option].samples;
        for (std::size_t k = 0; k < metrics_.size(); ++k)
            for (const MetricValue& m : r.metrics)
                if (m.name == metrics_[k]) samples[k][static_cast<std::size_t>(task.replication)] = m.value;
        if (task.option == which.front() && task.replication == 0) first = std::move(r);
    });
    if (first) check_metrics(*first);
    done_ += tasks.size();
    if (progress_) progress_(done_);
}

void Procedure::feasibility() {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < result_.options.size(); ++i) open.push_back(i);
    for (int n = problem_.first_replications; !open.empty(); n = std::min(problem_.max_replications, 2 * n)) {
        run_to(open, n);
        std::vector<std::size_t> still;
        for (std::size_t i : open) {
            OptionResult& option = result_.options[i];
            bool all_met = true, missed = false;
            for (std::size_t c = 0; c < problem_.constraints.size(); ++c) {
                const SolveTarget& target = problem_.constraints[c];
                const Summary s = summarize(option.samples[c + 1], result_.level);
                const double near = target.at_least ? s.ci_high : s.ci_low;
                const double far = target.at_least ? s.ci_low : s.ci_high;
                if (s.n >= 2 && !target.met_by(near)) {
                    missed = true;
                    option.why = "misses " + target.text;
                    break;
                }
                all_met = all_met && s.n >= 2 && target.met_by(far);
            }
            if (missed)
                option.status = OptionResult::Status::infeasible;
            else if (all_met)
                option.status = OptionResult::Status::near_tie;  // feasible; selection() decides
            else if (n >= problem_.max_replications)
                option.why = "cannot tell whether it meets the constraints";  // stays undecided
            else
                still.push_back(i);
        }
        if (n >= problem_.max_replications) break;
        open = std::move(still);
    }
}

void Procedure::selection() {
    std::vector<std::size_t> alive;
    int n = 0;
    for (std::size_t i = 0; i < result_.options.size(); ++i)
        if (result_.options[i].status == OptionResult::Status::near_tie) {
            alive.push_back(i);
            n = std::max(n, static_cast<int>(result_.options[i].samples[0].size()));
        }
    const double sign = problem_.minimize ? 1 : -1;  // worse = larger sign x objective
    while (alive.size() > 1) {
        run_to(alive, n);
        std::vector<std::size_t> kept;
        for (std::size_t i : alive) {
            const auto& a = result_.options[i].samples[0];
            std::string beaten_by;
            for (std::size_t j : alive) {
                if (j == i) continue;
                const auto& b = result_.options[j].samples[0];
                std::vector<double> worse(a.size());
                for (std::size_t r = 0; r < a.size(); ++r) worse[r] = sign * (a[r] - b[r]);
                const std::vector<double> zeros(a.size(), 0.0);
                const Difference d = paired(worse, zeros, result_.level);
                if (std::isfinite(d.ci_low) && d.ci_low > problem_.indifference) {
                    beaten_by = "option " + std::to_string(result_.options[j].point + 1);
                    break;
                }
            }
            if (beaten_by.empty()) {
                kept.push_back(i);
            } else {
                result_.options[i].status = OptionResult::Status::eliminated;
                result_.options[i].why = "worse than " + beaten_by;
            }
        }
        alive = std::move(kept);
        if (n >= problem_.max_replications) break;
        n = std::min(problem_.max_replications, 2 * n);
    }
    if (alive.empty()) return;
    std::size_t best = alive.front();
    for (std::size_t i : alive)
        if (sign * mean_of(result_.options[i].samples[0]) < sign * mean_of(result_.options[best].samples[0])) best = i;
    result_.chosen = best;
    result_.options[best].status = OptionResult::Status::chosen;
}

OptimizationResult Procedure::run() {
    result_.problem = &problem_;
    const std::size_t k = problem_.sweep.points.size();
    metrics_.push_back(problem_.objective);
    for (const SolveTarget& c : problem_.constraints) metrics_.push_back(c.metric);
    for (std::size_t i = 0; i < k; ++i) {
        scenarios_.push_back(problem_.sweep.scenario(i));
        if (problem_.window) add_window_arguments(scenarios_.back(), {*problem_.window});
        Scenario at_most = scenarios_.back();
        at_most.replications = problem_.max_replications;
        check_work(at_most, problem_.limits, threads_);
        OptionResult option;
        option.point = i;
        option.samples.resize(metrics_.size());
        option.status = OptionResult::Status::undecided;
        result_.options.push_back(std::move(option));
    }
    // Every interval the procedure may look at: each option's constraints,
    // then every pair's objective, at each look.
    const double looks = sequential_looks(problem_.first_replications, problem_.max_replications);
    const double kd = static_cast<double>(k);
    const double intervals = looks * (kd * static_cast<double>(problem_.constraints.size()) + kd * (kd - 1) / 2);
    result_.level = 1 - (1 - problem_.confidence) / std::max(1.0, intervals);
    feasibility();
    selection();
    for (OptionResult& option : result_.options)
        for (const auto& column : option.samples) option.summaries.push_back(summarize(column, problem_.confidence));
    return std::move(result_);
}

}  // namespace

int OptimizationResult::replications() const {
    int total = 0;
    for (const OptionResult& o : options) total += static_cast<int>(o.samples.empty() ? 0 : o.samples[0].size());
    return total;
}

Optimization load_optimization(const std::string& path) {
    const Node document = load_document(path);
    if (!document.is_map())
        throw ScenarioError(document.pos, "expected a map of optimisation keys at the top level, got " + describe(document));
    detail::Diagnostics out;
    MapReader top(&document, "", optimization_keys(), out);
    Optimization problem;
    problem.file = path;
    if (const Node* version = top.require("schema_version"); version && !(version->is_scalar() && version->text == "1"))
        out.add(version->pos, "schema_version: expected 1, got " + describe(*version));
    problem.name = top.string("name").value_or(std::filesystem::path(path).stem().string());
    top.string("description");
    const std::optional<std::string> sweep = top.require("sweep") ? top.string("sweep") : std::nullopt;
    if (const Node* objective = top.require("objective")) {
        MapReader fields(objective, "objective", {"minimize", "maximize"}, out);
        const std::optional<std::string> low = fields.string("minimize"), high = fields.string("maximize");
        if (low.has_value() == high.has_value())
            out.add(objective->pos, "objective: expected one of minimize: METRIC or maximize: METRIC");
        problem.minimize = low.has_value();
        problem.objective = low ? *low : high.value_or("");
    }
    if (const Node* constraints = top.get("constraints")) {
        if (const std::vector<Node>* items = detail::read_list(*constraints, "constraints", 100, "constraints", out))
            for (std::size_t i = 0; i < items->size(); ++i) {
                const Node& item = (*items)[i];
                const std::string where = "constraints[" + std::to_string(i) + "]";
                if (!item.is_scalar()) {
                    out.add(item.pos, where + ": expected 'METRIC >= VALUE' or 'METRIC <= VALUE', got " + describe(item));
                    continue;
                }
                try {
                    problem.constraints.push_back(parse_solve_target(item.text));
                } catch (const UsageError& e) {
                    std::string message = e.what();
                    message.replace(0, std::string("--target ").size(), where + ": ");
                    out.add(item.pos, message);
                }
            }
    }
    problem.indifference = top.number("indifference", detail::NumberRange::at_least(0)).value_or(0);
    problem.confidence = top.number("confidence", detail::NumberRange{0, 1, true, true}).value_or(0.95);
    if (const Node* window = top.get("window")) problem.window = detail::read_string(*window, "window", out);
    if (const Node* replications = top.get("replications")) {
        MapReader fields(replications, "replications", {"first", "max"}, out);
        problem.first_replications = fields.integer("first", detail::IntRange{3, 100'000}).value_or(10);
        problem.max_replications = fields.integer("max", detail::IntRange{3, 100'000}).value_or(80);
        if (problem.max_replications < problem.first_replications)
            out.add(replications->pos, "replications: max must be at least first");
    }
    if (!out.empty()) throw ScenarioError(out.sorted(path));
    const std::filesystem::path relative(*sweep);
    problem.sweep = load_sweep(relative.is_absolute() ? relative.string()
                                                      : (std::filesystem::path(path).parent_path() / relative)
                                                            .lexically_normal()
                                                            .string());
    return problem;
}

OptimizationResult optimize(const Optimization& problem, int threads,
                            const std::function<void(std::uint64_t)>& progress) {
    return Procedure(problem, threads, progress).run();
}

}  // namespace mmsim
