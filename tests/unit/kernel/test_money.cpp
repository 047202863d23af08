#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <type_traits>

#include "mmsim/error.hpp"
#include "mmsim/ledger.hpp"
#include "mmsim/money.hpp"

using namespace mmsim;

// No floating-point money anywhere in the ledger: every amount is int64 cents.
static_assert(std::is_same_v<Cents, std::int64_t>);
static_assert(std::is_same_v<decltype(LedgerEntry::amount), std::int64_t>);
static_assert(std::is_same_v<decltype(LedgerEntry::billed), std::int64_t>);
static_assert(std::is_same_v<decltype(LedgerEntry::balance), std::int64_t>);
static_assert(std::is_same_v<decltype(LedgerEntry::arrears), std::int64_t>);
static_assert(std::is_same_v<decltype(LedgerDay::closing), std::int64_t>);
static_assert(std::is_same_v<decltype(Bill::amount), std::int64_t>);

TEST_SUITE("money") {
    TEST_CASE("amounts are parsed to the cent exactly from their text") {
        auto cents = [](const char* text) { return parse_money(text).cents; };
        CHECK(cents("0") == 0);
        CHECK(cents("300000000") == 30'000'000'000);
        CHECK(cents("1500.50") == 150'050);
        CHECK(cents("1500.5") == 150'050);
        CHECK(cents("0.07") == 7);
        CHECK(cents(".25") == 25);
        CHECK(cents("12.") == 1'200);
        CHECK(cents("+2") == 200);
        CHECK(cents("-0") == 0);
        // Exponents are applied to the digits, never through a double:
        // 0.1 + 0.2 style errors cannot happen.
        CHECK(cents("300e6") == 30'000'000'000);
        CHECK(cents("13.3e6") == 1'330'000'000);
        CHECK(cents("25.3E6") == 2'530'000'000);
        CHECK(cents("1.234e2") == 12'340);
        CHECK(cents("5e-2") == 5);
        CHECK(cents("0e999") == 0);
        CHECK(cents("1e12") == kMaxScenarioCents);
        CHECK(cents("0.10000") == 10);  // trailing zeros are not extra precision
    }

    TEST_CASE("what is not an exact amount says why") {
        auto problem = [](const char* text) { return parse_money(text).problem; };
        CHECK(problem("1.005") == MoneyProblem::too_precise);
        CHECK(problem("1e-3") == MoneyProblem::too_precise);
        CHECK(problem("0.0001e1") == MoneyProblem::too_precise);
        CHECK(parse_money("0.001e1").cents == 1);
        CHECK(problem("-5") == MoneyProblem::negative);
        CHECK(problem("-0.01") == MoneyProblem::negative);
        CHECK(problem("1000000000000.01") == MoneyProblem::too_large);
        CHECK(problem("1e13") == MoneyProblem::too_large);
        CHECK(problem("99999999999999999999999999") == MoneyProblem::too_large);
        CHECK(problem("1e999999999") == MoneyProblem::too_large);
        for (const char* text : {"", ".", "e5", "1e", "1e+", "12 USD", "1,000", "0x10", "1_000",
                                 "nan", ".inf", "--1", "-", "1.2.3"}) {
            CAPTURE(text);
            CHECK(problem(text) == MoneyProblem::not_a_number);
            CHECK_FALSE(parse_money(text).cents);
        }
    }

    TEST_CASE("amounts print from the integers with exactly two decimals") {
        CHECK(format_money(0) == "0.00");
        CHECK(format_money(5) == "0.05");
        CHECK(format_money(150'050) == "1500.50");
        CHECK(format_money(-7) == "-0.07");
        CHECK(format_money(-123'456) == "-1234.56");
        CHECK(format_money(std::numeric_limits<Cents>::min()) == "-92233720368547758.08");
        CHECK(format_money(std::numeric_limits<Cents>::max()) == "92233720368547758.07");
        CHECK(to_units(150'050) == 1500.5);
        CHECK(to_units(-150) == -1.5);
    }

    TEST_CASE("arithmetic refuses to overflow") {
        const Cents max = std::numeric_limits<Cents>::max();
        CHECK(checked_add(max, 1) == std::nullopt);
        CHECK(checked_add(max - 1, 1) == max);
        CHECK(checked_mul(max / 2 + 1, 2) == std::nullopt);
        CHECK(checked_mul(kMaxScenarioCents, 10'000) == 1'000'000'000'000'000'000);
        CHECK_THROWS_WITH_AS(money_mul(kMaxScenarioCents, 1'000'000),
                             "funding: an amount exceeds the ledger's range (about ±92 trillion in "
                             "the scenario's currency); check the scenario's amounts",
                             Error);
        CHECK(cents_for(5'000, 2.5) == 12'500);
        CHECK(cents_for(1, 0.5) == 1);  // halves round away from zero
        CHECK(cents_for(1, 0.49) == 0);
        CHECK(cents_for(max, 2.0) == std::nullopt);
    }
}
