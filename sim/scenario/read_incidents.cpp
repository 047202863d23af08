// The incidents section of a scenario: severity classes and scripted events.

#include <cmath>

#include "scenario/schema.hpp"
#include "scenario/sections.hpp"

namespace mmsim::detail {
namespace {

IncidentClass read_class(const MapEntry& entry, ReadContext& context) {
    MapReader fields(&entry.value, "incidents.classes." + entry.key,
                     section_keys("incident_class"), context.out);
    IncidentClass incident_class;
    incident_class.id = entry.key;
    incident_class.pos = entry.key_pos;
    incident_class.share =
        fields.number("share", NumberRange::above(0)).value_or(incident_class.share);
    incident_class.priority =
        fields.integer("priority", IntRange::positive()).value_or(incident_class.priority);
    incident_class.teams_needed =
        fields.integer("teams", IntRange::positive()).value_or(incident_class.teams_needed);
    if (const Node* on_scene = fields.get("on_scene"))
        incident_class.on_scene =
            read_distribution(*on_scene, fields.path_of("on_scene"), context.out)
                .value_or(incident_class.on_scene);
    const Node* max_wait = fields.get("max_wait");
    if (max_wait && !(max_wait->is_scalar() && max_wait->text == "never"))
        incident_class.max_wait = read_duration(*max_wait, fields.path_of("max_wait"),
                                                DurationBound::non_negative, context.out, "never")
                                      .value_or(incident_class.max_wait);
    if (const Node* patience = fields.get("patience")) {
        // Two patiences would need a rule for which wins; max_wait D is
        // patience D, so one key says it all.
        if (max_wait)
            context.out.add(patience->pos, fields.path_of("patience") +
                                               ": give max_wait or patience, not both (max_wait: D is "
                                               "the same as patience: D, a fixed patience)");
        else
            incident_class.patience = read_distribution(*patience, fields.path_of("patience"), context.out);
    }
    return incident_class;
}

void read_classes(const Node* node, ReadContext& context, std::vector<IncidentClass>& out) {
    if (!node) {  // the default: one class answered by one team
        out.push_back(IncidentClass{});
        out.back().id = "incident";
        context.classes.add("incident");
        return;
    }
    const auto* entries =
        read_id_map(*node, "incidents.classes", kMaxIncidentClasses, "classes", context.out);
    if (!entries) return;
    if (entries->empty()) context.out.add(node->pos, "incidents.classes: expected at least one class");
    for (const MapEntry& entry : *entries) {
        if (!check_id(entry, "incidents.classes", context.out)) continue;
        context.classes.add(entry.key);
        out.push_back(read_class(entry, context));
    }
}

std::optional<ScriptedIncident> read_scripted_one(const Node& node, const std::string& path,
                                                  ReadContext& context) {
    MapReader fields(&node, path, section_keys("scripted_incident"), context.out);
    ScriptedIncident incident;
    incident.note = fields.string("note").value_or("");
    const Node* at = fields.require("at");
    const Node* zone = fields.require("zone");
    std::optional<Hours> hours;
    if (at && context.start) {
        hours = read_datetime(*at, fields.path_of("at"), *context.start, context.out);
        if (hours) context.check_in_horizon(*at, fields.path_of("at"), *hours);
    }
    std::optional<std::size_t> zone_index;
    if (zone)
        zone_index = context.zones.lookup(*zone, fields.path_of("zone"), context.out,
                                          " (the scenario has no theatre.zones)");
    std::optional<std::size_t> class_index = 0;  // the first class unless named
    if (const Node* named = fields.get("class"))
        class_index = context.classes.lookup(*named, fields.path_of("class"), context.out);
    if (!hours || !zone_index || !class_index) return std::nullopt;
    incident.at = *hours;
    incident.zone = ZoneId(static_cast<std::uint32_t>(*zone_index));
    incident.incident_class = IncidentClassId(static_cast<std::uint32_t>(*class_index));
    return incident;
}

void read_scripted(const Node& node, ReadContext& context, std::vector<ScriptedIncident>& out) {
    const std::string path = "incidents.scripted";
    const std::vector<Node>* items =
        read_list(node, path, kMaxScriptedIncidents, "scripted incidents", context.out);
    if (!items) return;
    for (std::size_t i = 0; i < items->size(); ++i)
        if (std::optional<ScriptedIncident> incident =
                read_scripted_one((*items)[i], index_path(path, i), context))
            out.push_back(*incident);
}

// Whole days, so that a day's figures fall wholly in or out of it, and at
// least one day short of the horizon, so that some figures remain.
std::optional<Hours> read_warm_up(const Node& node, const std::string& path, ReadContext& context) {
    const std::optional<Hours> hours = read_duration(node, path, DurationBound::non_negative, context.out);
    if (!hours) return std::nullopt;
    if (std::fmod(*hours, kHoursPerDay) != 0) {
        context.out.add(node.pos, path + ": " + describe(node) +
                                      " is not a whole number of days (figures are taken by the day)");
        return std::nullopt;
    }
    if (context.start && *hours >= context.hours_since_start(*context.end) + kHoursPerDay) {
        context.out.add(node.pos, path + ": " + describe(node) + " leaves no day of the run (the run has " +
                                      std::to_string(days_between(*context.start, *context.end) + 1) +
                                      " days)");
        return std::nullopt;
    }
    return hours;
}

}  // namespace

void read_incidents(const Node* node, ReadContext& context, Incidents& out) {
    MapReader fields(node, "incidents", section_keys("incidents"), context.out);
    out.gang_rate_factor =
        fields.number("gang_rate_factor", NumberRange::at_least(0)).value_or(out.gang_rate_factor);
    read_classes(fields.get("classes"), context, out.classes);
    if (const Node* scripted = fields.get("scripted"))
        read_scripted(*scripted, context, out.scripted);
    if (const Node* warm_up = fields.get("warm_up"))
        out.warm_up = read_warm_up(*warm_up, fields.path_of("warm_up"), context).value_or(out.warm_up);
}

}  // namespace mmsim::detail
