#include "incidents/response_model.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

#include "mmsim/distribution.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim::detail {

ResponseModel::ResponseModel(const Scenario& scenario, const TravelTimes& travel, int replication)
    : scenario_(scenario),
      travel_(travel),
      classes_(scenario.incidents.classes),
      incident_rng_(scenario.seed, static_cast<std::uint64_t>(replication), Purpose::incidents),
      service_rng_(scenario.seed, static_cast<std::uint64_t>(replication), Purpose::service),
      zones_(scenario.theatre.zones.size()),
      free_teams_(travel),
      run_(zones_, scenario.incidents.classes.size()),
      warm_up_(scenario.incidents.warm_up > 0) {
    assert(travel.zone_count() == zones_ && zones_ > 0);
    if (classes_.empty()) {
        IncidentClass incident;
        incident.id = "incident";
        classes_.push_back(incident);
    }
    for (std::uint64_t k = 0; k < classes_.size(); ++k)
        patience_rng_.emplace_back(scenario.seed, static_cast<std::uint64_t>(replication), Purpose::patience, k);
    for (const IncidentClass& c : classes_) class_shares_.push_back(c.share);
    std::vector<int> priorities;
    for (const IncidentClass& c : classes_) priorities.push_back(c.priority);
    waiting_ = WaitingQueue(priorities);

    for (const Zone& zone : scenario.theatre.zones) {
        gang_control_.push_back(zone.gang_control);
        rate_per_h_.push_back(
            zone_risk_per_hour(zone, zone.gang_control, scenario.incidents.gang_rate_factor));
        population_.push_back(zone.population);
        demand_teams_.push_back(zone_demand_teams(zone, scenario.patrols));
    }
    next_arrival_.resize(zones_);
    const Hours target = scenario.patrols.response_target;
    sources_.resize(zones_);
    reach_.resize(zones_);
    for (std::uint32_t z = 0; z < zones_; ++z) {
        const Hours edge = 1.5 * scenario.theatre.zones[z].internal_response;
        for (std::uint32_t s = 0; s < zones_; ++s) {
            const Hours road = travel.road(ZoneId(s), ZoneId(z));
            if (!(road <= target)) continue;
            const double reach = edge > 0 ? (target - road) / edge : 1.0;
            sources_[z].push_back(Source{s, std::min(1.0, reach * reach),
                                         travel.between(ZoneId(s), ZoneId(z)) <= target});
            reach_[s].push_back(z);
        }
        // Nearest first; equal shares keep zone order, so runs reproduce.
        std::stable_sort(sources_[z].begin(), sources_[z].end(),
                         [](const Source& a, const Source& b) { return a.share > b.share; });
    }
    free_at_.assign(zones_, 0);
    zone_share_.assign(zones_, 0);
    zone_whole_.assign(zones_, 0);
    day_whole_h_.assign(zones_, 0);

    slots_.resize(scenario.contingents.size());
    for (const Contingent& contingent : scenario.contingents)
        max_teams_.push_back(max_teams(contingent));

    fielded_in_.assign(zones_, 0);
    patrolling_in_.assign(zones_, 0);
    day_patrol_h_.assign(zones_, 0);
    day_covered_h_.assign(zones_, 0);
    day_fielded_h_.assign(zones_, 0);
    day_incidents_.assign(zones_, 0);
    day_response_min_.resize(zones_);
    last_day_ratio_.assign(zones_, kNaN);
    for (const TimeWindow& window : scenario.windows) {
        const int first = window.first_day(scenario.start), end = window.end_day(scenario.start);
        windows_.push_back(Window{first * kHoursPerDay, end * kHoursPerDay, first, end,
                                  "window." + window.name + ".", Totals(zones_, classes_.size())});
    }
    if (warm_up_) {
        const int first = static_cast<int>(scenario.incidents.warm_up / kHoursPerDay);
        windows_.push_back(Window{first * kHoursPerDay, scenario.horizon(), first, scenario.days(), "",
                                  Totals(zones_, classes_.size())});
    }
    series_.assign(zones_ + 1, std::vector<std::vector<double>>(s_count));
    for (auto& entity : series_)
        for (auto& metric : entity) metric.reserve(static_cast<std::size_t>(scenario.days()));
}

