#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "mmsim/rng.hpp"
#include "mmsim/statistics.hpp"

using namespace mmsim;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_SUITE("statistics") {

TEST_CASE("student t quantiles match table values") {
    // Reference values from tables / high-precision evaluation.
    CHECK(student_t_quantile(0.975, 1) == doctest::Approx(12.706204736174707).epsilon(1e-12));
    CHECK(student_t_quantile(0.975, 2) == doctest::Approx(4.302652729749464).epsilon(1e-12));
    CHECK(student_t_quantile(0.975, 3) == doctest::Approx(3.182446305284263).epsilon(1e-10));
    CHECK(student_t_quantile(0.975, 9) == doctest::Approx(2.262157162798205).epsilon(1e-10));
    CHECK(student_t_quantile(0.975, 30) == doctest::Approx(2.042272456301238).epsilon(1e-10));
    CHECK(student_t_quantile(0.975, 1000) == doctest::Approx(1.962339080826408).epsilon(1e-10));
    CHECK(student_t_quantile(0.995, 5) == doctest::Approx(4.032142983557536).epsilon(1e-10));
    CHECK(student_t_quantile(0.95, 20) == doctest::Approx(1.724718242920787).epsilon(1e-10));
}

TEST_CASE("student t quantiles are symmetric and handle extremes") {
    CHECK(student_t_quantile(0.5, 7) == 0);
    CHECK(student_t_quantile(0.025, 9) == doctest::Approx(-2.262157162798205).epsilon(1e-10));
    CHECK(std::isinf(student_t_quantile(1, 4)));
    CHECK(student_t_quantile(0, 4) < 0);
    SUBCASE("far tails, small and fractional df") {
        CHECK(student_t_quantile(1e-12, 30) ==
              doctest::Approx(-11.397217523311411).epsilon(1e-9));
        CHECK(student_t_quantile(1e-12, 10000) ==
              doctest::Approx(-7.0433716020555776).epsilon(1e-9));
        CHECK(student_t_quantile(1 - 1e-7, 1) == doctest::Approx(3183098.8618).epsilon(1e-6));
    }
    SUBCASE("quantile inverts the CDF for fractional df") {
        for (double df : {1.3, 2.7, 4.5, 17.25, 123.5, 5000.5}) {
            for (double p : {1e-9, 1e-3, 0.05, 0.3, 0.7, 0.975, 0.9999}) {
                CAPTURE(df);
                CAPTURE(p);
                const double t = student_t_quantile(p, df);
                const double tail = 0.5 * incomplete_beta(df / (df + t * t), df / 2, 0.5);
                const double cdf = t < 0 ? tail : 1 - tail;
                CHECK(cdf == doctest::Approx(p).epsilon(1e-9));
            }
        }
    }
    SUBCASE("large df approaches the normal, continuously across the method switch") {
        CHECK(student_t_quantile(0.975, 1e9) == doctest::Approx(1.959963984540054).epsilon(1e-9));
        CHECK(student_t_quantile(0.999, 9999.999) ==
              doctest::Approx(student_t_quantile(0.999, 10000.001)).epsilon(1e-10));
    }
}

TEST_CASE("normal quantiles match reference values") {
    CHECK(normal_quantile(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-14));
    CHECK(normal_quantile(0.025) == doctest::Approx(-1.959963984540054).epsilon(1e-14));
    CHECK(normal_quantile(0.5) == 0);
    CHECK(normal_quantile(1e-12) == doctest::Approx(-7.034483825301132).epsilon(1e-13));
    CHECK(normal_quantile(1e-300) == doctest::Approx(-37.0470962993612).epsilon(1e-12));
    CHECK(normal_quantile(0.3) == doctest::Approx(-0.5244005127080407).epsilon(1e-14));
    CHECK(std::isinf(normal_quantile(0)));
    CHECK(std::isinf(normal_quantile(1)));
}

TEST_CASE("log gamma matches factorials and Gamma(1/2)") {
    CHECK(std::fabs(log_gamma(1)) < 1e-14);
    CHECK(std::fabs(log_gamma(2)) < 1e-14);
    CHECK(log_gamma(6) == doctest::Approx(std::log(120.0)).epsilon(1e-14));
    CHECK(log_gamma(0.5) == doctest::Approx(0.5723649429247001).epsilon(1e-14));
    CHECK(log_gamma(101) == doctest::Approx(363.73937555556347).epsilon(1e-14));
    CHECK(log_gamma(1e-8) == doctest::Approx(18.420680738180209).epsilon(1e-13));
}

TEST_CASE("incomplete beta matches closed forms") {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b.
    CHECK(incomplete_beta(0.3, 1, 1) == doctest::Approx(0.3).epsilon(1e-14));
    CHECK(incomplete_beta(0.3, 2.5, 1) == doctest::Approx(std::pow(0.3, 2.5)).epsilon(1e-13));
    CHECK(incomplete_beta(0.8, 1, 3.5) ==
          doctest::Approx(1 - std::pow(0.2, 3.5)).epsilon(1e-13));
    CHECK(incomplete_beta(0, 2, 3) == 0);
    CHECK(incomplete_beta(1, 2, 3) == 1);
}

TEST_CASE("summaries give mean, sd and a t interval") {
    const std::vector<double> values{2, 4, 4, 4, 5, 5, 7, 9};
    const Summary s = summarize(values);
    CHECK(s.n == 8);
    CHECK(s.mean == doctest::Approx(5));
    CHECK(s.sd == doctest::Approx(std::sqrt(32.0 / 7)));
    const double half = 2.364624251592785 * std::sqrt(32.0 / 7) / std::sqrt(8.0);
    CHECK(s.ci_low == doctest::Approx(5 - half).epsilon(1e-10));
    CHECK(s.ci_high == doctest::Approx(5 + half).epsilon(1e-10));

    SUBCASE("another confidence level") {
        const Summary s90 = summarize(values, 0.90);
        CHECK(s90.ci_high - s90.mean ==
              doctest::Approx(1.894578605061305 * std::sqrt(32.0 / 7) / std::sqrt(8.0)));
    }
}

TEST_CASE("summaries skip non-finite values and handle tiny samples") {
    SUBCASE("NaN and infinity are skipped") {
        const std::vector<double> values{kNaN, 1, 3, kInf, kNaN};
        const Summary s = summarize(values);
        CHECK(s.n == 2);
        CHECK(s.mean == doctest::Approx(2));
        CHECK(s.sd == doctest::Approx(std::sqrt(2.0)));
        CHECK(s.ci_high - s.mean == doctest::Approx(12.706204736174707 * 1.0));
    }
    SUBCASE("one value: the interval is the value") {
        const std::vector<double> values{kNaN, 4.5};
        const Summary s = summarize(values);
        CHECK(s.n == 1);
        CHECK(s.mean == 4.5);
        CHECK(s.sd == 0);
        CHECK(s.ci_low == 4.5);
        CHECK(s.ci_high == 4.5);
    }
    SUBCASE("no value: NaN everywhere") {
        const std::vector<double> values{kNaN, kNaN};
        const Summary s = summarize(values);
        CHECK(s.n == 0);
        CHECK(std::isnan(s.mean));
        CHECK(std::isnan(s.sd));
        CHECK(std::isnan(s.ci_low));
        CHECK(std::isnan(s.ci_high));
        CHECK(summarize(std::vector<double>{}).n == 0);
    }
    SUBCASE("constant values: zero-width interval") {
        const std::vector<double> values{3, 3, 3};
        const Summary s = summarize(values);
        CHECK(s.sd == 0);
        CHECK(s.ci_low == 3);
        CHECK(s.ci_high == 3);
    }
}

TEST_CASE("column summaries are the same digits as summaries of each column") {
    // 7 rows x 9 columns. Row r of column j is non-finite when bit r of
    // gaps[j] is set, so that the columns' counts of finite values go up and
    // down (0 to 7) and the interval's t quantile changes between neighbours;
    // column 0 is wholly non-finite, columns 3 and 8 wholly finite.
    const std::size_t rows = 7, columns = 9;
    const unsigned gaps[columns] = {0x7f, 0x01, 0x7e, 0x00, 0x3f, 0x40, 0x55, 0x2a, 0x00};
    std::vector<std::vector<double>> table(rows, std::vector<double>(columns));
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t j = 0; j < columns; ++j)
            table[r][j] = (gaps[j] >> r & 1u) ? (r % 2 ? kNaN : kInf)
                                              : std::sin(static_cast<double>(7 * r + j)) * 1e3 + 0.1;
    for (double confidence : {0.95, 0.9}) {
        CAPTURE(confidence);
        const std::vector<Summary> by_row = summarize_columns(
            rows, columns, [&](std::size_t r) { return std::span<const double>(table[r]); },
            confidence);
        REQUIRE(by_row.size() == columns);
        auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
        for (std::size_t j = 0; j < columns; ++j) {
            CAPTURE(j);
            std::vector<double> column;
            for (std::size_t r = 0; r < rows; ++r) column.push_back(table[r][j]);
            const Summary expected = summarize(column, confidence);
            CHECK(by_row[j].n == expected.n);
            CHECK(same(by_row[j].mean, expected.mean));
            CHECK(same(by_row[j].sd, expected.sd));
            CHECK(same(by_row[j].ci_low, expected.ci_low));
            CHECK(same(by_row[j].ci_high, expected.ci_high));
        }
    }
    CHECK(summarize_columns(0, 2, [](std::size_t) { return std::span<const double>(); }).size() == 2);
}

