#pragma once
// Internal: incidents waiting for teams, in service order (priority, arrival
// time, arrival sequence), as one first-in first-out list per priority level.
// An incident joins at its arrival, so the back of its level is its place: no
// search and no allocation per incident (the links live in arrays indexed by
// incident slot, grown once to the most slots in use).

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace mmsim::detail {

class WaitingQueue {
public:
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

    WaitingQueue() = default;
    /// `priority_by_class`: each incident class's priority (lower is served
    /// first); classes with the same priority share a level.
    explicit WaitingQueue(std::span<const int> priority_by_class);

    /// Appends incident slot `incident` of class `incident_class`; it must
    /// arrive after every incident already waiting and not be waiting.
    void push(std::uint32_t incident, std::uint32_t incident_class);
    /// Removes a waiting incident.
    void erase(std::uint32_t incident);

    std::size_t size() const { return size_; }
    /// The first waiting incident in service order, or kNone.
    std::uint32_t first() const { return first_from(0); }
    /// The waiting incident served after `incident` (waiting), or kNone.
    std::uint32_t next(std::uint32_t incident) const;

private:
    struct Level {
        std::uint32_t head = kNone, tail = kNone;
    };
    std::uint32_t first_from(std::size_t level) const;

    std::vector<std::uint32_t> level_of_class_;
    std::vector<Level> levels_;  // most urgent first
    std::vector<std::uint32_t> prev_, next_, level_;  // by incident slot
    std::size_t size_ = 0;
};

}  // namespace mmsim::detail
