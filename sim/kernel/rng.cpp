#include "mmsim/rng.hpp"

#include <cassert>
#include <cmath>

#include "mmsim/statistics.hpp"

namespace mmsim {
namespace {

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Fills the xoshiro state from a SplitMix64 sequence started at `key`, as the
// xoshiro authors recommend: consecutive keys then give unrelated states.
void seed_state(std::uint64_t (&state)[4], std::uint64_t key) {
    std::uint64_t counter = key;
    for (auto& word : state) {
        counter += kGolden;
        word = mix64(counter);
    }
    // An all-zero state would be a fixed point; SplitMix64 outputs of four
    // consecutive counters cannot all be zero, but keep the invariant visible.
    assert(state[0] != 0 || state[1] != 0 || state[2] != 0 || state[3] != 0);
}

// Binomial(n, p) for p <= 0.5 by inverting the CDF with the pmf recurrence.
// Only used when n * p is small, so the search is short.
std::uint64_t binomial_inversion(Rng& rng, std::uint64_t n, double p) {
    const double q = 1.0 - p;
    const double ratio = p / q;
    const double nd = static_cast<double>(n);
    double pk = std::exp(nd * std::log1p(-p));
    double cdf = pk;
    const double u = rng.uniform01();
    std::uint64_t k = 0;
    while (u >= cdf && k < n) {
        const double kd = static_cast<double>(k);
        pk *= (nd - kd) / (kd + 1.0) * ratio;
        ++k;
        cdf += pk;
        // Rounding can leave the summed CDF just below u near 1; once the
        // pmf has underflowed past the mean no further outcome has mass.
        if (pk == 0.0 && kd > nd * p) break;
    }
    return k;
}

// Binomial(n, p) for p <= 0.5 as the number of successes among n trials, found
// by jumping over runs of failures (each run is geometric).
std::uint64_t binomial_gaps(Rng& rng, std::uint64_t n, double p) {
    const double log_q = std::log1p(-p);
    const double nd = static_cast<double>(n);
    double position = 0;  // trials used so far
    std::uint64_t successes = 0;
    for (;;) {
        const double failures = std::floor(std::log(1.0 - rng.uniform01()) / log_q);
        position += failures + 1.0;
        if (position > nd) return successes;
        ++successes;
    }
}

}  // namespace

std::uint64_t mix64(std::uint64_t x) {
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

Rng::Rng(std::uint64_t seed, std::uint64_t replication, Purpose purpose) {
    // Each step is a bijection of its input for fixed other inputs, so two
    // streams differing in exactly one of (seed, replication, purpose) never
    // share a key.
    std::uint64_t key = mix64(seed + kGolden);
    key = mix64(key ^ (replication * 0xD1B54A32D192ED03ULL + 1));
    key = mix64(key ^ (static_cast<std::uint64_t>(purpose) * 0xA24BAED4963EE407ULL));
    seed_state(state_, key);
}

Rng::Rng(std::uint64_t seed, std::uint64_t replication, Purpose purpose, std::uint64_t index)
    : Rng(seed, replication, purpose) {
    // A further bijective step: streams of one purpose differing in index
    // never share a key.
    seed_state(state_, mix64(state_[0] ^ (index * 0x9FB21C651E98DF25ULL + 1)));
}

Rng::Rng(std::uint64_t key) { seed_state(state_, key); }

std::uint64_t Rng::next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
}

double Rng::uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double sample_uniform(Rng& rng, double low, double high) {
    assert(low <= high);
    return low + (high - low) * rng.uniform01();
}

double sample_exponential(Rng& rng, double mean) {
    assert(mean >= 0);
    if (mean == 0) return 0;
    // 1 - u lies in (0, 1], so the logarithm is finite.
    return -mean * std::log(1.0 - rng.uniform01());
}

double sample_normal(Rng& rng, double mean, double sd) {
    double u, v, s;
    do {
        u = 2.0 * rng.uniform01() - 1.0;
        v = 2.0 * rng.uniform01() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return mean + sd * u * std::sqrt(-2.0 * std::log(s) / s);
}

double sample_lognormal(Rng& rng, double median, double sigma) {
    assert(median > 0 && sigma >= 0);
    return median * std::exp(sigma * sample_normal(rng, 0.0, 1.0));
}

double sample_triangular(Rng& rng, double low, double mode, double high) {
    assert(low <= mode && mode <= high);
    const double width = high - low;
    if (width == 0) return low;
    const double u = rng.uniform01();
    const double split = (mode - low) / width;
    if (u < split) return low + std::sqrt(u * width * (mode - low));
    return high - std::sqrt((1.0 - u) * width * (high - mode));
}

std::uint64_t sample_poisson(Rng& rng, double mean) {
    assert(mean >= 0 && std::isfinite(mean));
    if (mean == 0) return 0;
    if (mean < 10) {
        const double limit = std::exp(-mean);
        std::uint64_t k = 0;
        double product = rng.uniform01();
        while (product > limit) {
            ++k;
            product *= rng.uniform01();
        }
        return k;
    }
    // PTRS, Hörmann (1993), "The transformed rejection method for generating
    // Poisson random variables": a fast squeeze accepts most draws, the rest
    // are checked against the exact pmf, so the output is exactly Poisson.
    const double log_mean = std::log(mean);
    const double b = 0.931 + 2.53 * std::sqrt(mean);
    const double a = -0.059 + 0.02483 * b;
    const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    const double v_r = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
        const double u = rng.uniform01() - 0.5;
        const double v = rng.uniform01();
        const double us = 0.5 - std::fabs(u);
        const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
        if (us >= 0.07 && v <= v_r) return static_cast<std::uint64_t>(k);
        if (k < 0 || (us < 0.013 && v > us)) continue;
        const double lhs = std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b);
        const double rhs = -mean + k * log_mean - log_gamma(k + 1.0);
        if (lhs <= rhs) return static_cast<std::uint64_t>(k);
    }
}

std::uint64_t sample_binomial(Rng& rng, std::uint64_t n, double p) {
    assert(p >= 0 && p <= 1);
    if (n == 0 || p == 0) return 0;
    if (p == 1) return n;
    if (p > 0.5) return n - sample_binomial(rng, n, 1.0 - p);
    if (static_cast<double>(n) * p < 10) return binomial_inversion(rng, n, p);
    return binomial_gaps(rng, n, p);
}

bool sample_bernoulli(Rng& rng, double p) {
    assert(p >= 0 && p <= 1);
    return rng.uniform01() < p;
}

std::size_t sample_discrete(Rng& rng, std::span<const double> weights) {
    assert(!weights.empty());
    if (weights.size() == 1) {  // one outcome; the draw is still made, so the stream is the same
        assert(weights[0] > 0);
        rng.uniform01();
        return 0;
    }
    double total = 0;
    for (double w : weights) {
        assert(w >= 0);
        total += w;
    }
    assert(total > 0);
    const double target = rng.uniform01() * total;
    double cumulative = 0;
    std::size_t last_positive = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] <= 0) continue;
        cumulative += weights[i];
        last_positive = i;
        if (target < cumulative) return i;
    }
    // Rounding in the running sum can leave target just past the end.
    return last_positive;
}

}  // namespace mmsim
