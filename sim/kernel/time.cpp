#include "mmsim/time.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace mmsim {
namespace {

std::optional<int> parse_digits(std::string_view text) {
    if (text.empty()) return std::nullopt;
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    return value;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = parse_digits(text.substr(0, 4));
    auto m = parse_digits(text.substr(5, 2));
    auto d = parse_digits(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    using namespace std::chrono;
    year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;
    return Date{static_cast<int>(sys_days{ymd}.time_since_epoch().count())};
}

std::optional<Hours> parse_datetime(std::string_view text, Date origin) {
    auto date = parse_date(text.substr(0, std::min<std::size_t>(10, text.size())));
    if (!date) return std::nullopt;
    Hours hours = days_between(origin, *date) * kHoursPerDay;
    if (text.size() == 10) return hours;
    if (text.size() != 16 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':')
        return std::nullopt;
    auto hh = parse_digits(text.substr(11, 2));
    auto mm = parse_digits(text.substr(14, 2));
    if (!hh || !mm || *hh > 23 || *mm > 59) return std::nullopt;
    return hours + *hh + *mm / 60.0;
}

std::string format_date(Date date) {
    using namespace std::chrono;
    const year_month_day ymd{sys_days{days{date.days_since_epoch}}};
    const int year = static_cast<int>(ymd.year());
    const auto month = static_cast<unsigned>(ymd.month());
    const auto day = static_cast<unsigned>(ymd.day());
    if (year < 0 || year > 9999) {
        char buffer[24];
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year, month, day);
        return buffer;
    }
    // Digit by digit, not through snprintf: the daily tables print a date on
    // every row, and snprintf took about a tenth of their writing time.
    char text[] = "0000-00-00";
    auto put = [&text](std::size_t at, unsigned value, std::size_t digits) {
        for (std::size_t i = digits; i-- > 0; value /= 10) text[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<unsigned>(year), 4);
    put(5, month, 2);
    put(8, day, 2);
    return std::string(text, 10);
}

std::optional<Hours> parse_duration(std::string_view text) {
    if (text == "0") return 0.0;
    std::size_t unit_at = 0;
    while (unit_at < text.size() &&
           ((text[unit_at] >= '0' && text[unit_at] <= '9') || text[unit_at] == '.'))
        ++unit_at;
    if (unit_at == 0 || unit_at == text.size()) return std::nullopt;
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + unit_at, value);
    if (ec != std::errc{} || end != text.data() + unit_at || !std::isfinite(value))
        return std::nullopt;
    std::string_view unit = text.substr(unit_at);
    if (unit == "min") return value / 60.0;
    if (unit == "h") return value;
    if (unit == "d") return value * kHoursPerDay;
    if (unit == "w") return value * 7 * kHoursPerDay;
    return std::nullopt;
}

}  // namespace mmsim
