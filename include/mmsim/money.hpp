#pragma once
// Money in mmsim: integer cents of the scenario's currency, never floating
// point. Amounts are parsed from the scenario's text digit by digit, summed and
// multiplied with overflow checks, and printed back from the integers, so a
// ledger adds up to the cent on every platform.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mmsim {

/// An amount of money in cents (1/100 of the scenario's currency unit).
using Cents = std::int64_t;

/// Largest amount a scenario may write: 10^12 currency units (10^14 cents),
/// like any plain number. Sums of many such amounts still fit an int64.
inline constexpr Cents kMaxScenarioCents = 100'000'000'000'000;

/// Why a text is not an amount of money.
enum class MoneyProblem {
    none,
    not_a_number,  ///< not digits with an optional '.', fraction and exponent
    negative,      ///< starts with '-'
    too_precise,   ///< more than 2 decimals after the exponent is applied
    too_large,     ///< more than kMaxScenarioCents
};

struct ParsedMoney {
    std::optional<Cents> cents;
    MoneyProblem problem = MoneyProblem::none;
};

/// Parses a non-negative decimal amount exactly: "300000000", "1500.50",
/// "13.3e6", "+2". Digits, an optional fraction, an optional exponent
/// (e/E, signed). The value must be a whole number of cents.
ParsedMoney parse_money(std::string_view text);

/// "1234.50", "-0.05": the amount in currency units with exactly 2 decimals.
std::string format_money(Cents cents);

/// The amount in currency units as a double, for reports only (metrics are
/// doubles); never fed back into a ledger.
double to_units(Cents cents);

/// a + b, or nullopt on int64 overflow.
std::optional<Cents> checked_add(Cents a, Cents b);
/// a * count, or nullopt on int64 overflow.
std::optional<Cents> checked_mul(Cents a, std::int64_t count);
/// a + b; throws Error when the sum leaves the int64 range (a scenario whose
/// amounts cannot be kept in cents).
Cents money_add(Cents a, Cents b);
/// a * count; throws Error likewise.
Cents money_mul(Cents a, std::int64_t count);
/// round(rate * quantity) to the nearest cent (halves away from zero) for a
/// fractional quantity (e.g. team-hours); nullopt when out of int64 range.
/// The only place a double meets money, at the edge where a time becomes a bill.
std::optional<Cents> cents_for(Cents rate, double quantity);
/// cents_for(), throwing Error like money_add() when out of range.
Cents money_round(Cents rate, double quantity);

}  // namespace mmsim