TEST_CASE("type 7 quantiles interpolate between order statistics") {
    std::vector<double> values{7, 1, 3, 5};
    CHECK(quantile(values, 0.5) == doctest::Approx(4));
    CHECK(values == std::vector<double>{1, 3, 5, 7});  // sorted in place
    CHECK(quantile(values, 0) == 1);
    CHECK(quantile(values, 1) == 7);
    CHECK(quantile(values, 0.9) == doctest::Approx(6.4));  // h = 2.7
    CHECK(quantile(values, 0.25) == doctest::Approx(2.5));  // h = 0.75

    std::vector<double> with_nan{kNaN, 10, kNaN, 20};
    CHECK(quantile(with_nan, 0.5) == doctest::Approx(15));
    std::vector<double> single{42};
    CHECK(quantile(single, 0.9) == 42);
    std::vector<double> none{kNaN};
    CHECK(std::isnan(quantile(none, 0.5)));
}

TEST_CASE("quantiles by selection are the same numbers as by sorting") {
    Rng rng(31);
    for (std::size_t n : {0, 1, 2, 3, 10, 217, 5000}) {
        std::vector<double> values;
        for (std::size_t i = 0; i < n; ++i)
            values.push_back(i % 7 == 3 ? kNaN : std::floor(100 * rng.uniform01()) / 4);  // ties
        const std::vector<double> qs{0, 0.1, 0.5, 0.5, 0.9, 0.999, 1};
        std::vector<double> selected(qs.size());
        std::vector<double> copy = values;
        quantiles(copy, qs, selected);
        for (std::size_t i = 0; i < qs.size(); ++i) {
            std::vector<double> sorted = values;
            const double expected = quantile(sorted, qs[i]);
            INFO("n = " << n << ", q = " << qs[i]);
            if (std::isnan(expected))
                CHECK(std::isnan(selected[i]));
            else
                CHECK(selected[i] == expected);  // the same digits
        }
    }
}

