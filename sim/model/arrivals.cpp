#include "model/arrivals.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <iterator>
#include <limits>
#include <span>

#include "mmsim/statistics.hpp"

namespace mmsim::detail {

ArrivalsModel::ArrivalsModel(const Scenario& scenario, int replication)
    : scenario_(scenario),
      delay_rng_(scenario.seed, static_cast<std::uint64_t>(replication), Purpose::arrivals),
      attrition_rng_(scenario.seed, static_cast<std::uint64_t>(replication), Purpose::attrition) {
    const std::size_t n = scenario.contingents.size();
    counts_.resize(n);
    delay_officer_hours_.assign(n, 0.0);
    plan_delay_officer_hours_.assign(n, 0.0);
    plan_landed_.assign(n, 0);
    landed_.assign(n, 0);
    peak_in_theatre_.assign(n, 0);
    peak_in_theatre_net_.assign(n, 0);
    peak_overlap_.assign(n, 0);
    planned_initial_.assign(n, 0);
    for (std::size_t c = 0; c < n; ++c)
        for (const Wave& wave : scenario.contingents[c].waves) planned_initial_[c] += wave.officers;
    daily_.assign(n, std::vector<Headcount>(static_cast<std::size_t>(scenario.days())));
    withdrawn_.assign(n, false);
    first_landing_.assign(n, kNever);
    withdrawn_officers_.assign(n, 0);
    held_officer_days_.assign(n, 0);
    for (const auto& contingent : scenario.contingents) {
        // A yearly share becomes the daily probability with the same survival
        // over 365 days: (1 - p_day)^365 = 1 - p_year.
        attrition_per_day_.push_back(1.0 - std::pow(1.0 - contingent.attrition_per_year, 1.0 / 365.0));
    }
}

void ArrivalsModel::start(Sim& sim) {
    for (std::uint32_t c = 0; c < scenario_.contingents.size(); ++c) {
        for (const Wave& wave : scenario_.contingents[c].waves) {
            Hours planned_at = days_between(scenario_.start, wave.date) * kHoursPerDay;
            const Hours plan_at = wave.plan ? days_between(scenario_.start, *wave.plan) * kHoursPerDay : kNever;
            plan_wave(sim, c, wave.officers, planned_at, kNoCohort, plan_at);
        }
    }
}

void ArrivalsModel::plan_wave(Sim& sim, std::uint32_t contingent, std::int64_t officers,
                              Hours planned_at, std::uint32_t replaces, Hours plan_at) {
    if (withdrawn_[contingent]) return;  // a withdrawn contingent plans no replacements
    auto wave = static_cast<std::uint32_t>(waves_.size());
    waves_.push_back(PlannedWave{contingent, officers, planned_at, replaces, plan_at});
    Headcount& count = counts_[contingent];
    count.planned += officers;
    count.not_yet_due += officers;
    Hours due = planned_at + sample(scenario_.contingents[contingent].arrival_delay, delay_rng_);
    if (due <= sim.now())
        wave_due(sim, wave);
    else
        sim.schedule_at(due, Event{EventKind::wave_due, contingent, wave});
}

void ArrivalsModel::handle(Sim& sim, const Event& event) {
    switch (event.kind) {
    case EventKind::wave_due:
        wave_due(sim, event.b);
        break;
    case EventKind::airlift_day:
    case EventKind::airport_reopen:
        airlift_scheduled_ = false;
        run_airlift(sim);
        break;
    case EventKind::cohort_ready:
        cohort_ready(event.b);
        break;
    case EventKind::tour_end:
        tour_end(event.b);
        break;
    case EventKind::rotation_plan: {
        const Cohort& cohort = cohorts_[event.b];
        plan_wave(sim, cohort.contingent, cohort.landed, sim.now(), event.b);
        break;
    }
    default:
        break;
    }
}

void ArrivalsModel::wave_due(Sim& sim, std::uint32_t wave) {
    PlannedWave& planned = waves_[wave];
    if (planned.state != WaveState::not_due) return;  // cancelled by a withdrawal
    Headcount& count = counts_[planned.contingent];
    count.not_yet_due -= planned.officers;
    if (hold_ && !scenario_.contingents[planned.contingent].self_funded) {
        planned.state = WaveState::held;
        count.held += planned.officers;
        held_.push_back(wave);
        return;
    }
    planned.state = WaveState::queued;
    count.awaiting += waves_[wave].officers;
    airlift_queue_.push_back(Flight{wave, waves_[wave].officers});
    run_airlift(sim);
}

const Closure* ArrivalsModel::closure_at(Hours time) const {
    for (const Closure& closure : scenario_.airport.closures)
        if (closure.from <= time && time < closure.reopen) return &closure;
    return nullptr;
}

// Lands as many queued officers as the airport allows now; if some remain,
// wakes up again when the airport reopens or at the next day's capacity.
void ArrivalsModel::run_airlift(Sim& sim) {
    if (airlift_queue_.empty() || airlift_scheduled_) return;
    if (const Closure* closure = closure_at(sim.now())) {
        airlift_scheduled_ = true;
        sim.schedule_at(closure->reopen, Event{EventKind::airport_reopen, 0, 0});
        return;
    }
    const int today = static_cast<int>(std::floor(sim.now() / kHoursPerDay));
    if (today != landing_day_) {
        landing_day_ = today;
        landed_on_landing_day_ = 0;
    }
    const std::optional<int>& capacity = scenario_.airport.daily_capacity;
    while (!airlift_queue_.empty()) {
        std::int64_t room = capacity ? *capacity - landed_on_landing_day_
                                     : std::numeric_limits<std::int64_t>::max();
        if (room <= 0) break;
        Flight& flight = airlift_queue_.front();
        std::int64_t officers = std::min(room, flight.officers);
        land(sim, flight.wave, officers);
        landed_on_landing_day_ += officers;
        flight.officers -= officers;
        if (flight.officers == 0) airlift_queue_.pop_front();
    }
    if (!airlift_queue_.empty()) {
        airlift_scheduled_ = true;
        sim.schedule_at((today + 1) * kHoursPerDay, Event{EventKind::airlift_day, 0, 0});
    }
}

void ArrivalsModel::land(Sim& sim, std::uint32_t wave, std::int64_t officers) {
    const std::uint32_t c = waves_[wave].contingent;
    const Contingent& contingent = scenario_.contingents[c];
    Headcount& count = counts_[c];
    count.awaiting -= officers;
    count.induction += officers;
    landed_[c] += officers;
    waves_[wave].landed += officers;
    if (waves_[wave].plan_at != kNever) {
        plan_delay_officer_hours_[c] += static_cast<double>(officers) * (sim.now() - waves_[wave].plan_at);
        plan_landed_[c] += officers;
    }
    if (waves_[wave].replaces != kNoCohort) cohorts_[waves_[wave].replaces].relief_landed += officers;
    first_landing_[c] = std::min(first_landing_[c], sim.now());
    delay_officer_hours_[c] += static_cast<double>(officers) * (sim.now() - waves_[wave].planned_at);

    auto cohort = static_cast<std::uint32_t>(cohorts_.size());
    cohorts_.push_back(Cohort{c, officers, officers, CohortState::induction});
    if (contingent.induction <= 0)
        cohort_ready(cohort);
    else
        sim.schedule_in(contingent.induction, Event{EventKind::cohort_ready, c, cohort});
    if (contingent.rotation != Rotation::none)
        sim.schedule_in(contingent.tour, Event{EventKind::tour_end, c, cohort});
    if (contingent.rotation == Rotation::replace)
        sim.schedule_in(contingent.tour - contingent.rotation_lead,
                        Event{EventKind::rotation_plan, c, cohort});
}

void ArrivalsModel::cohort_ready(std::uint32_t cohort_index) {
    Cohort& cohort = cohorts_[cohort_index];
    if (cohort.state != CohortState::induction) return;  // left before induction ended
    cohort.state = CohortState::ready;
    counts_[cohort.contingent].induction -= cohort.officers;
    counts_[cohort.contingent].ready += cohort.officers;
}

void ArrivalsModel::tour_end(std::uint32_t cohort_index) {
    Cohort& cohort = cohorts_[cohort_index];
    Headcount& count = counts_[cohort.contingent];
    if (cohort.state == CohortState::induction) count.induction -= cohort.officers;
    if (cohort.state == CohortState::ready) count.ready -= cohort.officers;
    if (cohort.state != CohortState::gone) count.departed += cohort.officers;
    cohort.officers = 0;
    cohort.state = CohortState::gone;
}

void ArrivalsModel::on_day_end(int day) {
    for (Cohort& cohort : cohorts_) {
        double p = attrition_per_day_[cohort.contingent];
        if (cohort.state != CohortState::ready || p <= 0 || cohort.officers == 0) continue;
        auto lost = static_cast<std::int64_t>(
            sample_binomial(attrition_rng_, static_cast<std::uint64_t>(cohort.officers), p));
        cohort.officers -= lost;
        counts_[cohort.contingent].ready -= lost;
        counts_[cohort.contingent].attrited += lost;
    }
    // The handover overlap: officers still in theatre whose relief has landed.
    for (Headcount& count : counts_) count.overlap = 0;
    for (const Cohort& cohort : cohorts_)
        if (cohort.state != CohortState::gone)
            counts_[cohort.contingent].overlap += std::min(cohort.officers, cohort.relief_landed);
    for (std::size_t c = 0; c < counts_.size(); ++c) {
        held_officer_days_[c] += counts_[c].held;
        daily_[c][static_cast<std::size_t>(day)] = counts_[c];
        peak_in_theatre_[c] = std::max(peak_in_theatre_[c], counts_[c].in_theatre());
        peak_in_theatre_net_[c] = std::max(peak_in_theatre_net_[c], counts_[c].in_theatre() - counts_[c].overlap);
        peak_overlap_[c] = std::max(peak_overlap_[c], counts_[c].overlap);
    }
}

ArrivalsModel::Unlanded ArrivalsModel::unlanded_waves(std::size_t c) const {
    Unlanded unlanded;
    for (const PlannedWave& wave : waves_)
        if (wave.contingent == c && wave.state != WaveState::cancelled && wave.landed < wave.officers) {
            unlanded.officers += wave.officers - wave.landed;
            ++unlanded.waves;
        }
    return unlanded;
}

void ArrivalsModel::put_honest_counts(ReplicationResult& result, const std::string& prefix, std::int64_t initial,
                                      std::int64_t planned, std::int64_t peak_net, std::int64_t peak_overlap,
                                      const Unlanded& unlanded) {
    auto put = [&](const char* name, std::int64_t value) {
        result.metrics.push_back({prefix + name, static_cast<double>(value)});
    };
    put("planned_initial", initial);
    put("planned_rotations", planned - initial);
    put("peak_in_theatre_net", peak_net);
    put("peak_handover_overlap", peak_overlap);
    put("not_landed", unlanded.officers);
    put("waves_not_landed", unlanded.waves);
}

void ArrivalsModel::finish(ReplicationResult& result) const {
    Headcount total;
    Unlanded total_unlanded;
    double all_plan_delay = 0;
    std::int64_t all_plan_landed = 0;
    std::int64_t total_landed = 0, total_peak_day = 0, total_peak_net = 0, total_peak_overlap = 0;
    double total_delay = 0;
    for (std::size_t c = 0; c < counts_.size(); ++c) {
        const std::string prefix = "personnel." + scenario_.contingents[c].id + ".";
        const Headcount& count = counts_[c];
        double delay_days = landed_[c] > 0
            ? delay_officer_hours_[c] / static_cast<double>(landed_[c]) / kHoursPerDay
            : std::numeric_limits<double>::quiet_NaN();
        result.metrics.push_back({prefix + "planned", static_cast<double>(count.planned)});
        result.metrics.push_back({prefix + "arrived", static_cast<double>(landed_[c])});
        result.metrics.push_back({prefix + "ready_end", static_cast<double>(count.ready)});
        result.metrics.push_back({prefix + "in_theatre_end", static_cast<double>(count.in_theatre())});
        result.metrics.push_back({prefix + "peak_in_theatre", static_cast<double>(peak_in_theatre_[c])});
        result.metrics.push_back({prefix + "mean_arrival_delay_days", delay_days});
        result.metrics.push_back({prefix + "mean_delay_vs_plan_days",
                                  ratio(plan_delay_officer_hours_[c], static_cast<double>(plan_landed_[c])) / kHoursPerDay});
        all_plan_delay += plan_delay_officer_hours_[c];
        all_plan_landed += plan_landed_[c];
        const Unlanded unlanded = unlanded_waves(c);
        put_honest_counts(result, prefix, planned_initial_[c], count.planned, peak_in_theatre_net_[c],
                          peak_overlap_[c], unlanded);
        total_unlanded.officers += unlanded.officers;
        total_unlanded.waves += unlanded.waves;
        result.metrics.push_back({prefix + "departed", static_cast<double>(count.departed)});
        result.metrics.push_back({prefix + "attrited", static_cast<double>(count.attrited)});
        if (scenario_.funding) {  // what the fund did to this contingent
            result.metrics.push_back({prefix + "deferred_officer_days", static_cast<double>(held_officer_days_[c])});
            result.metrics.push_back({prefix + "withdrawn", static_cast<double>(withdrawn_officers_[c])});
            result.metrics.push_back({prefix + "cancelled", static_cast<double>(count.cancelled)});
        }
        total.planned += count.planned;
        total.ready += count.ready;
        total.induction += count.induction;
        total.departed += count.departed;
        total.attrited += count.attrited;
        total_landed += landed_[c];
        total_delay += delay_officer_hours_[c];
    }
    for (std::size_t d = 0; d < static_cast<std::size_t>(scenario_.days()); ++d) {
        std::int64_t in_theatre = 0, overlap = 0;
        for (const auto& series : daily_) {
            in_theatre += series[d].in_theatre();
            overlap += series[d].overlap;
        }
        total_peak_day = std::max(total_peak_day, in_theatre);
        total_peak_net = std::max(total_peak_net, in_theatre - overlap);
        total_peak_overlap = std::max(total_peak_overlap, overlap);
    }
    const std::string prefix = "personnel.all.";
    result.metrics.push_back({prefix + "planned", static_cast<double>(total.planned)});
    result.metrics.push_back({prefix + "arrived", static_cast<double>(total_landed)});
    result.metrics.push_back({prefix + "ready_end", static_cast<double>(total.ready)});
    result.metrics.push_back({prefix + "in_theatre_end", static_cast<double>(total.in_theatre())});
    result.metrics.push_back({prefix + "peak_in_theatre", static_cast<double>(total_peak_day)});
    result.metrics.push_back({prefix + "mean_arrival_delay_days",
                              total_landed > 0 ? total_delay / static_cast<double>(total_landed) / kHoursPerDay
                                               : std::numeric_limits<double>::quiet_NaN()});
    result.metrics.push_back({prefix + "mean_delay_vs_plan_days",
                              ratio(all_plan_delay, static_cast<double>(all_plan_landed)) / kHoursPerDay});
    std::int64_t all_initial = 0;
    for (std::int64_t initial : planned_initial_) all_initial += initial;
    put_honest_counts(result, prefix, all_initial, total.planned, total_peak_net, total_peak_overlap, total_unlanded);
    result.metrics.push_back({prefix + "departed", static_cast<double>(total.departed)});
    result.metrics.push_back({prefix + "attrited", static_cast<double>(total.attrited)});
    if (scenario_.funding) {
        std::int64_t held_days = 0, withdrawn = 0, cancelled = 0;
        for (std::size_t c = 0; c < counts_.size(); ++c) {
            held_days += held_officer_days_[c];
            withdrawn += withdrawn_officers_[c];
            cancelled += counts_[c].cancelled;
        }
        result.metrics.push_back({prefix + "deferred_officer_days", static_cast<double>(held_days)});
        result.metrics.push_back({prefix + "withdrawn", static_cast<double>(withdrawn)});
        result.metrics.push_back({prefix + "cancelled", static_cast<double>(cancelled)});
    }

    struct Column {
        const char* name;
        std::int64_t (*get)(const Headcount&);
    };
    static constexpr Column kColumns[] = {
        {"planned", [](const Headcount& h) { return h.planned; }},
        {"not_yet_due", [](const Headcount& h) { return h.not_yet_due; }},
        {"awaiting_transport", [](const Headcount& h) { return h.awaiting; }},
        {"induction", [](const Headcount& h) { return h.induction; }},
        {"ready", [](const Headcount& h) { return h.ready; }},
        {"in_theatre", [](const Headcount& h) { return h.in_theatre(); }},
        {"handover_overlap", [](const Headcount& h) { return h.overlap; }},
        {"departed", [](const Headcount& h) { return h.departed; }},
        {"attrited", [](const Headcount& h) { return h.attrited; }},
        {"held", [](const Headcount& h) { return h.held; }},
        {"cancelled", [](const Headcount& h) { return h.cancelled; }},
    };
    // Without a fund nothing is ever held or cancelled: those columns are left out.
    const std::size_t columns = std::size(kColumns) - (scenario_.funding ? 0 : 2);
    for (std::size_t c = 0; c < daily_.size(); ++c) {
        for (const Column& column : std::span(kColumns, columns)) {
            DailySeries series{"personnel", scenario_.contingents[c].id, column.name, {}};
            series.by_day.reserve(daily_[c].size());
            for (const Headcount& h : daily_[c]) series.by_day.push_back(static_cast<double>(column.get(h)));
            result.series.push_back(std::move(series));
        }
    }
    // Entity "all": the contingents summed day by day, replication by
    // replication, so that its interval is the total's (not a sum of intervals).
    for (const Column& column : std::span(kColumns, columns)) {
        DailySeries series{"personnel", "all", column.name,
                           std::vector<double>(static_cast<std::size_t>(scenario_.days()), 0.0)};
        for (const auto& days : daily_)
            for (std::size_t d = 0; d < days.size(); ++d) series.by_day[d] += static_cast<double>(column.get(days[d]));
        result.series.push_back(std::move(series));
    }
}

}  // namespace mmsim::detail

