#include "mmsim/money.hpp"

#include <cmath>
#include <cstdlib>

#include "mmsim/error.hpp"

namespace mmsim {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Exponents beyond this cannot give an amount in range (or a whole cent).
constexpr int kMaxExponent = 40;

ParsedMoney parse_magnitude(std::string_view text) {
    // digits [. digits] [e [+-] digits]
    std::string_view whole, fraction;
    std::size_t at = 0;
    while (at < text.size() && is_digit(text[at])) ++at;
    whole = text.substr(0, at);
    if (at < text.size() && text[at] == '.') {
        std::size_t begin = ++at;
        while (at < text.size() && is_digit(text[at])) ++at;
        fraction = text.substr(begin, at - begin);
    }
    if (whole.empty() && fraction.empty()) return {std::nullopt, MoneyProblem::not_a_number};
    int exponent = 0;
    if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
        ++at;
        bool negative = false;
        if (at < text.size() && (text[at] == '+' || text[at] == '-')) negative = text[at++] == '-';
        std::size_t begin = at;
        while (at < text.size() && is_digit(text[at])) {
            if (exponent <= kMaxExponent * 10) exponent = exponent * 10 + (text[at] - '0');
            ++at;
        }
        if (at == begin) return {std::nullopt, MoneyProblem::not_a_number};
        if (negative) exponent = -exponent;
    }
    if (at != text.size()) return {std::nullopt, MoneyProblem::not_a_number};

    // The digits d1..dn with the decimal point after `point` of them; the
    // amount in cents is those digits with the point moved right by
    // exponent + 2. Digits past the point must be zeros.
    std::string digits(whole);
    digits += fraction;
    long point = static_cast<long>(whole.size()) + exponent + 2;
    bool nonzero = false;
    Cents cents = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        const int digit = digits[i] - '0';
        if (static_cast<long>(i) >= point) {
            if (digit != 0) return {std::nullopt, MoneyProblem::too_precise};
            continue;
        }
        nonzero = nonzero || digit != 0;
        if (cents > (kMaxScenarioCents - digit) / 10)
            return {std::nullopt, MoneyProblem::too_large};
        cents = cents * 10 + digit;
    }
    for (long i = static_cast<long>(digits.size()); i < point && nonzero; ++i) {
        if (cents > kMaxScenarioCents / 10) return {std::nullopt, MoneyProblem::too_large};
        cents *= 10;
    }
    return {cents, MoneyProblem::none};
}

}  // namespace

ParsedMoney parse_money(std::string_view text) {
    const bool negative = !text.empty() && text.front() == '-';
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
    ParsedMoney magnitude = parse_magnitude(text);
    // A negative amount is reported as such only when the rest reads as money.
    if (!negative || magnitude.problem == MoneyProblem::not_a_number) return magnitude;
    if (magnitude.cents && *magnitude.cents == 0) return magnitude;  // "-0" is zero
    return {std::nullopt, MoneyProblem::negative};
}

std::string format_money(Cents cents) {
    // Work on the magnitude as unsigned so that INT64_MIN prints too.
    const bool negative = cents < 0;
    std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
    std::string units = std::to_string(magnitude / 100);
    const auto rest = static_cast<unsigned>(magnitude % 100);
    std::string out = negative ? "-" : "";
    out += units;
    out += '.';
    out += static_cast<char>('0' + rest / 10);
    out += static_cast<char>('0' + rest % 10);
    return out;
}

double to_units(Cents cents) {
    // Split so that large amounts keep their cents in the double as well as
    // it can hold them.
    return static_cast<double>(cents / 100) + static_cast<double>(cents % 100) / 100.0;
}

std::optional<Cents> checked_add(Cents a, Cents b) {
    Cents sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
    return sum;
}

std::optional<Cents> checked_mul(Cents a, std::int64_t count) {
    Cents product = 0;
    if (__builtin_mul_overflow(a, count, &product)) return std::nullopt;
    return product;
}

namespace {

[[noreturn]] void out_of_range() {
    throw Error(
        "funding: an amount exceeds the ledger's range (about ±92 trillion in the "
        "scenario's currency); check the scenario's amounts");
}

}  // namespace

Cents money_add(Cents a, Cents b) {
    if (std::optional<Cents> sum = checked_add(a, b)) return *sum;
    out_of_range();
}

Cents money_mul(Cents a, std::int64_t count) {
    if (std::optional<Cents> product = checked_mul(a, count)) return *product;
    out_of_range();
}

Cents money_round(Cents rate, double quantity) {
    if (std::optional<Cents> amount = cents_for(rate, quantity)) return *amount;
    out_of_range();
}

std::optional<Cents> cents_for(Cents rate, double quantity) {
    const double value = std::round(static_cast<double>(rate) * quantity);
    // 2^63 is exactly representable; anything at or beyond it does not fit.
    constexpr double kLimit = 9223372036854775808.0;
    if (!std::isfinite(value) || value >= kLimit || value < -kLimit) return std::nullopt;
    return static_cast<Cents>(value);
}

}  // namespace mmsim
