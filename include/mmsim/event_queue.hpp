#pragma once
// The future-event list: a 4-ary min-heap ordered by (time, insertion
// sequence), so simultaneous events fire in the order they were scheduled and
// every run reproduces. The heap holds 16-byte entries (time, slot), so the
// four children of a node share one 64-byte cache line and the smallest of
// them is found without a branch (times first; the sequence is read only when
// two children tie in time). An event's payload, sequence number and handle
// generation live in its slot, in a pool reused last-in first-out. No
// allocation per event once the heap and the pool have grown to their working
// size.
//
// Cancellation is lazy: a cancelled event stays in the heap, its slot marked
// dead, and is dropped when it reaches the top. That keeps the hot path
// (schedule/pop) free of index bookkeeping.
//
// Pop-then-schedule, what almost every event handler does, costs one sift:
// pop() leaves the root empty, and a schedule() that follows fills it and
// sifts down, instead of moving the last entry to the root and then sifting
// the new entry up from the bottom. The order of events is the same either
// way: it is fixed by (time, sequence), not by the heap's shape.

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <vector>

#include "mmsim/time.hpp"

namespace mmsim {

/// Refers to a scheduled event so that it can be cancelled.
struct EventHandle {
    std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t generation = 0;
    bool valid() const { return slot != std::numeric_limits<std::uint32_t>::max(); }
};

namespace detail {

/// Allocates on 64-byte boundaries (one cache line), for the heap's array.
template <class T>
struct CacheLineAllocator {
    using value_type = T;
    static constexpr std::align_val_t kAlignment{64};
    CacheLineAllocator() = default;
    template <class U>
    CacheLineAllocator(const CacheLineAllocator<U>&) {}
    T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlignment)); }
    void deallocate(T* p, std::size_t) { ::operator delete(p, kAlignment); }
    friend bool operator==(const CacheLineAllocator&, const CacheLineAllocator&) { return true; }
};

}  // namespace detail

/// A priority queue of events of type `Payload` (a small trivially copyable
/// struct chosen by the model).
template <class Payload>
class EventQueue {
public:
    struct Fired {
        Hours time;
        Payload payload;
    };

    EventQueue() { heap_.assign(kRoot + kArity, kPadding); }

    /// Schedules `payload` at `time` (hours). Returns a handle for cancel().
    /// Small enough to be inlined where it is called, so that the payload
    /// goes into its slot field by field: copied whole, over the caller's
    /// narrower stores that just built it, it would be a load the store
    /// buffer cannot forward, and the processor would wait.
    EventHandle schedule(Hours time, const Payload& payload) {
        std::uint32_t slot;
        if (free_slots_.empty()) [[unlikely]] {
            slot = new_slot();
        } else {
            slot = free_slots_.back();
            free_slots_.pop_back();
        }
        Slot& s = slots_[slot];
        s.sequence = next_sequence_++;
        s.payload = payload;
        s.live = true;
        place(time, slot);
        return EventHandle{slot, s.generation};
    }

    /// Cancels a pending event. Returns false when it already fired or was
    /// cancelled (so a stale handle is harmless).
    bool cancel(EventHandle handle) {
        if (!handle.valid() || handle.slot >= slots_.size()) return false;
        Slot& s = slots_[handle.slot];
        if (!s.live || s.generation != handle.generation) return false;
        s.live = false;  // the heap entry is now stale; its slot is freed when it is dropped
        ++s.generation;
        --live_;
        return true;
    }

    /// Number of pending (not cancelled) events.
    std::size_t size() const { return live_; }
    bool empty() const { return live_ == 0; }

    /// Time of the earliest pending event; the queue must not be empty.
    Hours next_time() {
        settle();
        assert(end_ > kRoot);
        return heap_[kRoot].time;
    }

    /// Removes and returns the earliest pending event; must not be empty.
    Fired pop() {
        settle();
        Fired fired;
        take_root(fired);
        return fired;
    }

