#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>

#include "report/csv.hpp"
#include "mmsim/rng.hpp"

using mmsim::detail::csv_figure;

namespace {

std::string printf_10g(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

}  // namespace

TEST_CASE("a CSV figure is printf's %.10g, digit for digit") {
    // Where %g switches between fixed and exponent form, rounding carries
    // (9.9999999995 -> 10), and the extremes of the double range.
    const double edges[] = {0.0, -0.0, 1.0, -1.0, 0.1, 1e-5, 9.9999999995e-5, 1e-4, 0.00012345678915,
                            123456789.5, 9999999999.5, 1e10, 12345678901.0, 9999999999.0, -9999999999.0,
                            -1e10, 42.0, -42.0, 1e9, 1.0 / 3.0, 2.0 / 3.0,
                            0.5, 1.5, 2.5, 1e300, -1e-300, std::numeric_limits<double>::max(),
                            std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min()};
    for (double value : edges) CHECK(csv_figure(value) == printf_10g(value));

    // Random finite doubles over the whole exponent range, and figures shaped
    // like the reports' (money in cents, hours, ratios).
    mmsim::Rng rng(20261127);
    for (int checked = 0; checked < 20000;) {
        const double bits = std::bit_cast<double>(rng.next());
        if (!std::isfinite(bits)) continue;
        REQUIRE(csv_figure(bits) == printf_10g(bits));
        const double ratio = rng.uniform01();
        REQUIRE(csv_figure(ratio) == printf_10g(ratio));
        const double hours = ratio * 1e5;
        REQUIRE(csv_figure(hours) == printf_10g(hours));
        const double dollars = std::round(hours * 1e4) / 100.0;
        REQUIRE(csv_figure(dollars) == printf_10g(dollars));
        const double count = std::round(ratio * 4e10) - 2e10;  // whole numbers on both sides of 10^10
        REQUIRE(csv_figure(count) == printf_10g(count));
        ++checked;
    }
}

TEST_CASE("an undefined CSV figure is an empty field") {
    CHECK(csv_figure(std::numeric_limits<double>::quiet_NaN()).empty());
    CHECK(csv_figure(std::numeric_limits<double>::infinity()).empty());
    CHECK(csv_figure(-std::numeric_limits<double>::infinity()).empty());
}
