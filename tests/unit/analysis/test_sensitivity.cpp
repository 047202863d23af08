#include <doctest/doctest.h>

#include <cmath>

#include "mmsim/rng.hpp"
#include "mmsim/sensitivity.hpp"

using namespace mmsim;

namespace {

double sd(const std::vector<double>& v) {
    double mean = 0, ss = 0;
    for (double x : v) mean += x;
    mean /= static_cast<double>(v.size());
    for (double x : v) ss += (x - mean) * (x - mean);
    return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

const ParameterInfluence& influence(const MetricSensitivity& s, const std::string& name) {
    for (const ParameterInfluence& p : s.influences)
        if (p.parameter == name) return p;
    FAIL("no parameter " << name);
    return s.influences.front();
}

}  // namespace

TEST_SUITE("sensitivity") {
    TEST_CASE("ranks give tied values the mean of their ranks") {
        CHECK(ranks(std::vector<double>{3, 1, 3, 2}) == std::vector<double>{3.5, 1, 3.5, 2});
        CHECK(ranks(std::vector<double>{5, 5, 5}) == std::vector<double>{2, 2, 2});
        CHECK(ranks(std::vector<double>{}).empty());
    }

    TEST_CASE("standardized coefficients recover a known linear response") {
        // y = 10 + 3 a - 2 b + 0.5 c (+ noise); d has no effect.
        Rng rng(2024);
        const std::size_t n = 300;
        std::vector<std::vector<double>> x(4, std::vector<double>(n));
        std::vector<double> y(n);
        const double beta[] = {3, -2, 0.5, 0};
        SUBCASE("without noise, SRC_j = beta_j sd(x_j) / sd(y) and R^2 = 1") {
            for (std::size_t i = 0; i < n; ++i) {
                y[i] = 10;
                for (std::size_t j = 0; j < 4; ++j) {
                    x[j][i] = sample_uniform(rng, 0, 1 + static_cast<double>(j));
                    y[i] += beta[j] * x[j][i];
                }
            }
            const auto s = analyze_sensitivity("y", {"a", "b", "c", "d"}, x, y);
            CHECK(s.note.empty());
            CHECK(s.rows == n);
            CHECK(s.r_squared == doctest::Approx(1).epsilon(1e-12));
            for (std::size_t j = 0; j < 4; ++j) {
                const std::string name(1, static_cast<char>('a' + j));
                CAPTURE(name);
                CHECK(influence(s, name).src ==
                      doctest::Approx(beta[j] * sd(x[j]) / sd(y)).epsilon(1e-9));
            }
            CHECK(s.influences[0].parameter == "b");  // |-2| * sd(U(0,2)) beats 3 * sd(U(0,1))
            CHECK(s.influences[1].parameter == "a");
            CHECK(s.influences[2].parameter == "c");
            CHECK(influence(s, "a").prcc > 0.9);
            CHECK(influence(s, "b").prcc < -0.9);
            CHECK(std::fabs(influence(s, "d").prcc) < 0.15);
        }
        SUBCASE("with noise, the coefficients stay close and R^2 drops") {
            for (std::size_t i = 0; i < n; ++i) {
                y[i] = 10 + sample_normal(rng, 0, 0.5);
                for (std::size_t j = 0; j < 4; ++j) {
                    x[j][i] = sample_uniform(rng, 0, 1);
                    y[i] += beta[j] * x[j][i];
                }
            }
            const auto s = analyze_sensitivity("y", {"a", "b", "c", "d"}, x, y);
            CHECK(s.r_squared > 0.7);
            CHECK(s.r_squared < 0.99);
            // With equal input spreads, SRCs keep the ratio of the coefficients.
            CHECK(influence(s, "a").src / influence(s, "b").src ==
                  doctest::Approx(-1.5).epsilon(0.1));
            CHECK(std::fabs(influence(s, "d").src) < 0.05);
            CHECK(std::fabs(influence(s, "a").prcc) > std::fabs(influence(s, "c").prcc));
        }
    }

    TEST_CASE("undefined values leave their row out; constant inputs and metrics are reported") {
        const std::vector<std::vector<double>> x{{1, 2, 3, 4, 5, 6}, {7, 7, 7, 7, 7, 7}};
        auto s = analyze_sensitivity("m", {"p", "q"}, x, {2, 4, NAN, 8, 10, 12});
        CHECK(s.rows == 5);
        CHECK(s.note.empty());
        CHECK(s.influences[0].src == doctest::Approx(1));
        CHECK(std::isnan(influence(s, "q").src));
        CHECK(analyze_sensitivity("m", {"p", "q"}, x, {1, 1, 1, 1, 1, 1}).note == "constant");
        CHECK(analyze_sensitivity("m", {"p", "q"}, x, {1, 2, NAN, NAN, NAN, NAN}).note ==
              "too few rows (2 for 1 parameters)");
        CHECK(analyze_sensitivity("m", {"q"}, {x[1]}, {1, 2, 3, 4, 5, 6}).note ==
              "no parameter varies");
    }

    TEST_CASE("collinear parameters are named, not ranked with coefficients of 1e14") {
        // b = 2a + 1 in every row: the design cannot tell a from b; c varies on its own.
        const std::vector<double> a{1, 2, 3, 4, 5, 6, 7, 8}, c{3, 1, 4, 1, 5, 9, 2, 6};
        std::vector<double> b, y;
        for (std::size_t i = 0; i < a.size(); ++i) {
            b.push_back(2 * a[i] + 1);
            y.push_back(a[i] + 0.5 * c[i]);
        }
        const auto s = analyze_sensitivity("m", {"a", "b", "c"}, {a, b, c}, y);
        CHECK(s.note == "the design cannot tell apart a, b (each is a linear combination of the "
                        "others over these rows)");
        // Three parameters, one the sum of the others: all three are named.
        std::vector<double> sum;
        for (std::size_t i = 0; i < a.size(); ++i) sum.push_back(a[i] + c[i]);
        CHECK(analyze_sensitivity("m", {"a", "c", "a+c"}, {a, c, sum}, y).note ==
              "the design cannot tell apart a, c, a+c (each is a linear combination of the "
              "others over these rows)");
        CHECK(analyze_sensitivity("m", {"a", "c"}, {a, c}, y).note.empty());
    }
}
