#pragma once
// Internal: the arrivals model. Officers of each contingent move through
//   not yet due -> awaiting transport -> induction -> ready -> departed
// (or attrited from ready). A wave becomes due at its planned date plus a
// sampled delay; due officers queue first-in first-out for the airlift, which
// lands at most `daily_capacity` officers per calendar day and nothing while
// the airport is closed; a landed group is a cohort, ready after `induction`,
// leaving when its tour ends. With rotation `replace`, a replacement wave of
// the cohort's landed size is planned to land `rotation_lead` before that.
// Every officer ever planned is in exactly one state at any time.
//
// The fund can intervene (sim/funding.hpp): while it holds arrivals, a due
// wave of a contingent that draws on the fund is `held` instead of queuing,
// until released; a withdrawn contingent's officers in theatre depart at
// once, and its officers not yet landed are `cancelled` (never to fly), as
// are the replacements it would have planned.

#include <string>
#include <cstdint>
#include <deque>
#include <vector>

#include "mmsim/engine.hpp"
#include "mmsim/rng.hpp"
#include "mmsim/scenario.hpp"
#include "model/events.hpp"

namespace mmsim::detail {

/// Officers of one contingent by state.
struct Headcount {
    std::int64_t planned = 0;  ///< every officer planned so far (waves + rotations)
    std::int64_t not_yet_due = 0;
    std::int64_t awaiting = 0;
    std::int64_t induction = 0;
    std::int64_t ready = 0;
    std::int64_t departed = 0;
    std::int64_t attrited = 0;
    std::int64_t held = 0;       ///< due, held back by the fund
    std::int64_t cancelled = 0;  ///< never to fly: the contingent withdrew
    /// Of those in theatre, officers whose replacements have landed: the
    /// handover overlap of rotations (not a state of its own).
    std::int64_t overlap = 0;

    std::int64_t in_theatre() const { return induction + ready; }
    /// The conservation law: every planned officer is in exactly one state.
    bool conserved() const {
        return planned ==
               not_yet_due + held + awaiting + induction + ready + departed + attrited + cancelled;
    }
};

class ArrivalsModel {
public:
    ArrivalsModel(const Scenario& scenario, int replication);

    /// Schedules every wave; waves due at time 0 are handled at once, so that
    /// officers ready at the start count at the first shift.
    void start(Sim& sim);
    /// Handles wave_due, airlift_day, airport_reopen, cohort_ready, tour_end
    /// and rotation_plan.
    void handle(Sim& sim, const Event& event);
    /// End of day `day` (0-based): attrition, then the day's headcounts.
    void on_day_end(int day);
    /// Per-contingent totals and daily series.
    void finish(ReplicationResult& result) const;

    /// Ready officers of contingent `c` now.
    std::int64_t ready(std::size_t c) const { return counts_[c].ready; }
    const Headcount& headcount(std::size_t c) const { return counts_[c]; }
    /// Officers of contingent `c` landed so far (rotations included).
    std::int64_t landed(std::size_t c) const { return landed_[c]; }
    /// When contingent `c` first landed; kNever if it has not.
    Hours first_landing(std::size_t c) const { return first_landing_[c]; }
    bool withdrawn(std::size_t c) const { return withdrawn_[c]; }

    /// While `hold` is on, waves of contingents that are not self-funded are
    /// held when they become due (self-funded ones still fly).
    void set_hold(bool hold) { hold_ = hold; }
    /// A wave held now: its contingent and officers.
    struct HeldWave {
        std::uint32_t contingent;
        std::int64_t officers;
    };
    /// The held waves, in the order they became due.
    std::vector<HeldWave> held_waves() const;
    /// Sends the first `count` held waves (<= held_waves().size()) to the
    /// airlift queue, in order; they land now if the airport allows.
    void release_held(Sim& sim, std::size_t count);
    /// Contingent `c` leaves now: its officers in theatre depart, its officers
    /// not yet landed are cancelled, and it plans no more waves.
    void withdraw(std::uint32_t c);
private:
    enum class WaveState : std::uint8_t { not_due, held, queued, cancelled };
    static constexpr std::uint32_t kNoCohort = UINT32_MAX;
    struct PlannedWave {
        std::uint32_t contingent;
        std::int64_t officers;
        Hours planned_at;  ///< for the arrival delay
        std::uint32_t replaces = kNoCohort;  ///< the cohort a rotation relieves
        Hours plan_at = kNever;              ///< the mandate's or pledge's date, if known
        WaveState state = WaveState::not_due;
        std::int64_t landed = 0;
    };
    struct Flight {  ///< officers of a due wave still waiting for the airlift
        std::uint32_t wave;
        std::int64_t officers;
    };
    enum class CohortState : std::uint8_t { induction, ready, gone };
    struct Cohort {
        std::uint32_t contingent;
        std::int64_t landed;   ///< officers landed (the replacement size)
        std::int64_t officers; ///< still serving
        CohortState state;
        std::int64_t relief_landed = 0;  ///< officers of its replacement landed so far
    };

    void plan_wave(Sim& sim, std::uint32_t contingent, std::int64_t officers, Hours planned_at,
                   std::uint32_t replaces = kNoCohort, Hours plan_at = kNever);
    void wave_due(Sim& sim, std::uint32_t wave);
    void run_airlift(Sim& sim);
    void land(Sim& sim, std::uint32_t wave, std::int64_t officers);
    void cohort_ready(std::uint32_t cohort);
    void tour_end(std::uint32_t cohort);
    const Closure* closure_at(Hours time) const;
    // Waves planned but not (wholly) landed by now, cancelled ones aside:
    // censored arrivals, whose delay is at least the time since their plan.
    struct Unlanded {
        std::int64_t officers = 0, waves = 0;
    };
    Unlanded unlanded_waves(std::size_t contingent) const;
    static void put_honest_counts(ReplicationResult& result, const std::string& prefix, std::int64_t initial,
                                  std::int64_t planned, std::int64_t peak_net, std::int64_t peak_overlap,
                                  const Unlanded& unlanded);

    const Scenario& scenario_;
    Rng delay_rng_;
    Rng attrition_rng_;
    std::vector<double> attrition_per_day_;  ///< per contingent
    std::vector<Headcount> counts_;
    std::vector<PlannedWave> waves_;
    std::deque<Flight> airlift_queue_;
    std::vector<Cohort> cohorts_;
    bool airlift_scheduled_ = false;
    int landing_day_ = -1;
    std::int64_t landed_on_landing_day_ = 0;

    // Per contingent results.
    std::vector<double> delay_officer_hours_;
    std::vector<double> plan_delay_officer_hours_;  ///< of landed officers whose wave has a plan
    std::vector<std::int64_t> plan_landed_;
    std::vector<std::int64_t> landed_;
    std::vector<std::int64_t> peak_in_theatre_;
    std::vector<std::int64_t> peak_in_theatre_net_;  ///< less the handover overlap
    std::vector<std::int64_t> peak_overlap_;
    std::vector<std::int64_t> planned_initial_;      ///< the scenario's own waves
    std::vector<std::vector<Headcount>> daily_;  ///< [contingent][day]

    // The fund's interventions.
    bool hold_ = false;
    std::deque<std::uint32_t> held_;            ///< waves, in the order they became due
    std::vector<bool> withdrawn_;
    std::vector<Hours> first_landing_;
    std::vector<std::int64_t> withdrawn_officers_;  ///< sent home by a withdrawal
    std::vector<std::int64_t> held_officer_days_;   ///< officers held at each day's end, summed
};

}  // namespace mmsim::detail
