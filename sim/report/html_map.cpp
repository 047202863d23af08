#include "report/html_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "report/chart_axes.hpp"
#include "report/svg_chart.hpp"
#include "report/text_width.hpp"
#include "mmsim/statistics.hpp"

namespace mmsim::detail {
namespace {

constexpr double kMapWidth = 760;
constexpr double kDegreesToRadians = 3.14159265358979323846 / 180;

std::string zone_display_name(const Zone& zone) { return zone.name.empty() ? zone.id : zone.name; }

// Zones drawn largest first, so that a small zone next to a big one stays visible.
std::vector<std::size_t> drawing_order(const Theatre& theatre) {
    std::vector<std::size_t> order(theatre.zones.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return theatre.zones[a].population > theatre.zones[b].population;
    });
    return order;
}

double largest_population(const Theatre& theatre) {
    double largest = 0;
    for (const Zone& z : theatre.zones) largest = std::max(largest, z.population);
    return largest;
}

std::string roads_svg(const Scenario& scenario, const MapProjection& projection, bool with_minutes) {
    const auto& zones = scenario.theatre.zones;
    std::string lines, labels;
    for (const Road& road : scenario.theatre.roads) {
        const Zone& a = zones[road.a.value];
        const Zone& b = zones[road.b.value];
        const MapPoint p = projection.project(a.lat, a.lon), q = projection.project(b.lat, b.lon);
        lines += "<line class=\"road\" x1=\"" + px(p.x) + "\" y1=\"" + px(p.y) + "\" x2=\"" + px(q.x) +
                 "\" y2=\"" + px(q.y) + "\"/>\n";
        if (with_minutes)
            labels += "<text class=\"minutes\" x=\"" + px((p.x + q.x) / 2) + "\" y=\"" + px((p.y + q.y) / 2) +
                      "\" dy=\"4\" text-anchor=\"middle\">" + format_quantity(road.travel * 60, 0) + " min</text>\n";
    }
    return "<g stroke=\"#8c8c8c\" stroke-width=\"" + std::string(with_minutes ? "1.6" : "1") + "\">\n" + lines +
           "</g>\n" + labels;
}

// The airport (a black triangle) and each base (a black-edged square), on
// the rim of their zone's circle, so that the circle's colour stays visible.
std::string sites_svg(const Scenario& scenario, const MapProjection& projection, double max_radius,
                      double size) {
    const Theatre& theatre = scenario.theatre;
    const double largest = largest_population(theatre);
    std::string out;
    auto rim = [&](ZoneId id, double direction) {
        const Zone& z = theatre.zones[id.value];
        const MapPoint c = projection.project(z.lat, z.lon);
        const double r = zone_radius(z.population, largest, max_radius) * 0.75;
        return MapPoint{c.x + direction * r, c.y - r};
    };
    for (const ZoneId& base : theatre.bases) {
        if (base.value >= theatre.zones.size()) continue;
        const MapPoint p = rim(base, -1);
        out += "<rect class=\"base\" x=\"" + px(p.x - size / 2) + "\" y=\"" + px(p.y - size / 2) + "\" width=\"" +
               px(size) + "\" height=\"" + px(size) + "\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"1.5\"/>\n";
    }
    if (scenario.airport.zone && scenario.airport.zone->value < theatre.zones.size()) {
        const MapPoint p = rim(*scenario.airport.zone, 1);
        out += "<path class=\"airport\" d=\"M" + px(p.x) + "," + px(p.y - size * 0.7) + "L" + px(p.x + size * 0.7) +
               "," + px(p.y + size * 0.5) + "L" + px(p.x - size * 0.7) + "," + px(p.y + size * 0.5) +
               "Z\" fill=\"#000000\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n";
    }
    return out;
}

// A scale bar ending at `right`.
std::string scale_bar_svg(double right, double y, const MapProjection& projection, double width_px) {
    const double km = scale_bar_km(width_px / projection.px_per_km);
    const double length = km * projection.px_per_km, x = right - length;
    return "<g class=\"scale-bar\"><path d=\"M" + px(x) + "," + px(y - 5) + "V" + px(y) + "H" + px(x + length) + "V" +
           px(y - 5) + "\" fill=\"none\" stroke=\"#222222\" stroke-width=\"1.5\"/><text x=\"" +
           px(x + length / 2) + "\" y=\"" + px(y - 8) + "\" text-anchor=\"middle\">" + format_quantity(km, 0) +
           " km</text></g>\n";
}

std::string svg_open(double width, double height, const std::string& title) {
    return "<svg class=\"chart map\" viewBox=\"0 0 " + px(width) + " " + px(height) +
           "\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\"><title>" + escape_xml(title) +
           "</title>\n<style>.minutes{font-size:10px;fill:#444444;paint-order:stroke;stroke:#ffffff;"
           "stroke-width:3px}.name{paint-order:stroke;stroke:#ffffff;stroke-width:3px}</style>\n";
}

}  // namespace

