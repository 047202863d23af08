#include "interruptible.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace py = pybind11;

namespace mmsim::python {
namespace {

// How often the Python thread looks for Ctrl-C: short enough to feel
// immediate, long enough to cost nothing.
constexpr std::chrono::milliseconds kPollInterval{100};

}  // namespace

void Interruptible::poll(bool last) {
    if (cancelled_) return;
    // PyErr_CheckSignals runs Python's SIGINT handler, which raises
    // KeyboardInterrupt; it does so only on the main thread.
    bool stop = PyErr_CheckSignals() != 0;
    if (!stop && !progress_.is_none()) {
        const std::uint64_t done = done_;
        if (done != shown_ || last) {
            shown_ = done;
            try {
                progress_(done, total_.load());
            } catch (py::error_already_set& error) {
                error.restore();
                stop = true;
            }
        }
    }
    if (stop) {
        PyErr_Fetch(&error_type_, &error_value_, &error_trace_);
        cancelled_ = true;
    }
}

void Interruptible::run_void(const std::function<void()>& work) {
    std::exception_ptr error;
    {
        py::gil_scoped_release release;
        std::mutex mutex;
        std::condition_variable finished_signal;
        bool finished = false;
        std::thread worker([&] {
            try {
                work();
            } catch (...) {
                error = std::current_exception();
            }
            std::lock_guard lock(mutex);
            finished = true;
            finished_signal.notify_one();
        });
        std::unique_lock lock(mutex);
        while (!finished_signal.wait_for(lock, kPollInterval, [&] { return finished; })) {
            lock.unlock();
            {
                py::gil_scoped_acquire acquire;
                poll(false);
            }
            lock.lock();
        }
        lock.unlock();
        worker.join();
    }
    if (!error) poll(true);
    if (error_type_) {
        // What stopped the call is the error raised, not the library's Cancelled.
        PyErr_Restore(error_type_, error_value_, error_trace_);
        error_type_ = error_value_ = error_trace_ = nullptr;
        throw py::error_already_set();
    }
    if (error) std::rethrow_exception(error);
}

}  // namespace mmsim::python
