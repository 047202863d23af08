// mmsim optimize: the file, and the two-phase procedure (feasibility, then
// sequential elimination on common random numbers; see mmsim/optimize.hpp).

#include "mmsim/optimize.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>

#include "kernel/edit_distance.hpp"
#include "kernel/text_file.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/runner.hpp"
#include "scenario/reader.hpp"
#include "sweep/journal.hpp"

namespace mmsim {
namespace {

using detail::MapReader;

std::vector<std::string_view> optimization_keys() {
    return {"schema_version", "name",        "description", "sweep",        "objective",
            "constraints",    "indifference", "window",     "confidence",   "replications"};
}

// The journal's first lines: what makes its figures this optimisation's
// (every option's resolved scenario and seed, the window, the metrics). The
// procedure's settings (confidence, batches, indifference) are not in it:
// they change which replications run, never what one gives.
std::string journal_header(const std::vector<Scenario>& scenarios, const std::optional<std::string>& window,
                           const std::vector<std::string>& metrics) {
    std::string header = "# mmsim optimize journal 1: option replication, then each metric's value\n";
    for (std::size_t i = 0; i < scenarios.size(); ++i)
        header += "# option " + std::to_string(i) + " scenario " + format_hash(scenarios[i].hash) + " seed " +
                  std::to_string(scenarios[i].seed) + "\n";
    header += "# window " + window.value_or("-") + "\n# metrics";
    for (const std::string& metric : metrics) header += " " + metric;
    return header + "\n";
}

class Procedure {
public:
    Procedure(const Optimization& problem, int threads, const std::function<void(std::uint64_t)>& progress,
              std::filesystem::path journal)
        : problem_(problem), threads_(threads), progress_(progress), journal_path_(std::move(journal)) {}

    OptimizationResult run();

private:
    // Runs replications until each option in `which` has `n` of them, taking
    // those the journal holds from it and adding the others to it.
    void run_to(const std::vector<std::size_t>& which, int n);
    // Reads the journal's figures (a torn last line, from a kill, is cut
    // off); a journal of another optimisation is refused.
    void open_journal();
    void append_to_journal(const std::string& lines);
    void check_metrics(const ReplicationResult& first) const;
    void feasibility();
    void selection();

    const Optimization& problem_;
    int threads_;
    const std::function<void(std::uint64_t)>& progress_;
    std::filesystem::path journal_path_;  // empty: no journal
    std::optional<detail::JournalFile> journal_;  // opened at the first figures
    std::string journal_header_;
    std::uint64_t journal_intact_ = 0;  // bytes of the file to keep: 0 when it has no whole header
    std::map<std::pair<std::size_t, int>, std::vector<double>> journaled_;  // (option, replication) -> values
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
        for (int r = have; r < n; ++r) {
            const auto journaled = journaled_.find({i, r});
            if (journaled == journaled_.end()) {
                tasks.push_back({i, r});
                continue;
            }
            for (std::size_t k = 0; k < metrics_.size(); ++k)
                samples[k][static_cast<std::size_t>(r)] = journaled->second[k];
            ++result_.resumed;
            ++done_;
        }
    }
    std::optional<ReplicationResult> first;
    parallel_for(static_cast<int>(tasks.size()), threads_, [&](int t) {
        const Task task = tasks[static_cast<std::size_t>(t)];
        ReplicationResult r = run_replication(scenarios_[task.option], task.replication, false);
        auto& samples = result_.options[task.option].samples;
        for (std::size_t k = 0; k < metrics_.size(); ++k)
            for (const MetricValue& m : r.metrics)
                if (m.name == metrics_[k]) samples[k][static_cast<std::size_t>(task.replication)] = m.value;
        if (t == 0) first = std::move(r);
    });
    if (first) check_metrics(*first);
    if (!journal_path_.empty() && !tasks.empty()) {
        // One write per batch, in task order: a kill leaves whole lines and
        // at most one torn line, which the next run leaves out.
        std::string lines;
        for (const Task& task : tasks) {
            lines += std::to_string(task.option) + " " + std::to_string(task.replication);
            for (const auto& column : result_.options[task.option].samples) {
                char text[32];
                const auto [end, error] =
                    std::to_chars(text, text + sizeof text, column[static_cast<std::size_t>(task.replication)]);
                lines += ' ';
                lines.append(text, error == std::errc{} ? end : text);
            }
            lines += '\n';
        }
        append_to_journal(lines);
    }
    done_ += tasks.size();
    if (progress_) progress_(done_);
}

void Procedure::open_journal() {
    journal_header_ = journal_header(scenarios_, problem_.window, metrics_);
    const std::string& header = journal_header_;
    const std::string file = journal_path_.string();
    const std::string text = detail::read_file_bytes(journal_path_).value_or("");  // none yet: ""
    if (!header.starts_with(text)) {  // else none yet, or its header torn by a kill
        if (!text.starts_with(header))
            throw ScenarioError(SourcePos{file, 1, 1},
                                "this journal belongs to another optimisation (other options, window or "
                                "metrics): remove it, or choose another --out");
        const std::size_t whole = text.rfind('\n') + 1;  // a torn last line is cut off
        journal_intact_ = whole;
        std::istringstream lines(text.substr(header.size(), whole - header.size()));
        int line_number = static_cast<int>(std::count(header.begin(), header.end(), '\n'));
        for (std::string line; std::getline(lines, line);) {
            ++line_number;
            std::istringstream fields(line);
            std::size_t option = 0;
            int replication = -1;
            std::vector<double> values;
            bool read = static_cast<bool>(fields >> option >> replication);
            for (std::string field; read && fields >> field;) {
                double value = kNaN;
                const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
                read = error == std::errc{} && end == field.data() + field.size();
                values.push_back(value);
            }
            if (!read || option >= scenarios_.size() || replication < 0 || values.size() != metrics_.size())
                throw ScenarioError(SourcePos{file, line_number, 1},
                                    "expected an option, a replication and " + std::to_string(metrics_.size()) +
                                        " values: the journal is damaged; remove it to start again");
            journaled_[{option, replication}] = std::move(values);
        }
    }
}

void Procedure::append_to_journal(const std::string& lines) {
    if (!journal_) {
        // Opened at the first figures, so that input refused before any run
        // (a metric no option reports) leaves no file behind; as a sweep's
        // journal, each append is on disk before the run goes on.
        journal_.emplace(journal_path_);
        journal_->truncate(journal_intact_);  // a torn tail, or a torn header, goes
        if (journal_intact_ == 0) journal_->append(journal_header_);
    }
    journal_->append(lines);
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
    if (!journal_path_.empty()) open_journal();
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
                            const std::function<void(std::uint64_t)>& progress,
                            const std::filesystem::path& journal) {
    return Procedure(problem, threads, progress, journal).run();
}

}  // namespace mmsim