MapPoint MapProjection::project(double lat, double lon) const {
    const double east_km = (lon - lon0) * std::cos(lat0 * kDegreesToRadians) * kKmPerDegree;
    const double north_km = (lat - lat0) * kKmPerDegree;
    return {cx + east_km * px_per_km, cy - north_km * px_per_km};
}

bool has_map(const Theatre& theatre) {
    for (const Zone& z : theatre.zones)
        if (z.lat != theatre.zones.front().lat || z.lon != theatre.zones.front().lon) return true;
    return false;
}

namespace {

struct LatLonBox {
    double lat_min, lat_max, lon_min, lon_max;
};

LatLonBox bounding_box(const Theatre& theatre) {
    LatLonBox box{90, -90, 180, -180};
    for (const Zone& z : theatre.zones) {
        box.lat_min = std::min(box.lat_min, z.lat);
        box.lat_max = std::max(box.lat_max, z.lat);
        box.lon_min = std::min(box.lon_min, z.lon);
        box.lon_max = std::max(box.lon_max, z.lon);
    }
    return box;
}

}  // namespace

std::pair<double, double> map_extent_km(const Theatre& theatre) {
    const LatLonBox box = bounding_box(theatre);
    const double lat0 = (box.lat_min + box.lat_max) / 2;
    return {std::max(1.0, (box.lon_max - box.lon_min) * std::cos(lat0 * kDegreesToRadians) * kKmPerDegree),
            std::max(1.0, (box.lat_max - box.lat_min) * kKmPerDegree)};
}

MapProjection fit_projection(const Theatre& theatre, double width, double height, double margin) {
    const LatLonBox box = bounding_box(theatre);
    const auto [east_km, north_km] = map_extent_km(theatre);
    MapProjection projection;
    projection.lat0 = (box.lat_min + box.lat_max) / 2;
    projection.lon0 = (box.lon_min + box.lon_max) / 2;
    projection.px_per_km = std::max(1e-9, std::min((width - 2 * margin) / east_km, (height - 2 * margin) / north_km));
    projection.cx = width / 2;
    projection.cy = height / 2;
    return projection;
}

double zone_radius(double population, double max_population, double max_radius) {
    if (!(max_population > 0) || !(population > 0)) return 2;
    return std::max(2.0, max_radius * std::sqrt(population / max_population));
}

double scale_bar_km(double width_km) {
    const double target = width_km / 4;
    if (!(target > 0)) return 1;
    const double power = std::pow(10.0, std::floor(std::log10(target)));
    double best = power;
    for (double step : {1.0, 2.0, 5.0, 10.0})
        if (step * power <= target * 1.5) best = step * power;
    return best;
}

std::string ramp_colour(double t) {
    if (!std::isfinite(t)) return "#bbbbbb";
    // viridis at 0, 0.25, 0.5, 0.75, 1, linearly between.
    static constexpr std::array<std::array<int, 3>, 5> kStops{
        {{0x44, 0x01, 0x54}, {0x3b, 0x52, 0x8b}, {0x21, 0x91, 0x8c}, {0x5e, 0xc9, 0x62}, {0xfd, 0xe7, 0x25}}};
    t = std::clamp(t, 0.0, 1.0) * 4;
    const auto i = static_cast<std::size_t>(std::min(3.0, std::floor(t)));
    const double f = t - static_cast<double>(i);
    char colour[8];
    auto mix = [&](int c) {
        return static_cast<int>(std::lround(kStops[i][c] + f * (kStops[i + 1][c] - kStops[i][c])));
    };
    std::snprintf(colour, sizeof colour, "#%02x%02x%02x", mix(0), mix(1), mix(2));
    return colour;
}

