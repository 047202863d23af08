// The thread pool behind the replication runner and the report's summaries.

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "mmsim/runner.hpp"

using namespace mmsim;

TEST_SUITE("runner") {

TEST_CASE("parallel_for calls every index once on 1, 2 and 4 threads") {
    for (int threads : {1, 2, 4}) {
        CAPTURE(threads);
        std::vector<std::atomic<int>> calls(1000);
        parallel_for(1000, threads, [&](int i) { ++calls[static_cast<std::size_t>(i)]; });
        int wrong = 0;
        for (const auto& c : calls) wrong += c != 1;
        CHECK(wrong == 0);
    }
    bool called = false;
    parallel_for(0, 2, [&](int) { called = true; });
    CHECK_FALSE(called);
}

TEST_CASE("parallel_for rethrows a task's exception on the calling thread, on 1 and 2 threads") {
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        std::atomic<int> after{0};
        CHECK_THROWS_WITH_AS(parallel_for(10'000, threads,
                                          [&](int i) {
                                              if (i == 10) throw std::runtime_error("task 10 failed");
                                              if (i > 10) ++after;
                                          }),
                             "task 10 failed", std::runtime_error);
        if (threads == 1) CHECK(after == 0);  // no index taken after the failure
    }
}

}  // TEST_SUITE
