#include "response.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

#include "mmsim/distribution.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMinutesPerHour = 60.0;

double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : kNaN;
}

// The daily series, in emission order (table "coverage").
enum SeriesMetric : std::size_t {
    s_patrol_ratio,
    s_population_within_target,
    s_incidents,
    s_response_p50_min,
    s_response_p90_min,
    s_teams_fielded,
    s_count
};
constexpr const char* kSeriesNames[s_count] = {"patrol_ratio",      "population_within_target",
                                               "incidents",         "response_p50_min",
                                               "response_p90_min",  "teams_fielded"};

}  // namespace

ResponseModel::ResponseModel(const Scenario& scenario, const TravelTimes& travel, int replication)
    : scenario_(scenario),
      travel_(travel),
      classes_(scenario.incidents.classes),
      incident_rng_(scenario.seed, static_cast<std::uint64_t>(replication), Purpose::incidents),
      service_rng_(scenario.seed, static_cast<std::uint64_t>(replication), Purpose::service),
      zones_(scenario.theatre.zones.size()) {
    assert(travel.zone_count() == zones_ && zones_ > 0);
    if (classes_.empty()) {
        IncidentClass incident;
        incident.id = "incident";
        classes_.push_back(incident);
    }
    for (const IncidentClass& c : classes_) class_shares_.push_back(c.share);

    for (const Zone& zone : scenario.theatre.zones) {
        gang_control_.push_back(zone.gang_control);
        rate_per_h_.push_back(
            zone_risk_per_hour(zone, zone.gang_control, scenario.incidents.gang_rate_factor));
        population_.push_back(zone.population);
        demand_teams_.push_back(zone_demand_teams(zone, scenario.patrols));
    }
    next_arrival_.resize(zones_);
    covers_.resize(zones_);
    for (std::uint32_t s = 0; s < zones_; ++s)
        for (std::uint32_t z = 0; z < zones_; ++z)
            if (travel.between(ZoneId(s), ZoneId(z)) <= scenario.patrols.response_target)
                covers_[s].push_back(z);

    slots_.resize(scenario.contingents.size());
    for (const Contingent& contingent : scenario.contingents)
        max_teams_.push_back(max_teams(contingent));

    fielded_in_.assign(zones_, 0);
    patrolling_in_.assign(zones_, 0);
    cover_count_.assign(zones_, 0);
    day_patrol_h_.assign(zones_, 0);
    day_covered_h_.assign(zones_, 0);
    day_fielded_h_.assign(zones_, 0);
    day_incidents_.assign(zones_, 0);
    day_response_min_.resize(zones_);
    last_day_ratio_.assign(zones_, kNaN);
    zone_response_min_sum_.assign(zones_, 0);
    zone_responses_.assign(zones_, 0);
    zone_incidents_.assign(zones_, 0);
    zone_ratio_sum_.assign(zones_, 0);
    series_.assign(zones_ + 1, std::vector<std::vector<double>>(s_count));
    for (auto& entity : series_)
        for (auto& metric : entity) metric.reserve(static_cast<std::size_t>(scenario.days()));
}

