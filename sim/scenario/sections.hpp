#pragma once
// The scenario loader reads one section per file (theatre, airport and
// contingents, patrols and incidents, distributions); this header is what they
// share: the limits, and the context later sections need from earlier ones.

#include <optional>
#include <string>
#include <vector>

#include "mmsim/document.hpp"
#include "mmsim/scenario.hpp"
#include "scenario/reader.hpp"

namespace mmsim::detail {

inline constexpr std::size_t kMaxZones = 10'000;
inline constexpr std::size_t kMaxRoads = 100'000;
inline constexpr std::size_t kMaxContingents = 1'000;
inline constexpr std::size_t kMaxWavesPerContingent = 10'000;
inline constexpr std::int64_t kMaxTotalOfficers = 10'000'000;
inline constexpr std::size_t kMaxClosures = 1'000;
inline constexpr std::size_t kMaxIncidentClasses = 100;
inline constexpr std::size_t kMaxScriptedIncidents = 100'000;
inline constexpr std::size_t kMaxEmpiricalValues = 10'000;
inline constexpr int kMaxHorizonDays = 36'525;  // 100 years
inline constexpr double kMaxLognormalSigma = 10;

/// What later sections need from earlier ones.
struct ReadContext {
    explicit ReadContext(Diagnostics& diagnostics) : out(diagnostics) {}

    Diagnostics& out;
    /// Both set only when start and end are valid and in order, so that
    /// date checks do not pile up behind one bad start date.
    std::optional<Date> start, end;
    bool has_theatre = false;
    /// False when a zone or road had a problem: connectivity is not checked
    /// then (a misspelt road would also "disconnect" its zones).
    bool roads_sound = true;
    IdTable zones{"zone"};
    IdTable classes{"incident class"};

    /// Reports `date` when it lies outside [start, end].
    void check_in_horizon(const Node& node, const std::string& path, Date date);
    /// Hours from the start to 00:00 of `date` (0 while the start is unknown).
    Hours hours_since_start(Date date) const {
        return start ? days_between(*start, date) * kHoursPerDay : 0;
    }
    /// Reports `date` when it lies after the end (a date before the start is
    /// allowed: it takes effect at the start); returns false then.
    bool check_not_after_end(const Node& node, const std::string& path, Date date);
    /// Reports `hours` (since start) when it lies outside [start, end + 1 day).
    void check_in_horizon(const Node& node, const std::string& path, Hours hours);
};

/// "14d", "36h" or "45min": a duration in messages.
std::string format_hours(Hours hours);

/// theatre: zones, roads and listed bases (not the default base).
void read_theatre(const Node* theatre, ReadContext& context, Theatre& out);
/// Default bases (the airport zone, else zone 0) and the reachability of
/// every zone from the first base.
void finish_theatre(const Airport& airport, ReadContext& context, Theatre& theatre);
void read_airport(const Node* airport, ReadContext& context, Airport& out);
void read_contingents(const Node& contingents, ReadContext& context, std::vector<Contingent>& out);
void read_patrols(const Node* patrols, ReadContext& context, Patrols& out);
void read_incidents(const Node* incidents, ReadContext& context, Incidents& out);

/// funding (after contingents: earmarks name them). `funding` may be null.
void read_funding(const Node* funding, ReadContext& context,
                  const std::vector<Contingent>& contingents, std::optional<Funding>& out);
/// vehicles (after contingents and funding: fleets name both). May be null.
void read_vehicles(const Node* vehicles, ReadContext& context,
                   const std::vector<Contingent>& contingents,
                   const std::optional<Funding>& funding, std::optional<Vehicles>& out);
/// control (after the theatre: the stability check uses its roads). May be null.
void read_control(const Node* control, ReadContext& context, const Theatre& theatre,
                  ControlDynamics& out);
/// An amount of money >= 0 in the scenario's currency, exact to the cent.
std::optional<Cents> read_money(const Node& node, const std::string& path, Diagnostics& out);

/// A distribution of a duration (hours): a plain duration, or a map with `dist`.
std::optional<Distribution> read_distribution(const Node& node, const std::string& path,
                                              Diagnostics& out);

/// windows: named stretches of the horizon, each within it.
void read_windows(const Node* windows, ReadContext& context, std::vector<TimeWindow>& out);

}  // namespace mmsim::detail
