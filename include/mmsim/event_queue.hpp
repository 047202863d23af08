#pragma once
// The future-event list: a 4-ary min-heap ordered by (time, insertion
// sequence), so simultaneous events fire in the order they were scheduled and
// every run reproduces. Events are small value types stored in the heap itself:
// no allocation per event once the heap has grown to its working size.
//
// Cancellation is lazy: a cancelled event stays in the heap, marked stale by a
// generation counter, and is dropped when it reaches the top. That keeps the
// hot path (schedule/pop) free of index bookkeeping.

#include <cassert>
#include <cstdint>
#include <limits>
#include <vector>

#include "mmsim/time.hpp"

namespace mmsim {

/// Refers to a scheduled event so that it can be cancelled.
struct EventHandle {
    std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t generation = 0;
    bool valid() const { return slot != std::numeric_limits<std::uint32_t>::max(); }
};

/// A priority queue of events of type `Payload` (a small trivially copyable
/// struct chosen by the model).
template <class Payload>
class EventQueue {
public:
    struct Fired {
        Hours time;
        Payload payload;
    };

    /// Schedules `payload` at `time` (hours). Returns a handle for cancel().
    EventHandle schedule(Hours time, const Payload& payload) {
        std::uint32_t slot;
        if (free_slots_.empty()) {
            slot = static_cast<std::uint32_t>(generations_.size());
            generations_.push_back(0);
        } else {
            slot = free_slots_.back();
            free_slots_.pop_back();
        }
        Entry entry{time, next_sequence_++, slot, generations_[slot], payload};
        heap_.push_back(entry);
        sift_up(heap_.size() - 1);
        ++live_;
        return EventHandle{slot, entry.generation};
    }

    /// Cancels a pending event. Returns false when it already fired or was
    /// cancelled (so a stale handle is harmless).
    bool cancel(EventHandle handle) {
        if (!handle.valid() || handle.slot >= generations_.size() ||
            generations_[handle.slot] != handle.generation)
            return false;
        ++generations_[handle.slot];  // the heap entry is now stale
        --live_;
        return true;
    }

    /// Number of pending (not cancelled) events.
    std::size_t size() const { return live_; }
    bool empty() const { return live_ == 0; }

    /// Time of the earliest pending event; the queue must not be empty.
    Hours next_time() {
        drop_stale();
        assert(!heap_.empty());
        return heap_.front().time;
    }

    /// Removes and returns the earliest pending event; must not be empty.
    Fired pop() {
        drop_stale();
        assert(!heap_.empty());
        Entry top = heap_.front();
        remove_top();
        release(top.slot);
        --live_;
        return Fired{top.time, top.payload};
    }

    /// Pre-sizes the heap for `pending` events.
    void reserve(std::size_t pending) {
        heap_.reserve(pending);
        generations_.reserve(pending);
        free_slots_.reserve(pending);
    }

    /// Drops every pending event; keeps the memory. Handles issued before
    /// clear() stay stale: cancelling them returns false.
    void clear() {
        heap_.clear();
        free_slots_.clear();
        // Slots keep their generation counters (bumped), so an old handle can
        // not match an event that later reuses its slot.
        for (std::uint32_t slot = 0; slot < generations_.size(); ++slot) {
            ++generations_[slot];
            free_slots_.push_back(slot);
        }
        live_ = 0;
        next_sequence_ = 0;
    }

private:
    struct Entry {
        Hours time;
        std::uint64_t sequence;
        std::uint32_t slot;
        std::uint32_t generation;
        Payload payload;
    };
    static constexpr std::size_t kArity = 4;

    static bool earlier(const Entry& a, const Entry& b) {
        return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
    }

    void release(std::uint32_t slot) {
        ++generations_[slot];
        free_slots_.push_back(slot);
    }

    void drop_stale() {
        while (!heap_.empty() && heap_.front().generation != generations_[heap_.front().slot]) {
            std::uint32_t slot = heap_.front().slot;
            remove_top();
            free_slots_.push_back(slot);
        }
    }

    void remove_top() {
        Entry last = heap_.back();
        heap_.pop_back();
        if (heap_.empty()) return;
        sift_down_with(0, last);
    }

    void sift_up(std::size_t index) {
        Entry entry = heap_[index];
        while (index > 0) {
            std::size_t parent = (index - 1) / kArity;
            if (!earlier(entry, heap_[parent])) break;
            heap_[index] = heap_[parent];
            index = parent;
        }
        heap_[index] = entry;
    }

    // Moves the hole at `index` down until `entry` fits there.
    void sift_down_with(std::size_t index, const Entry& entry) {
        const std::size_t count = heap_.size();
        for (;;) {
            std::size_t first = index * kArity + 1;
            if (first >= count) break;
            std::size_t best = first;
            std::size_t end = first + kArity < count ? first + kArity : count;
            for (std::size_t child = first + 1; child < end; ++child)
                if (earlier(heap_[child], heap_[best])) best = child;
            if (!earlier(heap_[best], entry)) break;
            heap_[index] = heap_[best];
            index = best;
        }
        heap_[index] = entry;
    }

    std::vector<Entry> heap_;
    std::vector<std::uint32_t> generations_;  // per slot; an entry is live while equal
    std::vector<std::uint32_t> free_slots_;
    std::uint64_t next_sequence_ = 0;
    std::size_t live_ = 0;
};

/// The simulation clock over an event queue: now(), schedule_at(),
/// schedule_in(), cancel(), run_until(), run_before(). The model supplies the handler that acts on each event.
template <class Payload>
class Simulation {
public:
    /// Current simulation time in hours.
    Hours now() const { return now_; }

    /// Schedules at absolute time `time` (>= now()).
    EventHandle schedule_at(Hours time, const Payload& payload) {
        assert(time >= now_);
        return queue_.schedule(time, payload);
    }
    /// Schedules `delay` hours (>= 0) after now().
    EventHandle schedule_in(Hours delay, const Payload& payload) {
        return schedule_at(now_ + delay, payload);
    }
    bool cancel(EventHandle handle) { return queue_.cancel(handle); }
    std::size_t pending() const { return queue_.size(); }
    void reserve(std::size_t pending) { queue_.reserve(pending); }

    /// Fires every event with time <= `end`, in order, calling
    /// handler(Hours time, const Payload&); then advances the clock to `end`.
    /// Returns the number of events fired.
    template <class Handler>
    std::uint64_t run_until(Hours end, Handler&& handler) {
        return run(end, true, handler);
    }

    /// Like run_until() but fires only events strictly before `end`: a period
    /// [now, end) closes before anything scheduled at `end` happens.
    template <class Handler>
    std::uint64_t run_before(Hours end, Handler&& handler) {
        return run(end, false, handler);
    }

private:
    template <class Handler>
    std::uint64_t run(Hours end, bool inclusive, Handler& handler) {
        std::uint64_t fired = 0;
        while (!queue_.empty() && (queue_.next_time() < end || (inclusive && queue_.next_time() == end))) {
            auto event = queue_.pop();
            now_ = event.time;
            handler(event.time, event.payload);
            ++fired;
        }
        if (end > now_) now_ = end;
        return fired;
    }

    EventQueue<Payload> queue_;
    Hours now_ = 0;
};

}  // namespace mmsim
