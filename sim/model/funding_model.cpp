#include "model/funding_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <string>

#include "mmsim/distribution.hpp"
#include "mmsim/error.hpp"

namespace mmsim::detail {
namespace {

Cents times(Cents amount, std::int64_t count) { return money_mul(amount, count); }

// An amount times a fractional quantity (team-hours, a share), to the nearest cent.
Cents times_fraction(Cents rate, double quantity) { return money_round(rate, quantity); }

constexpr std::size_t index(LedgerCategory category) { return static_cast<std::size_t>(category); }

}  // namespace

std::vector<int> share_teams(std::span<const int> wanted, int total) {
    std::vector<int> given(wanted.size(), 0);
    // Highest averages: the key wanted / (given + 1) compared exactly as
    // wanted_a * (given_b + 1) > wanted_b * (given_a + 1).
    auto less = [&](std::size_t a, std::size_t b) {
        const std::int64_t left = std::int64_t{wanted[a]} * (given[b] + 1);
        const std::int64_t right = std::int64_t{wanted[b]} * (given[a] + 1);
        return left != right ? left < right : a > b;
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(less)> next(less);
    for (std::size_t c = 0; c < wanted.size(); ++c)
        if (wanted[c] > 0) next.push(c);
    for (int seat = 0; seat < total && !next.empty(); ++seat) {
        const std::size_t c = next.top();
        next.pop();
        if (++given[c] < wanted[c]) next.push(c);
    }
    return given;
}

FundingModel::FundingModel(const Scenario& scenario, int replication, bool keep_entries)
    : scenario_(scenario),
      funding_(*scenario.funding),
      rng_(scenario.seed, static_cast<std::uint64_t>(replication), Purpose::pledges),
      ledger_(funding_.opening_balance, funding_.credit_line, keep_entries) {
    const std::size_t contingents = scenario.contingents.size();
    for (const FundingSource& source : funding_.sources) ledger_.add_party(source.id);
    contingent_party0_ = static_cast<std::uint32_t>(funding_.sources.size());
    for (const Contingent& contingent : scenario.contingents) ledger_.add_party(contingent.id);
    fleet_party0_ = contingent_party0_ + static_cast<std::uint32_t>(contingents);
    const std::size_t fleets = scenario.vehicles ? scenario.vehicles->fleets.size() : 0;
    for (std::size_t f = 0; f < fleets; ++f) ledger_.add_party(scenario.vehicles->fleets[f].id);
    mission_party_ = ledger_.add_party("mission");

    contingent_account_.assign(contingents, Bill::kNoAccount);
    category_account_.fill(Bill::kNoAccount);
    for (const FundingSource& source : funding_.sources) {
        for (const Pledge& pledge : source.pledges) {
            if (pledge.form == PledgeForm::in_kind) continue;
            const Earmark& earmark = pledge.earmark;
            if (earmark.kind == Earmark::Kind::contingent &&
                contingent_account_[earmark.contingent.value] == Bill::kNoAccount)
                contingent_account_[earmark.contingent.value] = ledger_.add_account(
                    "earmark:" + scenario.contingents[earmark.contingent.value].id);
            if (earmark.kind == Earmark::Kind::category &&
                category_account_[index(earmark.category)] == Bill::kNoAccount)
                category_account_[index(earmark.category)] =
                    ledger_.add_account(std::string("earmark:") + to_string(earmark.category));
        }
    }
    vehicles_.assign(fleets, 0);
    landed_billed_.assign(contingents, 0);
    teams_.assign(contingents, 0);
    day_team_h_.assign(contingents, 0);
    pledged_.assign(funding_.sources.size(), 0);
    in_kind_.assign(funding_.sources.size(), 0);
    daily_received_.resize(funding_.sources.size());
    daily_spent_.resize(std::size(kCostCategories));
    schedule_payments();
}

void FundingModel::schedule_payments() {
    const Hours horizon = scenario_.horizon();
    for (std::uint32_t s = 0; s < funding_.sources.size(); ++s) {
        const FundingSource& source = funding_.sources[s];
        for (const Pledge& pledge : source.pledges) {
            pledged_[s] = money_add(pledged_[s], pledge.amount);
            std::uint32_t account = 0, in_kind = kCash;
            if (pledge.form == PledgeForm::in_kind)
                in_kind = in_kind_budget(s, pledge.earmark);
            else if (pledge.earmark.kind == Earmark::Kind::contingent)
                account = contingent_account_[pledge.earmark.contingent.value];
            else if (pledge.earmark.kind == Earmark::Kind::category)
                account = category_account_[index(pledge.earmark.category)];
            const Cents base = pledge.amount / pledge.instalments;
            const Cents odd = pledge.amount % pledge.instalments;
            const Hours first_due = days_between(scenario_.start, pledge.date) * kHoursPerDay;
            for (int k = 0; k < pledge.instalments; ++k) {
                // Both draws are made for every instalment, so that changing a
                // probability does not shift the lags of later instalments.
                const bool paid = sample_bernoulli(rng_, pledge.probability);
                Hours time = first_due + k * pledge.interval + sample(pledge.lag, rng_);
                const Cents due = base + (k < odd ? 1 : 0);
                const Cents amount =
                    pledge.paid_share == 1 ? due : times_fraction(due, pledge.paid_share);
                for (bool moved = true; moved;) {
                    moved = false;
                    for (const Freeze& freeze : source.freezes)
                        if (freeze.from <= time && time < freeze.to) {
                            time = freeze.to;
                            moved = true;
                        }
                }
                if (!paid || amount == 0 || time >= horizon) continue;
                payments_.push_back(Payment{s, account, in_kind, amount, std::max(time, 0.0)});
            }
        }
    }
}

std::uint32_t FundingModel::in_kind_budget(std::uint32_t source, const Earmark& earmark) {
    auto same = [&](const InKindBudget& budget) {
        return budget.source == source && budget.earmark.kind == earmark.kind &&
               (earmark.kind == Earmark::Kind::contingent
                    ? budget.earmark.contingent == earmark.contingent
                    : budget.earmark.category == earmark.category);
    };
    const auto found = std::find_if(in_kind_budgets_.begin(), in_kind_budgets_.end(), same);
    if (found != in_kind_budgets_.end())
        return static_cast<std::uint32_t>(found - in_kind_budgets_.begin());
    in_kind_budgets_.push_back(InKindBudget{source, earmark, 0});
    return static_cast<std::uint32_t>(in_kind_budgets_.size() - 1);
}

void FundingModel::start(Sim& sim) {
    for (std::uint32_t p = 0; p < payments_.size(); ++p) {
        if (payments_[p].time <= sim.now())
            receive(sim, payments_[p]);
        else
            sim.schedule_at(payments_[p].time, Event{EventKind::pledge_payment, p, 0});
    }
}

void FundingModel::on_payment(Sim& sim, std::uint32_t payment) { receive(sim, payments_[payment]); }

void FundingModel::receive(Sim& sim, const Payment& payment) {
    if (payment.in_kind != kCash) {
        Cents& left = in_kind_budgets_[payment.in_kind].left;
        left = money_add(left, payment.amount);
        in_kind_arrived_ = money_add(in_kind_arrived_, payment.amount);
        return;
    }
    const int day = std::min(static_cast<int>(sim.now() / kHoursPerDay), scenario_.days() - 1);
    ledger_.receive(day, sim.now(), payment.source, payment.account, payment.amount);
}

void FundingModel::bill_purchase(int day, Hours now, std::uint32_t fleet, Cents amount) {
    pay(day, now, category_bill(LedgerCategory::vehicles, fleet_party0_ + fleet, amount));
}

template <class Use>
Cents FundingModel::draw_in_kind(std::vector<InKindBudget>& budgets, const Bill& bill,
                                 Use&& use) const {
    Cents owed = bill.amount;
    const bool for_contingent =
        bill.party >= contingent_party0_ && bill.party < fleet_party0_;
    auto matches = [&](const InKindBudget& budget, Earmark::Kind kind) {
        if (budget.earmark.kind != kind) return false;
        return kind == Earmark::Kind::contingent
                   ? for_contingent && budget.earmark.contingent.value == bill.party - contingent_party0_
                   : budget.earmark.category == bill.category;
    };
    for (Earmark::Kind kind : {Earmark::Kind::contingent, Earmark::Kind::category})
        for (std::uint32_t b = 0; b < budgets.size() && owed > 0; ++b) {
            InKindBudget& budget = budgets[b];
            if (budget.left == 0 || !matches(budget, kind)) continue;
            const Cents taken = std::min(owed, budget.left);
            budget.left -= taken;
            owed -= taken;
            use(b, taken);
        }
    return owed;
}

void FundingModel::pay(int day, Hours now, Bill bill) {
    bill.amount = draw_in_kind(in_kind_budgets_, bill, [&](std::uint32_t b, Cents taken) {
        const std::uint32_t source = in_kind_budgets_[b].source;
        in_kind_[source] = money_add(in_kind_[source], taken);
        Cents& by_category = paid_in_kind_[index(bill.category)];
        by_category = money_add(by_category, taken);
    });
    ledger_.pay(day, now, bill);
}

void FundingModel::note_in_kind(std::uint32_t source, Cents amount) {
    in_kind_[source] = money_add(in_kind_[source], amount);
}

void FundingModel::set_vehicles(std::span<const std::int64_t> delivered_by_fleet) {
    vehicles_.assign(delivered_by_fleet.begin(), delivered_by_fleet.end());
}

Bill FundingModel::contingent_bill(LedgerCategory category, std::uint32_t c, Cents amount) const {
    return Bill{category,
                contingent_party0_ + c,
                {contingent_account_[c], category_account_[index(category)]},
                amount};
}

Bill FundingModel::category_bill(LedgerCategory category, std::uint32_t party, Cents amount) const {
    return Bill{category, party, {category_account_[index(category)], Bill::kNoAccount}, amount};
}

// ---- the roster and the day's bills -------------------------------------------

void FundingModel::advance(Hours now) {
    const Hours elapsed = now - last_h_;
    if (elapsed > 0) {
        for (std::size_t c = 0; c < teams_.size(); ++c) day_team_h_[c] += teams_[c] * elapsed;
        cut_team_h_ += cut_teams_ * elapsed;
        day_cut_team_h_ += cut_teams_ * elapsed;
    }
    last_h_ = now;
}

void FundingModel::set_roster(Hours now, std::span<const int> teams, int cut_teams) {
    advance(now);
    teams_.assign(teams.begin(), teams.end());
    cut_teams_ = cut_teams;
}

void FundingModel::on_day_end(Sim& sim, int day, const ArrivalsModel& arrivals,
                              double covered_patrol_h) {
    const Hours now = sim.now();
    advance(now);
    Cents running = 0;  // today's bills that recur every day (not deployment, not purchases)
    auto pay = [&](const Bill& bill, bool recurring) {
        this->pay(day, now, bill);
        if (recurring) running = money_add(running, bill.amount);
    };
    for (std::uint32_t c = 0; c < scenario_.contingents.size(); ++c) {
        const Contingent& contingent = scenario_.contingents[c];
        const double team_h = day_team_h_[c];
        day_team_h_[c] = 0;
        if (contingent.self_funded) continue;
        const Headcount& count = arrivals.headcount(c);
        const std::int64_t landed = arrivals.landed(c) - landed_billed_[c];
        landed_billed_[c] = arrivals.landed(c);
        pay(contingent_bill(LedgerCategory::personnel, c,
                            times(contingent.cost_per_officer_day, count.in_theatre())),
            true);
        pay(contingent_bill(LedgerCategory::deployment, c,
                            times(contingent.deployment_cost_per_officer, landed)),
            false);
        pay(contingent_bill(LedgerCategory::operations, c,
                            times_fraction(funding_.operating_cost_per_patrol_hour, team_h)),
            true);
    }
    for (std::uint32_t f = 0; f < vehicles_.size(); ++f)
        pay(category_bill(LedgerCategory::vehicles, fleet_party0_ + f,
                          times(scenario_.vehicles->fleets[f].cost_per_vehicle_day, vehicles_[f])),
            true);
    pay(category_bill(LedgerCategory::overhead, mission_party_, funding_.overhead_per_day), true);
    ledger_.close_day(day);
    last_day_running_ = running;
    covered_patrol_h_ += covered_patrol_h;

    const Cents balance = ledger_.balance();
    balance_min_ = day == 0 ? balance : std::min(balance_min_, balance);
    arrears_max_ = std::max(arrears_max_, ledger_.arrears());
    days_below_zero_ += balance < 0;
    days_in_arrears_ += ledger_.arrears() > 0;
    shortfall_days_ += shortfall_;
    const LedgerDay& closed = ledger_.record().days.back();
    cumulative_receipts_ = money_add(cumulative_receipts_, closed.receipts);
    cumulative_payments_ = money_add(cumulative_payments_, closed.payments);
    daily_[d_balance].push_back(to_units(balance));
    daily_[d_receipts].push_back(to_units(cumulative_receipts_));
    daily_[d_payments].push_back(to_units(cumulative_payments_));
    daily_[d_arrears].push_back(to_units(ledger_.arrears()));
    daily_[d_shortfall].push_back(shortfall_ ? 1 : 0);
    daily_[d_cut].push_back(day_cut_team_h_ / kHoursPerDay);
    const Cents personnel_owed = ledger_.arrears_of(LedgerCategory::personnel);
    personnel_arrears_max_ = std::max(personnel_arrears_max_, personnel_owed);
    days_personnel_unpaid_ += personnel_owed > 0;
    daily_[d_personnel_arrears].push_back(to_units(personnel_owed));
    Cents in_kind = 0;
    for (Cents given : in_kind_) in_kind = money_add(in_kind, given);
    daily_[d_in_kind].push_back(to_units(in_kind));
    day_cut_team_h_ = 0;
    for (std::uint32_t s = 0; s < funding_.sources.size(); ++s)
        daily_received_[s].push_back(to_units(ledger_.party_total(s)));
    for (std::size_t k = 0; k < std::size(kCostCategories); ++k)
        daily_spent_[k].push_back(to_units(ledger_.category_total(kCostCategories[k])));
}

// ---- reviews ---------------------------------------------------------------

FundingModel::Strength FundingModel::strength_now(const ArrivalsModel& arrivals,
                                                  std::span<const int> teams) const {
    const std::size_t n = scenario_.contingents.size();
    Strength strength{std::vector<std::int64_t>(n, 0), std::vector<std::int64_t>(n, 0),
                      std::vector<int>(n, 0)};
    for (std::size_t c = 0; c < n; ++c) {
        if (scenario_.contingents[c].self_funded) continue;
        const Headcount& count = arrivals.headcount(c);
        strength.officers[c] = count.in_theatre() + count.awaiting;
        strength.to_land[c] = arrivals.landed(c) - landed_billed_[c] + count.awaiting;
        strength.teams[c] = c < teams.size() ? teams[c] : 0;
    }
    return strength;
}

std::vector<Bill> FundingModel::projected_bills(const Strength& strength, int days) const {
    std::vector<Bill> bills;
    for (std::uint32_t c = 0; c < scenario_.contingents.size(); ++c) {
        const Contingent& contingent = scenario_.contingents[c];
        if (contingent.self_funded) continue;
        bills.push_back(contingent_bill(
            LedgerCategory::personnel, c,
            times(times(contingent.cost_per_officer_day, strength.officers[c]), days)));
        bills.push_back(
            contingent_bill(LedgerCategory::deployment, c,
                            times(contingent.deployment_cost_per_officer, strength.to_land[c])));
        bills.push_back(contingent_bill(LedgerCategory::operations, c,
                                        times(funding_.operating_cost_per_patrol_hour,
                                              std::int64_t{strength.teams[c]} * 24 * days)));
    }
    for (std::uint32_t f = 0; f < vehicles_.size(); ++f)
        bills.push_back(category_bill(
            LedgerCategory::vehicles, fleet_party0_ + f,
            times(times(scenario_.vehicles->fleets[f].cost_per_vehicle_day, vehicles_[f]), days)));
    bills.push_back(category_bill(LedgerCategory::overhead, mission_party_,
                                  times(funding_.overhead_per_day, days)));
    return bills;
}

bool FundingModel::covers(const Strength& strength, int days) const {
    std::vector<Bill> bills = projected_bills(strength, days);
    if (!in_kind_budgets_.empty()) {
        std::vector<InKindBudget> budgets = in_kind_budgets_;
        for (Bill& bill : bills) bill.amount = draw_in_kind(budgets, bill, [](std::uint32_t, Cents) {});
    }
    return ledger_.unpaid_if_paid(bills) == 0;
}

void FundingModel::review(Sim& sim, int day, ArrivalsModel& arrivals,
                          std::span<const int> uncut_teams) {
    if (day % funding_.review_days != 0) return;
    if (funding_.policy == ShortfallPolicy::defer_arrivals)
        release_waves(sim, arrivals, uncut_teams);
    const Strength strength = strength_now(arrivals, uncut_teams);
    shortfall_ = !covers(strength, funding_.review_days);
    switch (funding_.policy) {
    case ShortfallPolicy::none: break;
    case ShortfallPolicy::defer_arrivals: arrivals.set_hold(shortfall_); break;
    case ShortfallPolicy::reduce_operations:
        team_cap_ = shortfall_ ? std::optional(teams_covered(strength)) : std::nullopt;
        break;
    case ShortfallPolicy::withdraw:
        if (shortfall_) withdraw_last(arrivals);
        break;
    }
}

void FundingModel::release_waves(Sim& sim, ArrivalsModel& arrivals, std::span<const int> teams) {
    const std::vector<ArrivalsModel::HeldWave> held = arrivals.held_waves();
    Strength strength = strength_now(arrivals, teams);
    std::size_t released = 0;
    for (const ArrivalsModel::HeldWave& wave : held) {
        strength.officers[wave.contingent] += wave.officers;
        strength.to_land[wave.contingent] += wave.officers;
        if (!covers(strength, funding_.reserve_days)) break;
        ++released;
    }
    if (released > 0) arrivals.release_held(sim, released);
}

int FundingModel::teams_covered(const Strength& strength) const {
    // The largest n whose operating cost, shared as the roster would be,
    // the fund covers with everything else; covering is monotone in n.
    int low = 0, high = 0;
    for (int teams : strength.teams) high += teams;
    Strength trial = strength;
    auto fits = [&](int n) {
        trial.teams = share_teams(strength.teams, n);
        return covers(trial, funding_.review_days);
    };
    if (!fits(0)) return 0;
    while (low < high) {
        const int middle = low + (high - low + 1) / 2;
        if (fits(middle))
            low = middle;
        else
            high = middle - 1;
    }
    return low;
}

void FundingModel::withdraw_last(ArrivalsModel& arrivals) {
    std::optional<std::uint32_t> last;
    for (std::uint32_t c = 0; c < scenario_.contingents.size(); ++c) {
        if (scenario_.contingents[c].self_funded || arrivals.withdrawn(c) ||
            arrivals.headcount(c).in_theatre() == 0)
            continue;
        if (!last || arrivals.first_landing(c) >= arrivals.first_landing(*last)) last = c;
    }
    if (!last) return;
    arrivals.withdraw(*last);
    ++withdrawals_;
}

}  // namespace mmsim::detail
