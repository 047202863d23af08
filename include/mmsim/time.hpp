#pragma once
// Time in mmsim: the kernel counts hours from the scenario start as a double;
// users read and write calendar dates (ISO 8601) and durations with units.
// Conversions happen here, at the edges, and nowhere else.

#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace mmsim {

/// Simulation time: hours since the scenario start (00:00 of its start date).
using Hours = double;
/// An hour that never comes (a patience with no limit, a fleet that never fails).
inline constexpr Hours kNever = std::numeric_limits<Hours>::infinity();

inline constexpr Hours kHoursPerDay = 24.0;
inline constexpr double kMinutesPerHour = 60.0;

/// A calendar date as days since 1970-01-01 (proleptic Gregorian).
struct Date {
    int days_since_epoch = 0;
    friend auto operator<=>(const Date&, const Date&) = default;
};

/// Parses "YYYY-MM-DD"; nullopt for malformed or impossible dates (2025-02-30).
std::optional<Date> parse_date(std::string_view text);

/// Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" into hours since `origin`.
std::optional<Hours> parse_datetime(std::string_view text, Date origin);

/// "YYYY-MM-DD".
std::string format_date(Date date);

/// The date `day` whole days after `origin`.
inline Date add_days(Date origin, int day) { return Date{origin.days_since_epoch + day}; }

/// Whole days from a to b (b - a).
inline int days_between(Date a, Date b) { return b.days_since_epoch - a.days_since_epoch; }

/// Parses a duration with its unit: "45min", "36h", "14d", "2w", "0"; also
/// decimals ("1.5h"). Returns hours; nullopt when the unit is missing or unknown
/// (a bare number other than 0 is refused: units are mandatory).
std::optional<Hours> parse_duration(std::string_view text);

}  // namespace mmsim
