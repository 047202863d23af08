#pragma once
// Incidents and dispatch (YAML: incidents). Incidents arrive in each zone as a
// Poisson process whose rate follows the zone's gang control (patrols.hpp,
// zone_risk_per_hour); each belongs to a severity class that says how urgent it
// is, how many teams it needs and how long they stay on scene. Dispatch sends
// the nearest free teams by shortest-path travel time (theatre.hpp); when too
// few are free the incident waits in a queue ordered by priority, then by
// arrival, and is abandoned (unanswered) when it has waited longer than its
// patience: the class's fixed max_wait, or a draw from its patience
// distribution. The figures are the `response.*`, `dispatch.*`,
// `incidents.*` and `classes.*` metrics, taken after the warm-up.

#include <optional>
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
    /// Hours an incident of the class waits before it is abandoned, drawn for
    /// each incident as it arrives from the class's own stream. When given,
    /// it replaces max_wait (which is then kNever): max_wait D is the same
    /// model as a fixed patience D, so a class has one or the other.
    std::optional<Distribution> patience;
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
    /// Hours from the start, whole days, less than the horizon: the incident,
    /// dispatch, response and coverage figures count only incidents that
    /// arrive, and days that begin, from then on (0 = the whole run).
    Hours warm_up = 0;
};

}  // namespace mmsim
