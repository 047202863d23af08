#pragma once
// Incidents and dispatch (YAML: incidents). Incidents arrive in each zone as a
// Poisson process whose rate follows the zone's gang control (patrols.hpp,
// zone_risk_per_hour); each belongs to a severity class that says how urgent it
// is, how many teams it needs and how long they stay on scene. Dispatch sends
// the nearest free teams by shortest-path travel time (theatre.hpp); when too
// few are free the incident waits in a queue ordered by priority, then by
// arrival, and is abandoned (unanswered) after the class's maximum wait. The
// figures are the `response.*`, `dispatch.*` and `incidents.*` metrics.

#include <string>
#include <vector>

#include "mmsim/distribution.hpp"
#include "mmsim/error.hpp"
#include "mmsim/ids.hpp"
#include "mmsim/time.hpp"

namespace mmsim {

/// A severity class of incidents (YAML: incidents.classes.<id>).
struct IncidentClass {
    std::string id;
    double share = 1;                 ///< share of a zone's incidents, normalised over classes
    int priority = 1;                 ///< 1 is the most urgent; queue order
    int teams_needed = 1;             ///< >= 1
    Distribution on_scene = Distribution::exponential(1);  ///< hours on scene
    Hours max_wait = kNever;          ///< abandoned (unanswered) after this wait; 0 = lost at once
    SourcePos pos;
};

/// An incident written into the scenario (YAML: incidents.scripted[i]).
struct ScriptedIncident {
    Hours at = 0;
    ZoneId zone;
    IncidentClassId incident_class;
    std::string note;
};

/// The incident model (YAML: incidents).
struct Incidents {
    /// rate(zone) = incident_rate_per_day * (1 + gang_rate_factor * g)
    double gang_rate_factor = 1.0;
    std::vector<IncidentClass> classes;
    std::vector<ScriptedIncident> scripted;
};

}  // namespace mmsim
