#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "result_helpers.hpp"
#include "mmsim/theatre.hpp"

namespace {

using mmsim::Hours;
using mmsim::Theatre;
using mmsim::ZoneId;

// A theatre of `count` zones named z0, z1, ... with the given internal response.
Theatre make_zones(int count, Hours internal_response = 0) {
    Theatre theatre;
    for (int i = 0; i < count; ++i) {
        mmsim::Zone zone;
        zone.id = "z" + std::to_string(i);
        zone.internal_response = internal_response;
        theatre.zones.push_back(zone);
    }
    return theatre;
}

void add_road(Theatre& theatre, int a, int b, Hours travel) {
    mmsim::Road road;
    road.a = ZoneId(static_cast<std::uint32_t>(a));
    road.b = ZoneId(static_cast<std::uint32_t>(b));
    road.travel = travel;
    theatre.roads.push_back(road);
}

using mmsim::testing::z;

}  // namespace

TEST_SUITE("theatre") {
    TEST_CASE("a path through a third zone beats a slow direct road") {
        Theatre theatre = make_zones(3);
        add_road(theatre, 0, 1, 1.0);
        add_road(theatre, 1, 2, 0.25);
        add_road(theatre, 0, 2, 0.5);
        const mmsim::TravelTimes travel(theatre);
        CHECK(travel.zone_count() == 3);
        CHECK(travel.road(z(0), z(1)) == doctest::Approx(0.75));
        CHECK(travel.road(z(1), z(0)) == doctest::Approx(0.75));
        CHECK(travel.road(z(0), z(2)) == doctest::Approx(0.5));
        CHECK(travel.road(z(2), z(2)) == 0.0);
    }

    TEST_CASE("travel times are symmetric and obey the triangle inequality") {
        // A ring of six zones with uneven roads and one chord.
        Theatre theatre = make_zones(6, 0.1);
        const double ring[] = {0.3, 0.2, 0.9, 0.1, 0.4, 0.6};
        for (int i = 0; i < 6; ++i) add_road(theatre, i, (i + 1) % 6, ring[i]);
        add_road(theatre, 0, 3, 0.35);
        const mmsim::TravelTimes travel(theatre);
        for (int a = 0; a < 6; ++a)
            for (int b = 0; b < 6; ++b) {
                CHECK(travel.road(z(a), z(b)) == doctest::Approx(travel.road(z(b), z(a))));
                for (int c = 0; c < 6; ++c) {
                    CHECK(travel.road(z(a), z(c)) <=
                          travel.road(z(a), z(b)) + travel.road(z(b), z(c)) + 1e-12);
                    CHECK(travel.between(z(a), z(c)) <=
                          travel.road(z(a), z(b)) + travel.between(z(b), z(c)) + 1e-12);
                }
            }
        // 0 -> 3 by the chord (0.35) beats 0-1-2-3 (1.4) and 0-5-4-3 (1.1).
        CHECK(travel.road(z(0), z(3)) == doctest::Approx(0.35));
        // 2 -> 4: 2-3-4 is 1.0, 2-1-0-3-4 is 0.2 + 0.3 + 0.35 + 0.1 = 0.95.
        CHECK(travel.road(z(2), z(4)) == doctest::Approx(0.95));
    }

    TEST_CASE("the response time adds the destination's internal response") {
        Theatre theatre = make_zones(2);
        theatre.zones[0].internal_response = 10.0 / 60;
        theatre.zones[1].internal_response = 20.0 / 60;
        add_road(theatre, 0, 1, 0.5);
        const mmsim::TravelTimes travel(theatre);
        SUBCASE("within a zone it is the zone's internal response") {
            CHECK(travel.between(z(0), z(0)) == doctest::Approx(10.0 / 60));
            CHECK(travel.between(z(1), z(1)) == doctest::Approx(20.0 / 60));
        }
        SUBCASE("across zones it is road travel plus the destination's internal response") {
            CHECK(travel.between(z(0), z(1)) == doctest::Approx(0.5 + 20.0 / 60));
            CHECK(travel.between(z(1), z(0)) == doctest::Approx(0.5 + 10.0 / 60));
        }
    }

    TEST_CASE("zero-length roads and parallel roads are handled") {
        Theatre theatre = make_zones(3);
        add_road(theatre, 0, 1, 0.0);
        add_road(theatre, 1, 2, 2.0);
        add_road(theatre, 1, 2, 1.5);
        const mmsim::TravelTimes travel(theatre);
        CHECK(travel.road(z(0), z(1)) == 0.0);
        CHECK(travel.road(z(0), z(2)) == doctest::Approx(1.5));
    }

    TEST_CASE("an unreachable zone is infinitely far") {
        Theatre theatre = make_zones(3);
        add_road(theatre, 0, 1, 1.0);
        const mmsim::TravelTimes travel(theatre);
        CHECK(std::isinf(travel.road(z(0), z(2))));
        CHECK(std::isinf(travel.between(z(2), z(1))));
        CHECK(travel.between(z(2), z(2)) == 0.0);
    }

    TEST_CASE("a single zone without roads") {
        Theatre theatre = make_zones(1, 0.25);
        const mmsim::TravelTimes travel(theatre);
        CHECK(travel.zone_count() == 1);
        CHECK(travel.between(z(0), z(0)) == doctest::Approx(0.25));
    }
}
