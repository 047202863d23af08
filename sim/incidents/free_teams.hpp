#pragma once
// Internal: the free teams of the response model, by the zone they are in, so
// that dispatch finds the nearest ones without looking at every team.
//
// Dispatch order (response.hpp) is (travel from the team's zone to the
// incident's zone, not already in the incident's zone, contingent, number).
// Every team in one zone shares the first two keys, so each zone keeps its
// free teams as a bit set over the teams' ranks in (contingent, number)
// order, and each incident zone has the zones in order of the first two keys,
// zones with equal keys in one group: the group's teams in dispatch order are
// the set bits of the union of its zones' sets, lowest first. Marking a team
// free or not is one bit; nothing allocates except when a new team is
// registered.

#include <cassert>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "mmsim/ids.hpp"
#include "mmsim/theatre.hpp"
#include "mmsim/time.hpp"

namespace mmsim::detail {

class FreeTeams {
public:
    /// A team chosen for an incident, with its travel time there in hours.
    struct Pick {
        std::uint32_t team;
        Hours travel_h;
    };

    /// Orders the zones of `travel` for every incident zone.
    explicit FreeTeams(const TravelTimes& travel);

    /// Registers team `team` (0, 1, 2, ... in turn), not free, whose rank
    /// among teams is `order`: (contingent << 32) | number, unique.
    void register_team(std::uint32_t team, std::uint64_t order);
    /// Marks `team` free in zone `at`; it is not free anywhere. (Inline, as
    /// remove(): each dispatch and release calls one.)
    void add(std::uint32_t team, ZoneId at) {
        assert(free_zone_[team] == kNone);
        free_zone_[team] = at.value;
        ++free_count_[at.value];
        bits_of(at.value)[rank_of_[team] / 64] |= std::uint64_t{1} << (rank_of_[team] % 64);
    }
    /// Marks `team`, free in zone `at`, no longer free.
    void remove(std::uint32_t team, ZoneId at) {
        assert(free_zone_[team] == at.value);
        free_zone_[team] = kNone;
        --free_count_[at.value];
        bits_of(at.value)[rank_of_[team] / 64] &= ~(std::uint64_t{1} << (rank_of_[team] % 64));
    }

    /// The `needed` first free teams in dispatch order for an incident in
    /// `zone`, in that order (fewer when fewer are free). Valid until the next
    /// call.
    std::span<const Pick> nearest(ZoneId zone, std::size_t needed);

private:
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    struct Group {  ///< zones [first, last) of an incident zone's order, one travel key
        std::uint32_t first, last;
        Hours travel_h;
    };
    std::uint64_t* bits_of(std::uint32_t zone) { return &bits_[zone * words_]; }
    void collect(const std::uint64_t* words, Hours travel_h, std::size_t needed);

    std::size_t zones_;
    std::size_t words_ = 0;                        // 64-bit words per zone's set
    std::vector<std::uint64_t> bits_;              // [zone * words_ + word]
    std::vector<std::uint32_t> free_count_;        // [zone]
    std::vector<std::uint64_t> order_of_;          // [team]
    std::vector<std::uint32_t> rank_of_;           // [team]
    std::vector<std::uint32_t> team_at_rank_;      // [rank]
    std::vector<std::uint32_t> free_zone_;         // [team]: the zone it is free in, or kNone
    std::vector<std::vector<std::uint32_t>> zones_by_;  // [incident zone] -> zones in dispatch order
    std::vector<std::vector<Group>> groups_;       // [incident zone]
    std::vector<std::uint64_t> merged_;            // union of a group's sets
    std::vector<Pick> picks_;                      // nearest()'s answer
};

}  // namespace mmsim::detail
