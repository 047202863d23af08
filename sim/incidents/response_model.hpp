#pragma once
// Internal: patrol teams, incidents and dispatch — the response model the
// engine drives. The engine tells it when a shift starts (with the teams each
// contingent can field) and when a day ends, and passes it the events of its
// kinds; everything else happens here.
//
// Teams. A team is (contingent, number), number 1, 2, ... per contingent, and
// that pair is its stable id. When a contingent's roster shrinks, free teams
// stand down first, the last formed first; then busy ones, which finish their
// incident and leave. When it grows, stood-down busy teams rejoin first, then
// new teams form with the lowest free numbers, at the scenario's bases (round
// robin), and head for their patrol zone (their post).
//
// Team states. A team is busy from dispatch until its incident ends (travel to
// the scene plus time on scene). Otherwise it is free: available for dispatch
// from wherever it is, including on the way to its post (at a shift change or
// back from an incident), when it is still counted at the zone it set out
// from. A free team patrols (counts toward patrol team-hours and patrol ratio)
// only once it is in its post zone; travel to and from posts is neither busy
// nor patrolling. Travel between posts is road time alone (no internal
// response), and a zero-length trip is instantaneous.
//
// Incidents. Zone z generates incidents as a Poisson process of rate
// zone_risk_per_hour(z, g(z)) (see patrols.hpp); g is read from a vector that
// set_gang_control() can change (the arrival process restarts from the new
// rate, exact for a Poisson process). Each incident's class is drawn by share
// and its on-scene time when it arrives (so two policies run with the same
// seed see the same incidents). Scripted incidents come from the scenario.
//
// Dispatch. An incident gets its class's teams_needed teams at once or none:
// the nearest FREE teams by travel.between(team's zone, incident zone), ties
// by a team already in the incident's zone, then by team id. If too few teams
// are free it waits in a queue ordered by (priority, arrival time, arrival
// sequence) and holds no team meanwhile; when a team frees, the queue is
// served in order, and an incident that still cannot get all its teams does
// not block those behind it. An incident abandons (is unanswered) when it has
// waited its patience without being served: its class's max_wait, or a draw
// from its class's patience distribution made as it arrives (from the
// class's own stream, Rng(seed, replication, Purpose::patience, class)); a
// patience of 0 means it is lost at once. A team with no way to go (zero
// travel) is on scene at the moment of dispatch. Response time runs from
// arrival to the first team on scene; on-scene time starts when the last
// needed team arrives; then every team is released, free at the incident's
// zone, and drives back to its post.

#include <cassert>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "incidents/free_teams.hpp"
#include "mmsim/bounded_sample.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/patrols.hpp"
#include "mmsim/rng.hpp"
#include "mmsim/scenario.hpp"
#include "mmsim/theatre.hpp"
#include "model/events.hpp"
#include "incidents/waiting_queue.hpp"

namespace mmsim::detail {

class ResponseModel {
public:
    /// Random streams: Rng(scenario.seed, replication, Purpose::incidents) for
    /// arrival times and classes, Purpose::service for on-scene times,
    /// Purpose::patience (one stream per class) for patience draws.
    /// Dispatch is deterministic. `travel` must outlive the model.
    ResponseModel(const Scenario& scenario, const TravelTimes& travel, int replication);

    /// Schedules the first incident arrival of every zone with a positive rate
    /// and every scripted incident.
    void start(Sim& sim);
    /// Re-forms the roster to `teams_by_contingent` (one entry per contingent,
    /// >= 0) and posts the free teams by scenario.patrols.policy.
    void on_shift_start(Sim& sim, std::span<const int> teams_by_contingent);
    /// incident_arrival, scripted_incident, team_on_scene, incident_done,
    /// incident_abandon, team_back.
    void handle(Sim& sim, const Event& event);
    static bool handles(EventKind kind) {
        return kind >= EventKind::incident_arrival && kind <= EventKind::team_back;
    }
    /// Closes day `day` (0-based, ending now) and appends its daily figures.
    void on_day_end(Sim& sim, int day);
    /// Appends the replication's metrics and daily series (same names in the
    /// same order in every replication; NaN where undefined).
    void finish(Sim& sim, ReplicationResult& result) const;

