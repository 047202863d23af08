// The scenario format as data: each section's keys, their kind and whether
// they are required, with a one-line description. The loader takes each
// section's known keys from here (unknown-key errors and their "did you mean"),
// and `mmsim schema` turns the same table into a JSON Schema; a test checks
// that scenarios/README.md documents every key.

#include "scenario/schema.hpp"

#include <cassert>
#include <nlohmann/json.hpp>

#include "mmsim/contingents.hpp"
#include "mmsim/funding.hpp"
#include "mmsim/patrols.hpp"

namespace mmsim::detail {
namespace {

using K = ValueKind;

constexpr SchemaKey kTop[] = {
    {"schema_version", K::integer, true, "Version of this format: 1."},
    {"name", K::string, true, "Shown in reports; also the default output folder's name."},
    {"description", K::string, false, "Free text."},
    {"extends", K::string, false, "A scenario this one changes, relative to this file."},
    {"start", K::date, true, "Time 0 is 00:00 of this day."},
    {"end", K::date, true, "Last simulated day, inclusive."},
    {"seed", K::integer, false, "One seed per scenario (0 to 2^64-1); default 1."},
    {"replications", K::integer, false, "Independent runs (1 to 100000); default 10."},
    {"currency", K::currency, false, "Label of money figures: 3 upper-case letters; default USD."},
    {"airport", K::section, false, "Where officers land.", "airport"},
    {"contingents", K::id_map, true, "Contingent id to contingent.", "contingent"},
    {"theatre", K::section, false, "Zones and roads; without it only arrivals are simulated.", "theatre"},
    {"patrols", K::section, false, "How ready teams are placed at each shift start.", "patrols"},
    {"incidents", K::section, false, "Incident classes and scripted incidents.", "incidents"},
    {"funding", K::section, false, "The pooled mission fund; without it money is unlimited.", "funding"},
    {"vehicles", K::section, false, "Armoured vehicle fleets; without it vehicles never bound teams.", "vehicles"},
    {"control", K::section, false, "Daily gang-control dynamics; without it g never changes.", "control"},
    {"windows", K::id_map, false, "Window id to a stretch of the horizon reported apart.", "window"},
};
constexpr SchemaKey kAirport[] = {
    {"zone", K::id, false, "The zone the airport lies in (a key of theatre.zones); the default base."},
    {"daily_capacity", K::integer, false, "Officers landed per calendar day at most (> 0); default unlimited."},
    {"closures", K::list, false, "Periods with no landings, sorted by from, non-overlapping.", "closure"},
};
constexpr SchemaKey kClosure[] = {
    {"from", K::date, true, "Closes at 00:00 of this day."},
    {"reopen", K::date, true, "Reopens at 00:00 of this day (> from)."},
    {"reason", K::string, false, "Shown in reports."},
};
constexpr SchemaKey kContingent[] = {
    {"country", K::string, true, "Display name."},
    {"role", K::string, false, "Free text (police, military police, ...); default police."},
    {"waves", K::list, true, "Planned landings, in date order, within [start, end].", "wave"},
    {"arrival_delay", K::distribution, false, "Added to each wave's date; default 0."},
    {"induction", K::duration, false, "Landing to ready for duty; default 7d."},
    {"team_size", K::integer, false, "Officers per patrol team (> 0); default 8."},
    {"duty_share", K::number, false, "Share of ready officers on shift, (0, 1]; default 0.5."},
    {"tour", K::duration, false, "Length of an officer's tour, from landing (> 0)."},
    {"rotation", K::rotation, false, "At tour end: none (stay), depart, or replace; default none."},
    {"rotation_lead", K::duration, false, "A replacement lands this long before the tour ends; default 14d."},
    {"attrition_per_year", K::number, false, "Share of ready officers lost per year, [0, 1); default 0."},
    {"self_funded", K::boolean, false, "Does not draw on the pooled fund; default false."},
    {"cost_per_officer_day", K::money, false, "Billed each day per officer in theatre; default 0."},
    {"deployment_cost_per_officer", K::money, false, "Billed once per officer landed; default 0."},
};
constexpr SchemaKey kWave[] = {
    {"date", K::date, true, "Planned landing date."},
    {"officers", K::integer, true, "Officers in the wave (> 0)."},
    {"plan", K::date, false, "The date the mandate or pledge planned the wave for (any date, at most date)."},
};
constexpr SchemaKey kTheatre[] = {
    {"zones", K::id_map, true, "Zone id to zone, numbered in the order written.", "zone"},
    {"roads", K::list, false, "Undirected roads; every zone must be reachable.", "road"},
    {"bases", K::id_list, false, "Zones where teams start; default the airport zone, else the first zone."},
};
constexpr SchemaKey kZone[] = {
    {"name", K::string, false, "Display name; default the id."},
    {"population", K::number, true, "People (>= 0)."},
    {"lat", K::number, false, "Latitude in degrees, [-90, 90]."},
    {"lon", K::number, false, "Longitude in degrees, [-180, 180]."},
    {"area_km2", K::number, false, "Area in square kilometres (>= 0)."},
    {"incident_rate_per_day", K::number, false, "Incidents a day at gang control 0 (>= 0); this or incident_rate_per_hour is required."},
    {"incident_rate_per_hour", K::number, false, "The same rate per hour (x 24 a day); instead of incident_rate_per_day."},
    {"gang_control", K::number, false, "Initial share of the zone under gang control, [0, 1]; default 0."},
    {"internal_response", K::duration, false, "Travel time for a team already in the zone; default 0."},
    {"demand_teams", K::number, false, "Teams wanted on patrol; default population / 100000 x demand_teams_per_100k."},
};
constexpr SchemaKey kRoad[] = {
    {"between", K::id_list, true, "The two zones the road joins."},
    {"travel", K::duration, true, "Travel time either way (>= 0)."},
};
constexpr SchemaKey kPatrols[] = {
    {"shift", K::duration, false, "Teams are reallocated at every shift start; default 12h."},
    {"policy", K::allocation_policy, false, "proportional, priority or coverage; default proportional."},
    {"response_target", K::duration, false, "The answered-in-time threshold; default 30min."},
    {"demand_teams_per_100k", K::number, false, "Default zone demand per 100,000 people; default 2."},
};
constexpr SchemaKey kIncidents[] = {
    {"gang_rate_factor", K::number, false, "rate = incident_rate_per_day x (1 + factor x g); default 1."},
    {"classes", K::id_map, false, "Severity class id to class; default one class.", "incident_class"},
    {"scripted", K::list, false, "Incidents that happen for sure.", "scripted_incident"},
    {"warm_up", K::duration, false, "Whole days left out of the incident and coverage figures; default 0."},
};
constexpr SchemaKey kIncidentClass[] = {
    {"share", K::number, false, "Relative frequency (> 0); default 1."},
    {"priority", K::integer, false, "1 is the most urgent; queue order; default 1."},
    {"teams", K::integer, false, "Teams needed on scene (>= 1); default 1."},
    {"on_scene", K::distribution, false, "Time on scene; default exponential with mean 1h."},
    {"max_wait", K::duration_or_never, false, "Abandoned after this wait; default never."},
    {"patience", K::distribution, false, "Wait before abandoning, drawn per incident; not with max_wait."},
};
constexpr SchemaKey kScripted[] = {
    {"at", K::date_time, true, "When: a date or YYYY-MM-DDTHH:MM."},
    {"zone", K::id, true, "A key of theatre.zones."},
    {"class", K::id, true, "A key of incidents.classes."},
    {"note", K::string, false, "Free text."},
};
constexpr SchemaKey kFunding[] = {
    {"opening_balance", K::money, false, "In the pool at 00:00 of start; default 0."},
    {"review_period", K::duration, false, "Whole days between reviews; default 30d."},
    {"shortfall_policy", K::shortfall_policy, false, "What a review that finds a shortfall does; default none."},
    {"reserve_days", K::integer, false, "defer_arrivals: days of running costs held waves must leave covered; default 30."},
    {"credit_line", K::money, false, "How far the pool may be overdrawn; default 0."},
    {"overhead_per_day", K::money, false, "Fixed daily cost; default 0."},
    {"operating_cost_per_patrol_hour", K::money, false, "Billed per team-hour on duty; default 0."},
    {"sources", K::id_map, false, "Source id (a government, a trust fund) to source.", "source"},
};
constexpr SchemaKey kSource[] = {
    {"name", K::string, false, "Display name; default the id."},
    {"probability", K::number, false, "Default probability of its pledges, [0, 1]; default 1."},
    {"paid_share", K::number, false, "Default paid share of its pledges, [0, 1]; default 1."},
    {"pledges", K::list, false, "Promises of money.", "pledge"},
    {"freezes", K::list, false, "Periods in which it pays nothing.", "freeze"},
};
constexpr SchemaKey kPledge[] = {
    {"date", K::date, true, "The first instalment falls due at 00:00 of this day."},
    {"amount", K::money, true, "Total of all instalments."},
    {"lag", K::distribution, false, "Due date to payment, one draw per instalment; default 0."},
    {"probability", K::number, false, "Each instalment is paid with this probability, [0, 1]."},
    {"paid_share", K::number, false, "Share of a paid instalment that arrives, [0, 1]."},
    {"instalments", K::integer, false, "Equal parts the amount is split into (1 to 10000); default 1."},
    {"interval", K::duration, false, "Between due dates; required when instalments > 1."},
    {"earmark", K::id, false, "A contingent id or a cost category the money may pay only; required in kind."},
    {"form", K::pledge_form, false, "cash (default: paid into the fund) or in_kind (pays its earmark's bills directly)."},
};
constexpr SchemaKey kFreeze[] = {
    {"from", K::date, true, "The source pays nothing from 00:00 of this day..."},
    {"to", K::date, true, "...until 00:00 of this day (> from)."},
    {"reason", K::string, false, "Free text."},
};
constexpr SchemaKey kVehicles[] = {
    {"fleets", K::id_map, true, "Fleet id to fleet.", "fleet"},
};
constexpr SchemaKey kFleet[] = {
    {"contingent", K::id, false, "Serves only this contingent; default pooled."},
    {"capacity", K::integer, false, "Officers a vehicle carries (> 0); default one vehicle per team."},
    {"mtbf", K::duration_or_never, false, "Mean hours on duty between failures; default never."},
    {"repair", K::distribution, false, "Failure to back in service; required with mtbf."},
    {"parts_share", K::number, false, "Share of repairs that also wait for parts, [0, 1]; default 0."},
    {"parts_wait", K::distribution, false, "Added to a repair that waits for parts."},
    {"cost_per_vehicle_day", K::money, false, "Upkeep per delivered vehicle per day; default 0."},
    {"deliveries", K::list, true, "Vehicles entering service, in date order.", "delivery"},
};
constexpr SchemaKey kDelivery[] = {
    {"date", K::date, true, "In service from 00:00 of this day."},
    {"count", K::integer, true, "Vehicles delivered (1 to 1000000)."},
    {"cost_per_vehicle", K::money, false, "Purchase price; default 0."},
    {"paid_by", K::id, false, "fund (default) or a funding source id: given in kind."},
};
constexpr SchemaKey kControl[] = {
    {"growth_per_day", K::number, false, "Logistic growth rate r, [0, 10]; default 0."},
    {"suppression_per_day", K::number, false, "Share of g removed a day at full coverage, [0, 1]; default 0."},
    {"spillover_per_day", K::number, false, "Diffusion along a road of weight 1 (>= 0); default 0."},
    {"spillover_scale", K::duration, false, "Road weight exp(-travel / scale); default 30min."},
    {"threshold", K::number, false, "days_to_threshold counts days until g is below this, [0, 1]; default 0.5."},
};
constexpr SchemaKey kWindow[] = {
    {"from", K::date, true, "First day of the window, within [start, end]."},
    {"to", K::date, true, "Last day of the window (inclusive, >= from), within [start, end]."},
};

constexpr SchemaSection kSections[] = {
    {"top", "A mmsim scenario.", kTop},
    {"airport", "The airport officers land through.", kAirport},
    {"closure", "A period with the airport closed.", kClosure},
    {"contingent", "A national contingent.", kContingent},
    {"wave", "A planned wave of officers.", kWave},
    {"theatre", "Where teams patrol and incidents happen.", kTheatre},
    {"zone", "A zone of the theatre.", kZone},
    {"road", "An undirected road between two zones.", kRoad},
    {"patrols", "How ready teams are placed at each shift start.", kPatrols},
    {"incidents", "Incident classes and scripted incidents.", kIncidents},
    {"incident_class", "A severity class of incidents.", kIncidentClass},
    {"scripted_incident", "An incident that happens for sure.", kScripted},
    {"funding", "The pooled mission fund.", kFunding},
    {"source", "A government or fund that pledges money.", kSource},
    {"pledge", "A promise of money.", kPledge},
    {"freeze", "A period in which a source pays nothing.", kFreeze},
    {"vehicles", "Armoured vehicles that patrol teams need.", kVehicles},
    {"fleet", "A fleet of vehicles.", kFleet},
    {"delivery", "Vehicles handed over to a fleet.", kDelivery},
    {"control", "How gang control evolves, once a day.", kControl},
    {"window", "A stretch of the horizon whose figures are reported apart.", kWindow},
};

// Numbers, money and durations may also be written as YAML strings that some
// YAML 1.1 readers do not take for numbers (2e5, 13.3e6).
constexpr const char* kNumberText = "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$";
constexpr const char* kDurationText = "^([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?(min|h|d|w)$";

nlohmann::ordered_json number_schema() {
    return {{"anyOf", {{{"type", "number"}}, {{"type", "string"}, {"pattern", kNumberText}}}}};
}

nlohmann::ordered_json duration_schema() {
    return {{"anyOf", {{{"type", "string"}, {"pattern", kDurationText}}, {{"const", 0}}}}};
}

template <class E>
nlohmann::ordered_json enum_schema() {
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    for (const std::string& name : enum_choices<E>()) names.push_back(name);
    return {{"type", "string"}, {"enum", names}};
}

nlohmann::ordered_json distribution_schema() {
    nlohmann::ordered_json dist = nlohmann::ordered_json::object();
    dist["type"] = "object";
    dist["required"] = {"dist"};
    dist["properties"] = {
        {"dist",
         {{"enum", {"fixed", "uniform", "exponential", "normal", "lognormal", "triangular", "empirical"}}}},
        {"value", duration_schema()},  {"min", duration_schema()},    {"max", duration_schema()},
        {"mean", duration_schema()},   {"sd", duration_schema()},     {"median", duration_schema()},
        {"mode", duration_schema()},   {"sigma", number_schema()},
        {"values", {{"type", "array"}, {"items", duration_schema()}}},
        {"weights", {{"type", "array"}, {"items", number_schema()}}}};
    dist["additionalProperties"] = false;
    return {{"anyOf", {duration_schema(), dist}}};
}

// A file that `extends` another is a set of changes: no key is required in
// it, so every section has an overlay twin without its required list.
std::string definition(std::string_view section, bool overlay) {
    return "#/definitions/" + std::string(section) + (overlay ? "_overlay" : "");
}

nlohmann::ordered_json value_schema(const SchemaKey& key, bool overlay) {
    const nlohmann::ordered_json id = {{"type", "string"}, {"pattern", "^[a-z][a-z0-9_]*$"}, {"maxLength", 64}};
    const std::string ref = definition(key.section, overlay);
    switch (key.kind) {
    case K::string: return {{"type", "string"}};
    case K::currency: return {{"type", "string"}, {"pattern", "^[A-Z]{3}$"}};
    case K::integer: return {{"type", "integer"}};
    case K::number: return number_schema();
    case K::boolean: return {{"type", "boolean"}};
    case K::date: return {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}};
    case K::date_time:
        return {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2})?$"}};
    case K::duration: return duration_schema();
    case K::duration_or_never: return {{"anyOf", {duration_schema(), {{"const", "never"}}}}};
    case K::money: return number_schema();
    case K::distribution: return distribution_schema();
    case K::id: return id;
    case K::id_list: return {{"type", "array"}, {"items", id}};
    case K::rotation: return enum_schema<Rotation>();
    case K::allocation_policy: return enum_schema<AllocationPolicy>();
    case K::shortfall_policy: return enum_schema<ShortfallPolicy>();
    case K::pledge_form: return enum_schema<PledgeForm>();
    case K::section: return {{"$ref", ref}};
    case K::list: return {{"type", "array"}, {"items", {{"$ref", ref}}}};
    case K::id_map:
        return {{"type", "object"},
                {"propertyNames", id},
                {"additionalProperties", {{"anyOf", {{{"$ref", ref}}, {{"type", "null"}}}}}}};
    }
    assert(false && "value kind missing from value_schema");
    return {};
}

