#pragma once
// Armoured vehicles (YAML: vehicles): a patrol team needs one. Fleets receive
// deliveries, fail while on duty (exponential time between failures) and wait
// for repair, sometimes for parts as well; the teams fielded at a shift are
// bounded by the vehicles in service. The figures are the `vehicles.*` metrics.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mmsim/distribution.hpp"
#include "mmsim/error.hpp"
#include "mmsim/ids.hpp"
#include "mmsim/money.hpp"
#include "mmsim/time.hpp"

namespace mmsim {

/// Vehicles handed over to a fleet (YAML: vehicles.fleets.<id>.deliveries[i]).
struct VehicleDelivery {
    Date date;                              ///< in service from 00:00 (a date before the start: at the start)
    int count = 0;                          ///< > 0
    Cents cost_per_vehicle = 0;             ///< purchase price
    std::optional<std::uint32_t> paid_by;   ///< index of the donating source; none = the fund pays
    SourcePos pos;
};

/// Armoured vehicles that patrol teams need (YAML: vehicles.fleets.<id>).
struct Fleet {
    std::string id;
    std::optional<ContingentId> contingent;   ///< serves only this contingent; none = pooled
    std::optional<int> capacity;              ///< officers per vehicle; none = any team fits one
    Hours mtbf = kNever;                      ///< mean hours on duty between failures (exponential)
    Distribution repair = Distribution::fixed(0);      ///< hours from failure to back in service
    double parts_share = 0;                   ///< share of repairs that also wait for parts, [0, 1]
    Distribution parts_wait = Distribution::fixed(0);  ///< hours added when waiting for parts
    Cents cost_per_vehicle_day = 0;           ///< upkeep of each delivered vehicle, paid by the fund
    std::vector<VehicleDelivery> deliveries;  ///< in date order
    SourcePos pos;
};

/// YAML: vehicles. Absent: vehicles never bound the teams fielded.
struct Vehicles {
    std::vector<Fleet> fleets;
};

}  // namespace mmsim
