// Scenarios from Python: load() is load_scenario and add_window_arguments,
// as `mmsim run` calls them, so a file, its --set arguments and its windows
// are read, resolved and refused exactly as on the command line.

#include <pybind11/stl.h>

#include "bindings.hpp"
#include "mmsim/scenario.hpp"

namespace py = pybind11;

namespace mmsim::python {

void bind_scenario(py::module_& m) {
    py::class_<Scenario>(m, "Scenario",
                         "A loaded, validated scenario (extends, set and windows resolved). seed and "
                         "replications may be changed; the rest is read-only.")
        .def_readonly("name", &Scenario::name)
        .def_readonly("description", &Scenario::description)
        .def_readonly("file", &Scenario::file)
        .def_property_readonly("start", [](const Scenario& s) { return python_date(format_date(s.start)); })
        .def_property_readonly("end", [](const Scenario& s) { return python_date(format_date(s.end)); })
        .def_property_readonly("days", &Scenario::days)
        .def_readwrite("seed", &Scenario::seed)
        .def_property(
            "replications", [](const Scenario& s) { return s.replications; },
            [](Scenario& s, int replications) {
                if (replications < 1) throw py::value_error("replications must be at least 1");
                s.replications = replications;
            })
        .def_readonly("currency", &Scenario::currency)
        .def_readonly("overrides", &Scenario::overrides, "the set arguments applied, in order")
        .def_property_readonly(
            "windows",
            [](const Scenario& s) {
                py::list out;
                for (const TimeWindow& w : s.windows)
                    out.append(py::make_tuple(w.name, python_date(format_date(w.from)),
                                              python_date(format_date(w.to))));
                return out;
            },
            "(name, from, to) of each time window, the scenario's then the added ones")
        .def_property_readonly("hash", [](const Scenario& s) { return format_hash(s.hash); })
        .def(
            "show", [](const Scenario& s) { return s.document ? to_yaml(*s.document) : std::string(); },
            "The scenario as run (extends and set applied), as YAML: what `mmsim show` prints.")
        .def("__repr__", [](const Scenario& s) {
            return "<mmsim.Scenario " + s.name + " (" + s.file + "), " + format_date(s.start) + " to " +
                   format_date(s.end) + ", seed " + std::to_string(s.seed) + ", " +
                   std::to_string(s.replications) + " replications>";
        });

    m.def(
        "load",
        [](const std::string& path, const std::vector<std::string>& overrides,
           const std::vector<std::string>& windows) {
            Scenario scenario = load_scenario(path, overrides);
            add_window_arguments(scenario, windows);
            return scenario;
        },
        py::arg("path"), py::arg("overrides") = std::vector<std::string>{},
        py::arg("windows") = std::vector<std::string>{},
        "Loads a scenario file with `--set` arguments (PATH=VALUE) and `--window` arguments "
        "([NAME=]FROM..TO). Raises ScenarioError listing every problem.");
}

}  // namespace mmsim::python
