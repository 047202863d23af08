#pragma once
// Internal: the maps of report.html. Zones are drawn as circles at their
// coordinates, their area proportional to population, joined by the roads;
// not as Voronoi cells clipped to the theatre's hull: commune centres are
// approximate and communes differ twentyfold in area (Cité Soleil 22 km²,
// Croix-des-Bouquets 635 km²), so cells would draw borders that exist nowhere,
// and the circles show each zone's weight in the population-weighted figures.
// A key map names the zones and gives the roads' travel minutes, the airport
// and the bases; small multiples then colour the zones by a figure for each
// time window (or each third of the run), one row per figure.

#include <string>
#include <vector>

#include "mmsim/report.hpp"
#include "mmsim/scenario.hpp"

namespace mmsim::detail {

/// Kilometres per degree of latitude (a sphere of radius 6371 km).
inline constexpr double kKmPerDegree = 111.19492664455873;

/// A position on a map, in SVG pixels (y grows down).
struct MapPoint {
    double x = 0, y = 0;
};

/// An equirectangular projection about the centre of the zones' bounding box
/// (east-west distances shrunk by the cosine of its latitude), north up,
/// scaled so that every zone fits a box.
struct MapProjection {
    double lat0 = 0, lon0 = 0;  ///< degrees: the bounding box's centre
    double px_per_km = 1;
    double cx = 0, cy = 0;      ///< pixels: where (lat0, lon0) is drawn

    /// The point at `lat`, `lon` (degrees).
    MapPoint project(double lat, double lon) const;
};

/// Whether the theatre can be drawn: two zones or more, not all at the same
/// coordinates (zones without lat/lon sit at 0, 0).
bool has_map(const Theatre& theatre);

/// The zones' extent in km: east-west, north-south (each at least 1 km).
std::pair<double, double> map_extent_km(const Theatre& theatre);

/// The projection that fits every zone centre into a `width` x `height` box
/// (pixels) keeping `margin` pixels free on each side, the zones centred.
MapProjection fit_projection(const Theatre& theatre, double width, double height, double margin);

/// A circle's radius (px) whose area is proportional to `population`, the
/// largest zone (`max_population`) getting `max_radius`; at least 2 px.
double zone_radius(double population, double max_population, double max_radius);

/// A round length (1, 2 or 5 times a power of ten, km) near a quarter of `width_km`.
double scale_bar_km(double width_km);

/// The colour of `t` in [0, 1] on the viridis ramp (dark purple to yellow:
/// perceptually even, readable with any common colour-vision deficiency and
/// in grey print); "#bbbbbb" for NaN.
std::string ramp_colour(double t);

/// The key map: zones named, roads with travel minutes, airport, bases,
/// population legend and scale bar. "" when !has_map.
std::string theatre_map_svg(const Scenario& scenario);

/// One figure of the zones over periods, drawn side by side.
struct MapRow {
    std::string title;       ///< "patrol ratio"
    std::string unit;        ///< "%", "min"
    double scale = 1;        ///< value x scale is shown
    double low = 0, high = 1;  ///< the colour ramp's range (unscaled)
    bool higher_is_better = true;
    std::vector<std::string> period_titles;
    std::vector<std::vector<double>> values;  ///< [period][zone], NaN = no data
};

/// The small multiples of `row`: a map per period, then a colour legend and a
/// scale bar. Each zone is one <circle class="zone">.
std::string map_row_svg(const Scenario& scenario, const MapRow& row);

/// The "Maps" section of report.html (a note when the zones have no
/// coordinates).
std::string maps_section(const Report& report, const Scenario& scenario);

}  // namespace mmsim::detail
