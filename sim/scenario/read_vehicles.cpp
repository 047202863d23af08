// The vehicles of a scenario: fleets, their deliveries, failures and repairs.

#include "scenario/schema.hpp"
#include "scenario/sections.hpp"

namespace mmsim::detail {
namespace {

constexpr std::size_t kMaxFleets = 1'000;
constexpr std::size_t kMaxDeliveriesPerFleet = 10'000;
constexpr std::int64_t kMaxVehicles = 1'000'000;

struct SourceIds {
    IdTable table{"funding source"};
};

std::optional<VehicleDelivery> read_delivery(const Node& node, const std::string& path,
                                             ReadContext& context, SourceIds& sources) {
    MapReader fields(&node, path, section_keys("delivery"), context.out);
    if (!fields.present()) return std::nullopt;
    VehicleDelivery delivery;
    delivery.pos = node.pos;
    bool sound = true;
    if (fields.require("date")) {
        std::optional<Date> date = fields.date("date");
        sound = date.has_value();
        if (date) {
            delivery.date = *date;
            sound = context.check_not_after_end(*fields.get("date"), fields.path_of("date"), *date);
        }
    }
    if (fields.require("count")) {
        std::optional<int> count =
            fields.integer("count", IntRange{1, static_cast<int>(kMaxVehicles)});
        sound = sound && count.has_value();
        delivery.count = count.value_or(0);
    }
    if (const Node* cost = fields.get("cost_per_vehicle")) {
        std::optional<Cents> cents =
            read_money(*cost, fields.path_of("cost_per_vehicle"), context.out);
        sound = sound && cents.has_value();
        delivery.cost_per_vehicle = cents.value_or(0);
    }
    if (const Node* paid_by = fields.get("paid_by");
        paid_by && !(paid_by->is_scalar() && paid_by->text == "fund")) {
        const std::string hint =
            " (the scenario has no funding section: write paid_by: fund or add "
            "funding.sources)";
        std::optional<std::size_t> source =
            sources.table.lookup(*paid_by, fields.path_of("paid_by"), context.out, hint);
        sound = sound && source.has_value();
        if (source) delivery.paid_by = static_cast<std::uint32_t>(*source);
    }
    // Not without its date or count: the caller compares dates and points at
    // the date's line.
    return sound && fields.complete() ? std::optional(delivery) : std::nullopt;
}

Fleet read_fleet(const MapEntry& entry, ReadContext& context, IdTable& contingents,
                 SourceIds& sources, std::int64_t& vehicles) {
    const std::string path = "vehicles.fleets." + entry.key;
    MapReader fields(&entry.value, path, section_keys("fleet"), context.out);
    Fleet fleet;
    fleet.id = entry.key;
    fleet.pos = entry.key_pos;
    if (const Node* contingent = fields.get("contingent"))
        if (std::optional<std::size_t> index =
                contingents.lookup(*contingent, fields.path_of("contingent"), context.out))
            fleet.contingent = ContingentId(static_cast<std::uint32_t>(*index));
    fleet.capacity = fields.integer("capacity", IntRange::positive());
    const Node* mtbf = fields.get("mtbf");
    if (mtbf && !(mtbf->is_scalar() && mtbf->text == "never"))
        fleet.mtbf = read_duration(*mtbf, fields.path_of("mtbf"), DurationBound::positive,
                                   context.out, "never")
                         .value_or(fleet.mtbf);
    if (const Node* repair = fields.get("repair"))
        fleet.repair = read_distribution(*repair, fields.path_of("repair"), context.out)
                           .value_or(fleet.repair);
    else if (mtbf && fleet.mtbf != kNever)
        context.out.add(mtbf->pos,
                        fields.path_of("mtbf") + ": vehicles that fail need a repair time (add " +
                            fields.path_of("repair") + ", e.g. {dist: exponential, mean: 3d})");
    fleet.parts_share = fields.number("parts_share", NumberRange::closed(0, 1)).value_or(0);
    if (const Node* wait = fields.get("parts_wait"))
        fleet.parts_wait = read_distribution(*wait, fields.path_of("parts_wait"), context.out)
                               .value_or(fleet.parts_wait);
    else if (fleet.parts_share > 0)
        context.out.add(fields.get("parts_share")->pos,
                        fields.path_of("parts_share") +
                            ": repairs that wait for parts need a wait (add " +
                            fields.path_of("parts_wait") + ", e.g. 30d)");
    if (const Node* upkeep = fields.get("cost_per_vehicle_day"))
        fleet.cost_per_vehicle_day =
            read_money(*upkeep, fields.path_of("cost_per_vehicle_day"), context.out).value_or(0);

    if (const Node* deliveries = fields.require("deliveries")) {
        const std::string list_path = fields.path_of("deliveries");
        const std::vector<Node>* items =
            read_list(*deliveries, list_path, kMaxDeliveriesPerFleet, "deliveries", context.out);
        if (items && items->empty())
            context.out.add(deliveries->pos, list_path + ": expected at least one delivery");
        std::optional<Date> previous;
        for (std::size_t i = 0; items && i < items->size(); ++i) {
            std::optional<VehicleDelivery> delivery =
                read_delivery((*items)[i], index_path(list_path, i), context, sources);
            if (!delivery) continue;
            if (previous && delivery->date < *previous) {
                const Node& date = *(*items)[i].find("date");
                context.out.add(date.pos, index_path(list_path, i) + ".date: dates out of order (" +
                                              format_date(delivery->date) + " after " +
                                              format_date(*previous) + ")");
                continue;
            }
            previous = delivery->date;
            vehicles += delivery->count;
            fleet.deliveries.push_back(*delivery);
        }
    }
    return fleet;
}

}  // namespace

void read_vehicles(const Node* node, ReadContext& context,
                   const std::vector<Contingent>& contingents,
                   const std::optional<Funding>& funding, std::optional<Vehicles>& out) {
    if (!node) return;
    MapReader fields(node, "vehicles", section_keys("vehicles"), context.out);
    if (!fields.present()) return;
    Vehicles vehicles;
    IdTable contingent_ids("contingent");
    for (const Contingent& c : contingents) contingent_ids.add(c.id);
    SourceIds sources;
    if (funding)
        for (const FundingSource& source : funding->sources) sources.table.add(source.id);
    const Node* fleets = fields.require("fleets");
    const auto* entries =
        fleets ? read_id_map(*fleets, "vehicles.fleets", kMaxFleets, "fleets", context.out) : nullptr;
    if (entries) {
        std::int64_t count = 0;
        for (const MapEntry& entry : *entries) {
            if (!check_id(entry, "vehicles.fleets", context.out)) continue;
            vehicles.fleets.push_back(read_fleet(entry, context, contingent_ids, sources, count));
        }
        if (count > kMaxVehicles)
            context.out.add(fleets->pos, over_limit("vehicles.fleets", static_cast<std::uint64_t>(count),
                                                    "vehicles in all deliveries", kMaxVehicles));
    }
    out = std::move(vehicles);
}

}  // namespace mmsim::detail
