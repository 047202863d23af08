#include "mmsim/engine.hpp"

#include <cassert>
#include <cmath>
#include <optional>
#include <vector>

#include "model/arrivals.hpp"
#include "run/constraints.hpp"
#include "run/control_model.hpp"
#include "mmsim/theatre.hpp"
#include "incidents/response_model.hpp"
#include "run/sustainment.hpp"
#include "run/window_metrics.hpp"

namespace mmsim {
namespace {

using detail::Event;
using detail::EventKind;

bool is_arrivals_event(EventKind kind) {
    switch (kind) {
    case EventKind::wave_due:
    case EventKind::airlift_day:
    case EventKind::airport_reopen:
    case EventKind::cohort_ready:
    case EventKind::tour_end:
    case EventKind::rotation_plan:
        return true;
    default:
        return false;
    }
}

// Teams each contingent can field now: floor(ready * duty_share / team_size).
std::vector<int> fieldable_teams(const Scenario& scenario, const detail::ArrivalsModel& arrivals) {
    std::vector<int> teams;
    teams.reserve(scenario.contingents.size());
    for (std::size_t c = 0; c < scenario.contingents.size(); ++c) {
        const Contingent& contingent = scenario.contingents[c];
        double on_duty = static_cast<double>(arrivals.ready(c)) * contingent.duty_share;
        teams.push_back(static_cast<int>(std::floor(on_duty / contingent.team_size)));
    }
    return teams;
}

}  // namespace

ReplicationResult run_replication(const Scenario& scenario, int replication) {
    return run_replication(scenario, replication, replication == 0);
}

ReplicationResult run_replication(const Scenario& scenario, int replication, bool keep_ledger) {
    detail::Sim sim;
    detail::ArrivalsModel arrivals(scenario, replication);
    std::optional<TravelTimes> travel;
    std::optional<detail::ResponseModel> response;
    if (!scenario.theatre.zones.empty()) {
        travel.emplace(scenario.theatre);
        response.emplace(scenario, *travel, replication);
    }
    std::optional<detail::ControlModel> control;
    std::optional<detail::ConstraintRecord> constraints;
    if (response) {
        control.emplace(scenario);
        constraints.emplace(scenario);
    }

    // Money and vehicles (inert without those sections). Their first review
    // comes before arrivals start, so that a wave due at once can be held.
    detail::Sustainment sustainment(scenario, replication, keep_ledger);
    sustainment.start(sim, arrivals);
    // Officers due at time 0 are counted before the first shift is formed.
    arrivals.start(sim);
    if (response) {
        // The first shift forms before anything else at time 0 happens.
        sim.schedule_at(0, Event{EventKind::shift_start, 0, 0});
        response->start(sim);
    }
    // Day by day: a day is [24d, 24(d+1)); its figures are taken at its end,
    // before anything scheduled for 00:00 of the next day.
    ReplicationResult result;
    auto handle = [&](Hours now, const Event& event) {
        // The response's events first: they are most of a run's events.
        if (detail::ResponseModel::handles(event.kind)) {
            response->handle(sim, event);
        } else if (is_arrivals_event(event.kind)) {
            arrivals.handle(sim, event);
        } else if (event.kind == EventKind::shift_start) {
            response->on_shift_start(sim, sustainment.teams(sim, fieldable_teams(scenario, arrivals)));
            constraints->on_shift(static_cast<int>(now / kHoursPerDay), sustainment.limits(), response->allocation());
            if (now + scenario.patrols.shift < scenario.horizon())
                sim.schedule_in(scenario.patrols.shift, Event{EventKind::shift_start, 0, 0});
        } else {
            assert(detail::Sustainment::handles(event.kind));
            sustainment.handle(sim, event, response ? &*response : nullptr);
        }
    };
    for (int day = 0; day < scenario.days(); ++day) {
        if (day > 0) sustainment.on_day_start(sim, day, arrivals, response ? &*response : nullptr);
        result.events += sim.run_before((day + 1) * kHoursPerDay, handle);
        arrivals.on_day_end(day);
        if (response) response->on_day_end(sim, day);
        // Gang control moves with the day's patrols; rates follow from 00:00.
        if (control) control->on_day_end(sim, day, *response);
        sustainment.on_day_end(sim, day, arrivals, response ? &*response : nullptr);
    }

    arrivals.finish(result);
    if (response) response->finish(sim, result);
    if (control) control->finish(result);
    if (constraints) constraints->finish(result);
    sustainment.finish(sim, result, response ? &*response : nullptr);
    detail::put_series_window_metrics(scenario, result);
    detail::order_window_metrics_last(result);
    return result;
}

}  // namespace mmsim