TEST_CASE("quantiles by selection hold on orders and ties that trouble a quickselect") {
    Rng rng(7);
    const std::vector<double> qs{0, 0.25, 0.5, 0.9, 1};
    for (std::size_t n : {15, 16, 17, 100, 1000, 20000}) {
        std::vector<std::pair<std::string, std::vector<double>>> shapes;
        std::vector<double> v(n);
        for (std::size_t i = 0; i < n; ++i) v[i] = 3;
        shapes.emplace_back("all equal", v);
        for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>(i);
        shapes.emplace_back("ascending", v);
        std::reverse(v.begin(), v.end());
        shapes.emplace_back("descending", v);
        for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>(std::min(i, n - i));
        shapes.emplace_back("organ pipe", v);
        for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>(i % 2);
        shapes.emplace_back("two values", v);
        for (std::size_t i = 0; i < n; ++i) v[i] = rng.uniform01() < 0.9 ? 0 : rng.uniform01();
        shapes.emplace_back("mostly zeros", v);
        for (const auto& [shape, values] : shapes) {
            std::vector<double> selected(qs.size());
            std::vector<double> copy = values;
            quantiles(copy, qs, selected);
            for (std::size_t i = 0; i < qs.size(); ++i) {
                std::vector<double> sorted = values;
                INFO(shape << ", n = " << n << ", q = " << qs[i]);
                CHECK(selected[i] == quantile(sorted, qs[i]));
            }
            std::sort(copy.begin(), copy.end());
            std::vector<double> original = values;
            std::sort(original.begin(), original.end());
            CHECK(copy == original);  // a permutation of the sample
        }
    }
}