void ResponseModel::start(Sim& sim) {
    last_h_ = sim.now();
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

void ResponseModel::count_team(const Team& team, int sign) {
    if (fielded(team)) {
        fielded_ += sign;
        fielded_in_[team.post.value] += sign;
    }
    if (busy(team)) busy_ += sign;
    if (team.state == TeamState::free) {
        free_ += sign;
        for (std::uint32_t z : covers_[team.at.value]) cover_count_[z] += sign;
    }
    if (patrolling(team)) patrolling_in_[team.post.value] += sign;
}

void ResponseModel::advance(Hours now) {
    const Hours dt = now - last_h_;
    if (dt <= 0) return;
    for (std::size_t z = 0; z < zones_; ++z) {
        day_patrol_h_[z] += patrolling_in_[z] * dt;
        day_fielded_h_[z] += fielded_in_[z] * dt;
        if (cover_count_[z] > 0) day_covered_h_[z] += dt;
    }
    busy_team_h_ += busy_ * dt;
    fielded_team_h_ += fielded_ * dt;
    queue_h_ += static_cast<double>(queue_.size()) * dt;
    elapsed_h_ += dt;
    last_h_ = now;
}

void ResponseModel::handle(Sim& sim, const Event& event) {
    advance(sim.now());
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
    ++total_;
    ++zone_incidents_[zone.value];
    ++day_incidents_[zone.value];

    if (try_dispatch(sim, slot)) return;
    if (spec.max_wait <= 0) {  // lost at once
        ++waited_;
        ++abandoned_;
        free_incident(slot);
        return;
    }
    queue_.insert(QueueKey{spec.priority, incident.arrival, incident.sequence, slot});
    if (std::isfinite(spec.max_wait))
        incident.abandon =
            sim.schedule_in(spec.max_wait, Event{EventKind::incident_abandon, slot, 0});
}

bool ResponseModel::try_dispatch(Sim& sim, std::uint32_t slot) {
    Incident& incident = incidents_[slot];
    const int needed = classes_[incident.incident_class].teams_needed;
    if (free_ < needed) return false;

    // (travel, not already in the zone, contingent, number, team index)
    using Candidate = std::tuple<Hours, bool, std::uint32_t, int, std::uint32_t>;
    std::vector<Candidate> candidates;
    candidates.reserve(static_cast<std::size_t>(free_));
    for (std::uint32_t t = 0; t < teams_.size(); ++t) {
        const Team& team = teams_[t];
        if (team.state != TeamState::free) continue;
        candidates.emplace_back(travel_.between(team.at, incident.zone), team.at != incident.zone,
                                team.contingent, team.number, t);
    }
    std::partial_sort(candidates.begin(), candidates.begin() + needed, candidates.end());

    const Hours now = sim.now();
    for (int i = 0; i < needed; ++i) {
        const auto [travel_h, elsewhere, contingent, number, t] = candidates[static_cast<std::size_t>(i)];
        Team& team = teams_[t];
        detach(t);
        if (team.moving) {
            sim.cancel(team.arrival);
            team.moving = false;
        }
        team.state = TeamState::to_scene;
        team.busy_since = now;
        team.incident = slot;
        attach(t);
        incident.teams.push_back(t);
        ++dispatches_;
        if (team.post != incident.zone) ++cross_zone_;
        if (log_dispatches_)
            dispatch_log_.push_back(Dispatch{now, incident.sequence, incident.zone, contingent, number});
        sim.schedule_in(travel_h, Event{EventKind::team_on_scene, t, slot});
    }
    ++answered_;
    wait_h_sum_ += now - incident.arrival;
    return true;
}

void ResponseModel::serve_queue(Sim& sim) {
    for (auto it = queue_.begin(); it != queue_.end() && free_ > 0;) {
        if (try_dispatch(sim, it->incident)) {
            sim.cancel(incidents_[it->incident].abandon);
            ++waited_;
            it = queue_.erase(it);
        } else {
            ++it;
        }
    }
}

void ResponseModel::team_on_scene(Sim& sim, std::uint32_t t, std::uint32_t slot) {
    Incident& incident = incidents_[slot];
    detach(t);
    teams_[t].state = TeamState::on_scene;
    teams_[t].at = incident.zone;
    attach(t);
    if (!incident.first_on_scene) {
        incident.first_on_scene = true;
        const double response_min = (sim.now() - incident.arrival) * kMinutesPerHour;
        response_min_.push_back(response_min);
        day_response_min_[incident.zone.value].push_back(response_min);
        zone_response_min_sum_[incident.zone.value] += response_min;
        ++zone_responses_[incident.zone.value];
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
    const Incident& incident = incidents_[slot];
    const IncidentClass& spec = classes_[incident.incident_class];
    const std::size_t erased =
        queue_.erase(QueueKey{spec.priority, incident.arrival, incident.sequence, slot});
    assert(erased == 1);
    (void)erased;
    ++waited_;
    ++abandoned_;
    free_incident(slot);
}

void ResponseModel::free_incident(std::uint32_t slot) {
    incidents_[slot].teams.clear();
    free_incidents_.push_back(slot);
}

void ResponseModel::release(Sim& sim, std::uint32_t t) {
    Team& team = teams_[t];
    detach(t);
    team.busy_h += sim.now() - team.busy_since;
    if (team.standing_down) {
        team.standing_down = false;
        team.state = TeamState::off;
        attach(t);
        return;
    }
    team.state = TeamState::free;
    attach(t);
    move_to_post(sim, t);
}

void ResponseModel::move_to_post(Sim& sim, std::uint32_t t) {
    Team& team = teams_[t];
    assert(team.state == TeamState::free);
    detach(t);
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
    attach(t);
}

void ResponseModel::team_back(std::uint32_t t) {
    detach(t);
    teams_[t].moving = false;
    teams_[t].at = teams_[t].post;
    attach(t);
}

// ---- shifts: roster and posts ----------------------------------------------

void ResponseModel::on_shift_start(Sim& sim, std::span<const int> teams_by_contingent) {
    assert(teams_by_contingent.size() == slots_.size());
    advance(sim.now());
    for (std::uint32_t c = 0; c < slots_.size(); ++c)
        resize_roster(sim, c, std::max(0, teams_by_contingent[c]));
    post_teams(sim);
    serve_queue(sim);
}

std::uint32_t ResponseModel::team_slot(std::uint32_t contingent, int number) {
    auto& slots = slots_[contingent];
    if (static_cast<std::size_t>(number) > slots.size()) {
        assert(static_cast<std::size_t>(number) == slots.size() + 1);
        Team team;
        team.contingent = contingent;
        team.number = number;
        slots.push_back(static_cast<std::uint32_t>(teams_.size()));
        teams_.push_back(team);
    }
    return slots[static_cast<std::size_t>(number - 1)];
}

void ResponseModel::resize_roster(Sim& sim, std::uint32_t c, int wanted) {
    auto on_roster = [&](const Team& team) { return fielded(team) && !team.standing_down; };
    // The contingent's teams, last formed first.
    std::vector<std::uint32_t> mine(slots_[c]);
    std::sort(mine.begin(), mine.end(), [&](std::uint32_t a, std::uint32_t b) {
        return std::tie(teams_[a].formed, teams_[a].number) > std::tie(teams_[b].formed, teams_[b].number);
    });
    int count = static_cast<int>(std::count_if(
        mine.begin(), mine.end(), [&](std::uint32_t t) { return on_roster(teams_[t]); }));

    for (std::uint32_t t : mine) {  // free teams stand down at once
        if (count <= wanted) break;
        Team& team = teams_[t];
        if (team.state != TeamState::free) continue;
        detach(t);
        if (team.moving) sim.cancel(team.arrival);
        team.moving = false;
        team.state = TeamState::off;
        attach(t);
        --count;
    }
    for (std::uint32_t t : mine) {  // busy ones leave when released
        if (count <= wanted) break;
        if (!on_roster(teams_[t])) continue;
        teams_[t].standing_down = true;
        --count;
    }
    for (auto it = mine.rbegin(); it != mine.rend() && count < wanted; ++it) {
        if (!teams_[*it].standing_down) continue;  // rejoin, earliest formed first
        teams_[*it].standing_down = false;
        ++count;
    }
    const std::vector<ZoneId>& bases = scenario_.theatre.bases;
    const ZoneId fallback_base = scenario_.airport.zone.value_or(ZoneId(0));
    for (int number = 1; count < wanted; ++number) {
        const std::uint32_t t = team_slot(c, number);
        Team& team = teams_[t];
        if (fielded(team)) continue;
        const ZoneId base = bases.empty() ? fallback_base : bases[formations_ % bases.size()];
        team.formed = formations_++;
        team.state = TeamState::free;
        team.at = team.post = base;
        team.unposted = true;
        team.ever_fielded = true;
        attach(t);
        ++count;
    }
}

void ResponseModel::post_teams(Sim& sim) {
    int roster = 0;
    std::vector<int> busy_posts(zones_, 0);
    for (const Team& team : teams_) {
        if (!fielded(team) || team.standing_down) continue;
        ++roster;
        if (busy(team)) ++busy_posts[team.post.value];
    }
    const AllocationInput input{rate_per_h_, demand_teams_, population_, &travel_,
                                scenario_.patrols.response_target};
    std::vector<int> openings = allocate_teams(scenario_.patrols.policy, input, roster);
    for (std::size_t z = 0; z < zones_; ++z) openings[z] -= busy_posts[z];

    // Free teams by id, so posts do not depend on formation history.
    std::vector<std::uint32_t> free_teams;
    for (std::uint32_t t = 0; t < teams_.size(); ++t)
        if (teams_[t].state == TeamState::free) free_teams.push_back(t);
    std::sort(free_teams.begin(), free_teams.end(), [&](std::uint32_t a, std::uint32_t b) {
        return std::tie(teams_[a].contingent, teams_[a].number) <
               std::tie(teams_[b].contingent, teams_[b].number);
    });
    std::vector<PostCandidate> candidates;
    candidates.reserve(free_teams.size());
    for (std::uint32_t t : free_teams) {
        const Team& team = teams_[t];
        candidates.push_back(PostCandidate{
            team.at, team.unposted ? std::nullopt : std::optional<ZoneId>(team.post)});
    }
    const std::vector<ZoneId> posts = assign_posts(openings, candidates, travel_);
    for (std::size_t i = 0; i < free_teams.size(); ++i) {
        const std::uint32_t t = free_teams[i];
        if (!teams_[t].unposted && teams_[t].post == posts[i]) continue;
        detach(t);
        teams_[t].post = posts[i];
        teams_[t].unposted = false;
        attach(t);
        move_to_post(sim, t);
    }
}

// ---- daily figures and metrics ------------------------------------------------

void ResponseModel::on_day_end(Sim& sim, int day) {
    assert(static_cast<int>(series_[0][s_incidents].size()) == day);
    (void)day;
    advance(sim.now());
    const double day_h = kHoursPerDay;
    double weighted_ratio = 0, weight = 0, covered_pop_h = 0, population = 0, fielded_h = 0;
    std::vector<double> all_response;
    for (std::size_t z = 0; z < zones_; ++z) {
        const double demand_h = demand_teams_[z] * day_h;
        const double zone_ratio = demand_h > 0 ? std::min(1.0, day_patrol_h_[z] / demand_h) : kNaN;
        last_day_ratio_[z] = zone_ratio;
        if (demand_h > 0) {
            weighted_ratio += population_[z] * zone_ratio;
            weight += population_[z];
            zone_ratio_sum_[z] += zone_ratio;
        }
        covered_pop_h += population_[z] * day_covered_h_[z];
        population += population_[z];
        fielded_h += day_fielded_h_[z];

        std::vector<double>& responses = day_response_min_[z];
        all_response.insert(all_response.end(), responses.begin(), responses.end());
        auto& row = series_[z + 1];
        row[s_patrol_ratio].push_back(zone_ratio);
        row[s_population_within_target].push_back(day_covered_h_[z] / day_h);
        row[s_incidents].push_back(day_incidents_[z]);
        row[s_response_p50_min].push_back(quantile(responses, 0.5));
        row[s_response_p90_min].push_back(quantile(responses, 0.9));
        row[s_teams_fielded].push_back(day_fielded_h_[z] / day_h);

        day_patrol_h_[z] = day_covered_h_[z] = day_fielded_h_[z] = 0;
        day_incidents_[z] = 0;
        responses.clear();
    }
    ratio_weighted_sum_ += weighted_ratio;
    ratio_weight_ += weight;
    covered_population_h_ += covered_pop_h;
    ++days_closed_;

    auto& all = series_[0];
    all[s_patrol_ratio].push_back(ratio(weighted_ratio, weight));
    all[s_population_within_target].push_back(ratio(covered_pop_h, population * day_h));
    double incidents = 0;
    for (std::size_t z = 1; z <= zones_; ++z) incidents += series_[z][s_incidents].back();
    all[s_incidents].push_back(incidents);
    all[s_response_p50_min].push_back(quantile(all_response, 0.5));
    all[s_response_p90_min].push_back(quantile(all_response, 0.9));
    all[s_teams_fielded].push_back(fielded_h / day_h);
}

void ResponseModel::finish(Sim& sim, ReplicationResult& result) const {
    auto& metrics = result.metrics;
    auto put = [&](std::string name, double value) { metrics.push_back({std::move(name), value}); };
    double population = 0;
    for (double p : population_) population += p;
    const double resolved = static_cast<double>(answered_ + abandoned_);

    std::vector<double> responses = response_min_;
    double response_sum = 0;
    std::size_t within_target = 0;
    for (double r : responses) {
        response_sum += r;
        if (r <= scenario_.patrols.response_target * kMinutesPerHour) ++within_target;
    }
    const auto responded = static_cast<double>(responses.size());

    put("coverage.patrol_ratio", ratio(ratio_weighted_sum_, ratio_weight_));
    put("coverage.population_within_target",
        ratio(covered_population_h_, population * days_closed_ * kHoursPerDay));
    put("response.mean_min", ratio(response_sum, responded));
    put("response.p50_min", quantile(responses, 0.5));
    put("response.p90_min", quantile(responses, 0.9));
    put("response.within_target_share", ratio(static_cast<double>(within_target), responded));
    put("dispatch.mean_wait_min", ratio(wait_h_sum_ * kMinutesPerHour, static_cast<double>(answered_)));
    put("dispatch.wait_probability", ratio(static_cast<double>(waited_), resolved));
    put("dispatch.cross_zone_share",
        ratio(static_cast<double>(cross_zone_), static_cast<double>(dispatches_)));
    put("incidents.total", static_cast<double>(total_));
    put("incidents.answered", static_cast<double>(answered_));
    put("incidents.unanswered_share", ratio(static_cast<double>(abandoned_), resolved));
    put("queue.mean_length", ratio(queue_h_, elapsed_h_));
    put("teams.mean_workload", ratio(busy_team_h_, fielded_team_h_));

    const Hours horizon = scenario_.horizon();
    for (std::uint32_t c = 0; c < slots_.size(); ++c) {
        const std::string prefix = "workload." + scenario_.contingents[c].id + ".";
        for (int number = 1; number <= max_teams_[c]; ++number) {
            double workload = kNaN;
            if (static_cast<std::size_t>(number) <= slots_[c].size()) {
                const Team& team = teams_[slots_[c][static_cast<std::size_t>(number - 1)]];
                Hours busy_h = team.busy_h;
                if (busy(team)) busy_h += sim.now() - team.busy_since;
                if (team.ever_fielded) workload = busy_h / horizon;
            }
            put(prefix + std::to_string(number), workload);
        }
    }
    for (std::size_t z = 0; z < zones_; ++z) {
        const std::string prefix = "zones." + scenario_.theatre.zones[z].id + ".";
        put(prefix + "response.mean_min",
            ratio(zone_response_min_sum_[z], static_cast<double>(zone_responses_[z])));
        put(prefix + "incidents", static_cast<double>(zone_incidents_[z]));
        put(prefix + "patrol_ratio",
            demand_teams_[z] > 0 ? ratio(zone_ratio_sum_[z], days_closed_) : kNaN);
    }

    for (std::size_t entity = 0; entity <= zones_; ++entity)
        for (std::size_t m = 0; m < s_count; ++m)
            result.series.push_back(DailySeries{
                "coverage", entity == 0 ? "all" : scenario_.theatre.zones[entity - 1].id,
                kSeriesNames[m], series_[entity][m]});
}

}  // namespace mmsim::detail
