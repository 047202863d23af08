#include "mmsim/analytic.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

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
