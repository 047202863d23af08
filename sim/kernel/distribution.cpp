#include "mmsim/distribution.hpp"

#include <cassert>
#include <cmath>
#include <numbers>

namespace mmsim {
namespace {

// Standard normal Z conditioned on Z >= a, for a > 0. Redrawing a plain normal
// would need about 1 / P(Z >= a) draws, which explodes in the far tail, so this
// uses Robert (1995)'s exponential proposal: exact, and accepts >= 76% of draws.
double sample_normal_tail(Rng& rng, double a) {
    const double alpha = 0.5 * (a + std::sqrt(a * a + 4.0));
    for (;;) {
        const double z = a + sample_exponential(rng, 1.0 / alpha);
        const double d = z - alpha;
        if (rng.uniform01() < std::exp(-0.5 * d * d)) return z;
    }
}

double sample_truncated_normal(Rng& rng, double mean, double sd) {
    if (sd <= 0) return mean > 0 ? mean : 0.0;
    const double a = -mean / sd;  // the truncation point 0 in standard units
    if (a < 1.0) {
        // P(Z >= a) > 0.15: plain redrawing costs under seven draws on average.
        for (;;) {
            const double x = sample_normal(rng, mean, sd);
            if (x >= 0) return x;
        }
    }
    return mean + sd * sample_normal_tail(rng, a);
}

// E[Z | Z >= a] - a for standard normal Z: how far above the truncation point
// the truncated mean lies. Written as an excess so that the far tail, where
// mu + sigma * E[Z | Z >= a] would cancel to a tiny number, keeps its digits.
double truncated_excess(double a) {
    if (a > 30) {
        // erfc underflows further out; the asymptotic series of the inverse
        // Mills ratio is accurate to ~1e-11 relative here.
        const double inv = 1.0 / a;
        const double x = inv * inv;
        return inv * (1.0 - x * (2.0 - x * (10.0 - x * (74.0 - x * 706.0))));
    }
    const double density = std::exp(-0.5 * a * a) / std::sqrt(2.0 * std::numbers::pi);
    const double upper_tail = 0.5 * std::erfc(a / std::numbers::sqrt2);
    return density / upper_tail - a;
}

}  // namespace

double sample(const Distribution& dist, Rng& rng) {
    switch (dist.kind) {
    case Distribution::Kind::fixed: return dist.p1;
    case Distribution::Kind::uniform: return sample_uniform(rng, dist.p1, dist.p2);
    case Distribution::Kind::exponential: return sample_exponential(rng, dist.p1);
    case Distribution::Kind::normal: return sample_truncated_normal(rng, dist.p1, dist.p2);
    case Distribution::Kind::lognormal: return sample_lognormal(rng, dist.p1, dist.p2);
    case Distribution::Kind::triangular:
        return sample_triangular(rng, dist.p1, dist.p2, dist.p3);
    case Distribution::Kind::empirical:
        assert(dist.values.size() == dist.weights.size());
        return dist.values[sample_discrete(rng, dist.weights)];
    }
    assert(false && "unknown distribution kind");
    return 0;
}

double mean(const Distribution& dist) {
    switch (dist.kind) {
    case Distribution::Kind::fixed: return dist.p1;
    case Distribution::Kind::uniform: return 0.5 * (dist.p1 + dist.p2);
    case Distribution::Kind::exponential: return dist.p1;
    case Distribution::Kind::normal: {
        // The mean of the normal truncated to [0, inf), which is what sample()
        // draws: mu + sigma * phi(a) / (1 - Phi(a)) with a = -mu / sigma, i.e.
        // sigma * (a + excess) + mu = sigma * excess up to rounding.
        const double mu = dist.p1, sigma = dist.p2;
        if (sigma <= 0) return mu > 0 ? mu : 0.0;
        const double a = -mu / sigma;
        if (a > 0) return sigma * truncated_excess(a);
        return mu + sigma * (a + truncated_excess(a));
    }
    case Distribution::Kind::lognormal: return dist.p1 * std::exp(0.5 * dist.p2 * dist.p2);
    case Distribution::Kind::triangular: return (dist.p1 + dist.p2 + dist.p3) / 3.0;
    case Distribution::Kind::empirical: {
        assert(dist.values.size() == dist.weights.size());
        double weighted = 0, total = 0;
        for (std::size_t i = 0; i < dist.values.size(); ++i) {
            weighted += dist.weights[i] * dist.values[i];
            total += dist.weights[i];
        }
        return weighted / total;
    }
    }
    assert(false && "unknown distribution kind");
    return 0;
}

}  // namespace mmsim
