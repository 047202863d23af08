#include "mmsim/runner.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <mutex>
#include <thread>

namespace mmsim {

void keep_freed_memory() {
#if defined(__GLIBC__)
    constexpr int kKeep = 256 << 20;  // bytes of free heap kept, per arena
    constexpr int kPad = 16 << 20;    // bytes asked for beyond need when a heap grows
    mallopt(M_TRIM_THRESHOLD, kKeep);
    mallopt(M_TOP_PAD, kPad);
#endif
}

int effective_threads(int requested, int tasks) {
    int threads = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
    return std::clamp(threads, 1, std::max(tasks, 1));
}

void parallel_for(int count, int threads, const std::function<void(int)>& task) {
    std::atomic<int> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex error_mutex;

    auto worker = [&] {
        for (int i = next++; i < count && !failed; i = next++) {
            try {
                task(i);
            } catch (...) {
                std::lock_guard lock(error_mutex);
                if (!error) error = std::current_exception();
                failed = true;
            }
        }
    };
    const int workers = effective_threads(threads, count);
    if (workers == 1) {
        worker();
    } else {
        std::vector<std::jthread> pool;
        for (int t = 0; t < workers; ++t) pool.emplace_back(worker);
    }
    if (error) std::rethrow_exception(error);
}

std::vector<ReplicationResult> run_replications(const Scenario& scenario, int threads) {
    return run_replications(scenario, threads, {});
}

std::vector<ReplicationResult> run_replications(
    const Scenario& scenario, int threads,
    const std::function<void(const ReplicationResult&)>& on_done) {
    std::vector<ReplicationResult> results(static_cast<std::size_t>(scenario.replications));
    std::mutex done_mutex;
    parallel_for(scenario.replications, threads, [&](int r) {
        ReplicationResult& result = results[static_cast<std::size_t>(r)];
        result = run_replication(scenario, r);
        if (!on_done) return;
        std::lock_guard lock(done_mutex);
        on_done(result);
    });
    return results;
}

}  // namespace mmsim
