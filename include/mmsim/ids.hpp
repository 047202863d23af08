#pragma once
// Strong ids: small indices into the scenario's vectors, passed by value. A
// ZoneId cannot be passed where a ContingentId is expected.

#include <compare>
#include <cstdint>

namespace mmsim {

template <class Tag>
struct Id {
    std::uint32_t value = 0;
    constexpr explicit Id(std::uint32_t v = 0) : value(v) {}
    friend constexpr auto operator<=>(Id, Id) = default;
};

using ZoneId = Id<struct ZoneTag>;
using ContingentId = Id<struct ContingentTag>;
using IncidentClassId = Id<struct IncidentClassTag>;
using TeamId = Id<struct TeamTag>;

}  // namespace mmsim