void ResponseModel::start(Sim& sim) {
    sim_ = &sim;
    day_end_h_ = sim.now() + kHoursPerDay;
    for (std::uint32_t z = 0; z < zones_; ++z) schedule_arrival(sim, z);
    const auto& scripted = scenario_.incidents.scripted;
    for (std::uint32_t i = 0; i < scripted.size(); ++i)
        sim.schedule_at(scripted[i].at, Event{EventKind::scripted_incident, i, 0});
}

void ResponseModel::set_gang_control(Sim& sim, std::span<const double> gang_control) {
    assert(gang_control.size() == zones_);
    for (std::uint32_t z = 0; z < zones_; ++z) {
        gang_control_[z] = gang_control[z];
        const double rate = zone_risk_per_hour(scenario_.theatre.zones[z], gang_control[z],
                                               scenario_.incidents.gang_rate_factor);
        if (rate == rate_per_h_[z]) continue;
        // Memoryless arrivals: restarting the clock at the new rate is exact.
        rate_per_h_[z] = rate;
        allocation_stale_ = true;
        sim.cancel(next_arrival_[z]);
        schedule_arrival(sim, z);
    }
}

void ResponseModel::schedule_arrival(Sim& sim, std::uint32_t zone) {
    next_arrival_[zone] = EventHandle{};
    if (rate_per_h_[zone] <= 0) return;
    const Hours gap = sample_exponential(incident_rng_, 1.0 / rate_per_h_[zone]);
    next_arrival_[zone] = sim.schedule_in(gap, Event{EventKind::incident_arrival, zone, 0});
}

template <int sign>
void ResponseModel::count_free(std::uint32_t t) {
    const Team& team = teams_[t];
    assert(team.state == TeamState::free);
    free_ += sign;
    // Only a zone's first free team, or its last, changes what is reached.
    const std::uint32_t at = team.at.value;
    free_at_[at] += sign;
    if (free_at_[at] == (sign > 0 ? 1 : 0)) reach_changed(at);
    const Hours rest = rest_of_day(sign);
    if constexpr (sign > 0)
        free_teams_.add(t, team.at);
    else
        free_teams_.remove(t, team.at);
    if (patrolling(team)) {
        patrolling_in_[team.post.value] += sign;
        day_patrol_h_[team.post.value] += rest;
    }
}

void ResponseModel::reach_changed(std::uint32_t s) {
    const Hours rest = rest_of_day(1);
    for (std::uint32_t z : reach_[s]) {
        // The free team nearest to z's centre sets what z has reached: the
        // discs reached from its centre are nested.
        double share = 0;
        char whole = 0;
        for (const Source& source : sources_[z])
            if (free_at_[source.zone] > 0) {
                share = source.share;
                whole = source.whole;
                break;
            }
        day_covered_h_[z] += (share - zone_share_[z]) * rest;
        day_whole_h_[z] += (whole - zone_whole_[z]) * rest;
        zone_share_[z] = share;
        zone_whole_[z] = whole;
    }
}

void ResponseModel::count_team(std::uint32_t t, int sign) {
    const Team& team = teams_[t];
    if (!fielded(team)) return;
    count_fielded(team.post, sign);
    if (busy(team))
        count_busy(sign);
    else if (sign > 0)
        count_free<+1>(t);
    else
        count_free<-1>(t);
}

void ResponseModel::count_fielded(ZoneId post, int sign) {
    fielded_ += sign;
    fielded_in_[post.value] += sign;
    day_fielded_h_[post.value] += rest_of_day(sign);
}

void ResponseModel::count_busy(int sign) {
    busy_ += sign;
    day_busy_h_ += rest_of_day(sign);
}

void ResponseModel::count_waiting(int sign) { day_queue_h_ += rest_of_day(sign); }

void ResponseModel::handle(Sim& sim, const Event& event) {
    switch (event.kind) {
    case EventKind::incident_arrival: {
        const auto incident_class =
            static_cast<std::uint32_t>(sample_discrete(incident_rng_, class_shares_));
        schedule_arrival(sim, event.a);
        new_incident(sim, ZoneId(event.a), incident_class);
        break;
    }
    case EventKind::scripted_incident: {
        const ScriptedIncident& scripted = scenario_.incidents.scripted[event.a];
        new_incident(sim, scripted.zone, scripted.incident_class.value);
        break;
    }
    case EventKind::team_on_scene:
        team_on_scene(sim, event.a, event.b);
        break;
    case EventKind::incident_done:
        incident_done(sim, event.a);
        break;
    case EventKind::incident_abandon:
        abandon(event.a);
        break;
    case EventKind::team_back:
        team_back(event.a);
        break;
    default:
        assert(false && "not a response event");
    }
}

