// The extension module mmsim._mmsim, and how the library's exceptions reach
// Python: bad input as ScenarioError (file, line, column, the CLI's message),
// bad arguments as UsageError, other failures as Error, std::bad_alloc as
// MemoryError (pybind11's own translation); none ends the interpreter.

#include <pybind11/stl.h>

#include "bindings.hpp"
#include "interruptible.hpp"
#include "mmsim/error.hpp"

namespace py = pybind11;

namespace mmsim::python {
namespace {

// The translator is a plain function: it finds the exception classes on the
// module, which keeps them in one place (no static handles).
py::object module_class(const char* name) {
    return py::module_::import("mmsim._mmsim").attr(name);
}

void raise_scenario_error(const ScenarioError& error) {
    const py::object type = module_class("ScenarioError");
    const py::object exception = type(error.what());
    exception.attr("diagnostics") = py::cast(error.diagnostics());
    // The first problem's position, as most callers want one.
    py::object file = py::none(), line = py::none(), column = py::none(), message = py::str(error.what());
    if (!error.diagnostics().empty()) {
        const Diagnostic& first = error.diagnostics().front();
        file = py::str(first.pos.file);
        if (first.pos.line > 0) line = py::int_(first.pos.line);
        if (first.pos.col > 0) column = py::int_(first.pos.col);
        message = py::str(first.message);
    }
    exception.attr("file") = file;
    exception.attr("line") = line;
    exception.attr("column") = column;
    exception.attr("message") = message;
    PyErr_SetObject(type.ptr(), exception.ptr());
}

void translate(std::exception_ptr pointer) {
    try {
        if (pointer) std::rethrow_exception(pointer);
    } catch (const ScenarioError& error) {
        raise_scenario_error(error);
    } catch (const UsageError& error) {
        PyErr_SetString(module_class("UsageError").ptr(), error.what());
    } catch (const Error& error) {
        PyErr_SetString(module_class("Error").ptr(), error.what());
    } catch (const Cancelled& error) {
        // Only reaches here if a callback was cancelled outside run(): say so.
        PyErr_SetString(PyExc_KeyboardInterrupt, error.what());
    }
}

// A new exception class mmsim._mmsim.NAME with `bases` (a tuple).
void add_exception(py::module_& m, const char* name, const py::object& bases, const char* doc) {
    const std::string qualified = std::string("mmsim.") + name;
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
    if (!type) throw py::error_already_set();
    m.add_object(name, py::reinterpret_steal<py::object>(type));
}

}  // namespace

void bind_errors(py::module_& m) {
    py::class_<Diagnostic>(m, "Diagnostic", "One problem found in the input, as `file:line:col: message`.")
        .def_property_readonly("file", [](const Diagnostic& d) { return d.pos.file; })
        .def_property_readonly("line", [](const Diagnostic& d) { return d.pos.line; },
                               "1-based; 0 when the problem is the whole file or argument")
        .def_property_readonly("column", [](const Diagnostic& d) { return d.pos.col; }, "1-based; 0 when unknown")
        .def_readonly("message", &Diagnostic::message)
        .def("__str__", [](const Diagnostic& d) { return to_string(d); })
        .def("__repr__", [](const Diagnostic& d) { return "<mmsim.Diagnostic " + to_string(d) + ">"; });

    add_exception(m, "Error", py::make_tuple(py::handle(PyExc_RuntimeError)),
                  "A failure of mmsim that is not the input's fault (I/O, resources).");
    add_exception(m, "ScenarioError",
                  py::make_tuple(m.attr("Error"), py::handle(PyExc_ValueError)),
                  "Bad input. str() is every problem as the mmsim command prints it, one a line "
                  "(file:line:col: message); .diagnostics lists them; .file, .line, .column and "
                  ".message are the first one's (line and column None when unknown).");
    add_exception(m, "UsageError", py::make_tuple(m.attr("Error"), py::handle(PyExc_ValueError)),
                  "A bad argument (a malformed target, range or option value).");
    py::register_exception_translator(&translate);
}

py::object python_date(const std::string& iso) {
    return py::module_::import("datetime").attr("date").attr("fromisoformat")(iso);
}

}  // namespace mmsim::python

PYBIND11_MODULE(_mmsim, m) {
    m.doc() = "mmsim's C++ library; use the package mmsim, which wraps it into pandas tables.";
    m.attr("__version__") = MMSIM_VERSION;
    mmsim::python::bind_errors(m);
    mmsim::python::bind_scenario(m);
    mmsim::python::bind_run(m);
    mmsim::python::bind_analysis(m);
}
