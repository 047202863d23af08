#pragma once
// Internal: the mission fund over a run — pledges paid (or not) into the
// ledger, the daily bills, and the periodic reviews that apply the scenario's
// shortfall policy. The rules, in the order they happen:
//
// Payments. Every instalment of every pledge (sources in scenario order,
// pledges and instalments in order) draws, from Rng(seed, replication,
// Purpose::pledges), whether it is paid (probability) and then its lag. A
// paid instalment arrives at due + lag, moved to the end of any freeze of its
// source it falls in; one falling before the start arrives at the start, one
// at or after the horizon never. Earmarked money goes to its earmark's
// account. Support in kind (form in_kind) never enters the ledger: it arrives
// the same way into an in-kind budget of its source and earmark.
//
// Bills, at the end of each day, for contingents that are not self-funded:
// personnel (officers in theatre at day end x cost_per_officer_day),
// deployment (officers landed that day x deployment_cost_per_officer),
// operations (the contingent's team-hours on the roster that day x
// operating_cost_per_patrol_hour, rounded to the cent); then vehicle upkeep
// per fleet (vehicles delivered x cost_per_vehicle_day) and overhead.
// Vehicle purchases the fund pays are billed on the delivery day.
// Each bill is first paid in kind as far as the in-kind budgets that arrived
// allow (those earmarked for its contingent, then for its category; sources
// in scenario order); the fund's ledger gets the rest. In-kind support never
// pays arrears: a donor's contract covers work as it is done, not the fund's
// old debts.
//
// Reviews, at 00:00 of day 0 and every review_days after. A projection asks
// whether the fund (with its credit line) and the in-kind budgets at hand
// could pay the arrears and the bills of D days at a given strength: officers in theatre or due to land (awaiting
// transport), the teams fielded at the last shift start before any money cut,
// the vehicles delivered, overhead, and the deployment cost of officers not
// yet landed. The review finds a shortfall when it could not for D =
// review_days; then, by policy:
//   defer_arrivals: first, held waves are released in order while the fund
//     covers reserve_days at the strength with them plus their deployment;
//     then, in shortfall, new waves are held until a review releases them;
//   reduce_operations: in shortfall, fund-drawn teams are capped at the most
//     whose operating cost the fund covers over review_days besides the
//     other bills (0 if none); otherwise no cap;
//   withdraw: in shortfall, the fund-drawn contingent with officers in
//     theatre that landed last (ties: the later in the scenario) withdraws.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "model/arrivals.hpp"
#include "mmsim/engine.hpp"
#include "mmsim/ledger.hpp"
#include "mmsim/rng.hpp"
#include "mmsim/scenario.hpp"
#include "model/events.hpp"

namespace mmsim::detail {

/// Shares `total` teams among contingents wanting `wanted[c]` each by the
/// highest-averages (D'Hondt) rule: one at a time to the contingent with the
/// largest wanted / (given + 1) among those not yet satisfied, ties to the
/// lower index. Never gives a contingent more than it wants.
std::vector<int> share_teams(std::span<const int> wanted, int total);

class FundingModel {
public:
    /// Draws the payment schedule. Preconditions: scenario.funding is set.
    FundingModel(const Scenario& scenario, int replication, bool keep_entries);

    /// Receives the payments due at or before now; schedules the others.
    void start(Sim& sim);
    /// A pledge_payment event.
    void on_payment(Sim& sim, std::uint32_t payment);
    /// Bills a vehicle purchase the fund pays (fleet index, amount).
    void bill_purchase(int day, Hours now, std::uint32_t fleet, Cents amount);
    /// Records vehicles given by `source` in kind (outside the ledger).
    void note_in_kind(std::uint32_t source, Cents amount);
    /// Records vehicles in service now (for upkeep bills and projections).
    void set_vehicles(std::span<const std::int64_t> delivered_by_fleet);

    /// The roster changed now: teams per contingent on duty from now on, and
    /// teams not fielded for want of money.
    void set_roster(Hours now, std::span<const int> teams, int cut_teams);
    /// The review due at 00:00 of `day` (call every day; it acts only on
    /// review days). `uncut_teams`: teams per contingent at the last shift
    /// start before the money cut.
    void review(Sim& sim, int day, ArrivalsModel& arrivals, std::span<const int> uncut_teams);
    /// Fund-drawn teams the money allows now; nullopt = no cap.
    std::optional<int> team_cap() const { return team_cap_; }

