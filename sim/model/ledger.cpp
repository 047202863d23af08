#include "mmsim/ledger.hpp"

#include <algorithm>
#include <cassert>

#include "mmsim/error.hpp"

namespace mmsim {
namespace {

Cents add(Cents a, Cents b) { return money_add(a, b); }

}  // namespace

Ledger::Ledger(Cents opening, Cents credit_line, bool keep_entries)
    : credit_line_(credit_line), keep_entries_(keep_entries) {
    assert(opening >= 0 && credit_line >= 0);
    accounts_.push_back(opening);
    balance_ = opening;
    day_opening_ = opening;
    record_.accounts.push_back("pool");
}

std::uint32_t Ledger::add_party(std::string name) {
    record_.parties.push_back(std::move(name));
    party_totals_.push_back(0);
    arrears_by_party_.push_back(0);
    return static_cast<std::uint32_t>(record_.parties.size() - 1);
}

std::uint32_t Ledger::add_account(std::string name) {
    record_.accounts.push_back(std::move(name));
    accounts_.push_back(0);
    return static_cast<std::uint32_t>(accounts_.size() - 1);
}

template <class Book>
Cents Ledger::draw(std::vector<Cents>& accounts, Cents credit_line, const Bill& bill, Book&& book) {
    Cents owed = bill.amount;
    for (std::uint32_t account : bill.earmarks) {
        if (account == Bill::kNoAccount || owed == 0) continue;
        const Cents taken = std::min(owed, accounts[account]);
        if (taken <= 0) continue;
        accounts[account] -= taken;
        owed -= taken;
        book(account, taken);
    }
    // The pool may be overdrawn down to -credit_line. pool >= -credit_line
    // always holds, so the room is never negative.
    const Cents room = add(accounts[0], credit_line);
    const Cents taken = std::min(owed, room);
    if (taken > 0) {
        accounts[0] -= taken;
        owed -= taken;
        book(0, taken);
    }
    return owed;
}

void Ledger::book(int day, Hours time, LedgerCategory category, std::uint32_t party,
                  std::uint32_t account, Cents billed, Cents amount) {
    balance_ = add(balance_, amount);
    const Cents magnitude = amount < 0 ? -amount : amount;
    Cents& by_category = category_totals_[static_cast<std::size_t>(category)];
    by_category = add(by_category, magnitude);
    party_totals_[party] = add(party_totals_[party], magnitude);
    if (amount > 0)
        day_receipts_ = add(day_receipts_, amount);
    else
        day_payments_ = add(day_payments_, -amount);
    if (keep_entries_)
        record_.entries.push_back(LedgerEntry{day, time, category, party, account, billed, amount,
                                              balance_, arrears_total_});
}

void Ledger::receive(int day, Hours time, std::uint32_t party, std::uint32_t account,
                     Cents amount) {
    assert(amount >= 0 && account < accounts_.size());
    if (amount == 0) return;
    accounts_[account] = add(accounts_[account], amount);
    book(day, time, LedgerCategory::receipt, party, account, 0, amount);
    settle_arrears(day, time);
}

void Ledger::pay(int day, Hours time, const Bill& bill) {
    assert(bill.amount >= 0);
    if (bill.amount == 0) return;
    // The bill counts as owed first, so that each entry's arrears column is
    // the debt still open after that entry.
    arrears_total_ = add(arrears_total_, bill.amount);
    Cents billed = bill.amount;
    bool booked = false;
    const Cents unpaid =
        draw(accounts_, credit_line_, bill, [&](std::uint32_t account, Cents taken) {
            arrears_total_ -= taken;
            book(day, time, bill.category, bill.party, account, billed, -taken);
            billed = 0;
            booked = true;
        });
    if (!booked) book(day, time, bill.category, bill.party, 0, billed, 0);
    if (unpaid > 0) {
        Debt debt{bill};
        debt.bill.amount = unpaid;
        arrears_.push_back(debt);
        owe(bill, unpaid);
    }
}

void Ledger::owe(const Bill& bill, Cents change) {
    Cents& by_category = arrears_by_category_[static_cast<std::size_t>(bill.category)];
    by_category = add(by_category, change);
    arrears_by_party_[bill.party] = add(arrears_by_party_[bill.party], change);
}

void Ledger::settle_arrears(int day, Hours time) {
    for (auto it = arrears_.begin(); it != arrears_.end();) {
        Bill& owed = it->bill;
        const Cents unpaid =
            draw(accounts_, credit_line_, owed, [&](std::uint32_t account, Cents taken) {
                arrears_total_ -= taken;
                book(day, time, owed.category, owed.party, account, 0, -taken);
            });
        owe(owed, unpaid - owed.amount);
        owed.amount = unpaid;
        it = unpaid == 0 ? arrears_.erase(it) : std::next(it);
    }
}

Cents Ledger::unpaid_if_paid(std::span<const Bill> bills) const {
    std::vector<Cents> accounts = accounts_;
    Cents unpaid = 0;
    auto ignore = [](std::uint32_t, Cents) {};
    for (const Debt& debt : arrears_)
        unpaid = add(unpaid, draw(accounts, credit_line_, debt.bill, ignore));
    for (const Bill& bill : bills) unpaid = add(unpaid, draw(accounts, credit_line_, bill, ignore));
    return unpaid;
}

void Ledger::close_day(int day) {
    Cents sum = 0;
    for (Cents account : accounts_) sum = add(sum, account);
    const Cents expected = add(add(day_opening_, day_receipts_), -day_payments_);
    if (sum != balance_ || expected != balance_ || accounts_[0] < -credit_line_)
        throw Error("internal error: the ledger does not balance on day " + std::to_string(day) +
                    " (opening " + format_money(day_opening_) + ", receipts " +
                    format_money(day_receipts_) + ", payments " + format_money(day_payments_) +
                    ", closing " + format_money(balance_) + ")");
    Cents owed = 0;
    for (Cents by_category : arrears_by_category_) owed = add(owed, by_category);
    if (owed != arrears_total_)
        throw Error("internal error: the arrears by category do not add up on day " +
                    std::to_string(day));
    record_.days.push_back(
        LedgerDay{day, day_opening_, day_receipts_, day_payments_, balance_, arrears_total_});
    day_opening_ = balance_;
    day_receipts_ = day_payments_ = 0;
}

std::string ledger_csv(const LedgerRecord& record, Date start) {
    std::string out = "date,category,party,account,billed,amount,balance,arrears\n";
    for (const LedgerEntry& e : record.entries) {
        out += format_date(add_days(start, e.day)) + ',' + to_string(e.category) + ',' +
               record.parties[e.party] + ',' + record.accounts[e.account] + ',' +
               format_money(e.billed) + ',' + format_money(e.amount) + ',' +
               format_money(e.balance) + ',' + format_money(e.arrears) + '\n';
    }
    return out;
}

}  // namespace mmsim
