// compare(), sweep() and solve() from Python: the library calls behind
// `mmsim compare --run`, `mmsim compare A.json B.json`, `mmsim sweep` and
// `mmsim solve`, with their arguments checked as the command line checks
// them, their results handed over as the library writes them to files.

#include <pybind11/stl.h>

#include <optional>

#include "bindings.hpp"
#include "interruptible.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/compare.hpp"
#include "mmsim/solve.hpp"
#include "mmsim/sweep.hpp"
#include "mmsim/work_limits.hpp"

namespace py = pybind11;

namespace mmsim::python {
namespace {

Comparison compare_scenarios(std::vector<Scenario> scenarios, const std::vector<std::string>& labels,
                             const std::vector<std::string>& metrics, int threads,
                             std::optional<int> replications, std::optional<std::uint64_t> seed,
                             double max_events, double max_memory_mib, const py::object& progress) {
    if (scenarios.size() < 2) throw UsageError("compare needs a base and at least one alternative");
    if (!labels.empty() && labels.size() != scenarios.size())
        throw UsageError("labels: expected one per run (base first), got " + std::to_string(labels.size()) +
                         " for " + std::to_string(scenarios.size()) + " runs");
    if (threads < 0) throw UsageError("threads: expected 0 (all cores) or more, got " + std::to_string(threads));
    // As `compare --run`: the base's seed and replications for every run, and
    // a paired interval needs two.
    if (replications && *replications < 2)
        throw UsageError("replications: a paired comparison needs at least 2, got " + std::to_string(*replications));
    if (seed) scenarios.front().seed = *seed;
    if (replications) scenarios.front().replications = *replications;
    for (Scenario& scenario : scenarios) {
        scenario.replications = scenarios.front().replications;
        check_work(scenario, WorkLimits{max_events, max_memory_mib}, threads);
    }
    Interruptible call(progress);
    call.report(0, scenarios.size() * static_cast<std::uint64_t>(scenarios.front().replications));
    return call.run<Comparison>([&] {
        return compare_runs(scenarios, metrics, threads, labels, [&](const ReplicationResult&) { call.step(); });
    });
}

Comparison compare_saved(const std::vector<std::string>& files, const std::vector<std::string>& metrics) {
    std::vector<SavedReport> reports;
    for (const std::string& file : files) reports.push_back(read_report_json(file));
    return compare_reports(reports, metrics);
}

py::tuple sweep(const std::string& file, const std::string& out, int threads, const std::string& shard,
                bool resume, double max_events, double max_memory_mib, const py::object& progress) {
    if (threads < 0) throw UsageError("threads: expected 0 (all cores) or more, got " + std::to_string(threads));
    const Sweep loaded = load_sweep(file, WorkLimits{max_events, max_memory_mib});
    SweepRunOptions options;
    options.out = out.empty() ? "sweeps/" + loaded.name : out;
    options.threads = threads;
    if (!shard.empty()) options.shard = parse_shard(shard);
    options.resume = resume;
    Interruptible call(progress);
    options.on_progress = [&](const SweepProgress& p) { call.report(p.done, p.total); };
    const SweepRunResult result = call.run<SweepRunResult>([&] { return run_sweep(loaded, options); });
    std::vector<std::string> written;
    for (const auto& path : result.written) written.push_back(path.string());
    return py::make_tuple(options.out.string(), written, result.progress.done, result.progress.resumed,
                          result.progress.total);
}

SolveResult solve_path(const std::string& scenario, const std::string& vary, const std::string& target,
                       std::optional<double> step, const std::vector<std::string>& overrides,
                       std::optional<std::string> window, bool largest, double confidence,
                       int first_replications, int max_replications, std::optional<std::uint64_t> seed,
                       int threads, const py::object& progress) {
    // solve() checks the confidence and the replications itself.
    if (threads < 0) throw UsageError("threads: expected 0 (all cores) or more, got " + std::to_string(threads));
    SolveOptions options;
    options.scenario = scenario;
    options.overrides = overrides;
    options.window = std::move(window);
    options.range = parse_solve_range(vary, step);
    options.target = parse_solve_target(target);
    options.largest = largest;
    options.confidence = confidence;
    options.first_replications = first_replications;
    options.max_replications = max_replications;
    options.seed = seed;
    options.threads = threads;
    // Replications so far over all values; the total is not known ahead.
    Interruptible call(progress);
    std::uint64_t before = 0, value_replications = 0;
    double current = 0;
    bool started = false;
    options.progress = [&](double value, int replications) {
        if (!started || value != current) {
            before += value_replications;
            started = true;
            current = value;
        }
        value_replications = static_cast<std::uint64_t>(replications);
        call.report(before + value_replications, 0);
    };
    return call.run<SolveResult>([&] { return solve(options); });
}

}  // namespace

void bind_analysis(py::module_& m) {
    py::class_<Comparison>(m, "Comparison", "A comparison (see mmsim.Comparison for the pandas view).")
        .def_readonly("paired", &Comparison::paired)
        .def_readonly("notes", &Comparison::notes)
        .def_readonly("explanations", &Comparison::explanations)
        .def("runs",
             [](const Comparison& c) {
                 py::list rows;
                 for (const ComparedRun& r : c.runs)
                     rows.append(py::make_tuple(r.label, r.source, r.scenario_name, r.scenario_hash, r.seed,
                                                r.replications, r.what_if));
                 return rows;
             },
             "(label, source, scenario, hash, seed, replications, what_if) of each run, base first.")
        .def("csv", [](const Comparison& c) { return to_csv(c); }, "compare.csv's text.")
        .def("json", [](const Comparison& c) { return to_json(c); }, "compare.json's text.")
        .def("text", [](const Comparison& c) { return to_text(c); }, "The table `mmsim compare` prints.")
        .def("html", [](const Comparison& c) { return to_html(c); }, "compare.html's text.");

    m.def("compare_scenarios", &compare_scenarios, py::arg("scenarios"), py::arg("labels"), py::arg("metrics"),
          py::arg("threads"), py::arg("replications"), py::arg("seed"), py::arg("max_events"),
          py::arg("max_memory_mib"), py::arg("progress"));
    m.def("compare_reports", &compare_saved, py::arg("files"), py::arg("metrics"));
    m.def("sweep", &sweep, py::arg("file"), py::arg("out"), py::arg("threads"), py::arg("shard"),
          py::arg("resume"), py::arg("max_events"), py::arg("max_memory_mib"), py::arg("progress"),
          "Runs a sweep file into OUT; returns (out, files written, done, resumed, total).");

    py::class_<SolveResult>(m, "SolveResult", "A goal-seeking search (see mmsim.Solution).")
        .def_readonly("metric", &SolveResult::metric)
        .def_readonly("answer", &SolveResult::answer)
        .def_readonly("conservative", &SolveResult::conservative)
        .def_readonly("warnings", &SolveResult::warnings)
        .def_property_readonly("replications", &SolveResult::replications)
        .def("statement", &SolveResult::statement)
        .def("csv", [](const SolveResult& r) { return to_csv(r); }, "solve.csv's text.")
        .def("json", [](const SolveResult& r) { return to_json(r); }, "solve.json's text.")
        .def("text", [](const SolveResult& r) { return to_text(r); }, "The table `mmsim solve` prints.");
    m.def("solve", &solve_path, py::arg("scenario"), py::arg("vary"), py::arg("target"), py::arg("step"),
          py::arg("overrides"), py::arg("window"), py::arg("largest"), py::arg("confidence"),
          py::arg("first_replications"), py::arg("max_replications"), py::arg("seed"), py::arg("threads"),
          py::arg("progress"));
}

}  // namespace mmsim::python