    /// Sets gang control g in [0, 1] per zone (one entry per zone); incident
    /// rates follow from now on.
    void set_gang_control(Sim& sim, std::span<const double> gang_control);
    std::span<const double> gang_control() const { return gang_control_; }
    /// Patrol ratio per zone on the last closed day, min(1, patrol
    /// team-hours / demanded team-hours); NaN for zones without demand.
    std::span<const double> last_day_patrol_ratio() const { return last_day_ratio_; }

    /// The teams the last shift start allotted to each zone (posted there,
    /// free or busy), by scenario.patrols.policy.
    std::span<const int> allocation() const { return allocation_; }
    /// Teams fielded now (on the roster, plus busy teams standing down).
    int teams_fielded() const { return fielded_; }
    /// Incidents answered so far, warm-up included.
    std::uint64_t answered_incidents() const { return next_sequence_ - abandoned_ - waiting_.size(); }
    int teams_busy() const { return busy_; }
    int teams_free() const { return free_; }

    /// One team sent to one incident (kept only after enable_dispatch_log()).
    struct Dispatch {
        Hours time;
        std::uint64_t incident;  ///< arrival sequence number, 0-based
        ZoneId zone;             ///< the incident's zone
        std::uint32_t contingent;
        int number;              ///< team number within the contingent
    };
    void enable_dispatch_log() { log_dispatches_ = true; }
    const std::vector<Dispatch>& dispatch_log() const { return dispatch_log_; }

private:
    // The daily series, in emission order (table "coverage").
    enum Series : std::size_t {
        s_patrol_ratio,
        s_population_within_target,
        s_incidents,
        s_response_p50_min,
        s_response_p90_min,
        s_teams_fielded,
        s_count
    };
    enum class TeamState : std::uint8_t { off, free, to_scene, on_scene };
    struct Team {
        std::uint32_t contingent = 0;
        int number = 0;
        TeamState state = TeamState::off;
        bool standing_down = false;  ///< busy, off the roster once released
        bool moving = false;         ///< free, on the way to its post
        bool unposted = true;        ///< formed, not yet given a post
        ZoneId post, at;
        EventHandle arrival;         ///< team_back while moving
        std::uint32_t incident = 0;
        std::uint64_t formed = 0;    ///< formation order
        Hours busy_since = 0;
        Hours busy_h = 0;
        bool ever_fielded = false;
    };
    struct Incident {
        ZoneId zone;
        std::uint32_t incident_class = 0;
        std::uint64_t sequence = 0;
        Hours arrival = 0;
        Hours on_scene_h = 0;
        int teams_arrived = 0;
        bool first_on_scene = false;
        std::vector<std::uint32_t> teams;
        EventHandle abandon;
    };

    bool fielded(const Team& t) const { return t.state != TeamState::off; }
    bool busy(const Team& t) const {
        return t.state == TeamState::to_scene || t.state == TeamState::on_scene;
    }
    bool patrolling(const Team& t) const {
        return t.state == TeamState::free && !t.moving && t.at == t.post;
    }
    // Every change to a team goes between detach() and attach(), which keep
    // the running counts (busy, free, cover, patrol) and the free teams by
    // zone equal to the teams' states. A busy team counts only as fielded
    // and busy, so a change from busy to busy (arriving on scene) needs
    // neither.
    void count_team(std::uint32_t t, int sign);
    // The parts of count_team(). A dispatch or a release keeps the team
    // fielded at the same post, so it changes only the free and busy parts.
    // The sign of count_free() is a template argument: dispatches and
    // releases come in random order, and a branch on it would be mispredicted.
    template <int sign>
    void count_free(std::uint32_t t);
    void count_fielded(ZoneId post, int sign);
    void count_busy(int sign);
    // The waiting queue grew (+1) or shrank (-1).
    void count_waiting(int sign);
    void detach(std::uint32_t t) { count_team(t, -1); }
    void attach(std::uint32_t t) { count_team(t, +1); }
    // Time integrals by anticipation. Each of the day's integrals starts as
    // count x 24 h, as if its count held all day; a change of the count by
    // `sign` (+1 or -1) at time t adds rest_of_day(sign) = sign x (day's end
    // - t). At the day's end the integral is exact, and no event has to bring
    // the integrals up to date.
    Hours rest_of_day(int sign) const {
        assert(sim_ != nullptr);  // set by start()
        return sign * (day_end_h_ - sim_->now());
    }

