#include "mmsim/analytic.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace mmsim {
namespace {

void require(bool condition, const std::string& message) {
    if (!condition) throw std::invalid_argument(message);
}

void check_rates(double arrival_rate_per_h, double service_rate_per_h, const char* who) {
    require(std::isfinite(arrival_rate_per_h) && arrival_rate_per_h >= 0,
            std::string(who) + ": arrival rate must be finite and >= 0, got " +
                std::to_string(arrival_rate_per_h));
    require(std::isfinite(service_rate_per_h) && service_rate_per_h > 0,
            std::string(who) + ": service rate must be finite and > 0, got " +
                std::to_string(service_rate_per_h));
}

void check_stable(double arrival_rate_per_h, double service_rate_per_h, int servers,
                  const char* who) {
    const double capacity = servers * service_rate_per_h;
    require(arrival_rate_per_h < capacity,
            std::string(who) + ": unstable queue, arrival rate " +
                std::to_string(arrival_rate_per_h) + " per hour >= capacity " +
                std::to_string(capacity) + " per hour (utilisation " +
                std::to_string(arrival_rate_per_h / capacity) + ")");
}

}  // namespace

double erlang_b(int servers, double offered_load) {
    require(servers >= 0, "erlang_b: servers must be >= 0");
    require(std::isfinite(offered_load) && offered_load >= 0,
            "erlang_b: offered load must be finite and >= 0");
    double blocking = 1.0;
    for (int k = 1; k <= servers; ++k)
        blocking = offered_load * blocking / (k + offered_load * blocking);
    return blocking;
}

double erlang_c(int servers, double offered_load) {
    require(servers >= 1, "erlang_c: servers must be >= 1");
    if (offered_load >= servers) return 1.0;
    const double b = erlang_b(servers, offered_load);
    return servers * b / (servers - offered_load * (1.0 - b));
}

MmcResult mmc(double arrival_rate_per_h, double service_rate_per_h, int servers) {
    check_rates(arrival_rate_per_h, service_rate_per_h, "mmc");
    require(servers >= 1, "mmc: servers must be >= 1");
    check_stable(arrival_rate_per_h, service_rate_per_h, servers, "mmc");
    MmcResult r;
    r.offered_load = arrival_rate_per_h / service_rate_per_h;
    r.utilisation = r.offered_load / servers;
    r.prob_wait = erlang_c(servers, r.offered_load);
    r.mean_wait_h = r.prob_wait / (servers * service_rate_per_h - arrival_rate_per_h);
    r.mean_queue_length = arrival_rate_per_h * r.mean_wait_h;
    r.mean_response_h = r.mean_wait_h + 1.0 / service_rate_per_h;
    r.mean_in_system = r.mean_queue_length + r.offered_load;
    return r;
}

double mmc_wait_exceeds(double arrival_rate_per_h, double service_rate_per_h, int servers,
                        double wait_h) {
    require(wait_h >= 0, "mmc_wait_exceeds: wait must be >= 0");
    const MmcResult r = mmc(arrival_rate_per_h, service_rate_per_h, servers);
    return r.prob_wait *
           std::exp(-(servers * service_rate_per_h - arrival_rate_per_h) * wait_h);
}

ErlangAResult erlang_a(double arrival_rate_per_h, double service_rate_per_h, double patience_rate_per_h,
                       int servers) {
    check_rates(arrival_rate_per_h, service_rate_per_h, "erlang_a");
    require(std::isfinite(patience_rate_per_h) && patience_rate_per_h > 0,
            "erlang_a: patience rate must be finite and > 0, got " + std::to_string(patience_rate_per_h));
    require(servers >= 1, "erlang_a: servers must be >= 1");
    const double lambda = arrival_rate_per_h, mu = service_rate_per_h, theta = patience_rate_per_h;
    const double c_mu = servers * mu;
    ErlangAResult r;
    r.offered_load = lambda / mu;
    if (lambda == 0) return r;

    // log pi_n up to a constant: log pi_n - log pi_{n-1} = log(lambda / death rate n).
    std::vector<double> log_weight{0.0};
    double largest = 0;
    constexpr std::size_t kMaxTerms = 10'000'000;
    for (std::size_t n = 1;; ++n) {
        require(n < kMaxTerms, "erlang_a: the stationary law needs more than ten million terms "
                               "(patience rate too small for the load)");
        const double waiting = n > static_cast<std::size_t>(servers) ? static_cast<double>(n) - servers : 0.0;
        const double death = std::min<double>(static_cast<double>(n), servers) * mu + waiting * theta;
        log_weight.push_back(log_weight.back() + std::log(lambda / death));
        largest = std::max(largest, log_weight.back());
        // Past the mode (the terms fall from here on), stop once a term is
        // below 1e-20 of the largest.
        if (lambda < death && log_weight.back() < largest - 46.0) break;
    }
    double total = 0;
    for (double& w : log_weight) total += (w = std::exp(w - largest));
    // Place j in the queue: served with probability c mu / (c mu + j theta),
    // E[wait; served] = that times sum_{l <= j} 1 / (c mu + l theta).
    double prob_wait = 0, queue = 0, wait_served = 0, harmonic = 0;
    for (std::size_t n = static_cast<std::size_t>(servers); n < log_weight.size(); ++n) {
        const double p = log_weight[n] / total;
        const double place = static_cast<double>(n) - servers + 1;  // the arrival's place
        harmonic += 1.0 / (c_mu + place * theta);
        prob_wait += p;
        queue += (place - 1) * p;
        wait_served += p * c_mu / (c_mu + place * theta) * harmonic;
    }
    r.prob_wait = prob_wait;
    r.mean_queue_length = queue;
    r.prob_abandon = theta * queue / lambda;
    r.mean_wait_h = queue / lambda;
    r.mean_wait_served_h = wait_served / (1.0 - r.prob_abandon);
    r.utilisation = lambda * (1.0 - r.prob_abandon) / c_mu;
    return r;
}

