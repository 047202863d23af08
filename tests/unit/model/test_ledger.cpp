#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "mmsim/error.hpp"
#include "mmsim/ledger.hpp"

using namespace mmsim;

namespace {

Bill bill(LedgerCategory category, std::uint32_t party, Cents amount,
          std::uint32_t earmark_a = Bill::kNoAccount, std::uint32_t earmark_b = Bill::kNoAccount) {
    return Bill{category, party, {earmark_a, earmark_b}, amount};
}

// The entries' running totals are consistent with their amounts.
void check_chain(const Ledger& ledger, Cents opening) {
    Cents balance = opening, arrears = 0;
    for (const LedgerEntry& e : ledger.record().entries) {
        balance += e.amount;
        if (e.category != LedgerCategory::receipt) arrears += e.billed + e.amount;
        CHECK(e.balance == balance);
        CHECK(e.arrears == arrears);
    }
}

}  // namespace

TEST_SUITE("ledger") {
    TEST_CASE("bills are paid from the pool, then by credit, then become arrears") {
        Ledger ledger(10'000, 5'000, true);
        const auto us = ledger.add_party("us");
        const auto kenya = ledger.add_party("kenya");
        ledger.pay(0, 24, bill(LedgerCategory::personnel, kenya, 8'000));
        CHECK(ledger.balance() == 2'000);
        ledger.pay(0, 24,
                   bill(LedgerCategory::personnel, kenya, 6'000));  // 2,000 + 4,000 of credit
        CHECK(ledger.balance() == -4'000);
        CHECK(ledger.arrears() == 0);
        ledger.pay(0, 24, bill(LedgerCategory::overhead, kenya, 3'000));  // 1,000 of credit left
        CHECK(ledger.balance() == -5'000);
        CHECK(ledger.arrears() == 2'000);
        ledger.close_day(0);

        // A receipt first settles the arrears (first come, first served).
        ledger.receive(1, 30, us, 0, 2'500);
        CHECK(ledger.arrears() == 0);
        CHECK(ledger.balance() == -4'500);
        ledger.close_day(1);
        CHECK(ledger.category_total(LedgerCategory::personnel) == 14'000);
        CHECK(ledger.category_total(LedgerCategory::overhead) == 3'000);
        CHECK(ledger.category_total(LedgerCategory::receipt) == 2'500);
        CHECK(ledger.party_total(us) == 2'500);
        CHECK(ledger.party_total(kenya) == 17'000);
        check_chain(ledger, 10'000);

        const auto& days = ledger.record().days;
        REQUIRE(days.size() == 2);
        CHECK(days[0].opening == 10'000);
        CHECK(days[0].payments == 15'000);
        CHECK(days[0].closing == -5'000);
        CHECK(days[0].arrears == 2'000);
        CHECK(days[1].opening == -5'000);
        CHECK(days[1].receipts == 2'500);
        CHECK(days[1].payments == 2'000);
        CHECK(days[1].closing == -4'500);
        CHECK(ledger_csv(ledger.record(), Date{0}) ==
              "date,category,party,account,billed,amount,balance,arrears\n"
              "1970-01-01,personnel,kenya,pool,80.00,-80.00,20.00,0.00\n"
              "1970-01-01,personnel,kenya,pool,60.00,-60.00,-40.00,0.00\n"
              "1970-01-01,overhead,kenya,pool,30.00,-10.00,-50.00,20.00\n"
              "1970-01-02,receipt,us,pool,0.00,25.00,-25.00,20.00\n"
              "1970-01-02,overhead,kenya,pool,0.00,-20.00,-45.00,0.00\n");
    }

    TEST_CASE("earmarked money pays only matching bills, before the pool") {
        Ledger ledger(0, 0, true);
        const auto donor = ledger.add_party("donor");
        const auto kenya = ledger.add_party("kenya");
        const auto jamaica = ledger.add_party("jamaica");
        const auto for_kenya = ledger.add_account("earmark:kenya");
        const auto for_vehicles = ledger.add_account("earmark:vehicles");
        ledger.receive(0, 0, donor, for_kenya, 1'000);
        ledger.receive(0, 0, donor, for_vehicles, 500);
        ledger.receive(0, 0, donor, 0, 300);
        CHECK(ledger.balance() == 1'800);

        ledger.pay(0, 24,
                   bill(LedgerCategory::personnel, jamaica, 400));  // pool only: 300, 100 owed
        CHECK(ledger.account_balance(0) == 0);
        CHECK(ledger.arrears() == 100);
        ledger.pay(0, 24, bill(LedgerCategory::personnel, kenya, 700, for_kenya));
        CHECK(ledger.account_balance(for_kenya) == 300);
        ledger.pay(0, 24, bill(LedgerCategory::vehicles, kenya, 600, for_kenya, for_vehicles));
        CHECK(ledger.account_balance(for_kenya) == 0);
        CHECK(ledger.account_balance(for_vehicles) == 200);
        CHECK(ledger.arrears() == 100);  // jamaica's bill cannot touch earmarked money
        // A bill drawn on two accounts books one entry per account; the first carries the bill.
        const auto& entries = ledger.record().entries;
        REQUIRE(entries.size() >= 2);
        CHECK(entries[entries.size() - 2].billed == 600);
        CHECK(entries[entries.size() - 2].account == for_kenya);
        CHECK(entries.back().billed == 0);
        CHECK(entries.back().account == for_vehicles);
        ledger.close_day(0);
        check_chain(ledger, 0);
    }

    TEST_CASE("a projection pays nothing") {
        Ledger ledger(1'000, 0, true);
        const auto party = ledger.add_party("mission");
        ledger.pay(0, 24, bill(LedgerCategory::overhead, party, 1'500));
        const std::vector<Bill> next = {bill(LedgerCategory::overhead, party, 700)};
        CHECK(ledger.unpaid_if_paid(next) == 500 + 700);
        CHECK(ledger.unpaid_if_paid({}) == 500);
        CHECK(ledger.arrears() == 500);
        CHECK(ledger.balance() == 0);
        ledger.receive(0, 1, party, 0, 1'200);
        CHECK(ledger.unpaid_if_paid(next) == 0);
        CHECK(ledger.balance() == 700);
    }

    TEST_CASE("a zero bill books nothing, an unpaid one books its bill") {
        Ledger ledger(0, 0, true);
        const auto party = ledger.add_party("mission");
        ledger.pay(0, 24, bill(LedgerCategory::overhead, party, 0));
        CHECK(ledger.record().entries.empty());
        ledger.pay(0, 24, bill(LedgerCategory::overhead, party, 250));
        REQUIRE(ledger.record().entries.size() == 1);
        CHECK(ledger.record().entries[0].billed == 250);
        CHECK(ledger.record().entries[0].amount == 0);
        CHECK(ledger.record().entries[0].arrears == 250);
    }

    TEST_CASE("without kept entries the daily totals are the same") {
        Ledger kept(100, 0, true), totals(100, 0, false);
        for (Ledger* ledger : {&kept, &totals}) {
            const auto party = ledger->add_party("x");
            ledger->receive(0, 1, party, 0, 50);
            ledger->pay(0, 24, bill(LedgerCategory::operations, party, 120));
            ledger->close_day(0);
        }
        CHECK(totals.record().entries.empty());
        CHECK(totals.record().days.size() == 1);
        CHECK(totals.record().days[0].closing == kept.record().days[0].closing);
        CHECK(totals.balance() == 30);
    }
}
