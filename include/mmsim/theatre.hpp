#pragma once
// The theatre's road network as travel times. Zones are the vertices and roads
// the undirected edges (weight = travel hours) of a Boost.Graph graph; the
// shortest travel time between every pair of zones is computed once per run
// by Dijkstra's algorithm from each zone and kept in a dense matrix, so a
// dispatch decision is a table look-up.
//
// The time for a team to reach an incident is
//   between(from, to) = road(from, to) + internal_response(to)
// where road(from, from) = 0. A team already in the incident's zone takes the
// zone's internal response time (it patrols somewhere inside the zone); a team
// elsewhere drives the shortest road path to the zone and then needs the same
// internal response time to reach the spot. This keeps between() consistent
// with the triangle inequality: between(a, c) <= road(a, b) + between(b, c).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mmsim/error.hpp"
#include "mmsim/ids.hpp"
#include "mmsim/time.hpp"

namespace mmsim {

/// A zone (commune/neighbourhood) of the theatre (YAML: theatre.zones.<id>).
struct Zone {
    std::string id;
    std::string name;
    double population = 0;             ///< people
    double lat = 0, lon = 0;           ///< degrees (display and travel estimates only)
    double area_km2 = 0;
    double incident_rate_per_day = 0;  ///< baseline rate at gang control 0
    double gang_control = 0;           ///< initial g in [0, 1]
    Hours internal_response = 0;       ///< travel time for a team already in the zone
    std::optional<double> demand_teams;  ///< teams wanted on patrol; default from population
    SourcePos pos;
};

/// An undirected road between two zones (YAML: theatre.roads[i]).
struct Road {
    ZoneId a, b;
    Hours travel = 0;  ///< > 0
    SourcePos pos;
};

/// The zones and roads of the area of operations (YAML: theatre).
struct Theatre {
    std::vector<Zone> zones;
    std::vector<Road> roads;
    std::vector<ZoneId> bases;  ///< where teams start; default: the airport zone, else zone 0
};

/// All-pairs shortest travel times of a theatre, in hours.
class TravelTimes {
public:
    /// Runs Dijkstra from every zone of `theatre`. Road travel must be >= 0.
    /// Pairs with no connecting path get infinity (the loader rejects such
    /// theatres, so a run never sees one).
    explicit TravelTimes(const Theatre& theatre);

    /// Hours for a team in zone `from` to reach an incident in zone `to`:
    /// road(from, to) + internal_response of `to` (see the file comment).
    Hours between(ZoneId from, ZoneId to) const {
        return road(from, to) + internal_response_[to.value];
    }

    /// Hours of the shortest road path from `from` to `to` (0 when equal;
    /// infinity when unreachable). Symmetric.
    Hours road(ZoneId from, ZoneId to) const {
        return road_hours_[from.value * zones_ + to.value];
    }

    /// Number of zones (valid ids are 0 .. zone_count() - 1).
    std::size_t zone_count() const { return zones_; }

private:
    std::size_t zones_ = 0;
    std::vector<Hours> road_hours_;         // zones_ x zones_, row = from
    std::vector<Hours> internal_response_;  // per destination zone
};

}  // namespace mmsim