std::vector<double> priority_mmc_mean_waits_h(std::span<const double> arrival_rates_per_h,
                                              double service_rate_per_h, int servers) {
    require(servers >= 1, "priority_mmc_mean_waits_h: servers must be >= 1");
    double lambda = 0;
    for (double rate : arrival_rates_per_h) {
        check_rates(rate, service_rate_per_h, "priority_mmc_mean_waits_h");
        lambda += rate;
    }
    check_stable(lambda, service_rate_per_h, servers, "priority_mmc_mean_waits_h");
    const double c_mu = servers * service_rate_per_h;
    const double wait_all_busy = erlang_c(servers, lambda / service_rate_per_h) / c_mu;
    std::vector<double> waits;
    double before = 0;  // sigma_{k-1}
    for (double rate : arrival_rates_per_h) {
        const double through = before + rate / c_mu;  // sigma_k
        waits.push_back(wait_all_busy / ((1.0 - before) * (1.0 - through)));
        before = through;
    }
    return waits;
}

MmccResult mmcc(double arrival_rate_per_h, double service_rate_per_h, int servers) {
    check_rates(arrival_rate_per_h, service_rate_per_h, "mmcc");
    require(servers >= 1, "mmcc: servers must be >= 1");
    MmccResult r;
    r.offered_load = arrival_rate_per_h / service_rate_per_h;
    r.blocking_probability = erlang_b(servers, r.offered_load);
    r.carried_load = r.offered_load * (1.0 - r.blocking_probability);
    r.utilisation = r.carried_load / servers;
    r.throughput_per_h = arrival_rate_per_h * (1.0 - r.blocking_probability);
    return r;
}

TwoUnitHypercube hypercube_two_units(double zone1_rate_per_h, double zone2_rate_per_h,
                                     double service_rate_per_h, HypercubeQueue queue) {
    check_rates(zone1_rate_per_h, service_rate_per_h, "hypercube_two_units (zone 1)");
    check_rates(zone2_rate_per_h, service_rate_per_h, "hypercube_two_units (zone 2)");
    const double lambda1 = zone1_rate_per_h, lambda2 = zone2_rate_per_h;
    const double lambda = lambda1 + lambda2;
    const double mu = service_rate_per_h;
    const bool fcfs = queue == HypercubeQueue::fcfs;
    if (fcfs) check_stable(lambda, mu, 2, "hypercube_two_units (fcfs)");
    const double r = fcfs ? lambda / (2.0 * mu) : 0.0;

    enum : int { s00 = 0, s10 = 1, s01 = 2, s11 = 3 };
    Eigen::Matrix4d generator = Eigen::Matrix4d::Zero();
    generator(s00, s10) = lambda1;
    generator(s00, s01) = lambda2;
    generator(s10, s11) = lambda;
    generator(s10, s00) = mu;
    generator(s01, s11) = lambda;
    generator(s01, s00) = mu;
    generator(s11, s10) = mu * (1.0 - r);
    generator(s11, s01) = mu * (1.0 - r);
    for (int i = 0; i < 4; ++i) generator(i, i) = -generator.row(i).sum();

    // pi Q = 0 has rank 3; the last balance equation is implied by the others,
    // so it is replaced by the normalisation sum(pi) = 1.
    Eigen::Matrix4d system = generator.transpose();
    system.row(3).setOnes();
    Eigen::Vector4d rhs(0.0, 0.0, 0.0, 1.0);
    const Eigen::Vector4d pi = system.fullPivLu().solve(rhs);

    TwoUnitHypercube h;
    h.p_both_free = pi(s00);
    h.p_only_unit1_busy = pi(s10);
    h.p_only_unit2_busy = pi(s01);
    h.p_both_busy = pi(s11);
    h.workload_unit1 = pi(s10) + pi(s11);
    h.workload_unit2 = pi(s01) + pi(s11);

    double crossing_per_h = lambda1 * pi(s10) + lambda2 * pi(s01);
    double dispatched_per_h = lambda * (1.0 - pi(s11));
    if (fcfs) {
        crossing_per_h += 0.5 * lambda * pi(s11);
        dispatched_per_h = lambda;
        h.prob_wait = pi(s11);
        h.mean_queue_length = pi(s11) * r / (1.0 - r);
        h.mean_wait_h = pi(s11) / (2.0 * mu - lambda);
    } else {
        h.loss_probability = pi(s11);
    }
    h.cross_zone_fraction = dispatched_per_h > 0 ? crossing_per_h / dispatched_per_h : 0.0;
    return h;
}

}  // namespace mmsim
