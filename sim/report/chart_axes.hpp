#pragma once
// Internal: axis ticks and number labels for the charts and tables of the HTML
// reports: round steps (1, 2, 5 x 10^k) for quantities, calendar steps (days,
// weeks, months, years) for dates.

#include <string>
#include <vector>

#include "mmsim/time.hpp"

namespace mmsim::detail {

/// Round tick values covering [low, high], about `target` of them, at steps of
/// 1, 2 or 5 times a power of ten. Empty when the range is not finite.
std::vector<double> nice_ticks(double low, double high, int target);

/// A tick of a date axis: its position (days from the axis start) and label.
struct DateTick {
    int day = 0;
    std::string label;
};

/// At most about `target` ticks over `days` days from `start`: days, weeks,
/// months (1, 2, 3 or 6) or years, whichever keeps the count under target.
/// Month and year labels read "Jan 2025"; day labels "3 Jan".
std::vector<DateTick> date_ticks(Date start, int days, int target);

/// `value` with `decimals` digits after the point, as printf's "%.*f".
std::string fixed(double value, int decimals);

/// A number for an axis or a table: thousands separated by commas, `decimals`
/// after the point, "-0" shown as "0"; an en dash for NaN.
std::string format_quantity(double value, int decimals);

}  // namespace mmsim::detail
