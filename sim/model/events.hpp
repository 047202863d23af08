#pragma once
// Internal: the events of the mission model, shared by the parts of the engine
// (arrivals, patrols and response). An event is a kind and two small operands,
// so the kernel's heap holds it by value.

#include <cstdint>

#include "mmsim/event_queue.hpp"

namespace mmsim::detail {

enum class EventKind : std::uint8_t {
    // arrivals (a = contingent index, b = wave or cohort index)
    wave_due,         ///< a wave is ready to fly (planned date + delay)
    airlift_day,      ///< 00:00: land officers waiting for the airlift
    airport_reopen,   ///< a closure ends
    cohort_ready,     ///< a landed cohort finishes induction
    tour_end,         ///< a cohort's tour ends
    rotation_plan,    ///< plan a cohort's replacement wave
    // patrols
    shift_start,      ///< field and allocate patrol teams
    // incidents and dispatch (a = incident or team index), in one run of
    // values (ResponseModel::handles())
    incident_arrival, ///< next Poisson arrival in zone a
    scripted_incident,///< scripted incident a
    team_on_scene,    ///< team a reaches incident b
    incident_done,    ///< incident a finished on scene (releases its teams)
    incident_abandon, ///< incident a waited its patience (its class's max_wait or a draw)
    team_back,        ///< team a is back in its patrol zone
    // funding and vehicles (sim/sustainment.hpp)
    pledge_payment,   ///< payment a of the fund's schedule arrives
    vehicle_failure,  ///< vehicle a breaks down on duty
    vehicle_repaired, ///< vehicle a is back in service
};

struct Event {
    EventKind kind{};
    std::uint32_t a = 0;
    std::uint32_t b = 0;
};

using Sim = Simulation<Event>;

}  // namespace mmsim::detail
