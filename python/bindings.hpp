#pragma once
// The parts of the extension module mmsim._mmsim, one concept each; the
// Python package mmsim (python/mmsim/__init__.py) wraps their results into
// pandas tables.

#include <pybind11/pybind11.h>

#include <optional>
#include <string>
#include <vector>

namespace mmsim::python {

/// Error, ScenarioError, UsageError and the translation of the library's
/// exceptions into them (module.cpp).
void bind_errors(pybind11::module_& m);
/// Scenario, load() (bind_scenario.cpp).
void bind_scenario(pybind11::module_& m);
/// run() and its RunResult; the metric registry (bind_run.cpp).
void bind_run(pybind11::module_& m);
/// compare(), sweep(), solve() (bind_analysis.cpp).
void bind_analysis(pybind11::module_& m);

/// A datetime.date from an ISO date "YYYY-MM-DD".
pybind11::object python_date(const std::string& iso);

}  // namespace mmsim::python
