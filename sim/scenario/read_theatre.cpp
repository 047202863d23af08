// The theatre of a scenario: zones, the roads between them, the bases teams
// start from, and the check that every zone can be reached by road.

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "scenario/schema.hpp"
#include "scenario/sections.hpp"

namespace mmsim::detail {
namespace {

Zone read_zone(const MapEntry& entry, ReadContext& context) {
    MapReader fields(&entry.value, "theatre.zones." + entry.key, section_keys("zone"), context.out);
    Zone zone;
    zone.id = entry.key;
    zone.pos = entry.key_pos;
    zone.name = fields.string("name").value_or(entry.key);
    if (fields.require("population"))
        zone.population = fields.number("population", NumberRange::at_least(0)).value_or(0);
    zone.lat = fields.number("lat", NumberRange::closed(-90, 90)).value_or(0);
    zone.lon = fields.number("lon", NumberRange::closed(-180, 180)).value_or(0);
    zone.area_km2 = fields.number("area_km2", NumberRange::at_least(0)).value_or(0);
    // One rate, per day or per hour, whichever the source gives.
    const bool per_day = fields.get("incident_rate_per_day") != nullptr;
    if (per_day && fields.get("incident_rate_per_hour")) {
        fields.diagnostics().add(fields.get("incident_rate_per_hour")->pos,
                                 fields.path_of("incident_rate_per_hour") + ": give the rate once, per day or per hour (" +
                                     fields.path_of("incident_rate_per_day") + " is also set)");
    } else if (per_day || !fields.get("incident_rate_per_hour")) {
        if (fields.require("incident_rate_per_day"))
            zone.incident_rate_per_day =
                fields.number("incident_rate_per_day", NumberRange::at_least(0)).value_or(0);
    } else {
        zone.incident_rate_per_day =
            fields.number("incident_rate_per_hour", NumberRange::at_least(0)).value_or(0) * kHoursPerDay;
    }
    zone.gang_control = fields.number("gang_control", NumberRange::closed(0, 1)).value_or(0);
    zone.internal_response =
        fields.duration("internal_response", DurationBound::non_negative).value_or(0);
    zone.demand_teams = fields.number("demand_teams", NumberRange::at_least(0));
    return zone;
}

void read_zones(const Node& node, ReadContext& context, std::vector<Zone>& out) {
    const auto* entries = read_id_map(node, "theatre.zones", kMaxZones, "zones", context.out);
    if (!entries) return;
    if (entries->empty()) context.out.add(node.pos, "theatre.zones: expected at least one zone");
    for (const MapEntry& entry : *entries) {
        if (!check_id(entry, "theatre.zones", context.out)) {
            context.roads_sound = false;
            continue;
        }
        context.zones.add(entry.key);
        out.push_back(read_zone(entry, context));
    }
}

// One road; nullopt when it has a problem (reported).
std::optional<Road> read_road(const Node& node, const std::string& path, ReadContext& context) {
    MapReader fields(&node, path, section_keys("road"), context.out);
    const Node* between = fields.require("between");
    std::optional<Hours> travel = fields.require("travel")
                                      ? fields.duration("travel", DurationBound::non_negative)
                                      : std::nullopt;
    if (!between) return std::nullopt;
    const std::string between_path = fields.path_of("between");
    if (!between->is_sequence() || between->items.size() != 2) {
        context.out.add(
            between->pos,
            between_path + ": expected a list of two zone ids, got " +
                (between->is_sequence() ? "a list of " + std::to_string(between->items.size())
                                        : describe(*between)));
        return std::nullopt;
    }
    std::optional<std::size_t> a =
        context.zones.lookup(between->items[0], index_path(between_path, 0), context.out);
    std::optional<std::size_t> b =
        context.zones.lookup(between->items[1], index_path(between_path, 1), context.out);
    if (!a || !b || !travel) return std::nullopt;
    if (*a == *b) {
        context.out.add(between->pos,
                        between_path + ": a road from '" + context.zones.id(*a) + "' to itself");
        return std::nullopt;
    }
    return Road{ZoneId(static_cast<std::uint32_t>(*a)), ZoneId(static_cast<std::uint32_t>(*b)),
                *travel, node.pos};
}

void read_roads(const Node& node, ReadContext& context, std::vector<Road>& out) {
    const std::string path = "theatre.roads";
    const std::vector<Node>* items = read_list(node, path, kMaxRoads, "roads", context.out);
    if (!items) {
        context.roads_sound = false;
        return;
    }
    std::unordered_map<std::uint64_t, std::size_t> first_index;  // by unordered zone pair
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::optional<Road> road = read_road((*items)[i], index_path(path, i), context);
        if (!road) {
            context.roads_sound = false;
            continue;
        }
        const auto [low, high] = std::minmax(road->a.value, road->b.value);
        const std::uint64_t pair = (std::uint64_t{low} << 32) | high;
        auto [first, inserted] = first_index.emplace(pair, i);
        if (!inserted) {
            context.out.add(road->pos, index_path(path, i) + ": duplicate road between '" +
                                           context.zones.id(low) + "' and '" +
                                           context.zones.id(high) + "' (first at " +
                                           index_path(path, first->second) + ")");
            continue;
        }
        out.push_back(*road);
    }
}

void read_bases(const Node& node, ReadContext& context, std::vector<ZoneId>& out) {
    const std::string path = "theatre.bases";
    const std::vector<Node>* items = read_list(node, path, kMaxZones, "bases", context.out);
    if (!items) return;
    for (std::size_t i = 0; i < items->size(); ++i)
        if (std::optional<std::size_t> zone =
                context.zones.lookup((*items)[i], index_path(path, i), context.out))
            out.push_back(ZoneId(static_cast<std::uint32_t>(*zone)));
}

// Union-find root with path halving.
std::uint32_t find_root(std::vector<std::uint32_t>& parent, std::uint32_t zone) {
    while (parent[zone] != zone) {
        parent[zone] = parent[parent[zone]];
        zone = parent[zone];
    }
    return zone;
}

void check_connected(const Theatre& theatre, ZoneId from, ReadContext& context) {
    std::vector<std::uint32_t> parent(theatre.zones.size());
    std::iota(parent.begin(), parent.end(), 0u);
    for (const Road& road : theatre.roads)
        parent[find_root(parent, road.a.value)] = find_root(parent, road.b.value);
    const std::uint32_t reachable = find_root(parent, from.value);
    for (std::uint32_t zone = 0; zone < theatre.zones.size(); ++zone) {
        if (find_root(parent, zone) == reachable) continue;
        const Zone& unreached = theatre.zones[zone];
        context.out.add(unreached.pos, "theatre.zones." + unreached.id + ": zone '" + unreached.id +
                                           "' cannot be reached from '" +
                                           theatre.zones[from.value].id +
                                           "' (no chain of theatre.roads connects them)");
    }
}

}  // namespace

void read_theatre(const Node* node, ReadContext& context, Theatre& out) {
    if (!node) return;
    context.has_theatre = true;
    MapReader fields(node, "theatre", section_keys("theatre"), context.out);
    if (!fields.present()) {
        context.roads_sound = false;
        return;
    }
    if (const Node* zones = fields.require("zones"))
        read_zones(*zones, context, out.zones);
    else
        context.roads_sound = false;
    if (const Node* roads = fields.get("roads")) read_roads(*roads, context, out.roads);
    if (const Node* bases = fields.get("bases")) read_bases(*bases, context, out.bases);
}

void finish_theatre(const Airport& airport, ReadContext& context, Theatre& theatre) {
    if (theatre.zones.empty()) return;
    if (theatre.bases.empty()) theatre.bases.push_back(airport.zone.value_or(ZoneId(0)));
    if (context.roads_sound) check_connected(theatre, theatre.bases.front(), context);
}

}  // namespace mmsim::detail
