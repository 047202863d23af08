#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "mmsim/time.hpp"

using namespace mmsim;

TEST_SUITE("time") {

TEST_CASE("valid dates parse to days since the epoch") {
    CHECK(parse_date("1970-01-01")->days_since_epoch == 0);
    CHECK(parse_date("1970-01-02")->days_since_epoch == 1);
    CHECK(parse_date("1969-12-31")->days_since_epoch == -1);
    CHECK(parse_date("2000-03-01")->days_since_epoch == 11017);
    CHECK(parse_date("2024-06-25")->days_since_epoch == 19899);  // first MSS contingent lands
    SUBCASE("leap days") {
        CHECK(parse_date("2024-02-29").has_value());
        CHECK(parse_date("2000-02-29").has_value());  // divisible by 400
        CHECK(days_between(*parse_date("2024-02-28"), *parse_date("2024-03-01")) == 2);
    }
}

TEST_CASE("impossible and malformed dates are refused") {
    for (const char* text : {"2025-02-30", "2023-02-29", "1900-02-29", "2024-13-01",
                             "2024-00-10", "2024-04-31", "2024-01-00", "2024-1-01",
                             "2024/01/01", "24-01-01", "2024-01-01T", "2024-01-0a",
                             " 2024-01-01", "+024-01-01", "2024-01--1", ""}) {
        CAPTURE(text);
        CHECK_FALSE(parse_date(text).has_value());
    }
}

TEST_CASE("format_date is the inverse of parse_date") {
    CHECK(format_date(Date{0}) == "1970-01-01");
    CHECK(format_date(Date{19899}) == "2024-06-25");
    CHECK(format_date(Date{-1}) == "1969-12-31");
    // Years 0 to 9999 are written digit by digit, others as printf's "%04d".
    CHECK(format_date(Date{-719528}) == "0000-01-01");
    CHECK(format_date(Date{2932896}) == "9999-12-31");
    CHECK(format_date(Date{2932897}) == "10000-01-01");
    CHECK(format_date(Date{-719529}) == "-001-12-31");
    for (int day = -40000; day <= 60000; day += 97) {
        CAPTURE(day);
        const std::string text = format_date(Date{day});
        const auto parsed = parse_date(text);
        REQUIRE(parsed.has_value());
        CHECK(parsed->days_since_epoch == day);
    }
    CHECK(add_days(*parse_date("2024-12-31"), 1) == *parse_date("2025-01-01"));
}

TEST_CASE("datetimes give hours since the origin") {
    const Date origin = *parse_date("2024-06-25");
    CHECK(*parse_datetime("2024-06-25", origin) == 0.0);
    CHECK(*parse_datetime("2024-06-26", origin) == 24.0);
    CHECK(*parse_datetime("2024-06-24", origin) == -24.0);
    CHECK(*parse_datetime("2024-06-25T12:30", origin) == doctest::Approx(12.5));
    CHECK(*parse_datetime("2024-06-26 06:15", origin) == doctest::Approx(30.25));
    CHECK(*parse_datetime("2024-06-25T23:59", origin) == doctest::Approx(23 + 59.0 / 60));
    for (const char* text : {"2024-06-25T24:00", "2024-06-25T12:60", "2024-06-25T1230",
                             "2024-06-25T12:3", "2024-06-25X12:30", "2024-02-30T10:00",
                             "2024-06-25T", "garbage"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_datetime(text, origin).has_value());
    }
}

TEST_CASE("durations carry their unit") {
    CHECK(*parse_duration("45min") == doctest::Approx(0.75));
    CHECK(*parse_duration("36h") == 36.0);
    CHECK(*parse_duration("14d") == 14.0 * 24);
    CHECK(*parse_duration("2w") == 14.0 * 24);
    CHECK(*parse_duration("1.5h") == 1.5);
    CHECK(*parse_duration("0.5d") == 12.0);
    CHECK(*parse_duration("0") == 0.0);
    CHECK(*parse_duration("0h") == 0.0);
}

TEST_CASE("durations without a known unit are refused") {
    for (const char* text : {"12", "h", "12x", "-3h", "", "1.5", "12 h", "12H", "12hours",
                             "1.2.3h", "min", "5m", ".h"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_duration(text).has_value());
    }
}

}  // TEST_SUITE