void ResponseModel::new_incident(Sim& sim, ZoneId zone, std::uint32_t incident_class) {
    std::uint32_t slot;
    if (free_incidents_.empty()) {
        slot = static_cast<std::uint32_t>(incidents_.size());
        incidents_.emplace_back();
    } else {
        slot = free_incidents_.back();
        free_incidents_.pop_back();
    }
    const IncidentClass& spec = classes_[incident_class];
    Incident& incident = incidents_[slot];
    incident.zone = zone;
    incident.incident_class = incident_class;
    incident.sequence = next_sequence_++;
    incident.arrival = sim.now();
    incident.on_scene_h = sample(spec.on_scene, service_rng_);
    incident.teams_arrived = 0;
    incident.first_on_scene = false;
    incident.teams.clear();
    incident.abandon = EventHandle{};
    tally(incident.arrival, [&](Totals& t) {
        ++t.total;
        ++t.zone_incidents[zone.value];
        if (ClassTotals* k = t.of_class(incident_class)) ++k->total;
    });
    ++day_incidents_[zone.value];
    // Drawn whether or not the incident waits, so that the n-th incident of
    // a class has the same patience under any policy.
    const Hours patience =
        spec.patience ? sample(*spec.patience, patience_rng_[incident_class]) : spec.max_wait;

    if (try_dispatch(sim, slot)) return;
    if (patience <= 0) {  // lost at once
        tally(incident.arrival, [&](Totals& t) {
            ++t.waited;
            ++t.abandoned;
            ++t.zone_abandoned[zone.value];
            if (ClassTotals* k = t.of_class(incident_class)) {
                ++k->waited;
                ++k->abandoned;
            }
        });
        ++abandoned_;
        free_incident(slot);
        return;
    }
    waiting_.push(slot, incident_class);
    count_waiting(+1);
    if (std::isfinite(patience))
        incident.abandon = sim.schedule_in(patience, Event{EventKind::incident_abandon, slot, 0});
}

bool ResponseModel::try_dispatch(Sim& sim, std::uint32_t slot) {
    Incident& incident = incidents_[slot];
    const int needed = classes_[incident.incident_class].teams_needed;
    if (free_ < needed) return false;

    const auto picks = free_teams_.nearest(incident.zone, static_cast<std::size_t>(needed));
    assert(picks.size() == static_cast<std::size_t>(needed));
    const Hours now = sim.now();
    std::uint32_t arrived_at_once = 0;  // the first teams of `picks`, those with no way to go
    // By reference: a copy of the Pick is one 8-byte load over the 4-byte
    // store of its team, which the store buffer cannot forward (a stall).
    for (const auto& [t, travel_h] : picks) {  // count_free() does not touch `picks`
        Team& team = teams_[t];
        // Free to busy: fielded at the same post before and after, so only
        // the free counts and the busy count move (see count_team()).
        count_free<-1>(t);
        count_busy(+1);
        if (team.moving) {
            sim.cancel(team.arrival);
            team.moving = false;
        }
        team.state = TeamState::to_scene;
        team.busy_since = now;
        team.incident = slot;
        incident.teams.push_back(t);
        const bool cross_zone = team.post != incident.zone;
        tally(incident.arrival, [&](Totals& t) {
            ++t.dispatches;
            t.cross_zone += cross_zone;
        });
        if (log_dispatches_)
            dispatch_log_.push_back(Dispatch{now, incident.sequence, incident.zone, team.contingent, team.number});
        // A team already at the scene is there now, without an event (the
        // nearest come first, so these lead `picks`).
        if (travel_h == 0)
            ++arrived_at_once;
        else
            sim.schedule_in(travel_h, Event{EventKind::team_on_scene, t, slot});
    }
    tally(incident.arrival, [&](Totals& t) {
        ++t.answered;
        t.wait_h_sum += now - incident.arrival;
    });
    // Only now that every team is on the incident's list, so that the last
    // to arrive starts the time on scene.
    for (std::uint32_t i = 0; i < arrived_at_once; ++i) {
        assert(picks[i].travel_h == 0);
        team_on_scene(sim, picks[i].team, slot);
    }
    return true;
}

