#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "mmsim/event_queue.hpp"
#include "mmsim/rng.hpp"

using namespace mmsim;

namespace {

struct Payload {
    int id = 0;
};

std::vector<int> drain(EventQueue<Payload>& queue) {
    std::vector<int> ids;
    while (!queue.empty()) ids.push_back(queue.pop().payload.id);
    return ids;
}

}  // namespace

TEST_SUITE("event queue") {

TEST_CASE("events come out in time order") {
    EventQueue<Payload> queue;
    queue.schedule(5.0, {5});
    queue.schedule(1.0, {1});
    queue.schedule(3.5, {3});
    queue.schedule(0.0, {0});
    queue.schedule(9.0, {9});
    CHECK(queue.size() == 5);
    CHECK(queue.next_time() == 0.0);
    const auto first = queue.pop();
    CHECK(first.time == 0.0);
    CHECK(first.payload.id == 0);
    CHECK(drain(queue) == std::vector<int>{1, 3, 5, 9});
    CHECK(queue.empty());
}

TEST_CASE("simultaneous events fire in the order they were scheduled") {
    EventQueue<Payload> queue;
    for (int i = 0; i < 20; ++i) queue.schedule(i % 2 == 0 ? 2.0 : 1.0, {i});
    std::vector<int> expected;
    for (int i = 1; i < 20; i += 2) expected.push_back(i);
    for (int i = 0; i < 20; i += 2) expected.push_back(i);
    CHECK(drain(queue) == expected);
}

TEST_CASE("cancelled events never fire") {
    EventQueue<Payload> queue;
    const EventHandle a = queue.schedule(1.0, {1});
    const EventHandle b = queue.schedule(2.0, {2});
    queue.schedule(3.0, {3});
    CHECK(queue.cancel(b));
    CHECK(queue.size() == 2);
    SUBCASE("cancelling twice is refused") {
        CHECK_FALSE(queue.cancel(b));
        CHECK(drain(queue) == std::vector<int>{1, 3});
    }
    SUBCASE("cancelling the head") {
        CHECK(queue.cancel(a));
        CHECK(queue.next_time() == 3.0);
        CHECK(drain(queue) == std::vector<int>{3});
    }
    SUBCASE("cancel after fire returns false") {
        CHECK(queue.pop().payload.id == 1);
        CHECK_FALSE(queue.cancel(a));
        CHECK(drain(queue) == std::vector<int>{3});
    }
    SUBCASE("a default handle is harmless") {
        CHECK_FALSE(queue.cancel(EventHandle{}));
        CHECK(drain(queue) == std::vector<int>{1, 3});
    }
}

TEST_CASE("a stale handle does not cancel a later event that reuses its slot") {
    EventQueue<Payload> queue;
    const EventHandle old = queue.schedule(1.0, {1});
    CHECK(queue.pop().payload.id == 1);
    const EventHandle fresh = queue.schedule(2.0, {2});
    CHECK(fresh.slot == old.slot);  // the slot is recycled...
    CHECK_FALSE(queue.cancel(old));  // ...but the old handle no longer matches
    CHECK(queue.size() == 1);
    CHECK(queue.cancel(fresh));
    CHECK(queue.empty());
}

TEST_CASE("handles issued before clear() do not cancel events scheduled after it") {
    EventQueue<Payload> queue;
    const EventHandle before = queue.schedule(4.0, {4});
    queue.clear();
    CHECK(queue.empty());
    queue.schedule(5.0, {5});
    CHECK_FALSE(queue.cancel(before));
    CHECK(queue.size() == 1);
    CHECK(drain(queue) == std::vector<int>{5});
}

TEST_CASE("size counts only live events") {
    EventQueue<Payload> queue;
    std::vector<EventHandle> handles;
    for (int i = 0; i < 10; ++i) handles.push_back(queue.schedule(10.0 - i, {i}));
    for (int i = 0; i < 10; i += 3) CHECK(queue.cancel(handles[i]));
    CHECK(queue.size() == 6);
    queue.pop();
    CHECK(queue.size() == 5);
    CHECK(drain(queue).size() == 5);
    CHECK(queue.size() == 0);
}

TEST_CASE("random schedule, cancel and pop agree with a reference ordered map") {
    using Key = std::pair<double, std::uint64_t>;  // (time, scheduling sequence)
    EventQueue<Payload> queue;
    std::map<Key, int> reference;
    std::vector<std::pair<EventHandle, Key>> handles;
    Rng rng(2024);
    std::uint64_t sequence = 0;
    int next_id = 0;
    double now = 0;
    for (int op = 0; op < 20000; ++op) {
        const double choice = rng.uniform01();
        if (choice < 0.5 || reference.empty()) {
            // Coarse times make ties frequent, exercising the FIFO rule.
            const double time = now + static_cast<double>(rng.next() % 8);
            const Key key{time, sequence++};
            handles.push_back({queue.schedule(time, {next_id}), key});
            reference[key] = next_id++;
        } else if (choice < 0.7) {
            const auto& [handle, key] = handles[rng.next() % handles.size()];
            const bool live = reference.erase(key) == 1;
            CHECK(queue.cancel(handle) == live);
        } else {
            REQUIRE_FALSE(queue.empty());
            const auto fired = queue.pop();
            const auto expected = reference.begin();
            CHECK(fired.time == expected->first.first);
            CHECK(fired.payload.id == expected->second);
            now = fired.time;
            reference.erase(expected);
        }
        REQUIRE(queue.size() == reference.size());
    }
    for (const auto& [key, id] : reference) CHECK(queue.pop().payload.id == id);
    CHECK(queue.empty());
}

TEST_CASE("an event scheduled right after a pop takes its place in order") {
    // pop() leaves the root empty and the next schedule() fills it; the order
    // must be the same as if the root had been refilled first.
    EventQueue<Payload> queue;
    queue.schedule(1.0, {1});
    queue.schedule(2.0, {2});
    queue.schedule(2.0, {3});
    queue.schedule(4.0, {4});
    CHECK(queue.pop().payload.id == 1);
    SUBCASE("earlier than everything left") {
        queue.schedule(1.5, {15});
        CHECK(drain(queue) == std::vector<int>{15, 2, 3, 4});
    }
    SUBCASE("tied with pending events: after them") {
        queue.schedule(2.0, {20});
        CHECK(drain(queue) == std::vector<int>{2, 3, 20, 4});
    }
    SUBCASE("later than everything") {
        queue.schedule(9.0, {9});
        CHECK(drain(queue) == std::vector<int>{2, 3, 4, 9});
    }
    SUBCASE("cancelling before filling the root") {
        const EventHandle two = queue.schedule(3.0, {30});
        CHECK(queue.cancel(two));
        CHECK(queue.size() == 3);
        CHECK(drain(queue) == std::vector<int>{2, 3, 4});
    }
    SUBCASE("the last event popped leaves an empty queue") {
        CHECK(drain(queue) == std::vector<int>{2, 3, 4});
        CHECK(queue.empty());
        queue.schedule(5.0, {5});
        CHECK(queue.next_time() == 5.0);
        CHECK(drain(queue) == std::vector<int>{5});
    }
}

TEST_CASE("a large queue in the hold model keeps (time, sequence) order") {
    // Pop, then schedule at now + a coarse delay, as a handler does: ties are
    // frequent and the heap is deep, which exercises the branch-free choice
    // of the earliest child and its fallback for ties.
    using Key = std::pair<double, std::uint64_t>;
    EventQueue<Payload> queue;
    std::map<Key, int> reference;
    Rng rng(2025);
    std::uint64_t sequence = 0;
    for (int i = 0; i < 5000; ++i) {
        const double time = static_cast<double>(rng.next() % 50);
        queue.schedule(time, {i});
        reference[{time, sequence++}] = i;
    }
    for (int hold = 0; hold < 50000; ++hold) {
        const auto fired = queue.pop();
        const auto expected = reference.begin();
        REQUIRE(fired.time == expected->first.first);
        REQUIRE(fired.payload.id == expected->second);
        reference.erase(expected);
        const double time = fired.time + static_cast<double>(rng.next() % 4);
        queue.schedule(time, {fired.payload.id});
        reference[{time, sequence++}] = fired.payload.id;
    }
    CHECK(queue.size() == reference.size());
}

TEST_CASE("pop_before takes the top only when it comes before the end") {
    EventQueue<Payload> queue;
    EventQueue<Payload>::Fired fired;
    CHECK_FALSE(queue.pop_before(10.0, true, fired));  // empty

    queue.schedule(2.0, {2});
    const EventHandle cancelled = queue.schedule(1.0, {1});
    queue.schedule(4.0, {4});
    CHECK(queue.cancel(cancelled));

    CHECK_FALSE(queue.pop_before(2.0, false, fired));  // 2.0 is not before 2.0
    CHECK(queue.size() == 2);
    REQUIRE(queue.pop_before(2.0, true, fired));  // but is at it
    CHECK(fired.time == 2.0);
    CHECK(fired.payload.id == 2);  // the cancelled event at 1.0 was passed over

    queue.schedule(3.0, {3});  // fills the place the pop left
    CHECK_FALSE(queue.pop_before(2.5, true, fired));
    CHECK(fired.payload.id == 2);  // untouched on false
    CHECK(drain(queue) == std::vector<int>{3, 4});
    CHECK_FALSE(queue.pop_before(10.0, true, fired));
}

TEST_CASE("run_until fires events up to the end and advances the clock") {
    Simulation<Payload> sim;
    std::vector<std::pair<double, int>> fired;
    auto record = [&](Hours t, const Payload& p) { fired.push_back({t, p.id}); };
    sim.schedule_at(1.0, {1});
    sim.schedule_at(5.0, {5});
    sim.schedule_at(5.0, {6});
    sim.schedule_at(8.0, {8});

    CHECK(sim.run_until(5.0, record) == 3);  // an event exactly at the end fires
    CHECK(sim.now() == 5.0);
    CHECK(sim.pending() == 1);
    CHECK(fired == std::vector<std::pair<double, int>>{{1.0, 1}, {5.0, 5}, {5.0, 6}});

    SUBCASE("an empty stretch still moves the clock") {
        CHECK(sim.run_until(7.0, record) == 0);
        CHECK(sim.now() == 7.0);
        CHECK(sim.pending() == 1);
    }
    SUBCASE("handlers schedule relative to the event time") {
        std::vector<double> times;
        Simulation<Payload> chain;
        chain.schedule_at(0.5, {0});
        chain.run_until(3.0, [&](Hours t, const Payload& p) {
            times.push_back(t);
            if (p.id < 10) chain.schedule_in(1.0, {p.id + 1});
        });
        CHECK(times == std::vector<double>{0.5, 1.5, 2.5});
        CHECK(chain.now() == 3.0);
        CHECK(chain.pending() == 1);
    }
    SUBCASE("cancelled events are skipped") {
        const EventHandle h = sim.schedule_in(1.0, {99});
        CHECK(sim.cancel(h));
        sim.run_until(100.0, record);
        CHECK(fired.back().second == 8);
        CHECK(sim.pending() == 0);
        CHECK(sim.now() == 100.0);
    }
}

}  // TEST_SUITE
