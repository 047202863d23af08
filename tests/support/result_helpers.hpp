#pragma once
// Looking up a replication's figures by name in tests.

#include <string>
#include <vector>

#include "mmsim/engine.hpp"

namespace mmsim::testing {

/// The value of metric `name`; fails the test when the result has none.
double metric(const ReplicationResult& result, const std::string& name);

/// The daily values of series table/entity/name; fails the test (and returns
/// an empty series) when the result has none.
const std::vector<double>& series(const ReplicationResult& result, const std::string& table,
                                  const std::string& entity, const std::string& name);

/// Zone `i` of a test theatre, as an id.
inline ZoneId z(int i) { return ZoneId(static_cast<std::uint32_t>(i)); }

}  // namespace mmsim::testing