    /// Removes the earliest pending event into `fired` and returns true if it
    /// comes before `end` (or at `end`, when `inclusive`); otherwise returns
    /// false and leaves the queue as it was. The event loop's step: one look
    /// at the top serves the test and the removal.
    bool pop_before(Hours end, bool inclusive, Fired& fired) {
        settle();
        if (end_ == kRoot) return false;
        const Hours next = heap_[kRoot].time;
        if (!(next < end || (inclusive && next == end))) return false;
        take_root(fired);
        return true;
    }

    /// Pre-sizes the heap for `pending` events.
    void reserve(std::size_t pending) {
        heap_.reserve(kRoot + pending + kArity);
        slots_.reserve(pending);
        free_slots_.reserve(pending);
    }

    /// Drops every pending event; keeps the memory. Handles issued before
    /// clear() stay stale: cancelling them returns false.
    void clear() {
        std::fill(heap_.begin(), heap_.end(), kPadding);
        end_ = kRoot;
        hole_at_root_ = false;
        free_slots_.clear();
        // Slots keep their generation counters (bumped), so an old handle can
        // not match an event that later reuses its slot.
        for (std::uint32_t slot = 0; slot < slots_.size(); ++slot) {
            slots_[slot].live = false;
            ++slots_[slot].generation;
            free_slots_.push_back(slot);
        }
        live_ = 0;
        next_sequence_ = 0;
    }

private:
    struct Entry {
        Hours time;
        std::uint32_t slot;
    };
    struct Slot {
        std::uint64_t sequence = 0;
        Payload payload{};
        std::uint32_t generation = 0;
        bool live = false;
    };
    static constexpr std::size_t kArity = 4;
    // Prefetching pays only once the heap outgrows the first-level cache
    // (4,096 entries are 64 KiB); from 2^15 entries, two levels ahead.
    static constexpr std::size_t kPrefetchHeap = std::size_t{1} << 12;
    static constexpr std::size_t kLargeHeap = std::size_t{1} << 15;
    // The root sits at index 3 of a 64-byte aligned array, so the children
    // of node i, at 4(i - 3) + 4 .. + 7, start on a cache-line boundary.
    static constexpr std::size_t kRoot = 3;
    // Fills the array past the last entry, so that every node's children
    // are four entries (padding is never smaller than an event).
    static constexpr Entry kPadding{std::numeric_limits<Hours>::infinity(),
                                    std::numeric_limits<std::uint32_t>::max()};
    static std::size_t first_child(std::size_t index) { return kArity * (index - kRoot) + kRoot + 1; }
    static std::size_t parent(std::size_t index) { return (index - kRoot - 1) / kArity + kRoot; }

    static void prefetch(const void* address) {
#if defined(__GNUC__) || defined(__clang__)
        __builtin_prefetch(address);
#else
        (void)address;
#endif
    }

    std::uint32_t new_slot() {
        slots_.emplace_back();
        return static_cast<std::uint32_t>(slots_.size() - 1);
    }

    // Puts the event of `slot` in the heap at `time`. Out of line, so that
    // schedule() stays small enough to inline.
    [[gnu::noinline]] void place(Hours time, std::uint32_t slot) {
        assert(time < std::numeric_limits<Hours>::infinity());  // +inf marks padding
        const Entry entry{time, slot};
        if (hole_at_root_) {
            hole_at_root_ = false;
            sift_down(kRoot, entry);
        } else {
            if (end_ + kArity >= heap_.size()) heap_.push_back(kPadding);
            sift_up(end_++, entry);
        }
        ++live_;
        prefetch(&slots_[heap_[kRoot].slot]);  // the next pop() reads it
    }

    // Removes the settled top, which must exist, into `fired`, member by
    // member. (A Fired returned by value was copied as one 16-byte block
    // over the narrower stores that had just built it: the processor cannot
    // forward such a load from its store buffer and waits, and that wait was
    // the largest single cost of the event loop.)
    void take_root(Fired& fired) {
        assert(end_ > kRoot);
        const Entry top = heap_[kRoot];
        Slot& s = slots_[top.slot];
        fired.time = top.time;
        fired.payload = s.payload;
        s.live = false;
        ++s.generation;
        free_slots_.push_back(top.slot);
        hole_at_root_ = true;  // filled by the next schedule() or settle()
        --live_;
    }

