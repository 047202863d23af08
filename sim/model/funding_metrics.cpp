// The fund's figures at the end of a replication: metrics, daily series and
// the ledger (see scenarios/README.md, "Funding metrics").

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "model/funding_model.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim::detail {
void FundingModel::finish(Sim& sim, ReplicationResult& result, double answered_incidents) {
    advance(sim.now());
    auto put = [&](std::string name, double value) {
        result.metrics.push_back({std::move(name), value});
    };
    auto money = [&](std::string name, Cents cents) { put(std::move(name), to_units(cents)); };
    const std::size_t sources = funding_.sources.size();

    Cents pledged = 0;
    for (std::uint32_t s = 0; s < sources; ++s) {
        const std::string& id = funding_.sources[s].id;
        money("funding.pledged." + id, pledged_[s]);
        money("funding.received." + id, ledger_.party_total(s));
        pledged = money_add(pledged, pledged_[s]);
    }
    money("funding.pledged.all", pledged);
    money("funding.received.all", ledger_.category_total(LedgerCategory::receipt));
    // What a source gave in kind (vehicles, bills it paid directly), for the
    // sources that can give any.
    std::vector<bool> donor(sources, false);
    if (scenario_.vehicles)
        for (const Fleet& fleet : scenario_.vehicles->fleets)
            for (const VehicleDelivery& delivery : fleet.deliveries)
                if (delivery.paid_by) donor[*delivery.paid_by] = true;
    for (std::uint32_t s = 0; s < sources; ++s)
        for (const Pledge& pledge : funding_.sources[s].pledges)
            if (pledge.form == PledgeForm::in_kind) donor[s] = true;
    Cents in_kind = 0, unused = 0;
    for (std::uint32_t s = 0; s < sources; ++s) {
        if (donor[s]) money("funding.in_kind." + funding_.sources[s].id, in_kind_[s]);
        in_kind = money_add(in_kind, in_kind_[s]);
    }
    for (const InKindBudget& budget : in_kind_budgets_) unused = money_add(unused, budget.left);
    if (std::find(donor.begin(), donor.end(), true) != donor.end()) {
        money("funding.in_kind.all", in_kind);
        money("funding.in_kind_unused", unused);
        for (LedgerCategory category : kCostCategories)
            money(std::string("funding.paid_in_kind.") + to_string(category),
                  paid_in_kind_[static_cast<std::size_t>(category)]);
    }

    Cents spent = 0;
    for (LedgerCategory category : kCostCategories) {
        money(std::string("funding.spent.") + to_string(category),
              ledger_.category_total(category));
        spent = money_add(spent, ledger_.category_total(category));
    }
    money("funding.spent.all", spent);
    for (std::uint32_t c = 0; c < scenario_.contingents.size(); ++c)
        money("funding.spent.contingent." + scenario_.contingents[c].id,
              ledger_.party_total(contingent_party0_ + c));

    const Cents arrears = ledger_.arrears();
    const Cents balance = ledger_.balance();
    money("funding.balance_end", balance);
    money("funding.balance_min", balance_min_);
    put("funding.days_below_zero", days_below_zero_);
    money("funding.arrears_end", arrears);
    money("funding.arrears_max", arrears_max_);
    money("funding.personnel_arrears_end", ledger_.arrears_of(LedgerCategory::personnel));
    money("funding.personnel_arrears_max", personnel_arrears_max_);
    put("funding.days_personnel_unpaid", days_personnel_unpaid_);
    for (std::uint32_t c = 0; c < scenario_.contingents.size(); ++c)
        money("funding.arrears_end.contingent." + scenario_.contingents[c].id,
              ledger_.arrears_to(contingent_party0_ + c));
    put("funding.days_in_arrears", days_in_arrears_);
    put("funding.shortfall_days", shortfall_days_);
    // What is left to spend (with the credit line, less the debts) over the
    // last day's recurring bills; undefined when nothing recurs.
    const double left =
        std::max(0.0, to_units(balance) + to_units(funding_.credit_line) - to_units(arrears));
    put("funding.runway_days_end",
        last_day_running_ > 0 ? left / to_units(last_day_running_) : kNaN);
    // Cost = every bill, paid or still owed.
    const double cost = to_units(spent) + to_units(arrears);
    put("funding.cost.all", cost);
    put("funding.cost_per_covered_patrol_hour",
        ratio(cost, covered_patrol_h_));
    put("funding.cost_per_answered_incident", ratio(cost, answered_incidents));
    put("funding.teams_not_fielded", cut_team_h_ / scenario_.horizon());
    put("funding.withdrawals", withdrawals_);

    static constexpr const char* kDailyNames[d_count] = {
        "balance", "cumulative_receipts", "cumulative_spending",
        "arrears", "shortfall",           "teams_not_fielded",
        "personnel_arrears", "cumulative_in_kind"};
    for (std::size_t d = 0; d < d_count; ++d)
        result.series.push_back(DailySeries{"funding", "all", kDailyNames[d], daily_[d]});
    for (std::uint32_t s = 0; s < sources; ++s)
        result.series.push_back(DailySeries{"funding", funding_.sources[s].id,
                                            "cumulative_received", daily_received_[s]});
    for (std::size_t k = 0; k < std::size(kCostCategories); ++k)
        result.series.push_back(DailySeries{"funding", to_string(kCostCategories[k]),
                                            "cumulative_spent", daily_spent_[k]});
    result.ledger = ledger_.take_record();
}

}  // namespace mmsim::detail
