#pragma once
// Long library calls from Python: the simulation runs on a thread of its own,
// without the GIL, while the Python thread checks for Ctrl-C and shows
// progress. The library is stopped through the callbacks it already calls
// after each replication (or batch): once Python asks to stop, the next call
// throws, and the library's runners let the replications under way finish,
// start no more and rethrow. Nothing of the stopped call is returned, so a
// result is always the whole call's.

#include <pybind11/pybind11.h>

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <utility>

namespace mmsim::python {

/// Thrown from a library callback when Python asked to stop the call.
struct Cancelled : std::exception {
    const char* what() const noexcept override { return "stopped from Python"; }
};

/// One interruptible call: counters the library's callbacks update (on any
/// thread) and the Python thread reads.
class Interruptible {
public:
    /// `progress`: None, or a callable(done, total) called on the Python
    /// thread when the count changes and once at the end (total 0: unknown).
    explicit Interruptible(pybind11::object progress) : progress_(std::move(progress)) {}

    /// Throws Cancelled once Python asked to stop; call it from the library's
    /// callbacks.
    void check() const {
        if (cancelled_) throw Cancelled{};
    }
    /// Sets the progress (any thread), then check().
    void report(std::uint64_t done, std::uint64_t total) {
        done_ = done;
        total_ = total;
        check();
    }
    /// Adds one to the work done (any thread), then check().
    void step() {
        ++done_;
        check();
    }

    /// Runs `work` as described above and returns its result; rethrows its
    /// exception, or raises KeyboardInterrupt (or what the progress callable
    /// raised) when the call was stopped. Call with the GIL held.
    template <class T>
    T run(const std::function<T()>& work) {
        std::optional<T> result;
        run_void([&] { result.emplace(work()); });
        return std::move(*result);
    }
    void run_void(const std::function<void()>& work);

private:
    // With the GIL: looks for Ctrl-C and shows progress; an exception either
    // raises is kept for run_void to raise, and the call is stopped.
    void poll(bool last);

    pybind11::object progress_;
    std::atomic<bool> cancelled_{false};
    std::atomic<std::uint64_t> done_{0}, total_{0};
    std::uint64_t shown_ = UINT64_MAX;
    PyObject* error_type_ = nullptr;
    PyObject* error_value_ = nullptr;
    PyObject* error_trace_ = nullptr;
};

}  // namespace mmsim::python
