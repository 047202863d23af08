#pragma once
// A scenario: the fixed model of one what-if, loaded from YAML, validated, and
// `const` for the whole run. Every field is a documented YAML key (see
// scenarios/README.md); defaults are the values a key takes when omitted.
// Its parts each have a header of their own: contingents.hpp (contingents,
// waves, airport), theatre.hpp (zones, roads), patrols.hpp, incidents.hpp,
// funding.hpp, vehicles.hpp and gang_control.hpp.
// Times are hours from the start date (00:00); dates stay dates only where a
// user reads them back.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mmsim/contingents.hpp"
#include "mmsim/document.hpp"
#include "mmsim/error.hpp"
#include "mmsim/funding.hpp"
#include "mmsim/gang_control.hpp"
#include "mmsim/incidents.hpp"
#include "mmsim/patrols.hpp"
#include "mmsim/theatre.hpp"
#include "mmsim/time.hpp"
#include "mmsim/vehicles.hpp"
#include "mmsim/windows.hpp"

namespace mmsim {

/// The whole scenario after `extends` and `--set` are resolved.
struct Scenario {
    std::string name;
    std::string description;
    std::string file;                 ///< the file it was loaded from
    Date start;                       ///< time 0 is 00:00 of this date
    Date end;                         ///< last simulated day (inclusive)
    std::uint64_t seed = 1;
    int replications = 10;
    std::string currency = "USD";
    Airport airport;
    std::vector<Contingent> contingents;
    Theatre theatre;                  ///< empty: no patrol/incident model
    Patrols patrols;
    Incidents incidents;
    std::optional<Funding> funding;   ///< none: unlimited money
    std::optional<Vehicles> vehicles; ///< none: unlimited vehicles
    ControlDynamics control;          ///< gang-control dynamics; default static
    std::vector<TimeWindow> windows;  ///< reported apart; none by default
    std::uint64_t hash = 0;           ///< of the resolved scenario (provenance)
    /// The `--set` arguments applied, in order (provenance; load_scenario only).
    std::vector<std::string> overrides;
    /// The `--window` arguments added (provenance; add_window_arguments only).
    std::vector<std::string> window_arguments;
    /// `file`, then its `extends` parents, each with its own hash (provenance;
    /// load_scenario only).
    std::vector<SourceFile> files;
    /// The resolved document (`extends` and `--set` applied) the scenario was
    /// read from: what `mmsim show` prints and `diff` compares. Set by
    /// load_scenario; shared, so copying a scenario does not copy it.
    std::shared_ptr<const Node> document;

    /// Simulated days: end - start + 1.
    int days() const { return days_between(start, end) + 1; }
    /// Horizon in hours.
    Hours horizon() const { return days() * kHoursPerDay; }
};

/// Loads, resolves (`extends`, then each `--set` "path=value" in order) and
/// validates a scenario. Throws ScenarioError listing every problem found.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

/// Adds a window for each `--window` argument, "[NAME=]FROM..TO" with ISO
/// dates within the horizon (NAME defaults to "wYYYYMMDD_YYYYMMDD"), after
/// the scenario's own, and records the arguments. Throws ScenarioError naming
/// every bad argument (malformed, outside the horizon, a name taken).
void add_window_arguments(Scenario& scenario, const std::vector<std::string>& arguments);
/// Whether `name` may name an output folder (a scenario's or a sweep's
/// `name`, `runs/<name>`): 1 to 64 letters, digits, '.', '_' or '-', not
/// starting with '.' (so never "." or ".."), hence no path separator.
bool is_safe_name(std::string_view name);
/// What a name that is_safe_name() refuses is told: "expected ..., got X".
inline constexpr std::string_view kSafeNameRule =
    "expected 1 to 64 letters, digits, '.', '_' or '-', not starting with '.' (it names the "
    "output folder)";

/// The JSON Schema (draft-07) of the scenario format, from the same table the
/// loader takes each section's keys from (`mmsim schema`).
std::string scenario_json_schema();

/// A scenario hash as every output shows it: 16 lower-case hex digits.
std::string format_hash(std::uint64_t hash);

/// The document load_scenario validates: `path` with its `extends` chain
/// resolved and each `--set` argument applied in order. Throws ScenarioError
/// (every bad argument at once) as load_scenario does, without validating the
/// scenario's values.
Node resolve_scenario_document(const std::string& path, const std::vector<std::string>& overrides = {});

/// Validates an already resolved document tree (`extends` and overrides
/// applied) as a scenario read from `file`, as load_scenario does. Lets a
/// sweep load its base once and build each point from a modified copy.
/// Throws ScenarioError listing every problem found.
Scenario build_scenario(const Node& root, const std::string& file);

}  // namespace mmsim

