#include "result_helpers.hpp"

#include <doctest/doctest.h>

namespace mmsim::testing {

double metric(const ReplicationResult& result, const std::string& name) {
    for (const MetricValue& m : result.metrics)
        if (m.name == name) return m.value;
    FAIL("no metric " << name);
    return 0;
}

const std::vector<double>& series(const ReplicationResult& result, const std::string& table,
                                  const std::string& entity, const std::string& name) {
    for (const DailySeries& s : result.series)
        if (s.table == table && s.entity == entity && s.metric == name) return s.by_day;
    FAIL("no series " << table << "/" << entity << "/" << name);
    static const std::vector<double> none;
    return none;
}

}  // namespace mmsim::testing
