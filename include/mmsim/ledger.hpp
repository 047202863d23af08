#pragma once
// The mission fund's ledger: one pool of money in integer cents, with
// earmarked accounts beside it, every movement a dated, categorised entry.
//
// Accounts. Account 0 is the pool. Earmarked accounts (money a donor gave for
// one contingent or one cost category) hold receipts that only matching bills
// may use. The fund's balance is the sum of all accounts.
//
// Paying a bill. A bill lists up to two earmarked accounts it may draw on
// (its contingent's, then its category's). It takes what it can from them in
// that order, never below zero, then from the pool, which may go down to
// -credit_line and no further. What is still unpaid becomes arrears: a debt
// (owed to a contributing country, a supplier) kept in first-come order and
// settled, with the same rule, as soon as a receipt lets it.
//
// Conservation. At every day boundary, opening balance + receipts - payments
// = closing balance, to the cent; close_day() checks it, and the per-day
// totals are kept so tests can check it again. Nothing here is a double.

#include <array>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include "mmsim/funding.hpp"
#include "mmsim/money.hpp"
#include "mmsim/time.hpp"

namespace mmsim {

/// What an entry is for. Every category but `receipt` is a cost.

/// One movement of money. Amounts are cents; `amount` is signed (+ money in,
/// - money out) and `balance`/`arrears` are the fund's totals after it.
struct LedgerEntry {
    int day = 0;     ///< 0-based simulated day the entry belongs to
    Hours time = 0;  ///< hours from the start when it was booked
    LedgerCategory category = LedgerCategory::receipt;
    std::uint32_t party = 0;    ///< index into LedgerRecord::parties
    std::uint32_t account = 0;  ///< index into LedgerRecord::accounts
    Cents billed = 0;           ///< a new bill's full amount (on its first entry; 0 otherwise)
    Cents amount = 0;           ///< signed change of the balance
    Cents balance = 0;          ///< the fund's balance after the entry
    Cents arrears = 0;          ///< bills still unpaid after the entry
};

/// Money movements of one day.
struct LedgerDay {
    int day = 0;
    Cents opening = 0;   ///< balance at 00:00
    Cents receipts = 0;  ///< paid in during the day (>= 0)
    Cents payments = 0;  ///< paid out during the day (>= 0)
    Cents closing = 0;   ///< balance at 24:00 = opening + receipts - payments
    Cents arrears = 0;   ///< unpaid bills at 24:00
};

/// What a run's ledger leaves behind.
struct LedgerRecord {
    std::vector<std::string> parties;   ///< sources, contingents, fleets, "mission"
    std::vector<std::string> accounts;  ///< "pool", then "earmark:<id or category>"
    std::vector<LedgerEntry> entries;   ///< in booking order (empty if not kept)
    std::vector<LedgerDay> days;        ///< one per closed day
};

/// A bill to pay: its category, party, the earmarked accounts it may use
/// (kNoAccount when none) and its amount (>= 0).
struct Bill {
    static constexpr std::uint32_t kNoAccount = ~std::uint32_t{0};
    LedgerCategory category = LedgerCategory::overhead;
    std::uint32_t party = 0;
    std::array<std::uint32_t, 2> earmarks{kNoAccount, kNoAccount};
    Cents amount = 0;
};

/// ledger.csv: one row per entry, in booking order:
/// date,category,party,account,billed,amount,balance,arrears (money with 2
/// decimals, printed from the cents). `start` is the date of day 0.
std::string ledger_csv(const LedgerRecord& record, Date start);

class Ledger {
public:
    /// A fund holding `opening` (>= 0) in its pool, allowed to overdraw the
    /// pool by `credit_line` (>= 0). With `keep_entries` false only the daily
    /// totals are kept (the balance and checks are the same).
    Ledger(Cents opening, Cents credit_line, bool keep_entries);

    /// Registers a party (shown in entries); returns its index.
    std::uint32_t add_party(std::string name);
    /// Registers an earmarked account, initially empty; returns its index.
    std::uint32_t add_account(std::string name);

    /// Pays `amount` (>= 0) into `account` at `time` (day `day`), then settles
    /// what arrears it can.
    void receive(int day, Hours time, std::uint32_t party, std::uint32_t account, Cents amount);
    /// Pays a bill as far as the rules allow (see above); the rest becomes
    /// arrears. A bill of 0 books nothing.
    void pay(int day, Hours time, const Bill& bill);
    /// What paying the arrears and then `bills` in order would leave unpaid
    /// now (0 = the fund covers them all). Changes nothing.
    Cents unpaid_if_paid(std::span<const Bill> bills) const;

    /// Ends day `day`: checks conservation and keeps the day's totals.
    /// Throws Error if the books do not balance (a bug, never bad input).
    void close_day(int day);

    Cents balance() const { return balance_; }
    Cents arrears() const { return arrears_total_; }
    /// Bills of `category` still unpaid (>= 0).
    Cents arrears_of(LedgerCategory category) const {
        return arrears_by_category_[static_cast<std::size_t>(category)];
    }
    /// Bills still unpaid to `party` (>= 0; a contingent's country, a supplier).
    Cents arrears_to(std::uint32_t party) const { return arrears_by_party_[party]; }
    Cents credit_line() const { return credit_line_; }
    /// Balance of one account.
    Cents account_balance(std::uint32_t account) const { return accounts_[account]; }
    /// Paid out so far for `category` (>= 0; received so far for `receipt`).
    Cents category_total(LedgerCategory category) const {
        return category_totals_[static_cast<std::size_t>(category)];
    }
    /// Received from (a source) or paid to (any other party) so far, >= 0.
    Cents party_total(std::uint32_t party) const { return party_totals_[party]; }
    const LedgerRecord& record() const { return record_; }
    LedgerRecord take_record() { return std::move(record_); }

private:
    struct Debt {
        Bill bill;  ///< amount = what is still owed
    };
    // Takes what the rules allow from `accounts` for `bill`; calls
    // book(account, taken) for each account drawn on; returns the unpaid rest.
    template <class Book>
    static Cents draw(std::vector<Cents>& accounts, Cents credit_line, const Bill& bill,
                      Book&& book);
    void book(int day, Hours time, LedgerCategory category, std::uint32_t party,
              std::uint32_t account, Cents billed, Cents amount);
    void settle_arrears(int day, Hours time);
    void owe(const Bill& bill, Cents change);

    Cents credit_line_;
    bool keep_entries_;
    std::vector<Cents> accounts_;
    Cents balance_ = 0;
    Cents arrears_total_ = 0;
    std::deque<Debt> arrears_;
    std::array<Cents, kLedgerCategories> category_totals_{};
    std::vector<Cents> party_totals_;
    std::array<Cents, kLedgerCategories> arrears_by_category_{};
    std::vector<Cents> arrears_by_party_;
    Cents day_opening_ = 0, day_receipts_ = 0, day_payments_ = 0;
    LedgerRecord record_;
};

}  // namespace mmsim