namespace mmsim::detail {

std::vector<ArrivalsModel::HeldWave> ArrivalsModel::held_waves() const {
    std::vector<HeldWave> held;
    for (std::uint32_t wave : held_) held.push_back(HeldWave{waves_[wave].contingent, waves_[wave].officers});
    return held;
}

void ArrivalsModel::release_held(Sim& sim, std::size_t count) {
    assert(count <= held_.size());
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint32_t wave = held_.front();
        held_.pop_front();
        PlannedWave& planned = waves_[wave];
        Headcount& headcount = counts_[planned.contingent];
        headcount.held -= planned.officers;
        headcount.awaiting += planned.officers;
        planned.state = WaveState::queued;
        airlift_queue_.push_back(Flight{wave, planned.officers});
    }
    run_airlift(sim);
}

void ArrivalsModel::withdraw(std::uint32_t c) {
    if (withdrawn_[c]) return;
    withdrawn_[c] = true;
    Headcount& count = counts_[c];
    for (PlannedWave& wave : waves_) {
        if (wave.contingent != c) continue;
        if (wave.state == WaveState::not_due) count.not_yet_due -= wave.officers;
        if (wave.state == WaveState::held) count.held -= wave.officers;
        if (wave.state == WaveState::not_due || wave.state == WaveState::held) {
            count.cancelled += wave.officers;
            wave.state = WaveState::cancelled;
        }
    }
    std::erase_if(held_, [&](std::uint32_t wave) { return waves_[wave].contingent == c; });
    std::erase_if(airlift_queue_, [&](const Flight& flight) {
        if (waves_[flight.wave].contingent != c) return false;
        count.awaiting -= flight.officers;
        count.cancelled += flight.officers;
        return true;
    });
    for (Cohort& cohort : cohorts_) {
        if (cohort.contingent != c || cohort.state == CohortState::gone) continue;
        if (cohort.state == CohortState::induction) count.induction -= cohort.officers;
        if (cohort.state == CohortState::ready) count.ready -= cohort.officers;
        count.departed += cohort.officers;
        withdrawn_officers_[c] += cohort.officers;
        cohort.officers = 0;
        cohort.state = CohortState::gone;
    }
    assert(count.conserved());
}

}  // namespace mmsim::detail