    /// Zone s gained its first free team or lost its last: brings the
    /// coverage of the zones it reaches up to date.
    void reach_changed(std::uint32_t s);
    void schedule_arrival(Sim& sim, std::uint32_t zone);
    void new_incident(Sim& sim, ZoneId zone, std::uint32_t incident_class);
    bool try_dispatch(Sim& sim, std::uint32_t incident);
    void serve_queue(Sim& sim);
    void team_on_scene(Sim& sim, std::uint32_t team, std::uint32_t incident);
    void incident_done(Sim& sim, std::uint32_t incident);
    void abandon(std::uint32_t incident);
    void release(Sim& sim, std::uint32_t team);
    void move_to_post(Sim& sim, std::uint32_t team);
    void head_for_post(Sim& sim, std::uint32_t team);
    void team_back(std::uint32_t team);
    void resize_roster(Sim& sim, std::uint32_t contingent, int wanted);
    void post_teams(Sim& sim);
    std::uint32_t team_slot(std::uint32_t contingent, int number);
    void free_incident(std::uint32_t incident);

    const Scenario& scenario_;
    const TravelTimes& travel_;
    std::vector<IncidentClass> classes_;  // the scenario's, or the default class
    Rng incident_rng_;
    Rng service_rng_;
    std::vector<Rng> patience_rng_;  // per class
    std::size_t zones_;
    std::vector<double> class_shares_;
    std::vector<double> gang_control_;
    std::vector<double> rate_per_h_;
    std::vector<EventHandle> next_arrival_;
    std::vector<double> population_;
    std::vector<double> demand_teams_;
    // Coverage (see reach_changed()): a zone's population is spread evenly
    // over a disc around its centre, reached from the centre in
    // 1.5 x internal_response at the edge (so the mean is internal_response).
    // A free team at zone s reaches the share ((target - road(s, z)) /
    // edge(z))^2 of zone z, capped at 1, when road(s, z) <= target.
    struct Source {
        std::uint32_t zone;  // s
        double share;        // of z reached from s within the target
        bool whole;          // road(s, z) + internal_response(z) <= target: the rule before shares
    };
    std::vector<std::vector<Source>> sources_;      // [z]: by road(s, z), nearest first
    std::vector<std::vector<std::uint32_t>> reach_;  // [s]: the zones z with s among their sources
    std::vector<int> free_at_;                      // free teams at each zone
    std::vector<double> zone_share_;                // reached now, per zone
    std::vector<char> zone_whole_;                  // per zone, the rule before shares

    std::vector<Team> teams_;
    std::vector<std::vector<std::uint32_t>> slots_;  // [contingent][number - 1] -> team
    std::vector<int> max_teams_;                     // per contingent, for metric names
    std::uint64_t formations_ = 0;

    // post_teams(): the last allocation of teams to zones, for a roster of
    // allocation_roster_ teams at the current rates; and scratch space reused
    // from shift to shift (post_teams(), resize_roster()).
    std::vector<int> allocation_;
    int allocation_roster_ = -1;
    bool allocation_stale_ = true;  // a zone's rate changed since
    std::vector<int> openings_;
    std::vector<std::uint32_t> free_list_, roster_scratch_;
    std::vector<PostCandidate> candidates_;

    std::vector<Incident> incidents_;
    std::vector<std::uint32_t> free_incidents_;
    WaitingQueue waiting_;
    FreeTeams free_teams_;
    std::uint64_t next_sequence_ = 0;
    std::uint64_t abandoned_ = 0;  // over the horizon, warm-up included

    // Running counts, kept by count_team().
    int fielded_ = 0, busy_ = 0, free_ = 0;
    std::vector<int> fielded_in_, patrolling_in_;

    // The current day's time integrals (see rest_of_day()).
    const Sim* sim_ = nullptr;  // set by start()
    Hours day_end_h_ = kHoursPerDay;
    double day_busy_h_ = 0, day_queue_h_ = 0;
    std::vector<double> day_patrol_h_, day_covered_h_, day_whole_h_, day_fielded_h_;
    std::vector<int> day_incidents_;
    std::vector<std::vector<double>> day_response_min_;  // [zone]
    std::vector<double> day_all_response_min_;           // on_day_end()'s scratch
    std::vector<double> last_day_ratio_;

