#include "incidents/waiting_queue.hpp"

#include <algorithm>
#include <cassert>

namespace mmsim::detail {

WaitingQueue::WaitingQueue(std::span<const int> priority_by_class) {
    std::vector<int> priorities(priority_by_class.begin(), priority_by_class.end());
    std::sort(priorities.begin(), priorities.end());
    priorities.erase(std::unique(priorities.begin(), priorities.end()), priorities.end());
    for (int priority : priority_by_class) {
        const auto level = std::lower_bound(priorities.begin(), priorities.end(), priority);
        level_of_class_.push_back(static_cast<std::uint32_t>(level - priorities.begin()));
    }
    levels_.resize(priorities.size());
}

void WaitingQueue::push(std::uint32_t incident, std::uint32_t incident_class) {
    if (incident >= level_.size()) {
        prev_.resize(incident + 1, kNone);
        next_.resize(incident + 1, kNone);
        level_.resize(incident + 1, kNone);
    }
    assert(level_[incident] == kNone);
    const std::uint32_t level = level_of_class_[incident_class];
    Level& list = levels_[level];
    level_[incident] = level;
    prev_[incident] = list.tail;
    next_[incident] = kNone;
    if (list.tail == kNone)
        list.head = incident;
    else
        next_[list.tail] = incident;
    list.tail = incident;
    ++size_;
}

void WaitingQueue::erase(std::uint32_t incident) {
    assert(incident < level_.size() && level_[incident] != kNone);
    Level& list = levels_[level_[incident]];
    const std::uint32_t before = prev_[incident], after = next_[incident];
    if (before == kNone)
        list.head = after;
    else
        next_[before] = after;
    if (after == kNone)
        list.tail = before;
    else
        prev_[after] = before;
    level_[incident] = kNone;
    --size_;
}

std::uint32_t WaitingQueue::next(std::uint32_t incident) const {
    assert(level_[incident] != kNone);
    if (next_[incident] != kNone) return next_[incident];
    return first_from(level_[incident] + 1);
}

std::uint32_t WaitingQueue::first_from(std::size_t level) const {
    for (; level < levels_.size(); ++level)
        if (levels_[level].head != kNone) return levels_[level].head;
    return kNone;
}

}  // namespace mmsim::detail
