#include "incidents/free_teams.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <numeric>
#include <tuple>

namespace mmsim::detail {

FreeTeams::FreeTeams(const TravelTimes& travel)
    : zones_(travel.zone_count()), free_count_(zones_, 0), zones_by_(zones_), groups_(zones_) {
    const auto zones = static_cast<std::uint32_t>(zones_);
    for (std::uint32_t to = 0; to < zones; ++to) {
        auto key = [&](std::uint32_t from) {
            return std::make_tuple(travel.between(ZoneId(from), ZoneId(to)), from != to);
        };
        std::vector<std::uint32_t>& order = zones_by_[to];
        for (std::uint32_t from = 0; from < zones; ++from) order.push_back(from);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
        for (std::uint32_t i = 0; i < zones;) {
            std::uint32_t end = i + 1;
            while (end < zones && key(order[end]) == key(order[i])) ++end;
            groups_[to].push_back(Group{i, end, travel.between(ZoneId(order[i]), ZoneId(to))});
            i = end;
        }
    }
}

// Ranks shift when a team joins in the middle of the order, so every set is
// rebuilt; teams are registered once each, at most a few hundred times a run.
void FreeTeams::register_team(std::uint32_t team, std::uint64_t order) {
    assert(team == order_of_.size());
    (void)team;
    order_of_.push_back(order);
    free_zone_.push_back(kNone);
    const std::size_t teams = order_of_.size();
    team_at_rank_.resize(teams);
    std::iota(team_at_rank_.begin(), team_at_rank_.end(), 0u);
    std::sort(team_at_rank_.begin(), team_at_rank_.end(),
              [&](std::uint32_t a, std::uint32_t b) { return order_of_[a] < order_of_[b]; });
    rank_of_.resize(teams);
    for (std::uint32_t rank = 0; rank < teams; ++rank) rank_of_[team_at_rank_[rank]] = rank;
    words_ = (teams + 63) / 64;
    bits_.assign(zones_ * words_, 0);
    merged_.assign(words_, 0);
    for (std::uint32_t t = 0; t + 1 < teams; ++t)
        if (free_zone_[t] != kNone)
            bits_of(free_zone_[t])[rank_of_[t] / 64] |= std::uint64_t{1} << (rank_of_[t] % 64);
}

std::span<const FreeTeams::Pick> FreeTeams::nearest(ZoneId zone, std::size_t needed) {
    picks_.clear();
    const std::vector<std::uint32_t>& zones = zones_by_[zone.value];
    for (const Group& group : groups_[zone.value]) {
        if (group.last - group.first == 1) {
            if (free_count_[zones[group.first]] > 0) collect(bits_of(zones[group.first]), group.travel_h, needed);
        } else {
            // Zones at the same travel time: their teams interleave by rank.
            std::fill(merged_.begin(), merged_.end(), 0);
            for (std::uint32_t i = group.first; i < group.last; ++i) {
                if (free_count_[zones[i]] == 0) continue;
                const std::uint64_t* words = bits_of(zones[i]);
                for (std::size_t w = 0; w < words_; ++w) merged_[w] |= words[w];
            }
            collect(merged_.data(), group.travel_h, needed);
        }
        if (picks_.size() == needed) break;
    }
    return picks_;
}

void FreeTeams::collect(const std::uint64_t* words, Hours travel_h, std::size_t needed) {
    std::size_t have = picks_.size();
    for (std::size_t w = 0; w < words_; ++w) {
        for (std::uint64_t set = words[w]; set != 0; set &= set - 1) {
            const auto rank = static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(set)));
            picks_.push_back(Pick{team_at_rank_[rank], travel_h});
            if (++have == needed) return;
        }
    }
}

}  // namespace mmsim::detail