    bool earlier(const Entry& a, const Entry& b) const {
        return a.time < b.time ||
               (a.time == b.time && slots_[a.slot].sequence < slots_[b.slot].sequence);
    }

    // The earliest of the four children starting at `first` (padding
    // included). A tournament on times compiles to conditional moves: which
    // child wins is random, and a branch on it would be mispredicted half the
    // time. Only a tie in time needs the sequences.
    std::size_t earliest_child(std::size_t first) const {
        const Entry* c = &heap_[first];
        const std::size_t a = static_cast<std::size_t>(c[1].time < c[0].time);
        const std::size_t b = 2 + static_cast<std::size_t>(c[3].time < c[2].time);
        // m = b if its time is earlier, else a: in arithmetic, which the
        // compiler keeps branch-free and which, unlike a load indexed by the
        // comparison, does not wait on the store buffer.
        const auto b_wins = static_cast<std::size_t>(c[b].time < c[a].time);
        const std::size_t m = a ^ ((a ^ b) & (0 - b_wins));
        // A child ties with the winner only if the winner's partner or the
        // other pair's winner does (a pair's loser is no earlier than its
        // winner).
        const Hours t = c[m].time;
        if (c[m ^ 1].time != t && c[a ^ b ^ m].time != t) [[likely]]
            return first + m;
        std::size_t best = first;
        for (std::size_t child = first + 1; child < first + kArity && child < end_; ++child)
            if (earlier(heap_[child], heap_[best])) best = child;
        return best;
    }

    // Fills a hole left by pop() and drops cancelled events from the top.
    void settle() {
        if (hole_at_root_) {
            hole_at_root_ = false;
            remove_root();
        }
        while (end_ > kRoot && !slots_[heap_[kRoot].slot].live) {
            free_slots_.push_back(heap_[kRoot].slot);
            remove_root();
        }
    }

    void remove_root() {
        const Entry last = heap_[--end_];
        heap_[end_] = kPadding;
        if (end_ > kRoot) sift_down(kRoot, last);
    }

    // Moves the hole at `index` up until `entry` fits there.
    void sift_up(std::size_t index, const Entry& entry) {
        while (index > kRoot) {
            const std::size_t up = parent(index);
            if (!earlier(entry, heap_[up])) break;
            heap_[index] = heap_[up];
            index = up;
        }
        heap_[index] = entry;
    }

    // Moves the hole at `index` down until `entry` fits there.
    void sift_down(std::size_t index, const Entry& entry) {
        for (;;) {
            const std::size_t first = first_child(index);
            if (first >= end_) break;
            // The next level's four candidate groups are contiguous (256
            // bytes): ask for them now, because which one is needed is only
            // known after this level's comparisons, and a heap larger than
            // the cache would otherwise wait for one memory access per level.
            const std::size_t next = first_child(first);
            if (end_ > kPrefetchHeap && next < end_) {
                const char* line = reinterpret_cast<const char*>(&heap_[next]);
                for (int k = 0; k < 4; ++k) prefetch(line + 64 * k);
                const std::size_t after = first_child(next);
                if (end_ > kLargeHeap && after < end_) {
                    const char* far = reinterpret_cast<const char*>(&heap_[after]);
                    for (int k = 0; k < 16; ++k) prefetch(far + 64 * k);
                }
            }
            const std::size_t best = earliest_child(first);
            if (!earlier(heap_[best], entry)) break;
            heap_[index] = heap_[best];
            index = best;
        }
        heap_[index] = entry;
    }

    // [kRoot, end_) is the heap; [end_, size) padding, at least kArity entries.
    std::vector<Entry, detail::CacheLineAllocator<Entry>> heap_;
    std::size_t end_ = kRoot;
    std::vector<Slot> slots_;
    std::vector<std::uint32_t> free_slots_;
    std::uint64_t next_sequence_ = 0;
    std::size_t live_ = 0;
    bool hole_at_root_ = false;  // heap_[kRoot] is empty: pop() left it for schedule()
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
        typename EventQueue<Payload>::Fired event;
        while (queue_.pop_before(end, inclusive, event)) {
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
