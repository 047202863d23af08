#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <cstdint>
#include <vector>

#include "mmsim/distribution.hpp"
#include "mmsim/rng.hpp"
#include "mmsim/statistics.hpp"

// Every statistical check uses a fixed seed, so it is deterministic; its
// tolerance is 5 standard errors of the statistic, so a correct sampler passes
// for essentially every seed and a biased one fails.

using namespace mmsim;

namespace {

struct Moments {
    double mean = 0;
    double variance = 0;
};

template <class Draw>
Moments draw_moments(int count, Draw draw) {
    RunningStats stats;
    for (int i = 0; i < count; ++i) stats.add(static_cast<double>(draw()));
    return {stats.mean(), stats.variance()};
}

// Checks sample mean and variance against the true ones. `fourth_central` is
// the fourth central moment, which sets the standard error of the variance.
void check_moments(const Moments& got, int count, double mean, double variance,
                   double fourth_central) {
    const double n = count;
    CHECK(std::fabs(got.mean - mean) <= 5 * std::sqrt(variance / n) + 1e-12);
    const double var_se = std::sqrt((fourth_central - variance * variance) / n);
    CHECK(std::fabs(got.variance - variance) <= 5 * var_se + 1e-12);
}

// Chi-square goodness of fit of integer draws to `pmf`, with cells of expected
// count < 5 merged into the tails. Fails at the 1e-6 level (Wilson-Hilferty
// approximation of the chi-square quantile).
template <class Draw, class Pmf>
void check_pmf(int count, std::uint64_t support_end, Draw draw, Pmf pmf) {
    std::vector<double> observed(support_end + 1, 0.0);
    int out_of_support = 0;
    for (int i = 0; i < count; ++i) {
        std::uint64_t k = draw();
        if (k > support_end) ++out_of_support; else observed[k] += 1;
    }
    REQUIRE(out_of_support == 0);
    double chi2 = 0, cell_observed = 0, cell_expected = 0;
    int cells = 0;
    for (std::uint64_t k = 0; k <= support_end; ++k) {
        cell_observed += observed[k];
        cell_expected += count * pmf(k);
        if (cell_expected >= 5 || k == support_end) {
            chi2 += (cell_observed - cell_expected) * (cell_observed - cell_expected) /
                    cell_expected;
            cell_observed = cell_expected = 0;
            ++cells;
        }
    }
    const double dof = cells - 1;
    const double z = normal_quantile(1 - 1e-6);
    const double h = 2.0 / (9.0 * dof);
    const double critical = dof * std::pow(1 - h + z * std::sqrt(h), 3);
    CHECK(cells > 5);
    CHECK(chi2 < critical);
}

double poisson_pmf(double mean, std::uint64_t k) {
    const double kd = static_cast<double>(k);
    return std::exp(-mean + kd * std::log(mean) - log_gamma(kd + 1));
}

double binomial_pmf(std::uint64_t n, double p, std::uint64_t k) {
    const double nd = static_cast<double>(n), kd = static_cast<double>(k);
    return std::exp(log_gamma(nd + 1) - log_gamma(kd + 1) - log_gamma(nd - kd + 1) +
                    kd * std::log(p) + (nd - kd) * std::log1p(-p));
}

std::vector<std::uint64_t> first_draws(Rng rng, int count) {
    std::vector<std::uint64_t> out;
    for (int i = 0; i < count; ++i) out.push_back(rng.next());
    return out;
}

}  // namespace

