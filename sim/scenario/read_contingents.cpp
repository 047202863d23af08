// The arrival side of a scenario: contingents with their waves and rotation,
// and the airport they land through.

#include "scenario/schema.hpp"
#include "scenario/sections.hpp"

namespace mmsim::detail {
namespace {

std::vector<Wave> read_waves(const Node& node, const std::string& path, ReadContext& context) {
    std::vector<Wave> waves;
    const std::vector<Node>* items =
        read_list(node, path, kMaxWavesPerContingent, "waves", context.out);
    if (!items) return waves;
    if (items->empty()) context.out.add(node.pos, path + ": expected at least one wave");
    std::optional<Date> previous;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string item_path = index_path(path, i);
        MapReader fields(&(*items)[i], item_path, section_keys("wave"), context.out);
        Wave wave;
        wave.pos = (*items)[i].pos;
        if (fields.require("officers"))
            wave.officers = fields.integer("officers", IntRange::positive()).value_or(0);
        if (!fields.require("date")) continue;
        std::optional<Date> date = fields.date("date");
        if (!date) continue;
        wave.date = *date;
        const Node& date_node = *fields.get("date");
        context.check_in_horizon(date_node, fields.path_of("date"), *date);
        if (previous && *date < *previous)
            context.out.add(date_node.pos, fields.path_of("date") + ": dates out of order (" +
                                               format_date(*date) + " after " +
                                               format_date(*previous) + ")");
        previous = date;
        if (fields.get("plan")) {
            wave.plan = fields.date("plan");
            if (wave.plan && *wave.plan > *date)
                context.out.add(fields.get("plan")->pos, fields.path_of("plan") + ": " + format_date(*wave.plan) +
                                                             " is after the wave's date (" + format_date(*date) +
                                                             "): a plan is the date it was due, not later");
        }
        waves.push_back(wave);
    }
    return waves;
}

void read_rotation(const MapReader& fields, Contingent& contingent) {
    Diagnostics& out = fields.diagnostics();
    std::optional<Hours> tour = fields.duration("tour", DurationBound::positive);
    const std::optional<Rotation> rotation = fields.enumerated<Rotation>("rotation");
    std::optional<Hours> lead = fields.duration("rotation_lead", DurationBound::non_negative);
    contingent.tour = tour.value_or(contingent.tour);
    contingent.rotation_lead = lead.value_or(contingent.rotation_lead);
    if (!rotation || *rotation == Rotation::none) return;
    contingent.rotation = *rotation;
    if (!fields.get("tour")) {
        out.add(fields.get("rotation")->pos, fields.path_of("rotation") + ": rotation '" +
                                                 std::string(enum_name(*rotation)) + "' needs a tour (add " +
                                                 fields.path_of("tour") + ", e.g. 365d)");
        return;
    }
    // Only a replacement is planned `rotation_lead` ahead of the tour's end.
    if (contingent.rotation != Rotation::replace || !tour || (fields.get("rotation_lead") && !lead))
        return;
    if (contingent.rotation_lead < *tour) return;
    if (const Node* lead_node = fields.get("rotation_lead"))
        out.add(lead_node->pos, fields.path_of("rotation_lead") + ": " + describe(*lead_node) +
                                    " is not shorter than the tour (" + format_hours(*tour) + ")");
    else
        out.add(fields.get("tour")->pos,
                fields.path_of("tour") + ": " + describe(*fields.get("tour")) +
                    " is not longer than rotation_lead (" + format_hours(contingent.rotation_lead) +
                    " by default)");
}

Contingent read_contingent(const MapEntry& entry, ReadContext& context) {
    const std::string path = "contingents." + entry.key;
    MapReader fields(&entry.value, path, section_keys("contingent"), context.out);
    Contingent contingent;
    contingent.id = entry.key;
    contingent.pos = entry.key_pos;
    if (fields.require("country")) contingent.country = fields.string("country").value_or("");
    contingent.role = fields.string("role").value_or(contingent.role);
    if (const Node* waves = fields.require("waves"))
        contingent.waves = read_waves(*waves, fields.path_of("waves"), context);
    if (const Node* delay = fields.get("arrival_delay"))
        contingent.arrival_delay =
            read_distribution(*delay, fields.path_of("arrival_delay"), context.out)
                .value_or(contingent.arrival_delay);
    contingent.induction =
        fields.duration("induction", DurationBound::non_negative).value_or(contingent.induction);
    contingent.team_size =
        fields.integer("team_size", IntRange::positive()).value_or(contingent.team_size);
    contingent.duty_share =
        fields.number("duty_share", NumberRange{0, 1, true, false}).value_or(contingent.duty_share);
    contingent.attrition_per_year =
        fields.number("attrition_per_year", NumberRange{0, 1, false, true})
            .value_or(contingent.attrition_per_year);
    contingent.self_funded = fields.boolean("self_funded").value_or(contingent.self_funded);
    for (auto [key, field] : {std::pair{"cost_per_officer_day", &Contingent::cost_per_officer_day},
                              std::pair{"deployment_cost_per_officer", &Contingent::deployment_cost_per_officer}})
        if (const Node* money = fields.get(key))
            contingent.*field = read_money(*money, fields.path_of(key), context.out).value_or(0);
    read_rotation(fields, contingent);
    return contingent;
}

// A closure as written, with its dates kept for the order check.
struct ClosureDates {
    Date from, reopen;
    Closure closure;
};

std::optional<ClosureDates> read_closure(const Node& node, const std::string& path,
                                         ReadContext& context) {
    MapReader fields(&node, path, section_keys("closure"), context.out);
    std::optional<std::string> reason = fields.string("reason");
    std::optional<Date> from = fields.require("from") ? fields.date("from") : std::nullopt;
    std::optional<Date> reopen = fields.require("reopen") ? fields.date("reopen") : std::nullopt;
    if (!from || !reopen) return std::nullopt;
    if (!(*reopen > *from)) {
        context.out.add(fields.get("reopen")->pos,
                        fields.path_of("reopen") + ": " + format_date(*reopen) +
                            " is not after from (" + format_date(*from) + ")");
        return std::nullopt;
    }
    Closure closure{context.hours_since_start(*from), context.hours_since_start(*reopen),
                    reason.value_or("")};
    return ClosureDates{*from, *reopen, closure};
}

void read_closures(const Node& node, ReadContext& context, std::vector<Closure>& out) {
    const std::string path = "airport.closures";
    const std::vector<Node>* items = read_list(node, path, kMaxClosures, "closures", context.out);
    if (!items) return;
    std::optional<ClosureDates> previous;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::optional<ClosureDates> current =
            read_closure((*items)[i], index_path(path, i), context);
        if (!current) continue;
        if (previous && current->from < previous->reopen) {
            const Node& from = *(*items)[i].find("from");
            const std::string problem =
                current->from < previous->from
                    ? " is before the previous closure (closures must be sorted by from)"
                    : " is before the previous closure reopens (" + format_date(previous->reopen) +
                          "; closures must not overlap)";
            context.out.add(from.pos,
                            index_path(path, i) + ".from: " + format_date(current->from) + problem);
            continue;
        }
        out.push_back(current->closure);
        previous = current;
    }
}

}  // namespace

