#pragma once
// Scenarios written inline in tests: loading them from text, and the problems
// the loader reports for them.

#include <string>
#include <vector>

#include "mmsim/scenario.hpp"

namespace mmsim::testing {

/// A valid scenario of 9 lines (one contingent, "kenya", 200 officers), so
/// that a field appended to it is on line 10.
extern const std::string kMinimalScenario;

/// The path of the base scenario of the sweep tests, tests/data/sweep/base.yaml.
extern const std::string kSweepBase;

/// `text` with every occurrence of `prefix` removed.
std::string strip(std::string text, const std::string& prefix);

/// Every problem load_scenario reports for `text`, one per line, with the
/// scratch folder's path left out ("case.yaml:3:1: ..."); "" when it loads.
std::string problems(const std::string& text, const std::vector<std::string>& overrides = {});

/// The scenario `text` describes (it must load).
Scenario load_text(const std::string& text, const std::vector<std::string>& overrides = {});

}  // namespace mmsim::testing
