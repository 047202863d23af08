// The registry's entries, and its look-ups and listings (see mmsim/metrics.hpp).

#include "mmsim/metrics.hpp"

#include <algorithm>
#include <vector>
#include <nlohmann/json.hpp>

namespace mmsim {
namespace {

constexpr MetricKind S = MetricKind::scalar;
constexpr MetricKind D = MetricKind::daily;
constexpr Better up = Better::higher;
constexpr Better down = Better::lower;
constexpr Better none = Better::neither;

// The order is the documentation's: coverage and response first, then the
// force, the money, the fleet and gang control; each group's daily series last.
constexpr MetricInfo kRegistry[] = {
    // coverage and response
    {S, "coverage.patrol_ratio", "patrol ratio", "share", up, 3,
     "Population-weighted mean over zones with demand and days of min(1, patrol team-hours / (demand x 24 h))."},
    {S, "coverage.population_within_target", "population within response target", "share", up, 3,
     "Time-averaged share of the population a free team can reach within the response target; a zone is a "
     "disc of evenly spread people, reached in part from a team's zone (scenarios/README.md, \"Coverage\")."},
    {S, "coverage.population_in_reached_zones", "population of zones within target", "share", up, 3,
     "Time-averaged share of the population whose whole zone counts as reached when a free team's mean travel "
     "to it is within the target (the coarser rule, kept for comparison)."},
    {S, "response.mean_min", "mean response time", "min", down, 1,
     "Incident to first team on scene, mean over incidents whose first team arrived."},
    {S, "response.p50_min", "median response time", "min", down, 1,
     "Incident to first team on scene, median (type-7 quantile)."},
    {S, "response.p90_min", "90th percentile of response time", "min", down, 1,
     "Incident to first team on scene, 90th percentile (type-7 quantile)."},
    {S, "response.within_target_share", "answered within target", "share", up, 3,
     "Share of incidents whose first team arrived within the response target."},
    {S, "response.cdf.<minutes>_min", "answered within the minutes given", "share", up, 3,
     "Share of answered incidents whose first team arrived within that many minutes (5 to 1440)."},
    {S, "dispatch.mean_wait_min", "mean wait for teams", "min", down, 1,
     "Incident to all its teams assigned (queue wait alone), over answered incidents, zeros included."},
    {S, "dispatch.wait_probability", "incidents that waited", "share", down, 3,
     "Share of answered and unanswered incidents not served on arrival."},
    {S, "dispatch.cross_zone_share", "dispatches across zones", "share", none, 3,
     "Share of team dispatches where the team's post differs from the incident's zone."},
    {S, "incidents.total", "incidents", "incidents", none, 0, "Incidents that arrived during the run."},
    {S, "incidents.answered", "incidents answered", "incidents", up, 0,
     "Incidents that got all the teams they needed."},
    {S, "incidents.unanswered_share", "incidents unanswered", "share", down, 3,
     "Abandoned / (answered + abandoned): incidents given up after their patience (max_wait or a draw)."},
    {S, "queue.mean_length", "mean queue length", "incidents", down, 2,
     "Time-averaged number of incidents waiting for teams."},
    {S, "teams.mean_workload", "team workload", "share", none, 3,
     "Busy team-hours / fielded team-hours."},
    {S, "workload.<contingent>.<team>", "workload of one team", "share", none, 3,
     "Hours the contingent's team n was busy / horizon hours; undefined for a team never fielded."},
    {S, "zones.<zone>.response.mean_min", "mean response time in the zone", "min", down, 1,
     "Mean response time of the zone's incidents whose first team arrived."},
    {S, "zones.<zone>.incidents", "incidents in the zone", "incidents", none, 0,
     "Incidents that arrived in the zone."},
    {S, "zones.<zone>.patrol_ratio", "patrol ratio of the zone", "share", up, 3,
     "Mean over days of min(1, the zone's patrol team-hours / (demand x 24 h)); undefined without demand."},
    {S, "zones.<zone>.dispatch.mean_wait_min", "mean wait for teams in the zone", "min", down, 1,
     "The zone's incidents: arrival to all teams assigned, over those answered, zeros included."},
    {S, "zones.<zone>.unanswered_share", "incidents unanswered in the zone", "share", down, 3,
     "The zone's abandoned / (answered + abandoned) incidents."},
    {S, "classes.<class>.incidents", "incidents of the class", "incidents", none, 0,
     "Incidents of the severity class that arrived."},
    {S, "classes.<class>.response.mean_min", "mean response time of the class", "min", down, 1,
     "Mean response time of the class's incidents whose first team arrived."},
    {S, "classes.<class>.dispatch.mean_wait_min", "mean wait for teams of the class", "min", down, 1,
     "The class's incidents: arrival to all teams assigned, over those answered, zeros included."},
    {S, "classes.<class>.dispatch.wait_probability", "incidents of the class that waited", "share", down, 3,
     "Share of the class's answered and unanswered incidents not served on arrival."},
    {S, "classes.<class>.unanswered_share", "incidents of the class unanswered", "share", down, 3,
     "The class's abandoned / (answered + abandoned): incidents that waited longer than their patience."},
    {D, "coverage.patrol_ratio", "patrol ratio", "share", up, 3,
     "The day's patrol ratio (entity all: population-weighted over zones)."},
    {D, "coverage.population_within_target", "population within response target", "share", up, 3,
     "The day's time-averaged share of population within target (for a zone: the share of it reached, over the day)."},
    {D, "coverage.incidents", "incidents", "incidents", none, 0, "Incidents that arrived that day."},
    {D, "coverage.response_p50_min", "median response time", "min", down, 1,
     "Median response of the incidents whose first team arrived that day."},
    {D, "coverage.response_p90_min", "90th percentile of response time", "min", down, 1,
     "90th percentile of the response of the incidents whose first team arrived that day."},
    {D, "coverage.teams_fielded", "teams fielded", "teams", up, 1,
     "Teams on duty, time-averaged over the day (for a zone: teams posted there)."},

    // what limits the patrols (run/constraints.hpp)
    {S, "constraints.demand_teams", "patrol demand", "teams", none, 1,
     "Teams the zones want on patrol: the sum of their demand (the patrol ratio's denominator)."},
    {S, "constraints.fielded_teams", "teams fielded at shift starts", "teams", up, 1,
     "Teams on the roster at a shift start, mean over the shifts."},
    {S, "constraints.bound_officers", "shifts limited by officers", "share", none, 3,
     "Share of shifts, demand unmet, at which the teams the ready officers alone allow are the teams fielded."},
    {S, "constraints.bound_vehicles", "shifts limited by vehicles", "share", none, 3,
     "Share of shifts, demand unmet, at which the teams the vehicles in service alone could carry are the teams fielded."},
    {S, "constraints.bound_money", "shifts limited by money", "share", none, 3,
     "Share of shifts, demand unmet, at which the teams the fund alone allows are the teams fielded."},
    {S, "constraints.demand_met", "shifts with demand met", "share", up, 3,
     "Share of shifts that fielded at least the zones' total demand."},
    {S, "constraints.tied", "shifts limited by several resources", "share", none, 3,
     "Share of shifts at which two or three resources were limiting at once (relieving one alone gains nothing)."},
    {S, "constraints.teams_short_officers", "teams short for want of officers", "teams", down, 1,
     "Demand minus the officers' teams (at least 0), mean over the shifts."},
    {S, "constraints.teams_short_vehicles", "teams short for want of vehicles", "teams", down, 1,
     "Officers' teams (up to demand) the vehicles could not carry, mean over the shifts."},
    {S, "constraints.teams_short_money", "teams short for want of money", "teams", down, 1,
     "Teams (up to demand) the vehicles could carry but the money did not allow, mean over the shifts."},
    {S, "constraints.<contingent>.teams_short_vehicles", "the contingent's teams short for want of vehicles",
     "teams", down, 1, "The contingent's officer teams the vehicles could not carry, mean over the shifts."},
    {S, "constraints.<contingent>.teams_short_money", "the contingent's teams short for want of money", "teams",
     down, 1, "The contingent's teams the vehicles could carry but the money did not allow, mean over the shifts."},
    {S, "constraints.<zone>.teams_short", "the zone's teams short of its demand", "teams", down, 1,
     "max(0, the zone's demand - the teams the allocation policy allotted it), mean over the shifts."},
    {S, "constraints.<zone>.short_share", "shifts the zone got less than its demand", "share", down, 3,
     "Share of shift starts at which the zone was allotted fewer teams than it demands."},
    {D, "constraints.demand", "patrol demand", "teams", none, 1, "Teams the zones want on patrol."},
    {D, "constraints.officers_allow", "teams the officers allow", "teams", up, 1,
     "floor(ready x duty_share / team_size) summed over contingents, mean over the day's shift starts."},
    {D, "constraints.vehicles_allow", "teams the vehicles allow", "teams", up, 1,
     "Teams the vehicles in service could carry with unlimited officers; empty without a vehicles section."},
    {D, "constraints.money_allow", "teams the money allows", "teams", up, 1,
     "Teams the fund allows under reduce_operations in shortfall; empty when money sets no cap."},
    {D, "constraints.fielded", "teams fielded", "teams", up, 1, "Teams on the roster at the day's shift starts."},
    {D, "constraints.bound_officers", "shifts limited by officers", "share", none, 3,
     "Share of the day's shifts at which officers were limiting."},
    {D, "constraints.bound_vehicles", "shifts limited by vehicles", "share", none, 3,
     "Share of the day's shifts at which vehicles were limiting."},
    {D, "constraints.bound_money", "shifts limited by money", "share", none, 3,
     "Share of the day's shifts at which money was limiting."},
    {D, "constraints.demand_met", "shifts with demand met", "share", up, 3,
     "Share of the day's shifts that met the zones' total demand."},
    {D, "constraints.tied", "shifts limited by several resources", "share", none, 3,
     "Share of the day's shifts at which several resources were limiting at once."},
    {D, "constraints.teams_short_officers", "teams short for want of officers", "teams", down, 1,
     "Demand minus the officers' teams (at least 0)."},
    {D, "constraints.teams_short_vehicles", "teams short for want of vehicles", "teams", down, 1,
     "Officers' teams (up to demand) the vehicles could not carry."},
    {D, "constraints.teams_short_money", "teams short for want of money", "teams", down, 1,
     "Teams (up to demand) the vehicles could carry but the money did not allow."},

    // the force
    {S, "personnel.<contingent>.planned", "officers planned", "officers", none, 0,
     "Officers of every wave planned to land within the horizon, rotations' replacement waves included."},
    {S, "personnel.<contingent>.arrived", "officers arrived", "officers", up, 0,
     "Officers who landed during the run."},
    {S, "personnel.<contingent>.ready_end", "officers ready at the end", "officers", up, 0,
     "Officers ready for duty on the last day."},
    {S, "personnel.<contingent>.in_theatre_end", "officers in theatre at the end", "officers", none, 0,
     "Officers in theatre (induction or ready) at the end of the last day."},
    {S, "personnel.<contingent>.peak_in_theatre", "peak officers in theatre", "officers", none, 0,
     "Most officers in theatre (induction or ready) at a day's end, handover overlaps of rotations included."},
    {S, "personnel.<contingent>.mean_arrival_delay_days", "mean arrival delay", "days", down, 1,
     "Mean over landed officers of landing date minus their wave's planned date (delay, airlift queue, closures, money); "
     "officers never landed are left out and counted in not_landed."},
    {S, "personnel.<contingent>.mean_delay_vs_plan_days", "mean delay against plan", "days", down, 1,
     "Mean over landed officers of waves with a plan date (waves[].plan) of landing date minus that date; "
     "undefined when no wave has one."},
    {S, "personnel.<contingent>.planned_initial", "officers in the scenario's waves", "officers", none, 0,
     "Officers of the waves the scenario lists (before any rotation)."},
    {S, "personnel.<contingent>.planned_rotations", "officers of rotation waves", "officers", none, 0,
     "Officers of the replacement waves the model planned for rotation: replace (planned minus planned_initial)."},
    {S, "personnel.<contingent>.peak_in_theatre_net", "peak officers in theatre, less handovers", "officers", none, 0,
     "Most officers in theatre at a day's end, not counting those whose replacements had already landed."},
    {S, "personnel.<contingent>.peak_handover_overlap", "peak handover overlap", "officers", none, 0,
     "Most officers at a day's end still in theatre after their replacements landed (the rotation_lead overlap)."},
    {S, "personnel.<contingent>.not_landed", "officers not landed by the end", "officers", down, 0,
     "Officers of planned waves (rotations included) not landed by the end, cancelled ones aside: arrivals censored "
     "by the horizon, whose delay is at least the time since their plan."},
    {S, "personnel.<contingent>.waves_not_landed", "waves not landed by the end", "count", down, 0,
     "Planned waves with officers not landed by the end (see not_landed)."},
    {S, "personnel.<contingent>.departed", "officers departed", "officers", none, 0,
     "Officers who left at the end of their tour."},
    {S, "personnel.<contingent>.attrited", "officers lost to attrition", "officers", down, 0,
     "Ready officers lost to attrition (medical and other) during the run."},
    {S, "personnel.<contingent>.deferred_officer_days", "officer-days held back for want of money", "officer-days",
     down, 0, "Officers held back by the defer_arrivals policy, summed over day ends (only with funding)."},
    {S, "personnel.<contingent>.withdrawn", "officers withdrawn for want of money", "officers", down, 0,
     "Officers who left when the withdraw policy withdrew their contingent (only with funding)."},
    {S, "personnel.<contingent>.cancelled", "officers never sent for want of money", "officers", down, 0,
     "Officers of waves cancelled because their contingent was withdrawn (only with funding)."},
    {D, "personnel.planned", "officers planned so far", "officers", none, 0,
     "Officers of the waves planned up to that day."},
    {D, "personnel.not_yet_due", "officers not yet due", "officers", none, 0,
     "Officers whose wave's (delayed) date has not come."},
    {D, "personnel.awaiting_transport", "officers awaiting airlift", "officers", down, 0,
     "Officers due but not yet flown in (airlift capacity or airport closure)."},
    {D, "personnel.induction", "officers in induction", "officers", none, 0, "Officers landed, not yet ready."},
    {D, "personnel.ready", "officers ready", "officers", up, 0, "Officers ready for duty at the day's end."},
    {D, "personnel.in_theatre", "officers in theatre", "officers", none, 0,
     "Officers in induction or ready at the day's end."},
    {D, "personnel.handover_overlap", "officers in handover overlap", "officers", none, 0,
     "Of those in theatre at the day's end, officers whose replacements have landed (not a state of its own)."},
    {D, "personnel.departed", "officers departed so far", "officers", none, 0, "Officers who left at tour end."},
    {D, "personnel.attrited", "officers lost to attrition so far", "officers", down, 0,
     "Ready officers lost to attrition."},
    {D, "personnel.held", "officers held back for want of money", "officers", down, 0,
     "Officers of waves the defer_arrivals policy holds (only with funding)."},
    {D, "personnel.cancelled", "officers never sent for want of money", "officers", down, 0,
     "Officers of cancelled waves (only with funding)."},

    // money
    {S, "funding.pledged.<source>", "pledged", "currency", none, 1, "Amounts the source pledged."},
    {S, "funding.received.<source>", "received", "currency", up, 1,
     "Money the source paid into the fund during the run."},
    {S, "funding.in_kind.<source>", "given in kind", "currency", none, 1,
     "Value of what the source gave in kind: vehicles (deliveries with paid_by) and bills its in-kind pledges "
     "paid directly; `all` sums the sources. Never part of the fund's balance or spending."},
    {S, "funding.in_kind_unused", "in kind arrived, unused", "currency", none, 1,
     "In-kind support that arrived but paid no bill by the end (earmarked for costs the run did not incur)."},
    {S, "funding.paid_in_kind.<category>", "paid in kind", "currency", none, 1,
     "Bills of the cost category that in-kind support paid, outside the fund."},
    {S, "funding.spent.<category>", "spent", "currency", none, 1,
     "Paid out in one cost category (personnel, deployment, overhead, operations, vehicles), or in all."},
    {S, "funding.spent.contingent.<contingent>", "spent on the contingent", "currency", none, 1,
     "Paid out for the contingent's officers (personnel and deployment)."},
    {S, "funding.balance_end", "balance at the end", "currency", up, 1, "The fund's balance on the last day."},
    {S, "funding.balance_min", "lowest balance", "currency", up, 1, "The lowest day-end balance."},
    {S, "funding.days_below_zero", "days below zero", "days", down, 0,
     "Days that ended with the balance below zero (drawing on the credit line)."},
    {S, "funding.arrears_end", "unpaid bills at the end", "currency", down, 1,
     "Bills still unpaid on the last day."},
    {S, "funding.arrears_max", "most unpaid bills", "currency", down, 1, "The largest day-end arrears."},
    {S, "funding.days_in_arrears", "days in arrears", "days", down, 0, "Days that ended with unpaid bills."},
    {S, "funding.personnel_arrears_end", "unpaid personnel bills at the end", "currency", down, 1,
     "Personnel bills (officers' pay and allowances, reimbursements to their countries) still unpaid on the "
     "last day."},
    {S, "funding.personnel_arrears_max", "most unpaid personnel bills", "currency", down, 1,
     "The largest day-end unpaid personnel bills."},
    {S, "funding.days_personnel_unpaid", "days with personnel bills unpaid", "days", down, 0,
     "Days that ended with personnel bills unpaid: officers or their countries waiting for their money."},
    {S, "funding.arrears_end.contingent.<contingent>", "owed for the contingent at the end", "currency", down, 1,
     "The contingent's bills still unpaid on the last day: what its country is owed (it pre-finances them)."},
    {S, "funding.shortfall_days", "days in shortfall", "days", down, 0,
     "Days a review found the fund unable to cover the next period."},
    {S, "funding.runway_days_end", "runway at the end", "days", up, 0,
     "max(0, balance + credit line - arrears) at the end / the last day's recurring bills."},
    {S, "funding.cost.all", "cost, paid or owed", "currency", down, 1,
     "Every bill of the run: spent plus the arrears still owed at the end (what the mission cost, whether or not "
     "the fund could pay)."},
    {S, "funding.cost_per_covered_patrol_hour", "cost per covered patrol hour", "currency per hour", down, 0,
     "(Paid + arrears) / patrol team-hours that met demand."},
    {S, "funding.cost_per_answered_incident", "cost per answered incident", "currency per incident", down, 0,
     "(Paid + arrears) / incidents answered, both over the whole run (a warm-up included)."},
    {S, "funding.teams_not_fielded", "teams not fielded for want of money", "teams", down, 1,
     "Teams the officers and vehicles allowed but money did not, averaged over the horizon."},
    {S, "funding.withdrawals", "contingents withdrawn for want of money", "count", down, 0,
     "Contingents the withdraw policy sent home."},
    {D, "funding.balance", "balance", "currency", up, 1, "The fund's balance at the day's end."},
    {D, "funding.cumulative_receipts", "received so far", "currency", up, 1, "Receipts up to the day's end."},
    {D, "funding.cumulative_spending", "spent so far", "currency", none, 1, "Payments up to the day's end."},
    {D, "funding.arrears", "unpaid bills", "currency", down, 1, "Bills unpaid at the day's end."},
    {D, "funding.personnel_arrears", "unpaid personnel bills", "currency", down, 1,
     "Personnel bills unpaid at the day's end."},
    {D, "funding.cumulative_in_kind", "given in kind so far", "currency", none, 1,
     "Vehicles and bills paid in kind up to the day's end, all sources."},
    {D, "funding.shortfall", "shortfall day", "count", down, 0, "1 on the days a review found a shortfall."},
    {D, "funding.teams_not_fielded", "teams not fielded for want of money", "teams", down, 1,
     "Teams cut for want of money, averaged over the day."},
    {D, "funding.cumulative_received", "received so far from the source", "currency", up, 1,
     "The source's receipts up to the day's end."},
    {D, "funding.cumulative_spent", "spent so far in the category", "currency", none, 1,
     "Payments in the cost category up to the day's end."},

    // vehicles
    {S, "vehicles.delivered", "vehicles delivered", "vehicles", up, 0, "Vehicles delivered by the end."},
    {S, "vehicles.availability", "vehicle availability", "share", up, 3,
     "Vehicle-hours in service / vehicle-hours delivered."},
    {S, "vehicles.utilisation", "vehicle utilisation", "share", none, 3, "Vehicle-hours on duty / in service."},
    {S, "vehicles.failures", "vehicle failures on duty", "count", down, 0, "Failures while patrolling."},
    {S, "vehicles.mean_repair_days", "mean repair time", "days", down, 1,
     "Failure to back in service, parts waits included."},
    {S, "vehicles.teams_not_fielded", "teams not fielded for want of vehicles", "teams", down, 1,
     "Teams the officers allowed but vehicles did not, averaged over the horizon."},
    {S, "vehicles.fleet_cost", "fleet cost", "currency", none, 1,
     "Purchases (whoever paid) plus upkeep of every fleet."},
    {S, "vehicles.<fleet>.delivered", "vehicles delivered to the fleet", "vehicles", up, 0,
     "The fleet's vehicles delivered by the end."},
    {S, "vehicles.<fleet>.availability", "fleet availability", "share", up, 3,
     "The fleet's vehicle-hours in service / delivered."},
    {S, "vehicles.<fleet>.utilisation", "fleet utilisation", "share", none, 3,
     "The fleet's vehicle-hours on duty / in service."},
    {S, "vehicles.<fleet>.failures", "fleet failures on duty", "count", down, 0, "The fleet's failures on duty."},
    {S, "vehicles.<fleet>.cost", "fleet cost", "currency", none, 1, "The fleet's purchases plus upkeep."},
    {D, "vehicles.delivered", "vehicles delivered", "vehicles", up, 0, "Vehicles delivered by the day's end."},
    {D, "vehicles.in_repair", "vehicles in repair", "vehicles", down, 0, "Vehicles in repair at the day's end."},
    {D, "vehicles.on_duty", "vehicles on duty", "vehicles", none, 1, "Vehicles on duty, mean over the day."},
    {D, "vehicles.availability", "vehicle availability", "share", up, 3, "Share of vehicle-hours up that day."},
    {D, "vehicles.teams_not_fielded", "teams not fielded for want of vehicles", "teams", down, 1,
     "Teams cut for want of vehicles, averaged over the day."},

    // gang control
    {S, "control.start", "gang control at the start", "g", down, 3,
     "Population-weighted mean of the zones' initial gang control."},
    {S, "control.mean", "gang control, mean over the days", "g", down, 3,
     "Population-weighted gang control, averaged over the days."},
    {S, "control.end", "gang control at the end", "g", down, 3, "Population-weighted gang control on the last day."},
    {S, "control.days_to_threshold", "days until control falls below the threshold", "days", down, 0,
     "Days until population-weighted control first falls below control.threshold; undefined if it never does."},
    {S, "control.<zone>.mean", "zone's gang control, mean", "g", down, 3, "The zone's gang control averaged over days."},
    {S, "control.<zone>.end", "zone's gang control at the end", "g", down, 3, "The zone's gang control on the last day."},
    {S, "control.<zone>.days_to_threshold", "days until the zone's control falls below the threshold", "days",
     down, 0, "Days until the zone's control first falls below control.threshold; undefined if never."},
    {D, "control.g", "gang control", "g", down, 3,
     "Gang control at the day's end (entity all: population-weighted mean)."},
};

// Literal characters must match; a <...> takes one or more characters, never
// a dot, and the rest of the pattern must match what is left. What each
// <...> took is appended to `taken` (when given), in order.
bool matches(std::string_view pattern, std::string_view name, std::vector<std::string_view>* taken) {
    if (pattern.empty()) return name.empty();
    if (pattern.front() != '<')
        return !name.empty() && name.front() == pattern.front() &&
               matches(pattern.substr(1), name.substr(1), taken);
    const std::string_view rest = pattern.substr(pattern.find('>') + 1);
    for (std::size_t length = 1; length <= name.size() && name[length - 1] != '.'; ++length)
        if (matches(rest, name.substr(length), taken)) {
            if (taken != nullptr) taken->insert(taken->begin(), name.substr(0, length));
            return true;
        }
    return false;
}

std::string escape_cell(std::string_view text) {
    std::string out;
    for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

}  // namespace

std::span<const MetricInfo> metric_registry() { return kRegistry; }

bool metric_pattern_matches(std::string_view pattern, std::string_view name) {
    return matches(pattern, name, nullptr);
}

bool metric_matches(std::string_view pattern, std::string_view name) {
    // Greedy wildcard matching with backtracking to the last '*'.
    std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
    while (n < name.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = n;
        } else if (p < pattern.size() && pattern[p] == name[n]) {
            ++p;
            ++n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

std::string_view metric_window(std::string_view name) {
    constexpr std::string_view kPrefix = "window.";
    if (!name.starts_with(kPrefix)) return {};
    name.remove_prefix(kPrefix.size());
    const std::size_t dot = name.find('.');
    // "window.w" alone, or "window..x", is no window's metric.
    return dot == std::string_view::npos || dot == 0 || dot + 1 == name.size() ? std::string_view{}
                                                                              : name.substr(0, dot);
}

std::string_view metric_base(std::string_view name) {
    const std::string_view window = metric_window(name);
    return window.empty() ? name : name.substr(std::string_view("window.").size() + window.size() + 1);
}

const MetricInfo* find_metric(std::string_view name, MetricKind kind) {
    if (kind == MetricKind::scalar) name = metric_base(name);
    // Exact names first, so "funding.spent.all" is not taken for a category.
    for (const MetricInfo& info : kRegistry)
        if (info.kind == kind && info.pattern == name) return &info;
    for (const MetricInfo& info : kRegistry)
        if (info.kind == kind && matches(info.pattern, name, nullptr)) return &info;
    return nullptr;
}

MetricDisplay metric_display(const MetricInfo& info, std::string_view currency) {
    if (info.unit == "share") return {100, std::max(0, info.decimals - 2), "%"};
    if (info.unit == "currency") return {1e-6, info.decimals, "million " + std::string(currency)};
    // The label says per what ("cost per covered patrol hour").
    if (info.unit == "currency per hour" || info.unit == "currency per incident")
        return {1, info.decimals, std::string(currency)};
    if (info.unit == "count" || info.unit == "g") return {1, info.decimals, ""};
    return {1, info.decimals, std::string(info.unit)};
}

std::vector<std::string> metric_ids(std::string_view name, MetricKind kind) {
    if (kind == MetricKind::scalar) name = metric_base(name);
    const MetricInfo* info = find_metric(name, kind);
    std::vector<std::string_view> ids;
    if (info != nullptr) matches(info->pattern, name, &ids);
    return {ids.begin(), ids.end()};
}

std::string metric_label(std::string_view name, MetricKind kind) {
    const MetricInfo* info = find_metric(name, kind);
    if (info == nullptr) return std::string(name);
    std::string label(info->label);
    for (const std::string& id : metric_ids(name, kind))
        if (id != "all") label += ", " + id;
    if (const std::string_view window = metric_window(name); kind == MetricKind::scalar && !window.empty())
        label += " [" + std::string(window) + "]";
    return label;
}

std::string with_unit(const MetricInfo& info, const std::string& label, std::string_view currency) {
    const MetricDisplay display = metric_display(info, currency);
    // "incidents", not "incidents (incidents)"
    if (display.unit.empty() || label.find(display.unit) != std::string::npos) return label;
    return label + " (" + display.unit + ")";
}

std::string metric_heading(std::string_view name, std::string_view currency, MetricKind kind) {
    const MetricInfo* info = find_metric(name, kind);
    return info == nullptr ? std::string(name) : with_unit(*info, metric_label(name, kind), currency);
}

bool drawn_as_percent(const MetricInfo* info) {
    return info != nullptr && (info->unit == "share" || info->unit == "g");
}

std::string metrics_markdown() {
    std::string out =
        "# Metric reference\n\n"
        "Generated from the metric registry (`sim/run/metrics.cpp`) by `mmsim metrics --format markdown`;\n"
        "a test keeps this file equal to that output. `<...>` in a name stands for one id: a\n"
        "contingent, zone, incident class, funding source, fleet, cost category (personnel, deployment,\n"
        "overhead, operations, vehicles, or `all`), team number or minute count. Scalar metrics have one value\n"
        "per replication (report.json, the summary, compare); daily series one value per day and\n"
        "entity (the CSV table named before the dot). Units: `share` is 0 to 1 (shown as %),\n"
        "`currency` the scenario's currency (shown in millions), `g` gang control (0 to 1).\n"
        "A scalar metric over a time window is named `window.<window>.<metric>` (see\n"
        "scenarios/README.md, \"Time windows\"). With `incidents.warm_up`, the whole run's\n"
        "`coverage.*`, `response.*`, `dispatch.*`, `incidents.*`, `queue.*`, `teams.*`, `zones.*`\n"
        "and `classes.*` figures leave out the warm-up's days and the incidents that arrived in them.\n";
    for (MetricKind kind : {MetricKind::scalar, MetricKind::daily}) {
        out += kind == MetricKind::scalar ? "\n## Scalar metrics\n\n" : "\n## Daily series (CSV tables)\n\n";
        out += "| name | label | unit | better | meaning |\n| --- | --- | --- | --- | --- |\n";
        for (const MetricInfo& m : kRegistry) {
            if (m.kind != kind) continue;
            out += "| `" + std::string(m.pattern) + "` | " + escape_cell(m.label) + " | " + std::string(m.unit) +
                   " | " + std::string(enum_name(m.better)) + " | " + escape_cell(m.meaning) + " |\n";
        }
    }
    return out;
}

std::string metrics_json() {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const MetricInfo& m : kRegistry)
        list.push_back({{"name", m.pattern},
                        {"kind", enum_name(m.kind)},
                        {"label", m.label},
                        {"unit", m.unit},
                        {"better", enum_name(m.better)},
                        {"decimals", m.decimals},
                        {"meaning", m.meaning}});
    return list.dump(2) + "\n";
}

std::string metrics_table() {
    std::size_t width = 0;
    for (const MetricInfo& m : kRegistry) width = std::max(width, m.pattern.size());
    std::string out;
    for (MetricKind kind : {MetricKind::scalar, MetricKind::daily}) {
        out += kind == MetricKind::scalar ? "Scalar metrics (report.json, summary, compare)\n"
                                          : "\nDaily series (CSV tables: table.metric)\n";
        for (const MetricInfo& m : kRegistry) {
            if (m.kind != kind) continue;
            out += "  " + std::string(m.pattern) + std::string(width + 2 - m.pattern.size(), ' ') +
                   std::string(m.label) + " [" + std::string(m.unit) + ", " +
                   std::string(enum_name(m.better)) + " is better]\n";
        }
    }
    return out;
}

}  // namespace mmsim