TEST_CASE("welch interval for independent samples") {
    const std::vector<double> a{19, 20, 21, 22, 21.5, 19.5};  // mean 20.5, var 1.4
    const std::vector<double> b{17, 18, 16, 17};              // mean 17, var 2/3
    const Difference d = welch(a, b);
    const double va = 1.4 / 6, vb = (2.0 / 3) / 4;
    const double se = std::sqrt(va + vb);
    const double df = (va + vb) * (va + vb) / (va * va / 5 + vb * vb / 3);
    CHECK(d.diff == doctest::Approx(3.5));
    CHECK(d.df == doctest::Approx(df).epsilon(1e-12));
    CHECK(df == doctest::Approx(7.9411764705882355).epsilon(1e-12));  // = 0.16 / 0.0201481...
    const double half = student_t_quantile(0.975, df) * se;
    CHECK(d.ci_low == doctest::Approx(3.5 - half).epsilon(1e-12));
    CHECK(d.ci_high == doctest::Approx(3.5 + half).epsilon(1e-12));
    CHECK(d.significant);

    SUBCASE("overlapping samples are not significant") {
        const std::vector<double> c{16, 22, 18, 24, 17};
        CHECK_FALSE(welch(a, c).significant);
    }
    SUBCASE("too few values give NaN") {
        const std::vector<double> one{5, kNaN};
        const Difference u = welch(a, one);
        CHECK(u.diff == doctest::Approx(15.5));
        CHECK(std::isnan(u.ci_low));
        CHECK(std::isnan(u.df));
        CHECK_FALSE(u.significant);
    }
    SUBCASE("constant samples: exact difference") {
        const std::vector<double> x{2, 2, 2}, y{1, 1};
        const Difference e = welch(x, y);
        CHECK(e.ci_low == 1);
        CHECK(e.ci_high == 1);
        CHECK(e.significant);
        CHECK_FALSE(welch(x, x).significant);
    }
}

TEST_CASE("paired interval uses the differences of matched values") {
    const std::vector<double> a{10, 12, 11, 15, kNaN, 13};
    const std::vector<double> b{9, 10, 10, 13, 5, 12};
    // Differences (NaN pair dropped): 1, 2, 1, 2, 1: mean 1.4, var 0.3, n 5.
    const Difference d = paired(a, b);
    CHECK(d.diff == doctest::Approx(1.4));
    CHECK(d.df == 4);
    const double half = 2.7764451051977987 * std::sqrt(0.3 / 5);
    CHECK(d.ci_low == doctest::Approx(1.4 - half).epsilon(1e-12));
    CHECK(d.ci_high == doctest::Approx(1.4 + half).epsilon(1e-12));
    CHECK(d.significant);
    // The same data unpaired gives a far wider interval: pairing removes the
    // variation the two samples share.
    const Difference unpaired = welch(a, b);
    CHECK(unpaired.ci_high - unpaired.ci_low > 4 * (d.ci_high - d.ci_low));
}

TEST_CASE("running stats match the two-pass formulas") {
    RunningStats stats;
    CHECK(stats.count() == 0);
    CHECK(std::isnan(stats.mean()));
    CHECK(stats.variance() == 0);
    for (double x : {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16}) stats.add(x);
    CHECK(stats.count() == 4);
    CHECK(stats.mean() == doctest::Approx(1e9 + 10));
    CHECK(stats.variance() == doctest::Approx(30).epsilon(1e-9));  // stable despite the offset
    CHECK(stats.sd() == doctest::Approx(std::sqrt(30.0)).epsilon(1e-9));
    CHECK(stats.min() == 1e9 + 4);
    CHECK(stats.max() == 1e9 + 16);
}

TEST_CASE("time averages integrate a piecewise-constant value") {
    SUBCASE("update as the value changes") {
        TimeAverage queue(0.0, 0.0);
        queue.update(2.0, 3.0);  // 0 over [0, 2)
        queue.update(3.0, 1.0);  // 3 over [2, 3)
        queue.update(7.0, 0.0);  // 1 over [3, 7)
        CHECK(queue.integral() == doctest::Approx(7));
        CHECK(queue.duration() == doctest::Approx(7));
        CHECK(queue.mean() == doctest::Approx(1));
        CHECK(queue.mean_until(14.0) == doctest::Approx(0.5));  // 0 over [7, 14)
        CHECK(queue.max() == 3);
        CHECK(queue.value() == 0);
        CHECK(queue.last_time() == 7);
    }
    SUBCASE("a value held at the end counts up to the horizon") {
        TimeAverage busy(10.0, 2.0);
        CHECK(std::isnan(busy.mean()));
        CHECK(std::isnan(busy.mean_until(10.0)));
        CHECK(busy.mean_until(12.0) == doctest::Approx(2));
        busy.update(11.0, 4.0);
        CHECK(busy.mean_until(12.0) == doctest::Approx(3));
    }
    SUBCASE("closed segments") {
        TimeAverage workload;
        workload.add(1.0, 0.0, 6.0);
        workload.add(0.5, 6.0, 8.0);
        CHECK(workload.mean() == doctest::Approx(7.0 / 8));
        CHECK(workload.duration() == doctest::Approx(8));
    }
}

}  // TEST_SUITE