    // An incident class's figures over a stretch. Answered incidents are
    // not counted as they are served (that is the hot path): they are the
    // arrivals neither abandoned nor still waiting at the end.
    struct ClassTotals {
        std::uint64_t total = 0, abandoned = 0, waited = 0, responses = 0;
        double wait_h_sum = 0, response_min_sum = 0;
    };
    // What the metrics are made of, summed over a stretch of the run: the
    // whole run, one of the scenario's windows, or the stretch after a
    // warm-up. An incident counts in the stretch it arrived in, a closed
    // day's integrals in that day's.
    struct Totals {
        // `classes`: the scenario's (0 for the default class).
        Totals(std::size_t zones, std::size_t classes)
            : zone_response_min_sum(zones, 0), zone_responses(zones, 0), zone_incidents(zones, 0),
              zone_abandoned(zones, 0), zone_wait_h_sum(zones, 0), per_class(classes > 1),
              by_class(per_class ? classes : 0), zone_ratio_sum(zones, 0) {}
        // Class k's sums, or null with a single class, whose figures are the
        // theatre's (the same sums in the same order): a one-class run
        // tallies nothing more per incident than before there were classes.
        ClassTotals* of_class(std::uint32_t k) { return per_class ? &by_class[k] : nullptr; }
        std::uint64_t total = 0, answered = 0, abandoned = 0;
        std::uint64_t waited = 0;  // answered or abandoned, not served on arrival
        std::uint64_t dispatches = 0, cross_zone = 0;
        double wait_h_sum = 0;
        // Response times in bounded memory (exact up to 2^17 answered
        // incidents, see bounded_sample.hpp); their sum and the count within
        // target are kept apart, in arrival order, so they are exact at any
        // length.
        BoundedSample response_min;
        double response_min_sum = 0;
        std::uint64_t within_target = 0;
        std::vector<double> zone_response_min_sum;
        std::vector<std::uint64_t> zone_responses, zone_incidents, zone_abandoned;
        std::vector<double> zone_wait_h_sum;  // of the incidents served from the queue
        bool per_class;
        std::vector<ClassTotals> by_class;
        // The closed days'.
        int days_closed = 0;
        Hours elapsed_h = 0;
        double busy_team_h = 0, fielded_team_h = 0, queue_h = 0;
        double ratio_weighted_sum = 0, ratio_weight = 0;
        std::vector<double> zone_ratio_sum;
        double covered_population_h = 0;
        double whole_zone_population_h = 0;  // the rule before shares
    };
    struct Window {
        Hours from_h, end_h;  // [from_h, end_h)
        int first_day, end_day;
        std::string prefix;   // "window.<name>."
        Totals totals;
    };
    // The incidents still waiting at the end that arrived in a stretch, by
    // zone and by class (the stretch's arrivals less its abandoned and still
    // waiting are its answered).
    struct StillWaiting {
        std::vector<std::uint64_t> by_zone, by_class;
    };
    StillWaiting still_waiting(Hours from_h, Hours end_h) const;
    // The whole horizon. With a warm-up, the whole run's figures are those of
    // the last window instead, the stretch from the warm-up's end (prefix
    // ""): a run without one pays nothing per incident for the option.
    Totals run_;
    bool warm_up_ = false;
    std::vector<Window> windows_;  // the scenario's, then the warm-up's stretch
    const Window* warm_up_window() const { return warm_up_ ? &windows_.back() : nullptr; }
    // Applies `add` to the totals of the whole run and of each window that
    // holds `arrival` (an incident's arrival time).
    template <class Add>
    void tally(Hours arrival, Add add) {
        add(run_);
        for (Window& window : windows_)
            if (arrival >= window.from_h && arrival < window.end_h) add(window.totals);
    }
    // The metrics of `totals`, named `prefix` + the metric; the whole run's
    // also get the response-time distribution and each team's workload.
    void put_metrics(const Totals& totals, const StillWaiting& waiting, const std::string& prefix,
                     bool whole_run, Sim& sim, ReplicationResult& result) const;
    void put_team_workloads(Sim& sim, ReplicationResult& result) const;

    // series_[entity][metric]: entity 0 = "all", then zones.
    std::vector<std::vector<std::vector<double>>> series_;

    bool log_dispatches_ = false;
    std::vector<Dispatch> dispatch_log_;
};

}  // namespace mmsim::detail
