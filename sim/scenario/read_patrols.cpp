// The patrols section of a scenario: shifts, the allocation policy and the
// demand and response-time norms.

#include "scenario/schema.hpp"
#include "scenario/sections.hpp"

namespace mmsim::detail {

void read_patrols(const Node* node, ReadContext& context, Patrols& out) {
    MapReader fields(node, "patrols",
                     section_keys("patrols"), context.out);
    out.shift = fields.duration("shift", DurationBound::positive).value_or(out.shift);
    out.policy = fields.enumerated<AllocationPolicy>("policy").value_or(out.policy);
    out.response_target =
        fields.duration("response_target", DurationBound::positive).value_or(out.response_target);
    out.demand_teams_per_100k = fields.number("demand_teams_per_100k", NumberRange::at_least(0))
                                    .value_or(out.demand_teams_per_100k);
}

}  // namespace mmsim::detail
