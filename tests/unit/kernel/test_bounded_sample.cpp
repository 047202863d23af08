#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "mmsim/bounded_sample.hpp"
#include "mmsim/rng.hpp"
#include "mmsim/statistics.hpp"

using namespace mmsim;

namespace {


// Response-time-like values: many exact zeros, a bulk of minutes, a long tail.
std::vector<double> response_like(std::size_t n, std::uint64_t key) {
    Rng rng(key);
    std::vector<double> values;
    for (std::size_t i = 0; i < n; ++i) {
        const double u = rng.uniform01();
        if (u < 0.3)
            values.push_back(0);
        else if (u < 0.95)
            values.push_back(sample_lognormal(rng, 25, 0.6));
        else
            values.push_back(sample_exponential(rng, 600));
    }
    return values;
}

std::uint64_t count_at_most(const std::vector<double>& values, double x) {
    std::uint64_t n = 0;
    for (double v : values) n += v <= x;
    return n;
}

}  // namespace

TEST_SUITE("bounded sample") {

TEST_CASE("up to its limit it gives exactly quantile() of the values") {
    const std::vector<double> values = response_like(5000, 11);
    BoundedSample sample(5000);
    for (double v : values) sample.add(v);
    sample.add(kNaN);  // ignored, as quantile() ignores it
    CHECK(sample.exact());
    CHECK(sample.count() == 5000);
    for (double q : {0.0, 0.1, 0.5, 0.9, 0.99, 1.0}) {
        std::vector<double> copy = values;
        CHECK(sample.quantile(q) == quantile(copy, q));
    }
    for (double x : {0.0, 5.0, 25.0, 30.0, 1e6})
        CHECK(sample.count_at_most(x) == count_at_most(values, x));
}

TEST_CASE("past its limit it keeps quantiles within 0.1 percent in constant memory") {
    const std::vector<double> values = response_like(200000, 12);
    BoundedSample sample(1000);
    for (double v : values) sample.add(v);
    CHECK_FALSE(sample.exact());
    CHECK(sample.count() == values.size());
    for (double q : {0.0, 0.05, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1.0}) {
        std::vector<double> copy = values;
        const double exact = quantile(copy, q);
        INFO("q = " << q << ", exact " << exact << ", estimate " << sample.quantile(q));
        CHECK(std::abs(sample.quantile(q) - exact) <= exact * 0x1.0p-10);
    }
}

TEST_CASE("past its limit counts up to a bin edge stay exact") {
    const std::vector<double> values = response_like(50000, 13);
    BoundedSample sample(100);
    for (double v : values) sample.add(v);
    REQUIRE_FALSE(sample.exact());
    SUBCASE("zero and whole minutes up to 2048") {
        for (double x : {0.0, 1.0, 5.0, 30.0, 45.0, 60.0, 90.0, 105.0, 1440.0, 2048.0})
            CHECK(sample.count_at_most(x) == count_at_most(values, x));
    }
    SUBCASE("values that sit exactly on an edge count as at most it") {
        BoundedSample edges(0);
        for (double v : {30.0, 30.0, 29.0, 31.0, 0.0}) edges.add(v);
        CHECK(edges.count_at_most(30) == 4);
        CHECK(edges.count_at_most(29) == 2);
        CHECK(edges.count_at_most(0) == 1);
        CHECK(edges.count_at_most(-1) == 0);
        CHECK(edges.quantile(0) == 0);
        CHECK(edges.quantile(1) == 31);
    }
    SUBCASE("between edges the count stops at the edge below") {
        const double x = 30.01;  // not an edge: bins there are 1/32 min wide
        CHECK(sample.count_at_most(x) <= count_at_most(values, x));
        CHECK(sample.count_at_most(x) >= count_at_most(values, 30.0));
    }
}

TEST_CASE("extreme values stay within the exact minimum and maximum") {
    BoundedSample sample(2);
    for (double v : {1e-9, 5.0, 1e12, 7.0}) sample.add(v);
    CHECK_FALSE(sample.exact());
    CHECK(sample.quantile(0) == 1e-9);
    CHECK(sample.quantile(1) == 1e12);
    const double median = sample.quantile(0.5);  // between 5 and 7, exactly 6
    CHECK(median == doctest::Approx(6).epsilon(0x1.0p-10));
}

TEST_CASE("an empty sample has no quantile") {
    BoundedSample sample;
    CHECK(std::isnan(sample.quantile(0.5)));
    CHECK(sample.count_at_most(10) == 0);
    CHECK(sample.count() == 0);
}

}  // TEST_SUITE
