#pragma once
// Funding (YAML: funding): the sources that pledge money, when and how
// reliably they pay, the mission's costs, and what the fund does when it runs
// short. During a run every movement goes through the ledger (ledger.hpp), in
// integer cents; the figures are the `funding.*` metrics.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "mmsim/distribution.hpp"
#include "mmsim/enum_names.hpp"
#include "mmsim/error.hpp"
#include "mmsim/ids.hpp"
#include "mmsim/money.hpp"
#include "mmsim/time.hpp"

namespace mmsim {

/// What a ledger entry is for: money in, or a category of cost.
enum class LedgerCategory : std::uint8_t {
    receipt,     ///< money paid in by a source
    personnel,   ///< officers in theatre, per officer-day
    deployment,  ///< one-time cost per officer landed (airlift, kit)
    overhead,    ///< fixed daily cost of the mission (bases, fuel, ...)
    operations,  ///< per team-hour on duty
    vehicles,    ///< vehicle purchases (paid by the fund) and upkeep
};
inline constexpr std::size_t kLedgerCategories = 6;
/// The cost categories, in report order.
inline constexpr LedgerCategory kCostCategories[] = {
    LedgerCategory::personnel, LedgerCategory::deployment, LedgerCategory::overhead,
    LedgerCategory::operations, LedgerCategory::vehicles};

inline constexpr EnumName<LedgerCategory> kLedgerCategoryNames[] = {
    {LedgerCategory::receipt, "receipt"},       {LedgerCategory::personnel, "personnel"},
    {LedgerCategory::deployment, "deployment"}, {LedgerCategory::overhead, "overhead"},
    {LedgerCategory::operations, "operations"}, {LedgerCategory::vehicles, "vehicles"}};
constexpr std::span<const EnumName<LedgerCategory>> enum_names(LedgerCategory) {
    return kLedgerCategoryNames;
}
/// "receipt", "personnel", ...
inline const char* to_string(LedgerCategory category) { return enum_name(category).data(); }

/// What a pledge's money may pay for (YAML: pledges[i].earmark).
struct Earmark {
    enum class Kind { none, contingent, category };
    Kind kind = Kind::none;
    ContingentId contingent;                                ///< kind contingent
    LedgerCategory category = LedgerCategory::personnel;   ///< kind category (a cost category)
};

/// How a pledge arrives (YAML: pledges[i].form).
enum class PledgeForm : std::uint8_t {
    cash,     ///< paid into the fund: its balance, usable as its earmark allows
    in_kind,  ///< goods and services a donor pays for directly (contracts,
              ///< airlift, bases): never in the fund's balance; it pays the
              ///< bills of its earmark as they fall due, up to what has arrived
};
inline constexpr EnumName<PledgeForm> kPledgeFormNames[] = {{PledgeForm::cash, "cash"},
                                                            {PledgeForm::in_kind, "in_kind"}};
constexpr std::span<const EnumName<PledgeForm>> enum_names(PledgeForm) { return kPledgeFormNames; }

/// A promise of money (YAML: funding.sources.<id>.pledges[i]). Instalment k
/// (0-based) is due at date + k * interval and paid, with `probability`,
/// `lag` later; the amount is split into equal instalments in whole cents,
/// the first ones taking the odd cents, and a paid instalment brings
/// `paid_share` of its amount (rounded to the cent).
struct Pledge {
    Date date;                                  ///< first instalment due (may precede the start)
    Cents amount = 0;                           ///< total of all instalments, >= 0
    Distribution lag = Distribution::fixed(0);  ///< hours from due date to payment, drawn per instalment
    double probability = 1;                     ///< each instalment is paid with this probability, [0, 1]
    double paid_share = 1;                      ///< share of a paid instalment that arrives, [0, 1]
    int instalments = 1;                        ///< >= 1
    Hours interval = 0;                         ///< between due dates; > 0 when instalments > 1
    Earmark earmark;                            ///< required when form is in_kind
    PledgeForm form = PledgeForm::cash;
    SourcePos pos;
};

/// A period in which a source pays nothing (YAML: sources.<id>.freezes[i]):
/// a payment falling in [from, to) is made at `to` instead.
struct Freeze {
    Hours from = 0;  ///< 00:00 of the first frozen day
    Hours to = 0;    ///< 00:00 of the day payments resume (> from)
    std::string reason;
};

/// A government or fund that pledges money (YAML: funding.sources.<id>).
struct FundingSource {
    std::string id;
    std::string name;
    std::vector<Pledge> pledges;
    std::vector<Freeze> freezes;
    SourcePos pos;
};

/// What the fund does when it cannot cover the next review period.
enum class ShortfallPolicy { none, defer_arrivals, reduce_operations, withdraw };
inline constexpr EnumName<ShortfallPolicy> kShortfallPolicyNames[] = {
    {ShortfallPolicy::none, "none"},
    {ShortfallPolicy::defer_arrivals, "defer_arrivals"},
    {ShortfallPolicy::reduce_operations, "reduce_operations"},
    {ShortfallPolicy::withdraw, "withdraw"}};
constexpr std::span<const EnumName<ShortfallPolicy>> enum_names(ShortfallPolicy) {
    return kShortfallPolicyNames;
}

/// The pooled mission fund (YAML: funding). Absent: money is unlimited and
/// no ledger is kept.
struct Funding {
    Cents opening_balance = 0;
    int review_days = 30;           ///< days between reviews (>= 1); the first is at the start
    ShortfallPolicy policy = ShortfallPolicy::none;
    int reserve_days = 30;          ///< defer_arrivals: days of burn held waves must leave covered
    Cents credit_line = 0;          ///< how far the pool may be overdrawn, >= 0
    Cents overhead_per_day = 0;     ///< fixed daily cost (bases, fuel, ...)
    Cents operating_cost_per_patrol_hour = 0;  ///< per team-hour on duty
    std::vector<FundingSource> sources;
};

}  // namespace mmsim
