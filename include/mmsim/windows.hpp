#pragma once
// Time windows: stretches of the horizon over which a report gives its
// headline figures again, so the build-up is not averaged in with the steady
// state. A scenario names them (YAML `windows`), and `run` and `compare` add
// more with `--window [NAME=]FROM..TO`. Each window's figures are metrics
// named "window.<name>.<metric>" (see scenarios/README.md, "Time windows").

#include <string>

#include "mmsim/time.hpp"

namespace mmsim {

/// Days `from` to `to` of the horizon, both inclusive.
struct TimeWindow {
    std::string name;  ///< an id: [a-z][a-z0-9_]*, unique in the scenario
    Date from;
    Date to;           ///< >= from

    /// Its first day, 0-based from the scenario's `start`.
    int first_day(Date start) const { return days_between(start, from); }
    /// One past its last day, 0-based from the scenario's `start`.
    int end_day(Date start) const { return days_between(start, to) + 1; }
    int days() const { return days_between(from, to) + 1; }
};

/// Windows a scenario may have, counting those of `--window`.
inline constexpr int kMaxWindows = 50;

}  // namespace mmsim
