// The gang-control section of a scenario (YAML: control): the daily rates of
// growth, suppression by patrols and spill-over along roads, and the
// stability condition that keeps the daily step inside [0, 1].

#include <cstdio>

#include "mmsim/gang_control.hpp"
#include "scenario/schema.hpp"
#include "scenario/sections.hpp"

namespace mmsim::detail {
namespace {

// Past 10 a day the logistic step saturates any zone in one day, and
// exp(-growth) stays far from underflow.
constexpr double kMaxGrowthPerDay = 10;

std::string short_number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", value);
    return buffer;
}

// s + k max_z D_zz <= 1 (see gang_control.hpp), reported at the rate to lower.
void check_stability(const MapReader& fields, const Theatre& theatre, const ControlDynamics& dynamics) {
    if (theatre.zones.empty()) return;
    const WeightedDegree widest = max_weighted_degree(theatre, dynamics.spillover_scale);
    const double step = dynamics.suppression_per_day + dynamics.spillover_per_day * widest.degree;
    if (step <= 1) return;
    const std::string_view key = dynamics.spillover_per_day > 0 ? "spillover_per_day" : "suppression_per_day";
    fields.diagnostics().add(
        fields.get(key)->pos,
        fields.path_of(key) + ": suppression_per_day " + short_number(dynamics.suppression_per_day) +
            " + spillover_per_day " + short_number(dynamics.spillover_per_day) + " × " +
            short_number(widest.degree) + " (the summed road weights of zone '" +
            theatre.zones[widest.zone].id + "') = " + short_number(step) +
            " exceeds 1, so the daily step would overshoot (lower a rate, or spillover_scale)");
}

}  // namespace

void read_control(const Node* node, ReadContext& context, const Theatre& theatre, ControlDynamics& out) {
    if (!node) return;
    MapReader fields(node, "control", section_keys("control"), context.out);
    if (!fields.present()) return;
    if (!context.has_theatre) {
        context.out.add(node->pos, "control: gang control needs a theatre (the scenario has no theatre.zones)");
        return;
    }
    ControlDynamics dynamics;
    const std::optional<double> growth =
        fields.number("growth_per_day", NumberRange::closed(0, kMaxGrowthPerDay));
    const std::optional<double> suppression =
        fields.number("suppression_per_day", NumberRange::closed(0, 1));
    const std::optional<double> spillover = fields.number("spillover_per_day", NumberRange::at_least(0));
    const std::optional<Hours> scale = fields.duration("spillover_scale", DurationBound::positive);
    const std::optional<double> threshold = fields.number("threshold", NumberRange::closed(0, 1));
    dynamics.growth_per_day = growth.value_or(dynamics.growth_per_day);
    dynamics.suppression_per_day = suppression.value_or(dynamics.suppression_per_day);
    dynamics.spillover_per_day = spillover.value_or(dynamics.spillover_per_day);
    dynamics.spillover_scale = scale.value_or(dynamics.spillover_scale);
    dynamics.threshold = threshold.value_or(dynamics.threshold);

    // Only sound values and roads say anything about stability.
    auto sound = [&](std::string_view key, bool read) { return !fields.get(key) || read; };
    if (sound("suppression_per_day", suppression.has_value()) &&
        sound("spillover_per_day", spillover.has_value()) &&
        sound("spillover_scale", scale.has_value()) && context.roads_sound)
        check_stability(fields, theatre, dynamics);
    out = dynamics;
}

}  // namespace mmsim::detail