nlohmann::ordered_json section_schema(const SchemaSection& section, bool overlay) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["type"] = "object";
    out["description"] = section.description;
    nlohmann::ordered_json properties = nlohmann::ordered_json::object(), required = nlohmann::ordered_json::array();
    for (const SchemaKey& key : section.keys) {
        // A null value means "not written" (and removes an inherited entry).
        properties[std::string(key.key)] = {{"description", key.description},
                                            {"anyOf", {value_schema(key, overlay), {{"type", "null"}}}}};
        if (key.required && !overlay) required.push_back(key.key);
    }
    out["properties"] = properties;
    if (!required.empty()) out["required"] = required;
    out["additionalProperties"] = false;
    return out;
}

}  // namespace

std::span<const SchemaSection> schema_sections() { return kSections; }

std::vector<std::string_view> section_keys(std::string_view section) {
    for (const SchemaSection& s : kSections) {
        if (s.name != section) continue;
        std::vector<std::string_view> keys;
        for (const SchemaKey& key : s.keys) keys.push_back(key.key);
        return keys;
    }
    assert(false && "unknown schema section");
    return {};
}

}  // namespace mmsim::detail

namespace mmsim {

std::string scenario_json_schema() {
    using detail::SchemaSection;
    nlohmann::ordered_json definitions = nlohmann::ordered_json::object();
    for (bool overlay : {false, true})
        for (const SchemaSection& section : detail::schema_sections())
            definitions[std::string(section.name) + (overlay ? "_overlay" : "")] =
                detail::section_schema(section, overlay);
    const nlohmann::ordered_json schema = {
        {"$schema", "http://json-schema.org/draft-07/schema#"},
        {"$id", "mmsim-scenario.schema.json"},
        {"title", "mmsim scenario"},
        {"description", "A mmsim scenario (scenarios/README.md). A file with `extends` lists changes "
                        "to another scenario, so none of its keys is required."},
        {"type", "object"},
        {"if", {{"required", {"extends"}}}},
        {"then", {{"$ref", detail::definition("top", true)}}},
        {"else", {{"$ref", detail::definition("top", false)}}},
        {"definitions", definitions}};
    return schema.dump(2) + "\n";
}

}  // namespace mmsim