    /// Day `day` ends now: books its bills, closes the ledger's day, adds
    /// `covered_patrol_h` (team-hours of patrol within demand that day).
    void on_day_end(Sim& sim, int day, const ArrivalsModel& arrivals, double covered_patrol_h);
    /// Metrics, daily series and the ledger. `answered_incidents`: over the
    /// whole horizon, like the costs (NaN without a theatre).
    void finish(Sim& sim, ReplicationResult& result, double answered_incidents);

private:
    static constexpr std::uint32_t kCash = ~std::uint32_t{0};
    struct Payment {
        std::uint32_t source;
        std::uint32_t account;  ///< the ledger account (cash)
        std::uint32_t in_kind;  ///< the in-kind budget, or kCash
        Cents amount;
        Hours time;
    };
    /// Support in kind that has arrived and not yet paid a bill, one per
    /// (source, earmark) of the in-kind pledges.
    struct InKindBudget {
        std::uint32_t source;
        Earmark earmark;
        Cents left = 0;
    };
    struct Strength {
        std::vector<std::int64_t> officers;  ///< per contingent
        std::vector<std::int64_t> to_land;   ///< officers not yet billed for deployment
        std::vector<int> teams;              ///< per contingent
    };

    void schedule_payments();
    void receive(Sim& sim, const Payment& payment);
    Bill contingent_bill(LedgerCategory category, std::uint32_t contingent, Cents amount) const;
    Bill category_bill(LedgerCategory category, std::uint32_t party, Cents amount) const;
    std::uint32_t in_kind_budget(std::uint32_t source, const Earmark& earmark);
    /// Takes what `budgets` can pay of `bill` (see above), calling
    /// use(budget index, amount) for each; returns what is left for the fund.
    template <class Use>
    Cents draw_in_kind(std::vector<InKindBudget>& budgets, const Bill& bill, Use&& use) const;
    /// Pays `bill`: in kind first, then through the ledger.
    void pay(int day, Hours now, Bill bill);
    /// The bills of `days` days at `strength`, plus deployment of `to_land`.
    std::vector<Bill> projected_bills(const Strength& strength, int days) const;
    Strength strength_now(const ArrivalsModel& arrivals, std::span<const int> teams) const;
    bool covers(const Strength& strength, int days) const;
    void release_waves(Sim& sim, ArrivalsModel& arrivals, std::span<const int> teams);
    void withdraw_last(ArrivalsModel& arrivals);
    int teams_covered(const Strength& strength) const;
    void advance(Hours now);

    const Scenario& scenario_;
    const Funding& funding_;
    Rng rng_;
    Ledger ledger_;
    std::vector<Payment> payments_;
    std::vector<InKindBudget> in_kind_budgets_;
    std::uint32_t contingent_party0_ = 0, fleet_party0_ = 0, mission_party_ = 0;
    std::vector<std::uint32_t> contingent_account_;  ///< per contingent; Bill::kNoAccount if none
    std::array<std::uint32_t, kLedgerCategories> category_account_{};
    std::vector<std::int64_t> vehicles_;       ///< delivered per fleet
    std::vector<std::int64_t> landed_billed_;  ///< officers billed for deployment, per contingent

    // Policy state.
    bool shortfall_ = false;
    std::optional<int> team_cap_;
    int withdrawals_ = 0;

    // The roster, integrated for operations bills and metrics.
    Hours last_h_ = 0;
    std::vector<int> teams_;
    std::vector<double> day_team_h_;
    int cut_teams_ = 0;
    double cut_team_h_ = 0, day_cut_team_h_ = 0;
    double covered_patrol_h_ = 0;

    // Totals (cents) and daily series (currency units).
    std::vector<Cents> pledged_, in_kind_;  ///< per source; in_kind_: vehicles and bills paid in kind
    std::array<Cents, kLedgerCategories> paid_in_kind_{};  ///< per cost category
    Cents in_kind_arrived_ = 0;
    Cents personnel_arrears_max_ = 0;
    int days_personnel_unpaid_ = 0;
    Cents balance_min_ = 0;
    int shortfall_days_ = 0, days_below_zero_ = 0, days_in_arrears_ = 0;
    Cents arrears_max_ = 0;
    Cents cumulative_receipts_ = 0, cumulative_payments_ = 0;
    Cents last_day_running_ = 0;  ///< the last day's recurring bills
    enum Daily : std::size_t {
        d_balance,
        d_receipts,
        d_payments,
        d_arrears,
        d_shortfall,
        d_cut,
        d_personnel_arrears,
        d_in_kind,
        d_count
    };
    std::array<std::vector<double>, d_count> daily_;
    std::vector<std::vector<double>> daily_received_;  ///< cumulative, per source
    std::vector<std::vector<double>> daily_spent_;     ///< cumulative, per cost category
};

}  // namespace mmsim::detail