TEST_SUITE("rng") {

TEST_CASE("mix64 is the SplitMix64 finaliser of the reference generator") {
    // Reference SplitMix64 output for seed 1234567 (state += golden gamma, then mix).
    std::uint64_t state = 1234567;
    const std::uint64_t expected[] = {6457827717110365317ULL, 3203168211198807973ULL,
                                      9817491932198370423ULL, 4593380528125082431ULL,
                                      16408922859458223821ULL};
    for (std::uint64_t value : expected) {
        state += 0x9E3779B97F4A7C15ULL;
        CHECK(mix64(state) == value);
    }
}

TEST_CASE("xoshiro256** output is pinned so that changes to streams are reviewed") {
    // Recorded from this implementation (checked against an independent
    // transcription of the reference algorithm). Changing them changes every
    // golden report.
    Rng keyed(1234567);
    CHECK(keyed.next() == 3504822795582309479ULL);
    CHECK(keyed.next() == 1819558768956484042ULL);
    CHECK(keyed.next() == 1250851346055027673ULL);
    Rng stream(2025, 0, Purpose::arrivals);
    CHECK(stream.next() == 5095992168019480236ULL);
    CHECK(stream.next() == 10143703095168228577ULL);
}

TEST_CASE("the same seed, replication and purpose give the same sequence") {
    CHECK(first_draws(Rng(7, 3, Purpose::incidents), 100) ==
          first_draws(Rng(7, 3, Purpose::incidents), 100));
    CHECK(first_draws(Rng(99), 100) == first_draws(Rng(99), 100));
}

TEST_CASE("streams differing in seed, replication or purpose differ") {
    const auto base = first_draws(Rng(7, 3, Purpose::incidents), 16);
    SUBCASE("purpose") { CHECK(first_draws(Rng(7, 3, Purpose::arrivals), 16) != base); }
    SUBCASE("replication") { CHECK(first_draws(Rng(7, 4, Purpose::incidents), 16) != base); }
    SUBCASE("seed") { CHECK(first_draws(Rng(8, 3, Purpose::incidents), 16) != base); }
    SUBCASE("index") {
        const auto first = first_draws(Rng(7, 3, Purpose::patience, 0), 16);
        CHECK(first != first_draws(Rng(7, 3, Purpose::patience, 1), 16));
        CHECK(first != first_draws(Rng(7, 3, Purpose::patience), 16));
        CHECK(first == first_draws(Rng(7, 3, Purpose::patience, 0), 16));
    }
    SUBCASE("no shared values across many neighbouring streams") {
        std::vector<std::uint64_t> firsts;
        for (std::uint64_t rep = 0; rep < 64; ++rep)
            for (auto purpose : {Purpose::arrivals, Purpose::attrition, Purpose::incidents,
                                 Purpose::service, Purpose::pledges, Purpose::vehicles,
                                 Purpose::dispatch, Purpose::sweep_design, Purpose::patience})
                firsts.push_back(Rng(1, rep, purpose).next());
        std::sort(firsts.begin(), firsts.end());
        CHECK(std::adjacent_find(firsts.begin(), firsts.end()) == firsts.end());
    }
}

TEST_CASE("a replication's draws do not depend on the order streams are created or used") {
    Rng a1(5, 0, Purpose::service);
    Rng b1(5, 1, Purpose::service);
    std::vector<std::uint64_t> a_first, b_first;
    for (int i = 0; i < 50; ++i) a_first.push_back(a1.next());
    for (int i = 0; i < 50; ++i) b_first.push_back(b1.next());

    Rng b2(5, 1, Purpose::service);
    Rng a2(5, 0, Purpose::service);
    std::vector<std::uint64_t> a_second, b_second;
    for (int i = 0; i < 50; ++i) {
        b_second.push_back(b2.next());
        a_second.push_back(a2.next());
    }
    CHECK(a_first == a_second);
    CHECK(b_first == b_second);
}

TEST_CASE("neighbouring streams are uncorrelated") {
    Rng a(11, 0, Purpose::incidents), b(11, 1, Purpose::incidents),
        c(11, 0, Purpose::arrivals);
    const int n = 50000;
    double sab = 0, sac = 0;
    for (int i = 0; i < n; ++i) {
        const double x = a.uniform01() - 0.5, y = b.uniform01() - 0.5, z = c.uniform01() - 0.5;
        sab += x * y;
        sac += x * z;
    }
    // Each product has variance 1/144; the correlation estimate has SE 1/sqrt(n).
    CHECK(std::fabs(sab / n * 12) < 5 / std::sqrt(n));
    CHECK(std::fabs(sac / n * 12) < 5 / std::sqrt(n));
}

TEST_CASE("uniform draws lie in range and have the right moments") {
    Rng rng(1);
    const int n = 100000;
    RunningStats stats;
    for (int i = 0; i < n; ++i) stats.add(rng.uniform01());
    CHECK(stats.min() >= 0.0);
    CHECK(stats.max() < 1.0);
    check_moments({stats.mean(), stats.variance()}, n, 0.5, 1.0 / 12, 1.0 / 80);
    const auto scaled = draw_moments(n, [&] { return sample_uniform(rng, 2, 6); });
    check_moments(scaled, n, 4, 16.0 / 12, std::pow(4.0, 4) / 80);
    CHECK(sample_uniform(rng, 3, 3) == 3);
}

TEST_CASE("continuous samplers have the right mean and variance") {
    Rng rng(2);
    const int n = 100000;
    SUBCASE("exponential") {
        check_moments(draw_moments(n, [&] { return sample_exponential(rng, 2.5); }), n, 2.5,
                      6.25, 9 * std::pow(2.5, 4));
        CHECK(sample_exponential(rng, 0) == 0);
    }
    SUBCASE("normal") {
        check_moments(draw_moments(n, [&] { return sample_normal(rng, -1, 3); }), n, -1, 9,
                      3 * 81);
    }
    SUBCASE("triangular") {
        const double a = 1, c = 2, b = 7;  // low, mode, high
        const double var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
        // Every triangular distribution has kurtosis 2.4: mu4 = 2.4 var^2.
        check_moments(draw_moments(n, [&] { return sample_triangular(rng, a, c, b); }), n,
                      (a + b + c) / 3, var, 2.4 * var * var);
        CHECK(sample_triangular(rng, 4, 4, 4) == 4);
    }
    SUBCASE("lognormal: median and mean") {
        const double median = 3, sigma = 0.5;
        int below = 0;
        RunningStats stats;
        for (int i = 0; i < n; ++i) {
            const double x = sample_lognormal(rng, median, sigma);
            below += x < median;
            stats.add(x);
        }
        CHECK(stats.min() > 0);
        CHECK(std::fabs(below / double(n) - 0.5) <= 5 * 0.5 / std::sqrt(n));
        const double s2 = sigma * sigma;
        const double mean = median * std::exp(s2 / 2);
        const double var = (std::exp(s2) - 1) * mean * mean;
        CHECK(std::fabs(stats.mean() - mean) <= 5 * std::sqrt(var / n));
    }
}

TEST_CASE("poisson draws have mean and variance equal to the mean") {
    Rng rng(3);
    for (double mean : {0.5, 3.0, 9.99, 10.0, 15.0, 100.0, 1e4, 1e7}) {
        CAPTURE(mean);
        const int n = 40000;
        check_moments(draw_moments(n, [&] { return sample_poisson(rng, mean); }), n, mean,
                      mean, mean * (1 + 3 * mean));
    }
    CHECK(sample_poisson(rng, 0) == 0);
}

TEST_CASE("poisson frequencies fit the pmf in both algorithms") {
    Rng rng(4);
    // Many draws: PTRS's exact acceptance step only decides a few percent of
    // draws, so an error there shows only in large samples.
    for (double mean : {4.0, 12.0, 40.0, 1000.0}) {
        CAPTURE(mean);
        const auto end = static_cast<std::uint64_t>(mean * 2 + 40);
        check_pmf(300000, end, [&] { return std::min(sample_poisson(rng, mean), end); },
                  [&](std::uint64_t k) { return poisson_pmf(mean, k); });
    }
}

TEST_CASE("binomial draws have the right moments and frequencies") {
    Rng rng(5);
    const int n = 40000;
    SUBCASE("edge cases") {
        CHECK(sample_binomial(rng, 0, 0.5) == 0);
        CHECK(sample_binomial(rng, 10, 0) == 0);
        CHECK(sample_binomial(rng, 10, 1) == 10);
    }
    SUBCASE("moments") {
        struct Case { std::uint64_t trials; double p; };
        for (Case c : {Case{20, 0.3}, Case{200, 0.3}, Case{200, 0.9}, Case{1000000, 2e-6},
                       Case{30, 0.5}}) {
            CAPTURE(c.trials);
            CAPTURE(c.p);
            const double nd = static_cast<double>(c.trials);
            const double var = nd * c.p * (1 - c.p);
            const double mu4 = var * (1 + 3 * (nd - 2) * c.p * (1 - c.p));
            check_moments(draw_moments(n, [&] { return sample_binomial(rng, c.trials, c.p); }),
                          n, nd * c.p, var, mu4);
        }
    }
    SUBCASE("frequencies by inversion, by gaps and by symmetry") {
        struct Case { std::uint64_t trials; double p; };
        for (Case c : {Case{25, 0.2}, Case{60, 0.4}, Case{60, 0.75}}) {
            CAPTURE(c.trials);
            CAPTURE(c.p);
            check_pmf(50000, c.trials, [&] { return sample_binomial(rng, c.trials, c.p); },
                      [&](std::uint64_t k) { return binomial_pmf(c.trials, c.p, k); });
        }
    }
}

TEST_CASE("bernoulli and discrete draws follow their probabilities") {
    Rng rng(6);
    const int n = 100000;
    int hits = 0;
    for (int i = 0; i < n; ++i) hits += sample_bernoulli(rng, 0.3);
    CHECK(std::fabs(hits / double(n) - 0.3) <= 5 * std::sqrt(0.21 / n));
    CHECK_FALSE(sample_bernoulli(rng, 0));
    CHECK(sample_bernoulli(rng, 1));

    const std::vector<double> weights{2, 0, 5, 3, 0};
    std::vector<int> counts(weights.size(), 0);
    for (int i = 0; i < n; ++i) ++counts[sample_discrete(rng, weights)];
    CHECK(counts[1] == 0);
    CHECK(counts[4] == 0);
    for (std::size_t i : {0u, 2u, 3u}) {
        const double p = weights[i] / 10;
        CHECK(std::fabs(counts[i] / double(n) - p) <= 5 * std::sqrt(p * (1 - p) / n));
    }
}

TEST_CASE("distributions sample around their exact mean") {
    Rng rng(7);
    const int n = 60000;
    auto check_dist = [&](const Distribution& d, double expected_mean) {
        CHECK(mean(d) == doctest::Approx(expected_mean).epsilon(1e-12));
        RunningStats stats;
        for (int i = 0; i < n; ++i) {
            stats.add(sample(d, rng));
        }
        CHECK(stats.min() >= 0);
        CHECK(std::fabs(stats.mean() - expected_mean) <= 5 * stats.sd() / std::sqrt(n));
    };
    using K = Distribution::Kind;
    SUBCASE("fixed") { CHECK(sample(Distribution::fixed(2.5), rng) == 2.5); }
    SUBCASE("uniform") { check_dist({K::uniform, 24, 72, 0, {}, {}}, 48); }
    SUBCASE("exponential") { check_dist(Distribution::exponential(0.75), 0.75); }
    SUBCASE("lognormal") { check_dist({K::lognormal, 48, 0.6, 0, {}, {}}, 48 * std::exp(0.18)); }
    SUBCASE("triangular") { check_dist({K::triangular, 0, 48, 240, {}, {}}, 96); }
    SUBCASE("empirical") {
        check_dist({K::empirical, 0, 0, 0, {24, 48, 120}, {0.5, 0.3, 0.2}}, 12 + 14.4 + 24);
    }
    SUBCASE("normal far from zero is nearly the plain normal") {
        // Truncation 4 sd below the mean still lifts it by 12 phi(4) / Phi(4).
        const double lift = 12 * 0.00013383022576488537 / 0.99996832875816688;
        check_dist({K::normal, 48, 12, 0, {}, {}}, 48 + lift);
    }
    SUBCASE("normal truncated at zero, redrawn") {
        // mu = 0: the half-normal, mean sd * sqrt(2 / pi).
        check_dist({K::normal, 0, 2, 0, {}, {}}, 2 * std::sqrt(2 / std::numbers::pi));
        // a = 0.5: phi(a) / (1 - Phi(a)) - a = 0.64107777036806448.
        check_dist({K::normal, -0.5, 1, 0, {}, {}}, 0.64107777036806448);
    }
    SUBCASE("normal truncated far in the tail") {
        // a = 3: phi(3) / (1 - Phi(3)) - 3 = 0.28309865493043651; this uses the
        // exponential-proposal sampler.
        check_dist({K::normal, -3, 1, 0, {}, {}}, 0.28309865493043651);
        // Means past where erfc underflows (a > 30) use the asymptotic series.
        CHECK(mean(Distribution{K::normal, -25, 1, 0, {}, {}}) ==
              doctest::Approx(0.039873012057562583).epsilon(1e-9));
        CHECK(mean(Distribution{K::normal, -35, 1, 0, {}, {}}) ==
              doctest::Approx(0.028524970596687870).epsilon(1e-9));
        CHECK(mean(Distribution{K::normal, -120, 2, 0, {}, {}}) ==
              doctest::Approx(2 * 0.016657420241124930).epsilon(1e-9));
    }
    SUBCASE("normal with zero spread") {
        CHECK(sample(Distribution{K::normal, 5, 0, 0, {}, {}}, rng) == 5);
        CHECK(mean(Distribution{K::normal, -5, 0, 0, {}, {}}) == 0);
    }
}

}  // TEST_SUITE
