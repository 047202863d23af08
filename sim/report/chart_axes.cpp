#include "report/chart_axes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mmsim::detail {
namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Civil {
    int year, month, day;
};

Civil civil(Date date) {
    const std::string text = format_date(date);  // YYYY-MM-DD
    return {std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2))};
}

}  // namespace

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string format_quantity(double value, int decimals) {
    if (!std::isfinite(value)) return "\u2013";
    std::string digits = fixed(std::fabs(value), decimals);
    const bool negative = value < 0 && digits.find_first_not_of("0.") != std::string::npos;
    const std::size_t point = digits.find('.');
    std::string whole = digits.substr(0, point);
    const std::string rest = point == std::string::npos ? "" : digits.substr(point);
    for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3)
        whole.insert(static_cast<std::size_t>(i), ",");
    return (negative ? "-" : "") + whole + rest;
}

std::vector<double> nice_ticks(double low, double high, int target) {
    std::vector<double> ticks;
    if (!std::isfinite(low) || !std::isfinite(high) || high < low || target < 1) return ticks;
    if (high == low) high = low + 1;
    const double raw = (high - low) / target;
    const int exponent = static_cast<int>(std::floor(std::log10(raw)));
    // Ticks are n * factor * 10^exponent; below 1 they are computed as
    // n * factor / 10^-exponent, a single rounding, so 3 * 0.1 prints as 0.3.
    const double power = std::pow(10.0, std::abs(exponent));
    auto tick = [&](double units) { return exponent < 0 ? units / power : units * power; };
    double factor = 1;
    for (double f : {1.0, 2.0, 5.0, 10.0}) {
        factor = f;
        if (tick(f) >= raw) break;
    }
    const double first = std::floor(low / tick(factor) + 1e-9);
    for (double n = first;; n += 1) {
        ticks.push_back(tick(n * factor));
        if (ticks.back() >= high - 1e-9 * tick(factor)) break;
    }
    return ticks;
}

std::vector<DateTick> date_ticks(Date start, int days, int target) {
    std::vector<DateTick> ticks;
    if (days <= 0) return ticks;
    target = std::max(target, 2);
    auto day_label = [](Date d) {
        const Civil c = civil(d);
        return std::to_string(c.day) + " " + kMonths[c.month - 1];
    };
    if (days <= 7 * target) {  // every 1, 2 or 7 days
        int step = 1;
        for (int s : {1, 2, 7}) {
            step = s;
            if ((days + s - 1) / s <= target) break;
        }
        for (int d = 0; d < days; d += step) ticks.push_back({d, day_label(add_days(start, d))});
        return ticks;
    }
    const Civil first = civil(start);
    const Civil last = civil(add_days(start, days - 1));
    const int months = (last.year - first.year) * 12 + (last.month - first.month) + 1;
    int step_months = 12;
    for (int s : {1, 2, 3, 6, 12}) {
        step_months = s;
        if (months / s <= target) break;
    }
    if (months / step_months > target) step_months = 12 * ((months / 12 + target - 1) / target);
    // Month starts on or after the start date, aligned to the step (January,
    // April, ... for quarters), so that ticks fall on familiar dates.
    int year = first.year, month = first.month;
    if (first.day > 1 && ++month > 12) month = 1, ++year;
    while ((month - 1) % std::min(step_months, 12) != 0)
        if (++month > 12) month = 1, ++year;
    bool first_label = true;
    for (;;) {
        char iso[16];
        std::snprintf(iso, sizeof iso, "%04d-%02d-01", year, month);
        const int day = days_between(start, *parse_date(iso));
        if (day >= days) break;
        const bool show_year = first_label || month == 1;
        ticks.push_back({day, std::string(kMonths[month - 1]) + (show_year ? " " + std::to_string(year) : "")});
        first_label = false;
        month += step_months;
        while (month > 12) month -= 12, ++year;
    }
    return ticks;
}

}  // namespace mmsim::detail