void read_contingents(const Node& node, ReadContext& context, std::vector<Contingent>& out) {
    const auto* entries = read_id_map(node, "contingents", kMaxContingents, "contingents", context.out);
    if (!entries) return;
    if (entries->empty()) context.out.add(node.pos, "contingents: expected at least one contingent");
    std::int64_t officers = 0;
    for (const MapEntry& entry : *entries) {
        if (!check_id(entry, "contingents", context.out)) continue;
        out.push_back(read_contingent(entry, context));
        for (const Wave& wave : out.back().waves)
            officers += wave.officers;
    }
    if (officers > kMaxTotalOfficers)
        context.out.add(node.pos, over_limit("contingents", static_cast<std::uint64_t>(officers),
                                             "officers in all waves", kMaxTotalOfficers));
}

void read_airport(const Node* node, ReadContext& context, Airport& out) {
    MapReader fields(node, "airport", section_keys("airport"), context.out);
    if (const Node* zone = fields.get("zone")) {
        // Without a theatre the airport zone is only a label.
        if (context.has_theatre) {
            if (std::optional<std::size_t> index =
                    context.zones.lookup(*zone, "airport.zone", context.out))
                out.zone = ZoneId(static_cast<std::uint32_t>(*index));
        } else {
            read_string(*zone, "airport.zone", context.out);
        }
    }
    out.daily_capacity = fields.integer("daily_capacity", IntRange::positive());
    if (const Node* closures = fields.get("closures"))
        read_closures(*closures, context, out.closures);
}

}  // namespace mmsim::detail
