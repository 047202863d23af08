// The data structures behind dispatch: FreeTeams (the nearest free teams) and
// WaitingQueue (incidents waiting, in service order), each checked against
// the plain definition it replaces (sort every free team; an ordered set).

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <tuple>
#include <vector>

#include "incidents/free_teams.hpp"
#include "incidents/waiting_queue.hpp"
#include "mmsim/rng.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/theatre.hpp"

using namespace mmsim;
using mmsim::detail::FreeTeams;
using mmsim::detail::WaitingQueue;

namespace {

// A ring of zones with roads of 10 or 20 minutes and equal internal response
// times, so that many zones tie in travel time to an incident.
Theatre ring_theatre(std::uint32_t zones, Rng& rng) {
    Theatre theatre;
    for (std::uint32_t z = 0; z < zones; ++z) {
        Zone zone;
        zone.id = "z" + std::to_string(z);
        zone.internal_response = 0.1;
        theatre.zones.push_back(zone);
    }
    for (std::uint32_t z = 0; z < zones; ++z) {
        Road road;
        road.a = ZoneId(z);
        road.b = ZoneId((z + 1) % zones);
        road.travel = (rng.next() % 2 == 0 ? 10.0 : 20.0) / 60;
        theatre.roads.push_back(road);
    }
    return theatre;
}

struct TeamState {
    std::uint64_t order;
    bool free = false;
    std::uint32_t zone = 0;
};

}  // namespace

TEST_SUITE("dispatch structures") {

TEST_CASE("the nearest free teams are those of a full sort by travel, zone and rank") {
    Rng rng(77);
    const std::uint32_t zones = 7;
    const Theatre theatre = ring_theatre(zones, rng);
    const TravelTimes travel(theatre);
    FreeTeams free_teams(travel);
    std::vector<TeamState> teams;
    for (int step = 0; step < 4000; ++step) {
        const double u = rng.uniform01();
        if (u < 0.05 || teams.size() < 3) {  // a new team, ranked anywhere
            const auto contingent = static_cast<std::uint64_t>(rng.next() % 4);
            std::uint64_t order = 0;
            do order = (contingent << 32) | (1 + rng.next() % 500);
            while (std::any_of(teams.begin(), teams.end(), [&](const TeamState& t) { return t.order == order; }));
            free_teams.register_team(static_cast<std::uint32_t>(teams.size()), order);
            teams.push_back(TeamState{order, false, 0});
        } else if (u < 0.6) {  // a team frees or is taken
            const auto t = static_cast<std::uint32_t>(rng.next() % teams.size());
            if (teams[t].free) {
                free_teams.remove(t, ZoneId(teams[t].zone));
                teams[t].free = false;
            } else {
                teams[t].zone = static_cast<std::uint32_t>(rng.next() % zones);
                free_teams.add(t, ZoneId(teams[t].zone));
                teams[t].free = true;
            }
        } else {  // an incident asks for teams
            const ZoneId zone(static_cast<std::uint32_t>(rng.next() % zones));
            const std::size_t needed = 1 + rng.next() % 3;
            std::vector<std::tuple<double, bool, std::uint64_t, std::uint32_t>> all;
            for (std::uint32_t t = 0; t < teams.size(); ++t)
                if (teams[t].free)
                    all.emplace_back(travel.between(ZoneId(teams[t].zone), zone), teams[t].zone != zone.value,
                                     teams[t].order, t);
            std::sort(all.begin(), all.end());
            const auto picks = free_teams.nearest(zone, needed);
            REQUIRE(picks.size() == std::min(needed, all.size()));
            for (std::size_t i = 0; i < picks.size(); ++i) {
                CHECK(picks[i].team == std::get<3>(all[i]));
                CHECK(picks[i].travel_h == std::get<0>(all[i]));
            }
        }
    }
}

TEST_CASE("waiting incidents are served by priority, then in arrival order") {
    // Classes 0..3 with priorities 2, 1, 2, 3: classes 0 and 2 share a level.
    const std::vector<int> priorities{2, 1, 2, 3};
    WaitingQueue queue(priorities);
    std::set<std::tuple<int, std::uint64_t, std::uint32_t>> reference;  // (priority, arrival, slot)
    std::vector<bool> waiting(64, false);
    Rng rng(78);
    std::uint64_t arrivals = 0;
    for (int step = 0; step < 5000; ++step) {
        const auto slot = static_cast<std::uint32_t>(rng.next() % 64);
        const auto incident_class = static_cast<std::uint32_t>(rng.next() % 4);
        if (!waiting[slot]) {
            queue.push(slot, incident_class);
            reference.emplace(priorities[incident_class], arrivals++, slot);
            waiting[slot] = true;
        } else {
            queue.erase(slot);
            waiting[slot] = false;
            std::erase_if(reference, [&](const auto& key) { return std::get<2>(key) == slot; });
        }
        REQUIRE(queue.size() == reference.size());
        std::vector<std::uint32_t> order;
        for (auto i = queue.first(); i != WaitingQueue::kNone; i = queue.next(i)) order.push_back(i);
        std::vector<std::uint32_t> expected;
        for (const auto& key : reference) expected.push_back(std::get<2>(key));
        REQUIRE(order == expected);
    }
}

}  // TEST_SUITE
