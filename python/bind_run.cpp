// run() from Python: the steps of `mmsim run` (check_work, run_replications,
// make_report) on a copy of the scenario, and the report's figures handed over
// as the library produces them for report.json and the CSV files, so a
// notebook's figures are the command line's.

#include <pybind11/stl.h>

#include <optional>
#include <sstream>

#include "bindings.hpp"
#include "interruptible.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/metrics.hpp"
#include "mmsim/report.hpp"
#include "mmsim/runner.hpp"
#include "mmsim/work_limits.hpp"

namespace py = pybind11;

namespace mmsim::python {
namespace {

// A run's report with the scenario it was made from (report.html and the
// summary read both).
struct RunResult {
    Scenario scenario;
    Report report;
};

// The registry's unit, with the scenario's currency for "currency".
std::string unit_of(const MetricInfo* info, const std::string& currency) {
    if (!info) return "";
    std::string unit(info->unit);
    if (unit.starts_with("currency")) unit.replace(0, 8, currency);
    return unit;
}

py::tuple summary_tuple(const Summary& s) {
    return py::make_tuple(s.mean, s.ci_low, s.ci_high, s.sd, s.n);
}

// (metric, label, unit, mean, ci_low, ci_high, sd, n) per metric, as
// report.json has them.
py::list metric_rows(const RunResult& r) {
    py::list rows;
    for (const MetricSummary& m : r.report.metrics) {
        const MetricInfo* info = find_metric(m.name);
        rows.append(py::make_tuple(m.name, metric_label(m.name), unit_of(info, r.scenario.currency)) +
                    summary_tuple(m.summary));
    }
    return rows;
}

// (window, from, to, metric, label, unit, mean, ci_low, ci_high, sd, n) for
// each window's metric, the metric named as over the whole run.
py::list window_rows(const RunResult& r) {
    py::list rows;
    for (const MetricSummary& m : r.report.metrics) {
        const std::string_view window = metric_window(m.name);
        if (window.empty()) continue;
        const std::string base(metric_base(m.name));
        py::object from = py::none(), to = py::none();
        for (const TimeWindow& w : r.report.windows)
            if (w.name == window) {
                from = python_date(format_date(w.from));
                to = python_date(format_date(w.to));
            }
        rows.append(py::make_tuple(std::string(window), from, to, base, metric_label(base),
                                   unit_of(find_metric(m.name), r.scenario.currency)) +
                    summary_tuple(m.summary));
    }
    return rows;
}

std::vector<Format> parse_formats(const std::vector<std::string>& names) {
    std::vector<Format> formats;
    for (const std::string& name : names) {
        if (name == "all") {
            for (const EnumName<Format>& row : enum_names(Format{})) formats.push_back(row.value);
        } else if (const std::optional<Format> format = enum_from_name<Format>(name)) {
            formats.push_back(*format);
        } else {
            throw UsageError("unknown format '" + name + "' (available: json, csv, html, all)");
        }
    }
    return formats;
}

RunResult run(const Scenario& given, int threads, std::optional<int> replications,
              std::optional<std::uint64_t> seed, const std::string& label, double max_events,
              double max_memory_mib, const py::object& progress) {
    if (threads < 0) throw UsageError("threads: expected 0 (all cores) or more, got " + std::to_string(threads));
    if (replications && *replications < 1)
        throw UsageError("replications: expected at least 1, got " + std::to_string(*replications));
    RunResult out{given, {}};
    if (seed) out.scenario.seed = *seed;
    if (replications) out.scenario.replications = *replications;
    check_work(out.scenario, WorkLimits{max_events, max_memory_mib}, threads);
    Interruptible call(progress);
    call.report(0, static_cast<std::uint64_t>(out.scenario.replications));
    call.run_void([&] {
        const std::vector<ReplicationResult> results = run_replications(
            out.scenario, threads, [&](const ReplicationResult&) { call.step(); });
        out.report = make_report(out.scenario, results, threads);
    });
    out.report.label = label;
    return out;
}

}  // namespace

void bind_run(py::module_& m) {
    py::class_<RunResult>(m, "RunResult", "The report of a run (see mmsim.Result for the pandas view).")
        .def_property_readonly("scenario", [](const RunResult& r) { return r.scenario; })
        .def_property_readonly("seed", [](const RunResult& r) { return r.report.seed; })
        .def_property_readonly("replications", [](const RunResult& r) { return r.report.replications; })
        .def_property_readonly("label", [](const RunResult& r) { return r.report.label; })
        .def_property_readonly("start", [](const RunResult& r) { return python_date(format_date(r.report.start)); })
        .def_property_readonly("end", [](const RunResult& r) { return python_date(format_date(r.report.end)); })
        .def("metric_rows", &metric_rows)
        .def("window_rows", &window_rows)
        .def("tables", [](const RunResult& r) { return r.report.tables(); })
        .def("csv", [](const RunResult& r, const std::string& table) { return to_csv(r.report, table); },
             py::arg("table"), "The table's CSV text, as the run writes TABLE.csv.")
        .def("zones_csv", [](const RunResult& r) { return to_zones_csv(r.report); })
        .def("json", [](const RunResult& r) { return to_json(r.report); }, "report.json's text.")
        .def("reproduce", [](const RunResult& r) { return r.report.reproduce(); })
        .def("summary",
             [](const RunResult& r) {
                 std::ostringstream out;
                 print_summary(r.report, r.scenario, out);
                 return out.str();
             },
             "The summary `mmsim run` prints.")
        .def(
            "write",
            [](const RunResult& r, const std::string& dir, const std::vector<std::string>& formats) {
                const FolderLock lock(dir);
                std::vector<std::string> written;
                for (const auto& path : write_report(r.report, r.scenario, dir, parse_formats(formats)))
                    written.push_back(path.string());
                return written;
            },
            py::arg("dir"), py::arg("formats"), "Writes the report files as `mmsim run --out DIR` does.");

    m.def("run", &run, py::arg("scenario"), py::arg("threads") = 0, py::arg("replications") = py::none(),
          py::arg("seed") = py::none(), py::arg("label") = "", py::arg("max_events") = kDefaultMaxEvents,
          py::arg("max_memory_mib") = kDefaultMaxMemoryMib, py::arg("progress") = py::none(),
          "Runs the scenario's replications (threads 0 = all cores) and summarises them, as `mmsim run`.");

    m.def("metric_registry", [] {
        py::list rows;
        for (const MetricInfo& info : metric_registry())
            rows.append(py::make_tuple(std::string(enum_name(info.kind)), std::string(info.pattern),
                                       std::string(info.label), std::string(info.unit),
                                       std::string(enum_name(info.better)), info.decimals,
                                       std::string(info.meaning)));
        return rows;
    }, "(kind, pattern, label, unit, better, decimals, meaning) of every registered metric.");
}

}  // namespace mmsim::python
