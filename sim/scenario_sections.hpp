#pragma once
// The scenario loader reads one section per file (theatre, airport and
// contingents, patrols and incidents, distributions); this header is what they
// share: the limits, and the context later sections need from earlier ones.

#include <optional>
#include <string>
#include <vector>

#include "mmsim/document.hpp"
#include "mmsim/scenario.hpp"
#include "scenario_reader.hpp"

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

/// A distribution of a duration (hours): a plain duration, or a map with `dist`.
std::optional<Distribution> read_distribution(const Node& node, const std::string& path,
                                              Diagnostics& out);

}  // namespace mmsim::detail