std::string theatre_map_svg(const Scenario& scenario) {
    const Theatre& theatre = scenario.theatre;
    if (!has_map(theatre)) return "";
    const auto [east_km, north_km] = map_extent_km(theatre);
    constexpr double kMargin = 56, kMaxRadius = 26, kLegend = 2 * kMaxRadius + 20;
    const double map_height = std::clamp((kMapWidth - 2 * kMargin) * north_km / east_km + 2 * kMargin, 240.0, 560.0);
    const MapProjection projection = fit_projection(theatre, kMapWidth, map_height, kMargin);
    const double largest = largest_population(theatre);

    std::string out = svg_open(kMapWidth, map_height + kLegend, "Map of the theatre: zones, roads, airport and bases");
    out += roads_svg(scenario, projection, true);
    for (std::size_t z : drawing_order(theatre)) {
        const Zone& zone = theatre.zones[z];
        const MapPoint p = projection.project(zone.lat, zone.lon);
        out += "<circle class=\"zone\" cx=\"" + px(p.x) + "\" cy=\"" + px(p.y) + "\" r=\"" +
               px(zone_radius(zone.population, largest, kMaxRadius)) +
               "\" fill=\"#9ecae1\" fill-opacity=\"0.85\" stroke=\"#08519c\" stroke-width=\"1\"><title>" +
               escape_xml(zone_display_name(zone)) + ": " + format_quantity(zone.population, 0) +
               " people</title></circle>\n";
    }
    out += sites_svg(scenario, projection, kMaxRadius, 11);
    // Names under their circles, clear of the roads' minutes (which sit
    // between zones), kept inside the map at its edges (about 7 px a letter).
    for (const Zone& zone : theatre.zones) {
        const MapPoint p = projection.project(zone.lat, zone.lon);
        const std::string name = zone_display_name(zone);
        const double half = 3.5 * static_cast<double>(display_width(name));
        const char* anchor = p.x + half > kMapWidth - 2 ? "end" : p.x - half < 2 ? "start" : "middle";
        const double x = anchor[0] == 'e' ? kMapWidth - 2 : anchor[0] == 's' ? 2 : p.x;
        out += "<text class=\"name\" x=\"" + px(x) + "\" y=\"" +
               px(p.y + zone_radius(zone.population, largest, kMaxRadius) + 13) + "\" text-anchor=\"" + anchor +
               "\" fill=\"#111111\">" + escape_xml(name) + "</text>\n";
    }

    // Legend: circles of round populations (the three largest of 1, 2, 5 x
    // 10^k up to the largest zone), the airport and bases; the scale bar top right.
    std::vector<double> sizes;
    for (double power = 1; power <= largest; power *= 10)
        for (double step : {1.0, 2.0, 5.0})
            if (step * power <= largest) sizes.push_back(step * power);
    if (sizes.size() > 3) sizes.erase(sizes.begin(), sizes.end() - 3);
    const double cy = map_height + 8 + kMaxRadius;
    out += "<g class=\"map-legend\">\n<text x=\"0\" y=\"" + px(cy + 4) + "\" fill=\"#333333\">population</text>\n";
    double x = 76;
    for (double people : sizes) {
        const double r = zone_radius(people, largest, kMaxRadius);
        out += "<circle cx=\"" + px(x + r) + "\" cy=\"" + px(cy) + "\" r=\"" + px(r) +
               "\" fill=\"#9ecae1\" stroke=\"#08519c\"/><text x=\"" + px(x + 2 * r + 4) + "\" y=\"" + px(cy + 4) +
               "\">" + format_quantity(people, 0) + "</text>\n";
        x += 2 * r + 70;
    }
    x += 10;
    out += "<path d=\"M" + px(x + 7) + "," + px(cy - 7) + "L" + px(x + 14) + "," + px(cy + 5) + "L" + px(x) + "," +
           px(cy + 5) + "Z\" fill=\"#000000\"/><text x=\"" + px(x + 19) + "\" y=\"" + px(cy + 4) +
           "\">airport</text>\n";
    out += "<rect x=\"" + px(x + 80) + "\" y=\"" + px(cy - 6) +
           "\" width=\"11\" height=\"11\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"1.5\"/><text x=\"" +
           px(x + 96) + "\" y=\"" + px(cy + 4) + "\">base</text>\n</g>\n";
    out += scale_bar_svg(kMapWidth - 8, 22, projection, kMapWidth - 2 * kMargin);
    return out + "</svg>\n";
}

