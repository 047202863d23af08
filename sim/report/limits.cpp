// What limits the patrols, from a report (see mmsim/limits.hpp).

#include "mmsim/limits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace mmsim {
namespace {

constexpr const char* kSeries[] = {"bound_officers", "bound_vehicles", "bound_money", "demand_met"};

std::string capitalised(std::string_view text) {
    std::string out(text);
    if (!out.empty()) out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

// The limit with the largest share (the first one on a tie).
Limit largest(const double (&share)[4]) {
    int best = 0;
    for (int k = 1; k < 4; ++k)
        if (share[k] > share[best]) best = k;
    return static_cast<Limit>(best);
}

}  // namespace

std::string whole_percent(double share) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f%%", share * 100);
    return buffer;
}

std::optional<LimitsSummary> summarize_limits(const Report& report) {
    LimitsSummary out;
    std::vector<const DaySummaries*> days;
    for (int k = 0; k < 4; ++k) {
        const Summary* share = report.metric(std::string("constraints.") + kSeries[k]);
        const SeriesSummary* daily = report.daily("constraints", "all", kSeries[k]);
        if (share == nullptr || daily == nullptr) return std::nullopt;
        out.share[k] = share->mean;
        days.push_back(&daily->by_day);
    }
    if (const Summary* tied = report.metric("constraints.tied")) out.tied = tied->mean;
    if (const Summary* unpaid = report.metric("funding.days_personnel_unpaid")) out.days_personnel_unpaid = unpaid->mean;
    out.main = largest(out.share);

    // The days' shares, and the stretch at the end that one limit holds.
    const std::size_t count = days.front()->size();
    auto day_share = [&](int k, std::size_t d) {
        const double v = (*days[static_cast<std::size_t>(k)])[d].mean;
        return std::isfinite(v) ? v : 0.0;
    };
    std::size_t last_day = count;
    while (last_day > 0 && !std::isfinite((*days[0])[last_day - 1].mean)) --last_day;
    if (last_day == 0) return out;
    double at_end[4];
    for (int k = 0; k < 4; ++k) at_end[k] = day_share(k, last_day - 1);
    out.last = largest(at_end);
    const int last = static_cast<int>(out.last);
    // The stretch at the end in which `last` bound most shifts every day.
    std::size_t from = last_day;
    while (from > 0 && day_share(last, from - 1) >= 0.5) --from;
    out.last_from_day = static_cast<int>(from);
    double sum = 0;
    for (std::size_t d = from; d < last_day; ++d) sum += day_share(last, d);
    out.last_share = sum / static_cast<double>(last_day - from);
    for (int k = 0; k < 4 && from > 0; ++k) {
        for (std::size_t d = 0; d < from; ++d) out.before[k] += day_share(k, d);
        out.before[k] /= static_cast<double>(from);
    }
    return out;
}

std::string describe_limits(const LimitsSummary& limits, const Report& report) {
    // "vehicles 92%, officers 19%": the limits that bound at least 0.5% of
    // the shifts, largest first.
    auto list = [](const double (&share)[4]) {
        std::vector<int> order = {0, 1, 2};
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return share[a] > share[b]; });
        std::string text;
        for (int k : order)
            if (share[k] >= 0.005)
                text += (text.empty() ? "" : ", ") + std::string(enum_name(static_cast<Limit>(k))) + " " +
                        whole_percent(share[k]);
        return text;
    };
    const std::string bound = list(limits.share);
    std::string text;
    if (!bound.empty()) {
        text = capitalised(bound.substr(0, bound.find(' '))) + " bound" + bound.substr(bound.find(' ')) +
               " of shifts";
        if (limits.tied >= 0.005) text += " (" + whole_percent(limits.tied) + " tied)";
    }
    if (limits.share[3] >= 0.005)
        text += text.empty() ? "Demand was met at " + whole_percent(limits.share[3]) + " of shifts"
                             : "; demand was met at " + whole_percent(limits.share[3]);
    text += ".";
    if (limits.last_from_day > 0) {
        const std::string last = limits.last == Limit::demand_met
                                     ? "demand was met at"
                                     : std::string(enum_name(limits.last)) + " bound";
        text += " From " + format_date(add_days(report.start, limits.last_from_day)) + " on, " + last + " " +
                whole_percent(limits.last_share) + " of shifts";
        const std::string before = list(limits.before);
        if (!before.empty()) text += "; before that, " + before;
        if (limits.before[3] >= 0.005) text += (before.empty() ? "; before that, demand met " : ", demand met ") +
                                               whole_percent(limits.before[3]);
        text += ".";
    }
    // Money that holds officers back shows as officers binding.
    const Summary* held = report.metric("personnel.all.deferred_officer_days");
    const Summary* withdrawn = report.metric("personnel.all.withdrawn");
    const bool money_held = (held && held->mean > 0) || (withdrawn && withdrawn->mean > 0);
    if (limits.share[0] >= 0.005 && money_held)
        text += " Money held back or withdrew officers, so part of what officers bound is money's.";
    // Money can bind the fund without touching the patrols: bills go unpaid
    // (the contributors pre-finance them) while every officer stays.
    const Summary* unpaid = report.metric("funding.days_personnel_unpaid");
    const SeriesSummary* owed = report.daily("funding", "all", "personnel_arrears");
    if (!money_held && unpaid && unpaid->mean >= 0.5 && owed) {
        std::size_t first = 0;
        while (first < owed->by_day.size() && !(owed->by_day[first].mean > 0)) ++first;
        text += " The fund left personnel bills unpaid on " + std::to_string(std::lround(unpaid->mean)) +
                " days";
        if (first < owed->by_day.size())
            text += " (from " + format_date(add_days(report.start, static_cast<int>(first))) + ")";
        text += ", but held no officer back: money bound the fund, not the patrols.";
    }
    return text;
}

}  // namespace mmsim
