#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "mmsim/analytic.hpp"

using namespace mmsim;

TEST_SUITE("analytic") {

TEST_CASE("Erlang B matches textbook values") {
    CHECK(erlang_b(10, 5) == doctest::Approx(0.018385).epsilon(1e-4));
    CHECK(erlang_b(5, 3) == doctest::Approx(0.110054).epsilon(1e-5));
    CHECK(erlang_b(1, 0.5) == doctest::Approx(1.0 / 3));  // a / (1 + a)
    CHECK(erlang_b(0, 2) == 1);
    CHECK(erlang_b(3, 0) == 0);
    SUBCASE("the recursion stays stable for large systems") {
        const double b = erlang_b(2000, 1900);
        CHECK(b > 0);
        CHECK(b < 0.1);
        CHECK(std::isfinite(b));
    }
}

TEST_CASE("Erlang C matches textbook values") {
    CHECK(erlang_c(2, 1) == doctest::Approx(1.0 / 3));
    CHECK(erlang_c(3, 2) == doctest::Approx(4.0 / 9));
    CHECK(erlang_c(10, 8) == doctest::Approx(0.40918).epsilon(1e-4));
    CHECK(erlang_c(1, 0.7) == doctest::Approx(0.7));  // M/M/1: P(wait) = rho
    CHECK(erlang_c(4, 0) == 0);
    CHECK(erlang_c(2, 2) == 1);  // no steady state: every call waits
    CHECK_THROWS_AS(erlang_c(0, 1), std::invalid_argument);
    CHECK_THROWS_AS(erlang_b(-1, 1), std::invalid_argument);
}

TEST_CASE("M/M/1 is the one-server M/M/c") {
    const double lambda = 2, mu = 3, rho = lambda / mu;
    const MmcResult r = mmc(lambda, mu, 1);
    CHECK(r.utilisation == doctest::Approx(rho));
    CHECK(r.prob_wait == doctest::Approx(rho));
    CHECK(r.mean_wait_h == doctest::Approx(rho / (mu - lambda)));
    CHECK(r.mean_queue_length == doctest::Approx(rho * rho / (1 - rho)));
    CHECK(r.mean_in_system == doctest::Approx(rho / (1 - rho)));
    CHECK(r.mean_response_h == doctest::Approx(1 / (mu - lambda)));
}

TEST_CASE("M/M/c figures obey Little's law and the Erlang C wait") {
    const MmcResult r = mmc(8, 1, 10);
    CHECK(r.offered_load == doctest::Approx(8));
    CHECK(r.utilisation == doctest::Approx(0.8));
    CHECK(r.prob_wait == doctest::Approx(erlang_c(10, 8)));
    CHECK(r.mean_wait_h == doctest::Approx(erlang_c(10, 8) / 2));
    CHECK(r.mean_queue_length == doctest::Approx(8 * r.mean_wait_h));
    CHECK(r.mean_in_system == doctest::Approx(8 * r.mean_response_h));
    CHECK(mmc_wait_exceeds(8, 1, 10, 0) == doctest::Approx(r.prob_wait));
    CHECK(mmc_wait_exceeds(8, 1, 10, 0.5) == doctest::Approx(r.prob_wait * std::exp(-1.0)));
    SUBCASE("no arrivals, no wait") {
        const MmcResult idle = mmc(0, 1, 3);
        CHECK(idle.prob_wait == 0);
        CHECK(idle.mean_wait_h == 0);
    }
}

TEST_CASE("M/M/c refuses an unstable or malformed queue") {
    CHECK_THROWS_AS(mmc(2, 1, 2), std::invalid_argument);
    CHECK_THROWS_AS(mmc(3, 1, 2), std::invalid_argument);
    CHECK_THROWS_AS(mmc(1, 0, 2), std::invalid_argument);
    CHECK_THROWS_AS(mmc(-1, 1, 2), std::invalid_argument);
    CHECK_THROWS_AS(mmc(1, 1, 0), std::invalid_argument);
    CHECK_THROWS_WITH(mmc(3, 1, 2),
                      doctest::Contains("unstable queue, arrival rate 3.000000 per hour"));
}

TEST_CASE("M/M/c/c loss system carries what is not blocked") {
    const MmccResult r = mmcc(10, 2, 10);  // a = 5
    CHECK(r.offered_load == doctest::Approx(5));
    CHECK(r.blocking_probability == doctest::Approx(erlang_b(10, 5)));
    CHECK(r.carried_load == doctest::Approx(5 * (1 - erlang_b(10, 5))));
    CHECK(r.utilisation == doctest::Approx(r.carried_load / 10));
    CHECK(r.throughput_per_h == doctest::Approx(10 * (1 - erlang_b(10, 5))));
    CHECK_NOTHROW(mmcc(100, 1, 2));  // overload is fine for a loss system
}

TEST_CASE("two-unit hypercube, loss system, symmetric zones") {
    const TwoUnitHypercube h = hypercube_two_units(0.5, 0.5, 1.0, HypercubeQueue::loss);
    // M/M/2/2 with a = 1: P0 = 1 / (1 + a + a^2 / 2) = 0.4, P1 = 0.4, P2 = 0.2.
    CHECK(h.p_both_free == doctest::Approx(0.4));
    CHECK(h.p_only_unit1_busy == doctest::Approx(0.2));
    CHECK(h.p_only_unit2_busy == doctest::Approx(0.2));
    CHECK(h.p_both_busy == doctest::Approx(0.2));
    CHECK(h.workload_unit1 == doctest::Approx(h.workload_unit2));
    CHECK(h.workload_unit1 == doctest::Approx(0.4));
    CHECK(h.loss_probability == doctest::Approx(erlang_b(2, 1)));
    // (0.5 * 0.2 + 0.5 * 0.2) crossing per hour out of 1 * (1 - 0.2) dispatched.
    CHECK(h.cross_zone_fraction == doctest::Approx(0.25));
    CHECK(h.prob_wait == 0);
    CHECK(h.mean_wait_h == 0);
}

TEST_CASE("two-unit hypercube, loss system, unequal zones") {
    const double l1 = 3, l2 = 1, mu = 2, lambda = l1 + l2, a = lambda / mu;
    const TwoUnitHypercube h = hypercube_two_units(l1, l2, mu, HypercubeQueue::loss);
    const double sum = h.p_both_free + h.p_only_unit1_busy + h.p_only_unit2_busy + h.p_both_busy;
    CHECK(sum == doctest::Approx(1).epsilon(1e-14));
    // The number of busy units is M/M/2/2 whatever the split of lambda.
    const double p0 = 1 / (1 + a + a * a / 2);
    CHECK(h.p_both_free == doctest::Approx(p0));
    CHECK(h.p_only_unit1_busy + h.p_only_unit2_busy == doctest::Approx(a * p0));
    CHECK(h.p_both_busy == doctest::Approx(erlang_b(2, a)));
    // Balance of state 10: (lambda + mu) P10 = lambda1 P00 + mu P11.
    CHECK(h.p_only_unit1_busy ==
          doctest::Approx((l1 * h.p_both_free + mu * h.p_both_busy) / (lambda + mu)));
    CHECK(h.workload_unit1 > h.workload_unit2);  // the busier zone's unit works more
    CHECK(h.workload_unit1 + h.workload_unit2 == doctest::Approx(mmcc(lambda, mu, 2).carried_load));
    const double crossing = l1 * h.p_only_unit1_busy + l2 * h.p_only_unit2_busy;
    CHECK(h.cross_zone_fraction == doctest::Approx(crossing / (lambda * (1 - h.p_both_busy))));
}

TEST_CASE("two-unit hypercube with a queue drains as an M/M/2") {
    SUBCASE("symmetric zones") {
        const TwoUnitHypercube h = hypercube_two_units(0.5, 0.5, 1.0, HypercubeQueue::fcfs);
        const MmcResult m = mmc(1.0, 1.0, 2);
        // M/M/2, rho = 1/2: P0 = (1 - rho) / (1 + rho) = 1/3, P1 = 1/3, P(>=2) = 1/3.
        CHECK(h.p_both_free == doctest::Approx(1.0 / 3));
        CHECK(h.p_only_unit1_busy == doctest::Approx(1.0 / 6));
        CHECK(h.p_only_unit2_busy == doctest::Approx(1.0 / 6));
        CHECK(h.p_both_busy == doctest::Approx(m.prob_wait));
        CHECK(h.prob_wait == doctest::Approx(m.prob_wait));
        CHECK(h.mean_wait_h == doctest::Approx(m.mean_wait_h));
        CHECK(h.mean_queue_length == doctest::Approx(m.mean_queue_length));
        CHECK(h.workload_unit1 == doctest::Approx(h.workload_unit2));
        CHECK(h.workload_unit1 == doctest::Approx(m.utilisation));
        CHECK(h.loss_probability == 0);
        // Crossing: 0.5 * (1/6) * 2 from single-busy states + 1 * (1/3) / 2 queued.
        CHECK(h.cross_zone_fraction == doctest::Approx(1.0 / 6 + 1.0 / 6));
    }
    SUBCASE("unequal zones") {
        const double l1 = 2.5, l2 = 0.5, mu = 2, lambda = l1 + l2, r = lambda / (2 * mu);
        const TwoUnitHypercube h = hypercube_two_units(l1, l2, mu, HypercubeQueue::fcfs);
        const MmcResult m = mmc(lambda, mu, 2);
        const double sum =
            h.p_both_free + h.p_only_unit1_busy + h.p_only_unit2_busy + h.p_both_busy;
        CHECK(sum == doctest::Approx(1).epsilon(1e-14));
        CHECK(h.p_both_free == doctest::Approx((1 - r) / (1 + r)));
        CHECK(h.p_both_busy == doctest::Approx(m.prob_wait));
        CHECK(h.mean_wait_h == doctest::Approx(m.mean_wait_h));
        // Balance of state 10: (lambda + mu) P10 = lambda1 P00 + mu P(11, k = 0).
        CHECK(h.p_only_unit1_busy ==
              doctest::Approx((l1 * h.p_both_free + mu * (1 - r) * h.p_both_busy) /
                              (lambda + mu)));
        CHECK(h.workload_unit1 + h.workload_unit2 == doctest::Approx(lambda / mu));
        const double crossing = l1 * h.p_only_unit1_busy + l2 * h.p_only_unit2_busy +
                                0.5 * lambda * h.p_both_busy;
        CHECK(h.cross_zone_fraction == doctest::Approx(crossing / lambda));
    }
}

TEST_CASE("two-unit hypercube edge cases and bad input") {
    SUBCASE("no calls: both units idle") {
        const TwoUnitHypercube h = hypercube_two_units(0, 0, 1, HypercubeQueue::loss);
        CHECK(h.p_both_free == doctest::Approx(1));
        CHECK(h.cross_zone_fraction == 0);
    }
    SUBCASE("calls from one zone only cross when its unit is busy") {
        const TwoUnitHypercube h = hypercube_two_units(1, 0, 1, HypercubeQueue::loss);
        CHECK(h.cross_zone_fraction == doctest::Approx(h.p_only_unit1_busy / (1 - h.p_both_busy)));
        CHECK(h.p_only_unit2_busy > 0);  // unit 2 serves zone 1's overflow
    }
    SUBCASE("refusals") {
        CHECK_THROWS_AS(hypercube_two_units(1, 1, 1, HypercubeQueue::fcfs), std::invalid_argument);
        CHECK_NOTHROW(hypercube_two_units(1, 1, 1, HypercubeQueue::loss));
        CHECK_THROWS_AS(hypercube_two_units(-1, 1, 1, HypercubeQueue::loss), std::invalid_argument);
        CHECK_THROWS_AS(hypercube_two_units(1, 1, 0, HypercubeQueue::loss), std::invalid_argument);
    }
}

TEST_CASE("Erlang-A with patience rate equal to the service rate is the M/M/infinity count") {
    // theta = mu: every call in system leaves at rate mu, so N is Poisson(a).
    const double lambda = 3, mu = 1.5, a = lambda / mu;
    const int c = 2;
    const ErlangAResult r = erlang_a(lambda, mu, mu, c);
    const double p0 = std::exp(-a), p1 = p0 * a;
    CHECK(r.prob_wait == doctest::Approx(1 - p0 - p1));
    // E[(N - c)+] = E[N] - c + sum_{n < c} (c - n) p_n
    CHECK(r.mean_queue_length == doctest::Approx(a - c + 2 * p0 + p1));
    CHECK(r.prob_abandon == doctest::Approx(mu * r.mean_queue_length / lambda));
    CHECK(r.mean_wait_h == doctest::Approx(r.mean_queue_length / lambda));
    CHECK(r.utilisation == doctest::Approx(lambda * (1 - r.prob_abandon) / (c * mu)));
}

TEST_CASE("Erlang-A's served and abandoned calls add up") {
    for (double theta : {0.2, 1.0, 5.0}) {
        const double lambda = 9, mu = 1;
        const int c = 8;
        const ErlangAResult r = erlang_a(lambda, mu, theta, c);
        INFO("theta " << theta);
        // Mean wait over all calls = served share x their mean wait + the
        // abandoning calls' mean wait, which is at most 1 / theta.
        const double served_part = (1 - r.prob_abandon) * r.mean_wait_served_h;
        CHECK(served_part < r.mean_wait_h);
        CHECK((r.mean_wait_h - served_part) / r.prob_abandon < 1 / theta);
        CHECK(r.prob_abandon < r.prob_wait);
        CHECK(r.prob_wait < 1);
    }
}

TEST_CASE("Erlang-A tends to Erlang C as patience grows without bound") {
    const MmcResult mmc_r = mmc(2, 1, 3);
    const ErlangAResult r = erlang_a(2, 1, 1e-7, 3);
    CHECK(r.prob_wait == doctest::Approx(mmc_r.prob_wait).epsilon(1e-5));
    CHECK(r.mean_wait_served_h == doctest::Approx(mmc_r.mean_wait_h).epsilon(1e-5));
    CHECK(r.mean_queue_length == doctest::Approx(mmc_r.mean_queue_length).epsilon(1e-5));
    CHECK(r.prob_abandon < 1e-6);
}

TEST_CASE("Erlang-A stays finite for a large overloaded system, and refuses bad input") {
    const ErlangAResult r = erlang_a(1200, 1, 0.5, 1000);
    CHECK(std::isfinite(r.mean_wait_served_h));
    CHECK(r.prob_wait > 0.99);
    // in overload about lambda - c mu calls an hour abandon
    CHECK(r.prob_abandon == doctest::Approx(200.0 / 1200).epsilon(0.05));
    CHECK(erlang_a(0, 1, 1, 1).prob_wait == 0);
    CHECK_THROWS_AS(erlang_a(1, 1, 0, 1), std::invalid_argument);
    CHECK_THROWS_AS(erlang_a(1, 1, 1, 0), std::invalid_argument);
    CHECK_THROWS_AS(erlang_a(-1, 1, 1, 1), std::invalid_argument);
}

TEST_CASE("Cobham's priority waits reduce to M/M/c and conserve the mean wait") {
    const MmcResult fcfs = mmc(2.4, 1, 3);
    const double one[] = {2.4};
    CHECK(priority_mmc_mean_waits_h(one, 1, 3)[0] == doctest::Approx(fcfs.mean_wait_h));
    const double rates[] = {0.6, 0.8, 1.0};
    const std::vector<double> waits = priority_mmc_mean_waits_h(rates, 1, 3);
    REQUIRE(waits.size() == 3);
    CHECK(waits[0] < waits[1]);
    CHECK(waits[1] < waits[2]);
    // equal service rates: the order of service does not change the mean
    // wait over all calls (Kleinrock's conservation law)
    CHECK((0.6 * waits[0] + 0.8 * waits[1] + 1.0 * waits[2]) / 2.4 == doctest::Approx(fcfs.mean_wait_h));
    const double unstable[] = {2, 1};
    CHECK_THROWS_AS(priority_mmc_mean_waits_h(unstable, 1, 3), std::invalid_argument);
}

}  // TEST_SUITE