std::string map_row_svg(const Scenario& scenario, const MapRow& row) {
    const Theatre& theatre = scenario.theatre;
    const std::size_t panels = std::max<std::size_t>(1, row.values.size());
    constexpr double kGap = 14, kTitle = 18, kLegend = 50;
    const double panel_width = (kMapWidth - kGap * static_cast<double>(panels - 1)) / static_cast<double>(panels);
    const double margin = std::clamp(panel_width * 0.07, 12.0, 24.0), max_radius = margin * 0.8;
    const auto [east_km, north_km] = map_extent_km(theatre);
    const double map_height =
        std::clamp((panel_width - 2 * margin) * north_km / east_km + 2 * margin, 110.0, 360.0);
    const MapProjection projection = fit_projection(theatre, panel_width, map_height, margin);
    const double largest = largest_population(theatre);

    std::string out = svg_open(kMapWidth, kTitle + map_height + kLegend, "Maps of " + row.title + " by zone");
    bool any_missing = false;
    for (std::size_t p = 0; p < row.values.size(); ++p) {
        const double left = static_cast<double>(p) * (panel_width + kGap);
        out += "<g class=\"panel\" transform=\"translate(" + px(left) + ",0)\">\n<text x=\"0\" y=\"13\" font-weight=\"600\">" +
               escape_xml(row.period_titles[p]) + "</text>\n<g transform=\"translate(0," + px(kTitle) + ")\">\n";
        out += "<rect x=\"0\" y=\"0\" width=\"" + px(panel_width) + "\" height=\"" + px(map_height) +
               "\" fill=\"#fafafa\" stroke=\"#dddddd\"/>\n";
        out += roads_svg(scenario, projection, false);
        for (std::size_t z : drawing_order(theatre)) {
            const Zone& zone = theatre.zones[z];
            const MapPoint c = projection.project(zone.lat, zone.lon);
            const double value = z < row.values[p].size() ? row.values[p][z] : kNaN;
            any_missing = any_missing || !std::isfinite(value);
            double t = row.high > row.low ? (value - row.low) / (row.high - row.low) : 0.5;
            if (!row.higher_is_better) t = 1 - t;
            out += "<circle class=\"zone\" cx=\"" + px(c.x) + "\" cy=\"" + px(c.y) + "\" r=\"" +
                   px(zone_radius(zone.population, largest, max_radius)) + "\" fill=\"" + ramp_colour(t) +
                   "\" stroke=\"#222222\" stroke-width=\"0.8\"><title>" + escape_xml(zone_display_name(zone)) + ": " +
                   (std::isfinite(value) ? format_quantity(value * row.scale, 1) + (row.unit == "%" ? "" : " ") + row.unit
                                         : std::string("no data")) +
                   "</title></circle>\n";
        }
        out += sites_svg(scenario, projection, max_radius, 7);
        out += "</g>\n</g>\n";
    }

    // Colour legend: the ramp in steps, ticks in displayed units, and which end is better.
    const double y = kTitle + map_height + 14, bar_width = 240, bar_left = 8;
    out += "<g class=\"map-legend\">\n<text x=\"0\" y=\"" + px(y) + "\" fill=\"#333333\">" + escape_xml(row.title) +
           (row.unit.empty() ? "" : " (" + escape_xml(row.unit) + ")") + "; lighter is better</text>\n";
    constexpr int kSteps = 24;
    for (int i = 0; i < kSteps; ++i) {
        const double t = (i + 0.5) / kSteps;
        out += "<rect x=\"" + px(bar_left + bar_width * i / kSteps) + "\" y=\"" + px(y + 6) + "\" width=\"" +
               px(bar_width / kSteps + 0.4) + "\" height=\"10\" fill=\"" +
               ramp_colour(row.higher_is_better ? t : 1 - t) + "\"/>\n";
    }
    for (double tick : nice_ticks(row.low * row.scale, row.high * row.scale, 5)) {
        if (tick < row.low * row.scale - 1e-9 || tick > row.high * row.scale + 1e-9) continue;
        const double x =
            bar_left + (row.high > row.low ? bar_width * (tick / row.scale - row.low) / (row.high - row.low) : 0);
        out += "<line x1=\"" + px(x) + "\" x2=\"" + px(x) + "\" y1=\"" + px(y + 16) + "\" y2=\"" + px(y + 20) +
               "\" stroke=\"#333333\"/><text x=\"" + px(x) + "\" y=\"" + px(y + 31) +
               "\" text-anchor=\"middle\" font-size=\"11\">" + format_quantity(tick, 0) + "</text>\n";
    }
    if (any_missing)
        out += "<rect x=\"" + px(bar_left + bar_width + 24) + "\" y=\"" + px(y + 6) +
               "\" width=\"10\" height=\"10\" fill=\"#bbbbbb\"/><text x=\"" + px(bar_left + bar_width + 38) + "\" y=\"" +
               px(y + 15) + "\" font-size=\"11\">no data</text>\n";
    out += "</g>\n";
    return out + scale_bar_svg(kMapWidth - 8, y + 20, projection, panel_width - 2 * margin) + "</svg>\n";
}

}  // namespace mmsim::detail