void ResponseModel::serve_queue(Sim& sim) {
    for (std::uint32_t slot = waiting_.first(); slot != WaitingQueue::kNone && free_ > 0;) {
        const std::uint32_t after = waiting_.next(slot);
        if (try_dispatch(sim, slot)) {
            const Incident& incident = incidents_[slot];
            sim.cancel(incident.abandon);
            // Waits by zone and class are summed here, where they are not
            // 0: an incident served on arrival adds nothing to them, and
            // their answered counts are found at the end (put_metrics()).
            const Hours wait_h = sim.now() - incident.arrival;
            tally(incident.arrival, [&](Totals& t) {
                ++t.waited;
                t.zone_wait_h_sum[incident.zone.value] += wait_h;
                if (ClassTotals* k = t.of_class(incident.incident_class)) {
                    ++k->waited;
                    k->wait_h_sum += wait_h;
                }
            });
            waiting_.erase(slot);
            count_waiting(-1);
        }
        slot = after;
    }
}

void ResponseModel::team_on_scene(Sim& sim, std::uint32_t t, std::uint32_t slot) {
    Incident& incident = incidents_[slot];
    // Busy before and after: no count changes (see count_team()), so the
    // team is not detached.
    assert(teams_[t].state == TeamState::to_scene);
    teams_[t].state = TeamState::on_scene;
    teams_[t].at = incident.zone;
    if (!incident.first_on_scene) {
        incident.first_on_scene = true;
        const double response_min = (sim.now() - incident.arrival) * kMinutesPerHour;
        // No branch: whether a response is within target is a coin toss.
        const bool within = response_min <= scenario_.patrols.response_target * kMinutesPerHour;
        const std::uint32_t zone = incident.zone.value;
        tally(incident.arrival, [&](Totals& t) {
            t.response_min.add(response_min);
            t.response_min_sum += response_min;
            t.within_target += within;
            t.zone_response_min_sum[zone] += response_min;
            ++t.zone_responses[zone];
            if (ClassTotals* k = t.of_class(incident.incident_class)) {
                k->response_min_sum += response_min;
                ++k->responses;
            }
        });
        day_response_min_[zone].push_back(response_min);
    }
    if (++incident.teams_arrived == static_cast<int>(incident.teams.size()))
        sim.schedule_in(incident.on_scene_h, Event{EventKind::incident_done, slot, 0});
}

void ResponseModel::incident_done(Sim& sim, std::uint32_t slot) {
    for (std::uint32_t t : incidents_[slot].teams) release(sim, t);
    free_incident(slot);
    serve_queue(sim);
}

void ResponseModel::abandon(std::uint32_t slot) {
    waiting_.erase(slot);
    count_waiting(-1);
    const Incident& incident = incidents_[slot];
    tally(incident.arrival, [&](Totals& t) {
        ++t.waited;
        ++t.abandoned;
        ++t.zone_abandoned[incident.zone.value];
        if (ClassTotals* k = t.of_class(incident.incident_class)) {
            ++k->waited;
            ++k->abandoned;
        }
    });
    ++abandoned_;
    free_incident(slot);
}

void ResponseModel::free_incident(std::uint32_t slot) {
    incidents_[slot].teams.clear();
    free_incidents_.push_back(slot);
}

void ResponseModel::release(Sim& sim, std::uint32_t t) {
    Team& team = teams_[t];
    assert(busy(team));
    team.busy_h += sim.now() - team.busy_since;
    count_busy(-1);
    if (team.standing_down) {  // busy to off: no longer fielded
        team.standing_down = false;
        team.state = TeamState::off;
        count_fielded(team.post, -1);
        return;
    }
    team.state = TeamState::free;  // busy to free, fielded at the same post
    head_for_post(sim, t);
    count_free<+1>(t);
}

void ResponseModel::move_to_post(Sim& sim, std::uint32_t t) {
    detach(t);
    head_for_post(sim, t);
    attach(t);
}

// A free team, detached, sets out for its post (or is there at once).
void ResponseModel::head_for_post(Sim& sim, std::uint32_t t) {
    Team& team = teams_[t];
    assert(team.state == TeamState::free);
    if (team.moving) {
        sim.cancel(team.arrival);
        team.moving = false;
    }
    const Hours road_h = team.at == team.post ? 0 : travel_.road(team.at, team.post);
    if (road_h <= 0) {
        team.at = team.post;
    } else {
        team.moving = true;
        team.arrival = sim.schedule_in(road_h, Event{EventKind::team_back, t, 0});
    }
}

void ResponseModel::team_back(std::uint32_t t) {
    detach(t);
    teams_[t].moving = false;
    teams_[t].at = teams_[t].post;
    attach(t);
}

}  // namespace mmsim::detail
